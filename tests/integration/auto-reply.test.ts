// The out-of-hours auto-reply against real servers: installed as a Sieve script over ManageSieve on Dovecot
// (Pigeonhole), which answers a buyer writing outside business hours exactly once — with no app running — and
// nobody inside them; where the server cannot carry the rule, the app answers while it runs, through the outbox
// and Postfix, with a fake clock deciding the hours.
import { describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { useMailServers } from '../support/mail-suite.js';
import { emailAccountOn, openCore, type CoreFixture } from '../support/core-fixture.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { readMailbox } from '../support/mailbox.js';
import { freePort } from '../harness/mail-servers.js';
import { ManageSieveClient } from '../../electron/core/channels/email/managesieve.js';
import { localTime, type BusinessHours } from '../../shared/domain/business-hours.js';
import type { AutoReplyState } from '../../shared/domain/auto-reply.js';

const mail = useMailServers({ sieve: true });

/** Open 09:00–18:00 on one day that is not today in Shanghai: closed now, whatever the time. */
const CLOSED: BusinessHours['days'] = Array.from({ length: 7 }, (_, wd) => (wd === (localTime(Date.now(), 'Asia/Shanghai').weekday + 3) % 7 ? [{ from: '09:00', to: '18:00' }] : []));
const ALL_DAY: BusinessHours['days'] = Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]);

const ACK = {
  en: 'Thank you for your message. We are away now and answer within our hours: {{hours}}. Order {{order.id}}.\n{{signoff}}',
  es: 'Gracias por su mensaje. Ahora no estamos; respondemos en nuestro horario: {{hours}}.\n{{signoff}}',
};

async function seller(f: CoreFixture, opts: { sievePort?: number } = {}) {
  const address = await mail.mailbox('seller');
  const account = await f.call('accounts.addEmail', {
    ...emailAccountOn(mail.servers, address),
    displayName: 'Lumen Shop',
    sieve: { host: '127.0.0.1', port: opts.sievePort ?? mail.servers.sievePort, tls: 'off' },
  });
  const canned = await f.call('canned.save', { name: 'Out of hours', folder: 'Auto', variants: ACK });
  return { address, account, canned };
}

/** Delivers a buyer's mail to the seller as the buyer's server would (envelope sender = the buyer). */
async function buyerWrites(from: string, to: string, subject: string, text: string, extra: Record<string, string> = {}, date = new Date()) {
  const raw = await new MailComposer({ from, to, subject, text, date, headers: extra }).compile().build();
  await mail.servers.deliver(to, raw, from);
}

/** Everything Postfix accepted is delivered: a vacation reply Sieve handed it during delivery is in its mailbox. */
const settled = () => eventually(() => mail.servers.postfixIdle(), 'Postfix to deliver everything');

const autoReplies = async (address: string) => (await readMailbox(mail.servers.imapPort, address, 'pw')).filter((m) => m.headers.get('auto-submitted'));

async function setRule(f: CoreFixture, accountId: string, cannedId: string, days: BusinessHours['days'], holidays: string[] = [], timeZone = 'Asia/Shanghai'): Promise<AutoReplyState> {
  await f.call('autoReply.set', { accountId, enabled: true, cannedId, periodDays: 1, hours: { timeZone, days, holidays } });
  await f.core.syncOnce([accountId]);
  return f.call('autoReply.get', { accountId });
}

