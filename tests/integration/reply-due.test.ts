// The first-response timer: a customer waiting for a reply has it due when the target (30 minutes unless set)
// has run in the account's business hours — across a weekend, in the seller's own time zone — shown on the
// conversation, found by the "Breaching soon" view (is:due), late ones by is:overdue, soonest first by sort:due.
// A person's reply stops the clock; the customer writing again starts it. Driven by a fake clock.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { ingestMessage, type IncomingMessage } from '../../electron/core/conversations/ingest.js';
import type { BusinessHours } from '../../shared/domain/business-hours.js';
import { incoming } from '../support/incoming.js';

const weekdays = (from: string, to: string, timeZone: string): BusinessHours => {
  const day = [{ from, to }];
  return { timeZone, days: [[], day, day, day, day, day, []], holidays: [] };
};

const msg = (id: string, from: string, date: string, text: string, inReplyTo: string | null = null): IncomingMessage =>
  incoming(from, { messageIdHeader: `${id}@buyer.test`, inReplyTo, references: inReplyTo ? [inReplyTo] : [], subject: `Order ${id}`, date: Date.parse(date), text });

describe('the first-response timer', () => {
  it('counts the target in each account’s business hours and finds what is due soon, late and first', async () => {
    let clock = Date.parse('2026-12-04T09:55:00Z');
    const f = openCore(undefined, undefined, { now: () => clock });
    try {
      const store = f.core.store;
      store.accounts.insert({ id: 'cn', channel: 'demo', name: 'Shenzhen shop', address: 'shop@example.test', settings: {}, createdAt: 0 });
      store.accounts.insert({ id: 'us', channel: 'demo', name: 'US shop', address: 'us@example.test', settings: {}, createdAt: 0 });
      for (const [accountId, hours] of [['cn', weekdays('09:00', '18:00', 'Asia/Shanghai')], ['us', weekdays('09:00', '17:00', 'America/New_York')]] as const)
        await f.call('autoReply.set', { accountId, enabled: false, cannedId: null, periodDays: 4, hours });
      const put = (accountId: string, m: IncomingMessage) =>
        store.transaction(() => ingestMessage(store, f.core.attachmentsDir, accountId, m, null, clock)).conversationId;
      const summary = async (id: string) => (await f.call('conversations.get', { id })).conversation;
      const found = async (query: string) => (await f.call('search.conversations', { query })).map((c) => c.id);

      // Friday 17:50 in Shenzhen, ten minutes before closing: 10 minutes on Friday, 20 on Monday morning.
      const ana = put('cn', msg('a1', 'ana@buyer.test', '2026-12-04T09:50:00Z', 'Where is my parcel?'));
      expect(await summary(ana)).toMatchObject({ waitingSince: Date.parse('2026-12-04T09:50:00Z'), replyDueAt: Date.parse('2026-12-07T01:20:00Z') });
      // A second message while she waits does not restart her clock.
      put('cn', msg('a2', 'ana@buyer.test', '2026-12-04T09:58:00Z', 'Hello??', 'a1@buyer.test'));
      expect(await summary(ana)).toMatchObject({ waitingSince: Date.parse('2026-12-04T09:50:00Z') });

      // Friday 16:00 in New York: due at 16:30 the same afternoon.
      clock = Date.parse('2026-12-04T21:05:00Z');
      const ben = put('us', msg('b1', 'ben@buyer.test', '2026-12-04T21:00:00Z', 'Do you ship to Canada?'));
      expect(await summary(ben)).toMatchObject({ replyDueAt: Date.parse('2026-12-04T21:30:00Z') });

      // 16:20 in New York: Ben's reply is due within a quarter of an hour, Ana's not before Monday.
      clock = Date.parse('2026-12-04T21:20:00Z');
      expect(await found('is:due')).toEqual([ben]);
      expect(await found('is:overdue')).toEqual([]);
      clock = Date.parse('2026-12-04T21:31:00Z');
      expect(await found('is:overdue')).toEqual([ben]);
      expect(await f.call('search.count', { query: 'is:due' })).toEqual({ count: 1, more: false });

      // Monday 09:10 in Shenzhen: both. Ana has waited longer, but Ben's reply was due first.
      clock = Date.parse('2026-12-07T01:10:00Z');
      expect(await found('is:due')).toEqual(expect.arrayContaining([ana, ben]));
      expect(await found('sort:due')).toEqual([ben, ana]);
      expect(await found('is:overdue sort:due')).toEqual([ben]);

      // A reply stops Ben's clock; his next message starts it again from that message.
      await f.call('messages.reply', { conversationId: ben, text: 'Yes, we do.' });
      expect(await summary(ben)).toMatchObject({ waitingSince: null, replyDueAt: null });
      expect(await found('sort:due')).toEqual([ana]);
      put('us', msg('b2', 'ben@buyer.test', '2026-12-07T14:00:00Z', 'Great, how long does it take?', 'b1@buyer.test'));
      expect(await summary(ben)).toMatchObject({ waitingSince: Date.parse('2026-12-07T14:00:00Z'), replyDueAt: Date.parse('2026-12-07T14:30:00Z') });

      // A longer target moves every due time, the reports' target with it.
      await f.call('settings.set', { firstResponseMinutes: 60 });
      expect(await summary(ana)).toMatchObject({ replyDueAt: Date.parse('2026-12-07T01:50:00Z') });
      expect((await f.call('reports.get', { from: '2026-12-01', to: '2026-12-07', timeZone: 'UTC' })).query.targetMinutes).toBe(60);
      expect(await found('is:due')).toEqual([]);
      clock = Date.parse('2026-12-07T01:40:00Z');
      expect(await found('is:due')).toEqual([ana]);

      // Resolved without a reply (the agent dealt with it otherwise): no timer, in no view.
      await f.call('conversations.setStatus', { id: ana, status: 'closed' });
      expect(await summary(ana)).toMatchObject({ status: 'closed', waitingSince: null, replyDueAt: null });
      expect(await found('sort:due')).toEqual([ben]);
      // She writes again: open again, her new message waiting (not the one dealt with before the closing).
      clock = Date.parse('2026-12-07T02:00:00Z');
      put('cn', msg('a3', 'ana@buyer.test', '2026-12-07T02:00:00Z', 'One more question: can I change the colour?', 'a2@buyer.test'));
      expect(await summary(ana)).toMatchObject({ status: 'open', waitingSince: Date.parse('2026-12-07T02:00:00Z'), replyDueAt: Date.parse('2026-12-07T03:00:00Z') });
    } finally {
      await f.close();
    }
  });
});
