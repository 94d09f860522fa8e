// Which changed conversations deserve a desktop notification: a customer's new message (a person's, not a
// machine's or a survey score) that arrived while the app runs and is recent, in the inbox and unread, on an
// account not muted, outside quiet hours — each message once. The renderer shows them (Electron's and the
// browser's Notification API alike).
import type { Store } from '../db/store.js';
import { inQuietHours, type NewMessageNotice } from '../../../shared/domain/notifications.js';
import { isSurveyAnswer } from '../autoreply/csat.js';

/** A message dated longer ago than this when it arrives (a first sync, a backlog) is not news. */
export const NEWS_FOR_MS = 15 * 60_000;
/** Message ids remembered as told (older ones are long past NEWS_FOR_MS). */
const REMEMBERED = 5000;

export class Notifier {
  private readonly told = new Set<string>();
  private readonly since: number;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly notify: (notices: NewMessageNotice[]) => void,
    private readonly timeZone: () => string = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  ) {
    this.since = now();
  }

  changed(ids: string[]): void {
    const settings = this.store.appSettings.get().notifications;
    const now = this.now();
    if (!settings.enabled || inQuietHours(settings.quietHours, now, this.timeZone())) return;
    const notices: NewMessageNotice[] = [];
    // A sync's backlog stops here: conversations with no message dated within NEWS_FOR_MS (one read for all).
    const recent = this.store.conversations.withMessageSince(ids, now - NEWS_FOR_MS);
    for (const id of ids) {
      if (!recent.has(id)) continue;
      // The newest customer message first (one indexed read).
      const incoming = this.store.autoReplies.newestIncoming(id);
      if (!incoming || incoming.automated || this.told.has(incoming.id)) continue;
      if (incoming.createdAt < this.since || incoming.date < now - NEWS_FOR_MS) continue;
      const c = this.store.conversations.get(id);
      if (!c || c.mailbox !== 'inbox' || c.unreadCount === 0 || settings.mutedAccounts.includes(c.accountId)) continue;
      if (c.snoozedUntil !== null && c.snoozedUntil > now) continue;
      if (isSurveyAnswer(this.store, id, incoming.id)) continue;
      this.remember(incoming.id);
      notices.push({ conversationId: id, accountId: c.accountId, customer: c.customerName || c.customerAddress, subject: c.subject, snippet: c.snippet.slice(0, 140) });
    }
    if (notices.length > 0) this.notify(notices);
  }

  private remember(messageId: string): void {
    if (this.told.size >= REMEMBERED) this.told.delete(this.told.values().next().value!);
    this.told.add(messageId);
  }
}
