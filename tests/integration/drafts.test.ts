// Drafts: the agent's unsent text per conversation, kept in the profile (so a restart keeps it), shown on the
// list row, and gone once the reply or note is sent — never left behind to be sent twice.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { ingestMessage, type IncomingMessage } from '../../electron/core/conversations/ingest.js';

const msg = (n: number, from: string): IncomingMessage => ({
  messageIdHeader: `d${n}@buyer.test`,
  inReplyTo: null,
  references: [],
  direction: 'in',
  from: { name: '', address: from },
  replyTo: [],
  to: [{ name: '', address: 'shop@example.test' }],
  cc: [],
  subject: `Question ${n}`,
  date: Date.now() - 60_000 + n,
  text: 'Do you ship to Norway?',
  fromHtml: false,
  isRead: false,
  attachments: [],
});

describe('drafts', () => {
  it('are kept per conversation across a restart and removed by sending', async () => {
    let f = openCore();
    const profileDir = f.profileDir;
    let a = '';
    let b = '';
    try {
      const store = f.core.store;
      store.accounts.insert({ id: 'acc', channel: 'demo', name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: 0 });
      a = store.transaction(() => ingestMessage(store, f.core.attachmentsDir, 'acc', msg(1, 'ana@buyer.test'), null, Date.now())).conversationId;
      b = store.transaction(() => ingestMessage(store, f.core.attachmentsDir, 'acc', msg(2, 'ben@buyer.test'), null, Date.now())).conversationId;
      expect(await f.call('drafts.get', { conversationId: a })).toBeNull();
      expect(await f.call('drafts.save', { conversationId: a, text: 'Yes, we ship to Nor', mode: 'reply' })).toEqual({ saved: true });
      expect(await f.call('drafts.save', { conversationId: b, text: 'Ask the warehouse', mode: 'note' })).toEqual({ saved: true });
      expect((await f.call('conversations.get', { id: a })).conversation.hasDraft).toBe(true);
      const unknown = await f.raw('drafts.save', { conversationId: 'nope', text: 'x', mode: 'reply' });
      expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    } finally {
      await f.close();
    }
    // The app opened again.
    f = openCore(profileDir);
    try {
      expect(await f.call('drafts.get', { conversationId: a })).toMatchObject({ text: 'Yes, we ship to Nor', mode: 'reply' });
      await f.call('drafts.save', { conversationId: a, text: 'Yes, we ship to Norway.', mode: 'reply' });
      await f.call('messages.reply', { conversationId: a, text: 'Yes, we ship to Norway.' });
      expect(await f.call('drafts.get', { conversationId: a })).toBeNull();
      expect((await f.call('conversations.get', { id: a })).conversation.hasDraft).toBe(false);
      // A note sent from the box takes its draft too; blank text removes one.
      await f.call('notes.add', { conversationId: b, text: 'Ask the warehouse' });
      expect(await f.call('drafts.get', { conversationId: b })).toBeNull();
      await f.call('drafts.save', { conversationId: b, text: 'x', mode: 'reply' });
      expect(await f.call('drafts.save', { conversationId: b, text: '  \n', mode: 'reply' })).toEqual({ saved: false });
      expect(await f.call('drafts.get', { conversationId: b })).toBeNull();
    } finally {
      await f.close();
    }
  });
});
