// The Telegram channel against the Bot API contract server: a bot is connected with its token, customers' private
// messages (text, photos, documents) become conversations, replies go out through the outbox — split when long,
// each piece once, after an outage or a rate limit — and no update is stored twice across restarts.
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startTelegramContractServer, type ContractUser, type TelegramContractServer } from '../contracts/telegram/server.js';
import { TelegramApi, TelegramRateLimit, splitText } from '../../electron/core/channels/telegram/api.js';

let tg: TelegramContractServer;
let userId = 500;
const maria = (): ContractUser => ({ id: ++userId, first_name: 'María', last_name: 'López', username: `maria${userId}`, language_code: 'es' });

beforeAll(async () => {
  tg = await startTelegramContractServer();
});
afterAll(async () => {
  await tg?.close();
});

describe('the Bot API client', () => {
  it('reads the bot, and turns Telegram error answers into clear errors', async () => {
    const api = new TelegramApi(tg.url, tg.token);
    expect(await api.getMe()).toMatchObject({ username: 'lumen_shop_bot', is_bot: true });
    await expect(new TelegramApi(tg.url, '42:wrong').getMe()).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/@BotFather/) });
    tg.setWebhook('https://shop.example/hook');
    try {
      await expect(api.getUpdates(0, 0)).rejects.toMatchObject({ code: 'CHANNEL_CONFLICT', message: expect.stringMatching(/webhook/) });
    } finally {
      tg.setWebhook(null);
    }
    tg.rateLimit('getMe', 1, 7);
    const limited = await api.getMe().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TelegramRateLimit);
    expect((limited as TelegramRateLimit).retryAfterMs).toBe(7000);
    await expect(new TelegramApi('http://127.0.0.1:1', tg.token).getMe()).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });

  it('ends a long poll with a conflict when a second poller takes over', async () => {
    const api = new TelegramApi(tg.url, tg.token);
    const first = api.getUpdates(1_000_000, 20).catch((e: unknown) => e);
    await eventually(() => (tg.calls.getUpdates ?? 0) > 0, 'the first poll to arrive');
    await new Promise((r) => setImmediate(r));
    const second = api.getUpdates(1_000_000, 0);
    expect(await first).toMatchObject({ code: 'CHANNEL_CONFLICT', message: expect.stringMatching(/Another program/) });
    expect(await second).toEqual([]);
  });

  it('splits a long reply into pieces Telegram accepts, at word breaks', () => {
    const text = 'Hola. '.repeat(1500).trim();
    const pieces = splitText(text);
    expect(pieces.length).toBe(3);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(4096);
    expect(pieces.join(' ')).toBe(text);
    expect(splitText('short')).toEqual(['short']);
  });
});

