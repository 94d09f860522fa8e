// Merging a customer's two conversations into one, undoing it, and splitting a message out: messages, notes,
// tags and threading follow (a later reply to the merged thread lands in the merged conversation), the counts
// and the reply timer are recomputed, and the undo brings the conversation back as it was.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { incoming, demoAccount } from '../support/incoming.js';

const base = Date.now() - 3_600_000;
const msg = (id: string, subject: string, minutes: number, inReplyTo: string | null = null): IncomingMessage =>
  incoming('ana@buyer.test', { messageIdHeader: `${id}@buyer.test`, inReplyTo, references: inReplyTo ? [inReplyTo] : [], from: { name: 'Ana', address: 'ana@buyer.test' }, subject, date: base + minutes * 60_000, text: `${subject} (${id})` });

describe('merging and splitting conversations', () => {
  it('moves everything into one conversation, undoes it, and splits a message out', async () => {
    const f = openCore();
    try {
      const shop = demoAccount(f.core);
      const other = demoAccount(f.core, 'acc2', 'Other', 'other@example.test');
      const put = (m: IncomingMessage, account = 'acc') => (account === 'acc' ? shop : other)(m);
      const order = put(msg('o1', 'Order 1234 not arrived', 0));
      const photo = put(msg('p1', 'Photo of the damage', 10));
      put(msg('p2', 'Re: Photo of the damage', 20, 'p1@buyer.test'));
      await f.call('notes.add', { conversationId: photo, text: 'Asked the warehouse' });
      await f.call('conversations.setTags', { id: photo, tags: ['damaged'] });
      const elsewhere = put(msg('x1', 'Hello', 5), 'acc2');

      const refused = await f.raw('conversations.merge', { intoId: order, fromId: elsewhere });
      expect(refused.ok ? null : refused.error.code).toBe('INVALID_INPUT');

      const { mergeId } = await f.call('conversations.merge', { intoId: order, fromId: photo });
      const merged = await f.call('conversations.get', { id: order });
      expect(merged.messages.map((m) => m.text)).toEqual(['Order 1234 not arrived (o1)', 'Photo of the damage (p1)', 'Re: Photo of the damage (p2)']);
      expect(merged.notes.map((n) => n.text)).toEqual(['Asked the warehouse']);
      expect(merged.conversation).toMatchObject({ messageCount: 3, unreadCount: 3, tags: ['damaged'], waitingSince: base, lastMessageAt: base + 20 * 60_000 });
      expect(merged.lastMerge).toEqual({ id: mergeId, subject: 'Photo of the damage' });
      expect((await f.raw('conversations.get', { id: photo })).ok).toBe(false);
      // The customer answers in the merged thread: it lands in the merged conversation.
      expect(put(msg('p3', 'Re: Photo of the damage', 30, 'p2@buyer.test'))).toBe(order);

      // Undone: both back as they were (the new message stays where it arrived).
      await f.call('conversations.unmerge', { mergeId });
      const back = await f.call('conversations.get', { id: photo });
      expect(back.messages.map((m) => m.text)).toEqual(['Photo of the damage (p1)', 'Re: Photo of the damage (p2)']);
      expect(back.notes).toHaveLength(1);
      expect(back.conversation).toMatchObject({ subject: 'Photo of the damage', tags: ['damaged'], messageCount: 2 });
      expect((await f.call('conversations.get', { id: order })).messages.map((m) => m.text)).toEqual(['Order 1234 not arrived (o1)', 'Re: Photo of the damage (p3)']);
      expect((await f.raw('conversations.unmerge', { mergeId })).ok).toBe(false);

      // Split: p3 was about the photo after all; it becomes a conversation of its own, and replies to it follow.
      const p3 = (await f.call('conversations.get', { id: order })).messages[1]!.id;
      const { conversationId: alone } = await f.call('messages.split', { id: p3 });
      expect((await f.call('conversations.get', { id: alone })).conversation).toMatchObject({ subject: 'Photo of the damage', messageCount: 1, customerAddress: 'ana@buyer.test' });
      expect((await f.call('conversations.get', { id: order })).conversation).toMatchObject({ messageCount: 1, lastMessageAt: base });
      expect(put(msg('p4', 'Re: Photo of the damage', 40, 'p3@buyer.test'))).toBe(alone);
      const only = (await f.call('conversations.get', { id: order })).messages[0]!.id;
      expect((await f.raw('messages.split', { id: only })).ok).toBe(false);
    } finally {
      await f.close();
    }
  });
});
