// The reports on a data set whose figures are known by construction: a week of a shop in Shanghai (open
// Monday to Friday, 09:00–18:00), with conversations answered in and out of hours, one unanswered, one
// reopened by the buyer, an automated newsletter, an auto-reply, satisfaction answers; the same figures through
// the API and through `report --json`.
import { describe, expect, it } from 'vitest';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startCli } from '../support/cli-run.js';
import { ingestMessage, type IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { queueReply } from '../../electron/core/conversations/reply.js';
import { setStatus } from '../../electron/core/conversations/actions.js';
import type { AccountRow } from '../../electron/core/db/queries/accounts.js';
import type { Report } from '../../shared/domain/report.js';

const SHOP = 'shop@example.test';
/** Wall-clock time in Shanghai (UTC+8, no daylight saving). */
const sh = (local: string) => Date.parse(`${local}+08:00`);

function incoming(from: string, subject: string, text: string, date: number, extra: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    messageIdHeader: `${date}.${from}@buyer.test`,
    inReplyTo: null,
    references: [],
    direction: 'in',
    from: { name: '', address: from },
    replyTo: [],
    to: [{ name: '', address: SHOP }],
    cc: [],
    subject,
    date,
    text,
    fromHtml: false,
    isRead: false,
    attachments: [],
    ...extra,
  };
}

/** The week of 2 to 8 November 2026, written through the app's own ingest, reply and close paths. */
function buildWeek(f: CoreFixture): void {
  const store = f.core.store;
  const account: AccountRow = { id: 'acct-shop', channel: 'email', name: 'Lumen Shop', address: SHOP, settings: {}, createdAt: 0 };
  store.accounts.insert(account);
  store.autoReplies.setHours(account.id, {
    timeZone: 'Asia/Shanghai',
    days: [[], ...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), []],
    holidays: [],
  });
  const write = (msg: IncomingMessage, language: string, threadOf?: string) => {
    const withThread = threadOf ? { ...msg, inReplyTo: threadOf, references: [threadOf] } : msg;
    const r = store.transaction(() => ingestMessage(store, f.core.attachmentsDir, account.id, withThread, null, msg.date));
    store.conversations.setLanguage(r.conversationId, language);
    return r.conversationId;
  };
  const reply = (conversationId: string, at: number, text = 'Answered.') => queueReply(store, account, conversationId, text, at);
  const close = (conversationId: string, at: number) => setStatus(store, conversationId, 'closed', at);

  // 1. Monday 10:00, answered 10:20 (20 business minutes), closed 11:00; rated 5.
  const c1 = write(incoming('ann@buyer.test', 'Tracking', 'Hello, where is my order? The tracking shows nothing. Thank you, great shop!', sh('2026-11-02T10:00:00')), 'en');
  reply(c1, sh('2026-11-02T10:20:00'));
  close(c1, sh('2026-11-02T11:00:00'));
  store.autoReplies.setCsat(c1, 5, sh('2026-11-03T09:00:00'));
  // 2. Monday 17:50, answered Tuesday 09:40 (10 + 40 business minutes), closed 10:00; she writes again at 12:00
  // (which opens it again) and it is closed again at 12:10.
  const first2 = incoming('bea@buyer.test', 'Reembolso', 'El paquete llegó roto, quiero un reembolso. Estoy muy decepcionada.', sh('2026-11-02T17:50:00'));
  const c2 = write(first2, 'es');
  reply(c2, sh('2026-11-03T09:40:00'));
  close(c2, sh('2026-11-03T10:00:00'));
  write(incoming('bea@buyer.test', 'Re: Reembolso', 'Sigo esperando el reembolso.', sh('2026-11-03T12:00:00')), 'es', first2.messageIdHeader);
  expect(store.conversations.get(c2)?.status).toBe('open');
  close(c2, sh('2026-11-03T12:10:00'));
  store.autoReplies.setCsat(c2, 2, sh('2026-11-03T12:30:00'));
  // 3. Saturday 12:00 (closed): acknowledged automatically at once, answered Monday 9 November 09:30 (30 business minutes).
  const c3 = write(incoming('carl@buyer.test', 'Zoll', 'Guten Tag, muss ich für das Paket Zoll bezahlen?', sh('2026-11-07T12:00:00')), 'de');
  queueReply(store, account, c3, 'Wir melden uns am Montag.', sh('2026-11-07T12:00:30'), { autoKind: 'auto-reply' });
  reply(c3, sh('2026-11-09T09:30:00'));
  // 4. Wednesday 14:00, never answered.
  write(incoming('dan@buyer.test', '尺码', '你好，这件衣服的尺码太小了，可以换货吗？', sh('2026-11-04T14:00:00')), 'zh');
  // 5. A newsletter on Tuesday: a machine's mail, in no figure.
  write(incoming('news@list.test', 'Deals', 'Big deals this week', sh('2026-11-03T08:00:00'), { automated: 'list' }), 'en');
  // 6. Begun in October, written again on Tuesday 15:00: a customer message of the week, not a new conversation.
  const first6 = incoming('eve@buyer.test', 'Question', 'Hello, do you ship to Canada?', sh('2026-10-30T10:00:00'));
  const c6 = write(first6, 'en');
  reply(c6, sh('2026-10-30T11:00:00'));
  write(incoming('eve@buyer.test', 'Re: Question', 'And to Mexico?', sh('2026-11-03T15:00:00')), 'en', first6.messageIdHeader);
  // 7. The week after: outside the range.
  write(incoming('fay@buyer.test', 'Later', 'Hello again', sh('2026-11-10T10:00:00')), 'en');
  // 8. Thursday 09:00, answered 09:05 by Mia from her own mail program (the reply arrives from the Sent folder) and
  // again 09:30 from the app, closed 10:00: resolved, but not at first contact.
  const first8 = incoming('gil@buyer.test', 'Talla', 'Hola, ¿qué talla me recomiendan? Gracias.', sh('2026-11-05T09:00:00'));
  const c8 = write(first8, 'es');
  write(
    { ...incoming(SHOP, 'Re: Talla', 'Hola Gil, la M.', sh('2026-11-05T09:05:00')), direction: 'out', from: { name: 'Mia', address: SHOP }, to: [{ name: '', address: 'gil@buyer.test' }], isRead: true },
    'es',
    first8.messageIdHeader,
  );
  reply(c8, sh('2026-11-05T09:30:00'));
  close(c8, sh('2026-11-05T10:00:00'));
}