describe('the auto-reply on the mail server (Sieve over ManageSieve)', () => {
  it('answers a buyer writing outside business hours exactly once, in their language, while no app runs; nobody inside hours', async () => {
    const f = openCore();
    let closed = false;
    try {
      const { address, account, canned } = await seller(f);
      const state = await setRule(f, account.id, canned.id, CLOSED);
      expect(state).toMatchObject({ enabled: true, runsOn: 'server', detail: null, openNow: false });

      // The app is closed from here on: only the server answers.
      await f.close();
      closed = true;

      const ana = await mail.mailbox('ana');
      await buyerWrites(ana, address, '¿Dónde está mi pedido?', 'Hola, compré una lámpara hace dos semanas y no ha llegado.');
      await settled();
      const first = await eventually(async () => ((await autoReplies(ana)).length === 1 ? await autoReplies(ana) : false), 'the acknowledgement in the buyer’s mailbox');
      expect(first[0]!.headers.get('auto-submitted')).toMatch(/^auto-replied/);
      // Her address says nothing of her language (example.test) and the app never saw her: the default variant.
      expect(first[0]!.text).toContain('Thank you for your message.');
      expect(first[0]!.text).toContain('09:00–18:00 (GMT+8)');
      // A variable the server cannot know (the order) is left out, not shown as {{order.id}}.
      expect(first[0]!.text).not.toContain('{{');

      // She writes again the same night: no second acknowledgement.
      await buyerWrites(ana, address, 'Re: ¿Dónde está mi pedido?', '¿Hola? ¿Alguien?');
      await settled();
      await eventually(() => /discarded duplicate vacation response/i.test(mail.servers.dovecotLog()), 'Pigeonhole to skip the duplicate');
      expect(await autoReplies(ana)).toHaveLength(1);

      // A mailing list and an auto-responder are never answered.
      const list = await mail.mailbox('list');
      await buyerWrites(list, address, 'Seller news', 'This week in selling…', { 'List-Id': 'Seller news <news.example.test>', Precedence: 'list' });
      const bot = await mail.mailbox('bot');
      await buyerWrites(bot, address, 'Out of office', 'I am away.', { 'Auto-Submitted': 'auto-replied' });
      await settled();
      expect(await autoReplies(list)).toHaveLength(0);
      expect(await autoReplies(bot)).toHaveLength(0);
    } finally {
      if (!closed) await f.close();
    }
  });

  it('leaves mail alone inside business hours, and answers on a holiday', async () => {
    const f = openCore();
    try {
      const { address, account, canned } = await seller(f);
      expect(await setRule(f, account.id, canned.id, ALL_DAY)).toMatchObject({ runsOn: 'server', openNow: true });
      const ben = await mail.mailbox('ben');
      await buyerWrites(ben, address, 'Question', 'Do you ship to Canada?');
      await settled();

      // Today (in the shop's zone) declared a holiday: closed, so the next buyer is answered.
      const today = localTime(Date.now(), 'Asia/Shanghai').date;
      expect(await setRule(f, account.id, canned.id, ALL_DAY, [today])).toMatchObject({ runsOn: 'server', openNow: false });
      const cleo = await mail.mailbox('cleo');
      await buyerWrites(cleo, address, 'Question', 'Do you ship to Peru?');
      await settled();
      await eventually(async () => (await autoReplies(cleo)).length === 1, 'the holiday acknowledgement');
      // Ben wrote while the shop was open: still nothing for him.
      expect(await autoReplies(ben)).toHaveLength(0);
    } finally {
      await f.close();
    }
  });

  it('customers the app knows get their own language; switching the rule off takes the script off the server', async () => {
    const f = openCore();
    try {
      const { address, account, canned } = await seller(f);
      // Dora wrote before, in Spanish: the app knows her language.
      const dora = await mail.mailbox('dora');
      await buyerWrites(dora, address, 'Pedido', 'Hola, quisiera saber cuándo llegará mi pedido de dos lámparas, gracias.');
      await f.core.syncOnce([account.id]);
      expect((await f.call('conversations.list', {}))[0]).toMatchObject({ language: 'es' });

      await setRule(f, account.id, canned.id, CLOSED);
      await buyerWrites(dora, address, 'Pedido', '¿Alguna novedad?');
      await settled();
      const [ack] = await eventually(async () => ((await autoReplies(dora)).length === 1 ? await autoReplies(dora) : false), 'her acknowledgement');
      expect(ack!.text).toContain('Gracias por su mensaje.');

      await f.call('autoReply.set', { accountId: account.id, enabled: false, cannedId: canned.id, periodDays: 1, hours: { timeZone: 'Asia/Shanghai', days: CLOSED, holidays: [] } });
      await f.core.syncOnce([account.id]);
      expect(await f.call('autoReply.get', { accountId: account.id })).toMatchObject({ enabled: false, runsOn: 'off' });
      const sieve = await ManageSieveClient.connect({ host: '127.0.0.1', port: mail.servers.sievePort, tls: 'off' }, { user: address, password: 'pw' });
      try {
        expect(await sieve.listScripts()).toEqual([]);
      } finally {
        await sieve.logout();
      }
    } finally {
      await f.close();
    }
  });

  it("leaves the user's own active Sieve filter alone and answers from the app instead, saying why", async () => {
    const f = openCore();
    try {
      const { address, account, canned } = await seller(f);
      const sieve = await ManageSieveClient.connect({ host: '127.0.0.1', port: mail.servers.sievePort, tls: 'off' }, { user: address, password: 'pw' });
      try {
        await sieve.putScript('my-filters', 'require ["fileinto"];\r\nif header :contains "subject" "invoice" { fileinto "INBOX"; }\r\n');
        await sieve.setActive('my-filters');
      } finally {
        await sieve.logout();
      }
      const state = await setRule(f, account.id, canned.id, CLOSED);
      expect(state.runsOn).toBe('app');
      expect(state.detail).toContain('"my-filters"');
      const again = await ManageSieveClient.connect({ host: '127.0.0.1', port: mail.servers.sievePort, tls: 'off' }, { user: address, password: 'pw' });
      try {
        expect(await again.listScripts()).toEqual([{ name: 'my-filters', active: true }]);
      } finally {
        await again.logout();
      }
    } finally {
      await f.close();
    }
  });
});

