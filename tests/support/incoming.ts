// A customer's message as a channel hands it to the core, for tests that store messages directly: a plain
// question from `from` to the shop, unread, with whatever the test changes.
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';

let n = 0;

export function incoming(from: string, over: Partial<IncomingMessage> = {}): IncomingMessage {
  n += 1;
  return {
    messageIdHeader: `incoming-${n}@buyer.test`,
    inReplyTo: null,
    references: [],
    direction: 'in',
    from: { name: '', address: from },
    replyTo: [],
    to: [{ name: '', address: 'shop@example.test' }],
    cc: [],
    subject: `Question ${n}`,
    date: Date.parse('2026-11-20T10:00:00Z') + n * 60_000,
    text: 'Hello?',
    fromHtml: false,
    isRead: false,
    attachments: [],
    ...over,
  };
}
