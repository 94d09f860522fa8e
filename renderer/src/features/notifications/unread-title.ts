// The unread count in the window title — "(3) Cross-border Inbox" — which the desktop shell also puts on the
// dock or taskbar badge. Counted again as conversations change.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/client';

/** The count stops here ("999+"). */
const CAP = 999;

export function titleWithUnread(title: string, unread: { count: number; more: boolean }): string {
  if (unread.count === 0) return title;
  return `(${unread.more ? `${CAP}+` : unread.count}) ${title}`;
}

export function useUnreadTitle(refreshKey: unknown): void {
  const { t } = useTranslation();
  useEffect(() => {
    let live = true;
    void getApi()
      .invoke('search.count', { query: 'is:unread', cap: CAP })
      .then((r) => {
        if (live) document.title = titleWithUnread(t('app.title'), r.ok ? r.value : { count: 0, more: false });
      });
    return () => {
      live = false;
    };
  }, [t, refreshKey]);
}
