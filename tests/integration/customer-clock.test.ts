// The customer's local time: from the offset their own mail program wrote (as their country's zone when the two
// agree, so summer time is followed), else from their address's country, else unknown; the agent's choice wins
// and can be given back. The Date header's offset is read from real mail as the parser sees it.
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { openCore } from '../support/core-fixture.js';
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { dateOffsetOf } from '../../electron/core/channels/email/mapping.js';
import { countryOfAddress, zoneOfCountry } from '../../electron/core/customers/customer-clock.js';
import { incoming, demoAccount } from '../support/incoming.js';

const msg = (n: number, from: string, dateOffset: number | null): IncomingMessage =>
  incoming(from, { messageIdHeader: `k${n}@buyer.test`, subject: `Question ${n}`, date: Date.parse('2026-11-20T10:00:00Z') + n, text: 'Hello?', dateOffset });

describe("the customer's local time", () => {
  it('comes from their mail, their address or the agent', async () => {
    const clock = Date.parse('2026-12-02T12:00:00Z');
    const f = openCore(undefined, undefined, { now: () => clock });
    try {
      const put = demoAccount(f.core);
      const clockOf = async (id: string) => (await f.call('conversations.get', { id })).customerClock;

      // A .de address whose mail said +0100 in November: Berlin's zone (still +1 in December).
      const jonas = put(msg(1, 'jonas@web.de', 60));
      expect(await clockOf(jonas)).toEqual({ timeZone: 'Europe/Berlin', offsetMinutes: 60, source: 'mail', country: 'DE' });
      // Gmail says nothing of the country: the offset their mail program wrote.
      const emily = put(msg(2, 'emily@gmail.com', -300));
      expect(await clockOf(emily)).toEqual({ timeZone: null, offsetMinutes: -300, source: 'mail', country: null });
      // A Brazilian address writing from Manaus (−4): not São Paulo's −3, so the offset as written.
      expect(await clockOf(put(msg(3, 'rafa@uol.com.br', -240)))).toEqual({ timeZone: null, offsetMinutes: -240, source: 'mail', country: 'BR' });
      // No offset (a marketplace relay, a chat): the address's country — Spain is mostly Madrid; the United States unknown.
      expect(await clockOf(put(msg(4, 'lucia@correo.es', null)))).toEqual({ timeZone: 'Europe/Madrid', offsetMinutes: 60, source: 'country', country: 'ES' });
      expect(await clockOf(put(msg(5, 'ann@example.us', null)))).toBeNull();
      expect(await clockOf(put(msg(6, 'kim@mail.co.uk', null)))).toMatchObject({ timeZone: 'Europe/London', offsetMinutes: 0, country: 'GB' });

      // The agent knows better: their zone wins, until given back.
      expect(await f.call('customers.setTimeZone', { conversationId: emily, timeZone: 'America/Chicago' })).toEqual({
        clock: { timeZone: 'America/Chicago', offsetMinutes: -360, source: 'agent', country: null },
      });
      expect(await clockOf(emily)).toMatchObject({ source: 'agent' });
      await f.call('customers.setTimeZone', { conversationId: emily, timeZone: null });
      expect(await clockOf(emily)).toMatchObject({ source: 'mail', offsetMinutes: -300 });
      const bad = await f.raw('customers.setTimeZone', { conversationId: emily, timeZone: 'Mars/Olympus' });
      expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
    } finally {
      await f.close();
    }
  });

  it("reads the offset of the Date header as written, and the country of an address's domain", async () => {
    const offset = async (date: string) => dateOffsetOf(await simpleParser(`Date: ${date}\r\nFrom: a@b.test\r\nSubject: x\r\n\r\nhi\r\n`));
    expect(await offset('Wed, 02 Dec 2026 10:00:00 +0100')).toBe(60);
    expect(await offset('Wed, 2 Dec 2026 10:00:00 -0330 (NST)')).toBe(-210);
    expect(await offset('Wed, 02 Dec 2026 10:00:00 +0545')).toBe(345);
    // "-0000": the sender's zone is unknown (RFC 5322).
    expect(await offset('Wed, 02 Dec 2026 10:00:00 -0000')).toBeNull();
    expect(await offset('Wed, 02 Dec 2026 10:00:00 GMT')).toBe(0);
    expect(await offset('yesterday')).toBeNull();
    expect(countryOfAddress('maria@correo.es')).toBe('ES');
    expect(countryOfAddress('x@shop.co.uk')).toBe('GB');
    expect(countryOfAddress('x@gmail.com')).toBeNull();
    expect(countryOfAddress('x@example.zz')).toBeNull();
    expect(zoneOfCountry('JP')).toBe('Asia/Tokyo');
    expect(zoneOfCountry('DE')).toBe('Europe/Berlin');
    expect(zoneOfCountry('US')).toBeNull();
    expect(zoneOfCountry('CN')).toBe('Asia/Shanghai');
  });
});