function expectWeek(r: Report): void {
  expect(r.agents.map((a) => a.key)).toEqual(['Lumen Shop', 'Mia']);
  expect(r.query).toEqual({ from: '2026-11-02', to: '2026-11-08', timeZone: 'Asia/Shanghai', targetMinutes: 30 });
  expect(r.volume.messages).toBe(7);
  expect(r.volume.conversations).toBe(5);
  expect(r.volume.byDay).toEqual([
    { key: '2026-11-02', count: 2 },
    { key: '2026-11-03', count: 2 },
    { key: '2026-11-04', count: 1 },
    { key: '2026-11-05', count: 1 },
    { key: '2026-11-06', count: 0 },
    { key: '2026-11-07', count: 1 },
    { key: '2026-11-08', count: 0 },
  ]);
  const hours = Object.fromEntries(r.volume.byHour.map((n, h) => [h, n]).filter(([, n]) => n! > 0));
  expect(hours).toEqual({ 9: 1, 10: 1, 12: 2, 14: 1, 15: 1, 17: 1 });
  expect(r.volume.byChannel).toEqual([{ key: 'email', count: 7 }]);
  expect(r.volume.byLanguage).toEqual([
    { key: 'en', count: 2 },
    { key: 'es', count: 3 },
    { key: 'de', count: 1 },
    { key: 'zh', count: 1 },
  ].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)));
  // Only Bea's conversation is urgent now (her second message, after the answer, asks about the refund again).
  expect(r.volume.byUrgency).toEqual([
    { key: 'normal', count: 5 },
    { key: 'urgent', count: 2 },
  ]);
  expect(r.firstResponse).toEqual({ answered: 4, unanswered: 1, medianMinutes: 20, p90Minutes: 50, withinTarget: 0.75 });
  expect(r.resolution).toEqual({ resolved: 3, medianHours: 1, p90Hours: 18.3 });
  expect(r.firstContactResolution).toEqual({ resolved: 3, firstContact: 1, share: 1 / 3 });
  expect(r.csat).toEqual({ answers: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] });
  expect(r.automatic).toEqual({ autoReplies: 1, surveys: 0 });
  expect(r.content.analysed).toBe(7);
  // Conversations per topic: the shirt that is too small is also an exchange.
  expect(r.content.topics).toEqual([
    { key: 'size-and-fit', count: 2 },
    { key: 'customs', count: 1 },
    { key: 'damaged', count: 1 },
    { key: 'refund', count: 1 },
    { key: 'return', count: 1 },
    { key: 'where-is-my-order', count: 1 },
  ]);
  expect(r.content.sentiment).toMatchObject({ negative: 2 });
  // Chinese is split into words (衣服, not 衣 and 服), its grammar words (的, 了) left out.
  const zh = r.content.words.find((w) => w.language === 'zh')!.words.map((w) => w.key);
  expect(zh).toContain('衣服');
  expect(zh).not.toContain('的');
  expect(r.content.words.find((w) => w.language === 'es')!.words.map((w) => w.key)).toEqual(expect.arrayContaining(['reembolso', 'talla', 'roto']));
}