describe('a Telegram bot in the inbox', () => {
  let f: CoreFixture;
  beforeEach(() => {
    f = openCore(undefined, { baseDelayMs: 50, maxDelayMs: 300 });
    return () => f.close();
  });

  const connect = () => f.call('accounts.addTelegram', { token: tg.token, apiUrl: tg.url });

  it('refuses a wrong token and saves nothing; connects the right one once', async () => {
    const bad = await f.raw('accounts.addTelegram', { token: '1:nope', apiUrl: tg.url });
    expect(bad).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await f.call('accounts.list', {})).toEqual([]);
    const account = await connect();
    expect(account).toMatchObject({ channel: 'telegram', address: '@lumen_shop_bot', name: 'Lumen Shop' });
    expect(fs.readFileSync(`${f.profileDir}/secrets.json`, 'utf8')).toContain('telegram-token');
    expect(await f.raw('accounts.addTelegram', { token: tg.token, apiUrl: tg.url })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_ACCOUNT' } });
  });

  it('answers a customer out of hours from the app (Telegram keeps no rules), in their language, once', async () => {
    const account = await connect();
    const away = await f.call('canned.save', { name: 'Away', variants: { en: 'We are away right now.', es: 'Ahora no estamos; le respondemos pronto.' } });
    const closed = { timeZone: 'Europe/Madrid', days: [[], [], [], [], [], [], []], holidays: [] };
    const state = await f.call('autoReply.set', { accountId: account.id, enabled: true, cannedId: away.id, periodDays: 1, hours: closed });
    expect(state).toMatchObject({ runsOn: 'app', openNow: false });
    expect(state.detail).toMatch(/keeps no rules/);
    const customer = maria();
    const before = tg.sent.length;
    tg.userSends(customer, { text: 'Hola, ¿cuándo envían mi pedido?' });
    await f.core.syncOnce();
    await f.core.syncOnce();
    expect(tg.sent.slice(before).map((m) => [String(m.chat_id), m.text])).toEqual([[String(customer.id), 'Ahora no estamos; le respondemos pronto.']]);
    // She writes again: the conversation was acknowledged already; it still waits for a person.
    tg.userSends(customer, { text: '¿Hola?' });
    await f.core.syncOnce();
    await f.core.syncOnce();
    expect(tg.sent.length).toBe(before + 1);
    expect((await f.call('conversations.list', {}))[0]).toMatchObject({ answered: false, unreadCount: 2 });
  });

  it('files a customer’s messages, photo and document into one conversation, each stored once across restarts', async () => {
    const account = await connect();
    const customer = maria();
    tg.userSends(customer, { text: '¿Dónde está mi pedido 4471?' });
    tg.userSends(customer, { caption: 'Llegó así', photo: Buffer.from('jpeg of the broken lamp') });
    tg.userSends(customer, { document: { name: 'factura.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF invoice') } });
    await f.core.syncOnce();
    await f.core.syncOnce();
    const list = await f.call('conversations.list', {});
    expect(list).toHaveLength(1);
    const [c] = list;
    expect(c).toMatchObject({ channel: 'telegram', accountId: account.id, customerName: 'María López', customerAddress: `telegram:${customer.id}`, messageCount: 3, unreadCount: 3 });
    const { messages } = await f.call('conversations.get', { id: c!.id });
    expect(messages.map((m) => m.text)).toEqual(['¿Dónde está mi pedido 4471?', 'Llegó así', '']);
    const photo = await f.call('attachments.open', { id: messages[1]!.attachments[0]!.id });
    expect(fs.readFileSync(photo.path, 'utf8')).toBe('jpeg of the broken lamp');
    expect(messages[2]!.attachments.map((a) => [a.filename, a.contentType])).toEqual([['factura.pdf', 'application/pdf']]);

    // Read, star, archive: the agent's own organisation; Telegram has nothing to keep in step, so nothing waits.
    await f.call('conversations.markRead', { id: c!.id, read: true });
    await f.call('conversations.setFlagged', { id: c!.id, flagged: true });
    await f.call('conversations.move', { id: c!.id, to: 'archive' });
    expect(await f.call('outbox.list', {})).toEqual([]);
    await f.call('conversations.move', { id: c!.id, to: 'inbox' });

    // A file Telegram will not hand over does not hold the message back: it is listed, to fetch when opened.
    tg.userSends(customer, { document: { name: 'video.mp4', type: 'video/mp4', bytes: Buffer.from('big') } });
    tg.forgetFiles();
    await f.core.syncOnce();
    const withVideo = (await f.call('conversations.get', { id: c!.id })).messages;
    expect(withVideo[3]!.attachments.map((a) => [a.filename, a.downloaded])).toEqual([['video.mp4', false]]);

    // Another start of the app on the same profile: the stored offset means nothing comes twice.
    await f.close();
    f = openCore(f.profileDir);
    tg.userSends(customer, { text: 'Gracias' });
    await f.core.syncOnce();
    const again = await f.call('conversations.get', { id: c!.id });
    expect(again.messages.map((m) => m.text)).toEqual(['¿Dónde está mi pedido 4471?', 'Llegó así', '', '', 'Gracias']);
  });

  it('answers through the outbox: once, as a reply, split when long, after an outage and a rate limit', async () => {
    await connect();
    const customer = maria();
    const asked = tg.userSends(customer, { text: 'Hello, is the lamp in stock?' });
    await f.core.syncOnce();
    const [c] = await f.call('conversations.list', {});

    await tg.down();
    const short = await f.call('messages.reply', { conversationId: c!.id, text: 'Yes, it ships today.' });
    f.core.start();
    await eventually(async () => (await f.call('outbox.list', {})).some((o) => o.attempts >= 1 && o.status === 'pending'), 'a failed attempt while Telegram is down');
    expect(f.core.store.messages.get(short.messageId)!.sendState).toBe('queued');
    await tg.up();
    tg.rateLimit('sendMessage', 1, 1);
    f.core.syncNow();
    await eventually(() => f.core.store.messages.get(short.messageId)!.sendState === 'sent', 'the reply sent');
    const mine = () => tg.sent.filter((s) => s.chat_id === String(customer.id));
    expect(mine().map((s) => [s.text, s.reply_to])).toEqual([['Yes, it ships today.', asked]]);

    const long = 'Estimada clienta, '.repeat(400).trim();
    const reply = await f.call('messages.reply', { conversationId: c!.id, text: long });
    await eventually(() => f.core.store.messages.get(reply.messageId)!.sendState === 'sent', 'the long reply sent');
    const pieces = mine().slice(1).map((s) => s.text);
    expect(pieces.length).toBe(2);
    expect(pieces.join(' ')).toBe(long);
  });

  it("exports and erases a Telegram customer's data like an e-mail customer's", async () => {
    await connect();
    const customer = maria();
    tg.userSends(customer, { caption: 'Foto', photo: Buffer.from('photo bytes') });
    await f.core.syncOnce();
    const identity = `telegram:${customer.id}`;
    const exported = await f.call('customers.export', { address: identity });
    expect(exported).toMatchObject({ conversations: 1, messages: 1, attachments: 1 });
    expect(await f.call('customers.erase', { address: identity, onServer: true })).toEqual({ conversations: 1, messages: 1, serverDeletions: 0 });
    expect(await f.call('conversations.list', {})).toEqual([]);
    expect(await f.call('outbox.list', {})).toEqual([]); // Telegram keeps no copy the app could delete
  });

  it('makes one customer of an e-mail buyer and a Telegram user, with all their conversations, and undoes it', async () => {
    await f.call('demo.open', {});
    await connect();
    tg.userSends({ id: 9090, first_name: 'Jonas', last_name: 'B.' }, { text: 'Hallo, hier nochmal per Telegram.' });
    await f.core.syncOnce();
    const list = await f.call('conversations.list', {});
    const mail = list.find((c) => c.customerAddress === 'jonas.becker@example.de')!;
    const chat = list.find((c) => c.customerAddress === 'telegram:9090')!;
    const mailCustomer = await f.call('customers.profile', { conversationId: mail.id });
    const chatCustomer = await f.call('customers.profile', { conversationId: chat.id });
    expect(mailCustomer.id).not.toBe(chatCustomer.id);
    expect(mailCustomer.identities.map((i) => [i.channel, i.address])).toEqual([['demo', 'jonas.becker@example.de']]);

    // The agent finds the e-mail buyer from the Telegram chat and merges them.
    const found = await f.call('customers.search', { text: 'jonas', exceptId: chatCustomer.id });
    expect(found.map((c) => c.id)).toEqual([mailCustomer.id]);
    const { mergeId } = await f.call('customers.merge', { intoId: mailCustomer.id, fromId: chatCustomer.id });
    const merged = await f.call('customers.profile', { conversationId: chat.id });
    expect(merged.id).toBe(mailCustomer.id);
    expect(merged.identities.map((i) => [i.channel, i.address])).toEqual([['demo', 'jonas.becker@example.de'], ['telegram', 'telegram:9090']]);
    expect(merged.conversations.map((c) => c.id).sort()).toEqual([mail.id, chat.id].sort());
    expect(merged.lastMerge).toEqual({ id: mergeId, fromName: 'Jonas B.' });

    expect(await f.call('customers.unmerge', { mergeId })).toEqual({ undone: true });
    expect(await f.call('customers.unmerge', { mergeId })).toEqual({ undone: false });
    expect((await f.call('customers.profile', { conversationId: chat.id })).id).toBe(chatCustomer.id);
    expect((await f.call('customers.profile', { conversationId: mail.id })).conversations.map((c) => c.id)).toEqual([mail.id]);
    expect(await f.raw('customers.merge', { intoId: mail.id, fromId: chatCustomer.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows a webhook conflict on the account, and recovers when it is removed', async () => {
    const account = await connect();
    tg.setWebhook('https://elsewhere.example/hook');
    f.core.start();
    await eventually(() => f.core.statusOf(account.id).errorCode === 'CHANNEL_CONFLICT', 'the conflict shown');
    expect(f.core.statusOf(account.id).errorDetail).toMatch(/webhook/);
    tg.setWebhook(null);
    f.core.syncNow();
    await eventually(() => f.core.statusOf(account.id).state === 'online', 'back online');
  });
});
