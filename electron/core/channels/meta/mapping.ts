// Messenger and Instagram conversations → the core's. Pure: no I/O. A Graph conversation is one conversation;
// the customer is `messenger:<page-scoped id>` or `instagram:<Instagram-scoped id>`.
import type { Participant } from '../../../../shared/domain/types.js';
import type { IncomingAttachment, IncomingMessage } from '../../conversations/ingest.js';
import type { GraphMessage, GraphUser, Platform } from './api.js';

export const identityOf = (platform: Platform, id: string) => `${platform}:${id}`;

export function scopedIdOf(platform: Platform, identity: string): string | null {
  return identity.startsWith(`${platform}:`) ? identity.slice(platform.length + 1) || null : null;
}

export const conversationThreadKey = (platform: Platform, conversationId: string) => `conv-${conversationId}@${platform}.invalid`;

export function conversationIdOf(platform: Platform, references: string[]): string | null {
  const suffix = `@${platform}.invalid`;
  for (const r of references) if (r.startsWith('conv-') && r.endsWith(suffix)) return r.slice(5, -suffix.length);
  return null;
}

/** Graph times look like 2026-12-02T08:15:00+0000 (no colon in the offset). */
export const graphTime = (t: string) => Date.parse(t.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) || 0;

export const messageKey = (platform: Platform, messageId: string) => `${messageId.replace(/[<>@\s]/g, '_')}@${platform}.invalid`;

export function participantOf(platform: Platform, user: GraphUser): Participant {
  const name = user.name || (user.username ? `@${user.username}` : user.id);
  return { name, address: identityOf(platform, user.id) };
}

function attachmentsOf(m: GraphMessage): IncomingAttachment[] {
  return (m.attachments?.data ?? [])
    .map((a, i) => ({ a, i, url: a.image_data?.url ?? a.file_url }))
    .filter((x) => x.url)
    .map(({ a, i, url }) => ({
      filename: a.name || `attachment-${i + 1}${a.image_data ? '.jpg' : ''}`,
      contentType: a.mime_type || (a.image_data ? 'image/jpeg' : 'application/octet-stream'),
      contentId: null,
      remote: { part: url!, size: a.size ?? 0 },
    }));
}

/** One message; `self` is the Page (Messenger) or its Instagram account, whose messages are ours. */
export function mapMessage(platform: Platform, conversationId: string, m: GraphMessage, self: Participant & { id: string }): IncomingMessage {
  const mine = m.from.id === self.id;
  const other = mine ? m.to.data.find((u) => u.id !== self.id) : m.from;
  const customer = other ? participantOf(platform, other) : { name: '', address: identityOf(platform, 'unknown') };
  const me: Participant = { name: self.name, address: self.address };
  return {
    messageIdHeader: messageKey(platform, m.id),
    inReplyTo: null,
    references: [conversationThreadKey(platform, conversationId)],
    direction: mine ? 'out' : 'in',
    from: mine ? me : customer,
    replyTo: [],
    to: [mine ? customer : me],
    cc: [],
    subject: '',
    date: graphTime(m.created_time),
    text: m.message ?? '',
    fromHtml: false,
    isRead: mine,
    attachments: attachmentsOf(m),
  };
}