describe('the auto-reply from the app (a server without ManageSieve)', () => {
  // Saturday 5 December 2026, 21:00 in Berlin: closed. Monday 10:00: open.
  const SATURDAY_NIGHT = Date.parse('2026-12-05T20:00:00Z');
  const MONDAY_MORNING = Date.parse('2026-12-07T09:00:00Z');
  const WEEKDAYS: BusinessHours['days'] = [[], ...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), []];

  it('answers through the outbox once per conversation, in the buyer’s language, keeps the conversation unread and waiting for a person, and never answers automated mail or inside hours', async () => {
    let clock = SATURDAY_NIGHT;
    const f = openCore(undefined, undefined, { now: () => clock });
    try {
      const { address, account, canned } = await seller(f, { sievePort: await freePort() });
      await f.call('autoReply.set', { accountId: account.id, enabled: true, cannedId: canned.id, periodDays: 1, hours: { timeZone: 'Europe/Berlin', days: WEEKDAYS, holidays: [] } });
      await f.core.syncOnce([account.id]);
      const state = await f.call('autoReply.get', { accountId: account.id });
      expect(state).toMatchObject({ runsOn: 'app', openNow: false, nextOpening: Date.parse('2026-12-07T08:00:00Z') });
      expect(state.detail).toMatch(/no ManageSieve/);

      const eva = await mail.mailbox('eva');
      await buyerWrites(eva, address, 'Pedido 123', 'Hola, mi pedido llegó roto. ¿Me pueden enviar otro, por favor?', {}, new Date(clock - 60_000));
      await f.core.syncOnce([account.id]);
      await settled();
      const [ack] = await eventually(async () => ((await autoReplies(eva)).length === 1 ? await autoReplies(eva) : false), 'the app’s acknowledgement');
      expect(ack!.headers.get('auto-submitted')).toBe('auto-replied');
      expect(ack!.text).toContain('Gracias por su mensaje.');
      expect(ack!.text).toMatch(/lun\.?–vie\.? 9:00–18:00|lun\.?–vie\.? 09:00–18:00/i);

      const [convo] = await f.call('conversations.list', {});
      // Still waiting for a person: unread, unanswered, in "Needs reply", the list showing her words.
      expect(convo).toMatchObject({ unreadCount: 1, answered: false });
      expect(convo!.snippet).toContain('mi pedido llegó roto');
      expect(await f.call('search.count', { query: 'is:unanswered' })).toMatchObject({ count: 1 });
      expect(await f.call('autoReply.get', { accountId: account.id })).toMatchObject({ sentLast30Days: 1 });

      // She writes again an hour later: the conversation was acknowledged already.
      clock += 60 * 60_000;
      await buyerWrites(eva, address, 'Re: Pedido 123', '¿Hola?', {}, new Date(clock - 60_000));
      // A newsletter and another shop's auto-responder arrive too.
      const news = await mail.mailbox('news');
      await buyerWrites(news, address, 'Deals', 'Big deals inside', { 'List-Unsubscribe': '<mailto:leave@example.test>' }, new Date(clock - 60_000));
      const robot = await mail.mailbox('robot');
      await buyerWrites(robot, address, 'Automatic reply', 'I am out of the office.', { 'Auto-Submitted': 'auto-replied' }, new Date(clock - 60_000));
      await f.core.syncOnce([account.id]);
      await settled();
      expect(await autoReplies(eva)).toHaveLength(1);
      expect(await readMailbox(mail.servers.imapPort, news, 'pw')).toHaveLength(0);
      expect(await readMailbox(mail.servers.imapPort, robot, 'pw')).toHaveLength(0);

      // Monday morning, open: a new buyer is left for a person.
      clock = MONDAY_MORNING;
      const finn = await mail.mailbox('finn');
      await buyerWrites(finn, address, 'Question', 'Do you ship to Norway?', {}, new Date(clock - 60_000));
      await f.core.syncOnce([account.id]);
      await settled();
      expect(await readMailbox(mail.servers.imapPort, finn, 'pw')).toHaveLength(0);
      expect(await f.call('autoReply.get', { accountId: account.id })).toMatchObject({ openNow: true, sentLast30Days: 1 });
    } finally {
      await f.close();
    }
  });
});