describe('reports', () => {
  it('computes every figure of a known week: volume, response and resolution in business hours, first-contact resolution, satisfaction', async () => {
    const f = openCore();
    try {
      buildWeek(f);
      expectWeek(await f.call('reports.get', { from: '2026-11-02', to: '2026-11-08', timeZone: 'Asia/Shanghai' }));

      // Filtered to Spanish: only its conversations count.
      const es = await f.call('reports.get', { from: '2026-11-02', to: '2026-11-08', timeZone: 'Asia/Shanghai', language: 'es' });
      expect(es.volume).toMatchObject({ messages: 3, conversations: 2 });
      expect(es.firstResponse).toMatchObject({ answered: 2, medianMinutes: 5, p90Minutes: 50 });
      // Whoever wrote each conversation's first reply, and the figures of Mia's alone.
      const all = await f.call('reports.get', { from: '2026-11-02', to: '2026-11-08', timeZone: 'Asia/Shanghai' });
      expect(all.agents).toEqual([
        { key: 'Lumen Shop', count: 3 },
        { key: 'Mia', count: 1 },
      ]);
      const mia = await f.call('reports.get', { from: '2026-11-02', to: '2026-11-08', timeZone: 'Asia/Shanghai', agent: 'Mia' });
      expect(mia.volume).toMatchObject({ messages: 1, conversations: 1 });
      expect(mia.firstResponse).toMatchObject({ answered: 1, unanswered: 0, medianMinutes: 5 });
      expect(mia.resolution).toMatchObject({ resolved: 1 });
      expect(mia.agents).toEqual(all.agents);
      // The same week seen from Berlin: Monday's first message (03:00 there) is still Monday, the times shift.
      const berlin = await f.call('reports.get', { from: '2026-11-02', to: '2026-11-08', timeZone: 'Europe/Berlin' });
      expect(berlin.volume.byHour[3]).toBe(1);
      // A malformed range is refused with a reason.
      const bad = await f.raw('reports.get', { from: '2026-11-08', to: '2026-11-02' });
      expect(bad.ok).toBe(false);
    } finally {
      await f.close();
    }
  });

  it('`report --json` prints the same figures', async () => {
    const f = openCore();
    buildWeek(f);
    await f.close();
    const run = startCli(['--profile', f.profileDir, 'report', '--from', '2026-11-02', '--to', '2026-11-08', '--tz', 'Asia/Shanghai', '--json']);
    expect(await run.done).toBe(0);
    expectWeek(JSON.parse(run.out) as Report);
    const human = startCli(['--profile', f.profileDir, 'report', '--from', '2026-11-02', '--to', '2026-11-08', '--tz', 'Asia/Shanghai']);
    expect(await human.done).toBe(0);
    expect(human.out).toContain('first response (business hours): median 20 min, p90 50 min, within 30 min 75 %, unanswered 1');
  });
});
