// A customer's message as a channel hands it to the core, for tests that store messages directly: a plain
// question from `from` to the shop, unread, with whatever the test changes.
import { ingestMessage, type IncomingMessage } from '../../electron/core/conversations/ingest.js';
import type { InboxCore } from '../../electron/core/inbox-core.js';

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

/**
 * A demo account in the core's store, and a function that stores a message for it in a transaction of its own,
 * as a channel would, at the core's time, giving back its conversation's id.
 */
export function demoAccount(core: InboxCore, id = 'acc', name = 'Shop', address = 'shop@example.test'): (m: IncomingMessage) => string {
  core.store.accounts.insert({ id, channel: 'demo', name, address, settings: {}, createdAt: 0 });
  return (m) => core.store.transaction(() => ingestMessage(core.store, core.attachmentsDir, id, m, null, core.now())).conversationId;
}
