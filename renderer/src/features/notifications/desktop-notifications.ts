// Customers' new messages as desktop notifications (the core decides what is news: see its notifier): the
// Notification API, which Electron shows as the system's own and a browser as its own. Clicking one brings the
// window forward on that conversation. A burst (a sync catching up) becomes one notification, not a stack.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { NewMessageNotice } from '../../../../shared/domain/notifications';
import { getApi } from '../../api/client';

/** More new messages at once than this are told as one. */
const MAX_SEPARATE = 3;

export function showNotices(notices: NewMessageNotice[], t: TFunction, open: (conversationId: string) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || notices.length === 0) return;
  const onClick = (n: Notification, conversationId: string) => {
    n.onclick = () => {
      window.focus();
      open(conversationId);
      n.close();
    };
  };
  if (notices.length > MAX_SEPARATE) {
    const names = [...new Set(notices.map((x) => x.customer))];
    const n = new Notification(t('notifications.many', { count: notices.length }), { body: names.slice(0, 5).join(', '), tag: 'new-messages' });
    onClick(n, notices[0]!.conversationId);
    return;
  }
  for (const notice of notices) {
    const n = new Notification(notice.customer, { body: notice.snippet || notice.subject, tag: `conversation-${notice.conversationId}` });
    onClick(n, notice.conversationId);
  }
}

/** Shows the core's notifications while the window is open; `open` selects the conversation clicked. */
export function useDesktopNotifications(open: (conversationId: string) => void): void {
  const { t } = useTranslation();
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => getApi().on('notifications.new', ({ notices }) => showNotices(notices, t, (id) => openRef.current(id))), [t]);
}

/** Whether this window may show notifications, asking the first time (a browser asks the agent; Electron allows). */
export async function allowNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  if (Notification.permission === 'default') await Notification.requestPermission();
  return Notification.permission === 'granted';
}
