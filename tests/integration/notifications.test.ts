// Desktop notifications: a customer's new message is told once, as it arrives; a backlog found by a sync, a
// machine's mail, a muted account, quiet hours and notifications switched off tell nothing. Fake clock.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { ingestMessage, type IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { inQuietHours, type NewMessageNotice } from '../../shared/domain/notifications.js';
import { localTime } from '../../shared/domain/business-hours.js';
import { incoming } from '../support/incoming.js';

const msg = (id: string, from: string, name: string, date: number, text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage =>
  incoming(from, { messageIdHeader: `${id}@buyer.test`, from: { name, address: from }, subject: `About ${id}`, date, text, ...extra });

const hhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

describe('desktop notifications', () => {
  it('tell each new customer message once, and nothing that is not news or not wanted', async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const f = openCore(undefined, undefined, { now: () => clock });
    const told: NewMessageNotice[] = [];
    f.core.events.on('notifications.new', ({ notices }) => told.push(...notices));
    try {
      const store = f.core.store;
      store.accounts.insert({ id: 'shop', channel: 'demo', name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: 0 });
      store.accounts.insert({ id: 'other', channel: 'demo', name: 'Other', address: 'other@example.test', settings: {}, createdAt: 0 });
      const arrive = (accountId: string, m: IncomingMessage) => {
        clock += 1000;
        const id = store.transaction(() => ingestMessage(store, f.core.attachmentsDir, accountId, m, null, clock)).conversationId;
        f.core.events.emit('conversations.changed', { ids: [id] });
        return id;
      };

      const ana = arrive('shop', msg('a1', 'ana@buyer.test', 'Ana Souza', clock - 60_000, 'Olá, meu pedido ainda não chegou.'));
      expect(told).toEqual([{ conversationId: ana, accountId: 'shop', customer: 'Ana Souza', subject: 'About a1', snippet: 'Olá, meu pedido ainda não chegou.' }]);
      // Changed again (read elsewhere, tagged): not told twice.
      f.core.events.emit('conversations.changed', { ids: [ana] });
      expect(told).toHaveLength(1);

      // A backlog (written hours ago, found now), a newsletter: nothing.
      arrive('shop', msg('b1', 'ben@buyer.test', 'Ben', clock - 3 * 3_600_000, 'Old question'));
      arrive('shop', msg('n1', 'news@list.test', 'Deals', clock, 'SALE', { automated: 'list' }));
      expect(told).toHaveLength(1);

      // A muted account: nothing; the other still tells.
      await f.call('settings.set', { notifications: { enabled: true, mutedAccounts: ['other'], quietHours: null } });
      arrive('other', msg('c1', 'cy@buyer.test', 'Cy', clock, 'Hello from the other shop'));
      expect(told).toHaveLength(1);
      arrive('shop', msg('d1', 'dan@buyer.test', '', clock, 'Do you ship to Peru?'));
      expect(told.at(-1)).toMatchObject({ customer: 'dan@buyer.test', snippet: 'Do you ship to Peru?' });

      // Quiet hours around this computer's time now: nothing; after them, the next message tells.
      const local = localTime(clock, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC').minutes;
      await f.call('settings.set', { notifications: { enabled: true, mutedAccounts: [], quietHours: { from: hhmm(local - 60), to: hhmm(local + 60) } } });
      arrive('shop', msg('e1', 'eve@buyer.test', 'Eve', clock, 'Late question'));
      expect(told).toHaveLength(2);
      clock += 2 * 3_600_000;
      arrive('shop', msg('g1', 'gus@buyer.test', 'Gus', clock, 'Morning question'));
      expect(told.at(-1)).toMatchObject({ customer: 'Gus' });

      // Switched off: nothing.
      await f.call('settings.set', { notifications: { enabled: false, mutedAccounts: [], quietHours: null } });
      arrive('shop', msg('h1', 'hal@buyer.test', 'Hal', clock, 'Anyone?'));
      expect(told).toHaveLength(3);
    } finally {
      await f.close();
    }
  });

  it('keeps quiet hours on the clock of the zone, across midnight', () => {
    const night = { from: '22:00', to: '07:00' };
    expect(inQuietHours(night, Date.parse('2026-12-02T15:30:00Z'), 'Asia/Shanghai')).toBe(true); // 23:30
    expect(inQuietHours(night, Date.parse('2026-12-02T22:59:00Z'), 'Asia/Shanghai')).toBe(true); // 06:59
    expect(inQuietHours(night, Date.parse('2026-12-02T23:00:00Z'), 'Asia/Shanghai')).toBe(false); // 07:00
    expect(inQuietHours(night, Date.parse('2026-12-02T13:59:00Z'), 'Asia/Shanghai')).toBe(false); // 21:59
    expect(inQuietHours({ from: '12:00', to: '13:00' }, Date.parse('2026-12-02T17:30:00Z'), 'America/New_York')).toBe(true);
    expect(inQuietHours(null, Date.parse('2026-12-02T17:30:00Z'), 'America/New_York')).toBe(false);
  });
});
