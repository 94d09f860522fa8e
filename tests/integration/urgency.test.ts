// Urgency in the inbox: a customer's message makes a conversation urgent (shown in the list and the Urgent
// view), a person's answer settles it, a later message raises it again, and the agent's own choice stays until
// given back to the messages.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { incoming, demoAccount } from '../support/incoming.js';

const msg = (n: number, from: string, text: string, inReplyTo: string | null = null): IncomingMessage =>
  incoming(from, { messageIdHeader: `u${n}@buyer.test`, inReplyTo, references: inReplyTo ? [inReplyTo] : [], subject: 'Order', date: Date.now() - 60_000 + n, text });

describe('urgency', () => {
  it('comes from the customer’s words, is settled by an answer, and can be set by the agent', async () => {
    const f = openCore();
    try {
      const put = demoAccount(f.core, 'a');
      const angry = put(msg(1, 'ana@buyer.test', 'Das Paket kam beschädigt an. Ich will mein Geld zurück!'));
      const calm = put(msg(2, 'ben@buyer.test', 'Hello, do you ship to Canada?'));
      const thanks = put(msg(3, 'cy@buyer.test', 'Thank you so much!'));
      const newsletter = put({ ...msg(4, 'news@list.test', 'URGENT!!! LAST CHANCE SALE'), automated: 'list' });

      const urgencyOf = async (id: string) => (await f.call('conversations.get', { id })).conversation.urgency;
      expect(await urgencyOf(angry)).toBe('urgent');
      expect(await urgencyOf(calm)).toBe('normal');
      expect(await urgencyOf(thanks)).toBe('low');
      // A machine's shouting is not a customer's.
      expect(await urgencyOf(newsletter)).toBe('normal');
      expect(await f.call('search.count', { query: 'is:urgent is:unanswered' })).toMatchObject({ count: 1 });

      // Answered: settled. The customer writes again, calmly: it stays normal; angrily: urgent again.
      await f.call('messages.reply', { conversationId: angry, text: 'Es tut uns leid, wir erstatten sofort.' });
      expect(await urgencyOf(angry)).toBe('normal');
      put(msg(5, 'ben@buyer.test', 'It has been three weeks and my parcel never arrived. I will open a PayPal dispute.', 'u2@buyer.test'));
      expect(await urgencyOf(calm)).toBe('urgent');

      // The agent decides: it stays low whatever the customer writes next, until given back.
      expect(await f.call('conversations.setUrgency', { id: calm, urgency: 'low' })).toEqual({ urgency: 'low', setByAgent: true });
      put(msg(6, 'ben@buyer.test', 'HELLO??? ANYONE THERE??? THIS IS A SCAM', 'u2@buyer.test'));
      expect((await f.call('conversations.get', { id: calm })).conversation).toMatchObject({ urgency: 'low', urgencySetByAgent: true });
      await f.call('conversations.setUrgency', { id: calm, urgency: null });
      put(msg(7, 'ben@buyer.test', 'Still nothing. I want a refund.', 'u2@buyer.test'));
      expect((await f.call('conversations.get', { id: calm })).conversation).toMatchObject({ urgency: 'urgent', urgencySetByAgent: false });
    } finally {
      await f.close();
    }
  });
});
