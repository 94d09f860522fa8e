// Drafts: the agent's unsent text per conversation, kept in the profile (so a restart keeps it), shown on the
// list row, and gone once the reply or note is sent — never left behind to be sent twice.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { incoming, demoAccount } from '../support/incoming.js';

const msg = (n: number, from: string): IncomingMessage => incoming(from, { messageIdHeader: `d${n}@buyer.test`, subject: `Question ${n}`, date: Date.now() - 60_000 + n, text: 'Do you ship to Norway?' });

describe('undo send', () => {
  it('holds a reply the agent may take back, and takes it back whole', async () => {
    let clock = Date.now();
    const f = openCore(undefined, undefined, { now: () => clock });
    try {
      const store = f.core.store;
      const question = msg(1, 'ana@buyer.test');
      const id = demoAccount(f.core)(question);
      await f.call('settings.set', { undoSendSeconds: 10 });
      const sent = await f.call('messages.reply', { conversationId: id, text: 'Yes, to Norway too.', undoable: true });
      expect(sent.undoUntil).toBe(clock + 10_000);
      expect(store.outbox.get(sent.outboxId)).toMatchObject({ status: 'pending', nextAttemptAt: clock + 10_000 });
      // The account coming back online does not cut the window short.
      store.outbox.makeDueNow('acc', clock);
      expect(store.outbox.get(sent.outboxId)?.nextAttemptAt).toBe(clock + 10_000);
      expect((await f.call('conversations.get', { id })).conversation).toMatchObject({ answered: true, waitingSince: null });
      // Taken back: no message, no op, and the customer is waiting again.
      clock += 4000;
      expect(await f.call('outbox.discard', { id: sent.outboxId })).toEqual({ discarded: true });
      const detail = await f.call('conversations.get', { id });
      expect(detail.messages.map((m) => m.direction)).toEqual(['in']);
      expect(detail.conversation).toMatchObject({ answered: false, waitingSince: question.date });
      // Without Undo offered (the command line), a reply is due at once.
      const direct = await f.call('messages.reply', { conversationId: id, text: 'Yes.' });
      expect(direct.undoUntil).toBeNull();
      expect(store.outbox.get(direct.outboxId)?.nextAttemptAt).toBe(clock);
    } finally {
      await f.close();
    }
  });

  it('leaves a conversation as urgent as it was when the reply is taken back', async () => {
    const f = openCore();
    try {
      const id = demoAccount(f.core)(incoming('ana@buyer.test', { messageIdHeader: 'u1@buyer.test', subject: 'Broken vase', date: Date.now() - 60_000, text: 'The vase arrived broken, I want a refund.' }));
      expect((await f.call('conversations.get', { id })).conversation.urgency).toBe('urgent');
      await f.call('settings.set', { undoSendSeconds: 10 });
      // Answered: dealt with, for now.
      const sent = await f.call('messages.reply', { conversationId: id, text: 'So sorry! A new one goes out today.', undoable: true });
      expect((await f.call('conversations.get', { id })).conversation.urgency).toBe('normal');
      // Taken back: nobody answered, it is urgent again.
      expect(await f.call('outbox.discard', { id: sent.outboxId })).toEqual({ discarded: true });
      expect((await f.call('conversations.get', { id })).conversation.urgency).toBe('urgent');
      // An urgency the agent chose meanwhile is theirs: an undo leaves it.
      const again = await f.call('messages.reply', { conversationId: id, text: 'So sorry! A new one goes out today.', undoable: true });
      await f.call('conversations.setUrgency', { id, urgency: 'low' });
      expect(await f.call('outbox.discard', { id: again.outboxId })).toEqual({ discarded: true });
      expect((await f.call('conversations.get', { id })).conversation.urgency).toBe('low');
    } finally {
      await f.close();
    }
  });
  it('takes a new e-mail back with its conversation: nothing empty is left in any list', async () => {
    const f = openCore();
    try {
      demoAccount(f.core)(msg(2, 'ana@buyer.test'));
      await f.call('settings.set', { undoSendSeconds: 10 });
      const started = await f.call('messages.compose', { accountId: 'acc', to: 'nora@buyer.test', subject: 'Your order has shipped', text: 'It left today.', undoable: true });
      const listed = async () => (await f.call('conversations.list', { mailbox: 'inbox' })).map((c) => c.subject);
      expect(await listed()).toContain('Your order has shipped');
      expect(await f.call('outbox.discard', { id: started.outboxId })).toEqual({ discarded: true });
      // The conversation held only that e-mail: it is gone (the agent edits the e-mail again in its dialog).
      expect(await f.raw('conversations.get', { id: started.conversationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await listed()).toEqual(['Question 2']);
      expect(f.core.store.outbox.listOpen()).toEqual([]);
      // One the agent wrote a note in keeps it: only the e-mail goes.
      const noted = await f.call('messages.compose', { accountId: 'acc', to: 'nora@buyer.test', subject: 'Your refund', text: 'Refunded today.', undoable: true });
      await f.call('notes.add', { conversationId: noted.conversationId, text: 'Refund approved by Li.' });
      expect(await f.call('outbox.discard', { id: noted.outboxId })).toEqual({ discarded: true });
      const kept = await f.call('conversations.get', { id: noted.conversationId });
      expect(kept.messages).toEqual([]);
      expect(kept.notes.map((n) => n.text)).toEqual(['Refund approved by Li.']);
    } finally {
      await f.close();
    }
  });
});

describe('drafts', () => {
  it('are kept per conversation across a restart and removed by sending', async () => {
    let f = openCore();
    const profileDir = f.profileDir;
    let a = '';
    let b = '';
    try {
      const store = f.core.store;
      const put = demoAccount(f.core);
      a = put(msg(1, 'ana@buyer.test'));
      b = put(msg(2, 'ben@buyer.test'));
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
