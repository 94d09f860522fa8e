// The Mercado Libre channel against its contract server: a seller account is connected with the app's keys and
// a refresh token (spent at once: every renewal hands out a new one, saved before it is used), post-sale packs
// with unread messages become conversations without being marked read there, replies go out through the
// outbox in 350-character pieces, each once, and a blocked conversation says why instead of failing.
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startMeliContractServer, type MeliContractServer } from '../contracts/mercadolibre/server.js';

let ml: MeliContractServer;
let packNo = 2_000_004_000_000_000;
let buyerNo = 300_000_000;
const newPack = () => String(++packNo);
const newBuyer = (nickname: string) => ({ id: ++buyerNo, nickname });

beforeAll(async () => {
  ml = await startMeliContractServer();
});
afterAll(async () => {
  await ml?.close();
});

describe('a Mercado Libre account in the inbox', () => {
  let f: CoreFixture;
  beforeEach(() => {
    f = openCore(undefined, { baseDelayMs: 50, maxDelayMs: 300 }, { pollMinutes: 0.05 });
    return () => f.close();
  });
  const secretsFile = () => fs.readFileSync(`${f.profileDir}/secrets.json`, 'utf8');
  const connect = () => f.call('accounts.addMercadoLibre', { clientId: ml.clientId, clientSecret: ml.clientSecret, refreshToken: ml.refreshToken, apiUrl: ml.url });
  const conversationOf = async (buyerId: number) => (await f.call('conversations.list', {})).find((c) => c.customerAddress === `mercadolibre:${buyerId}`)!;

  it('connects with a refresh token it spends at once, keeping the new one, even when the first try fails after the exchange', async () => {
    const bad = await f.raw('accounts.addMercadoLibre', { clientId: ml.clientId, clientSecret: 'wrong', refreshToken: ml.refreshToken, apiUrl: ml.url });
    expect(bad).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringMatching(/client ID or secret/) } });
    expect(await f.call('accounts.list', {})).toEqual([]);

    // The exchange succeeds, then reading the seller fails: the token given is spent, but adding again with it works.
    const given = ml.refreshToken;
    ml.rateLimit(1);
    expect(await f.raw('accounts.addMercadoLibre', { clientId: ml.clientId, clientSecret: ml.clientSecret, refreshToken: given, apiUrl: ml.url })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(ml.refreshToken).not.toBe(given);
    const account = await f.call('accounts.addMercadoLibre', { clientId: ml.clientId, clientSecret: ml.clientSecret, refreshToken: given, apiUrl: ml.url });
    expect(account).toMatchObject({ channel: 'mercadolibre', name: 'LUMENSHOP_AR', address: `mercadolibre:${ml.seller.id}` });
    expect(secretsFile()).toContain(ml.refreshToken);
    expect(secretsFile()).not.toContain('meli-pending');

    // Every renewal: the new pair is on disk before the new access token is used.
    const used: boolean[] = [];
    ml.onCall((_path, access) => used.push(secretsFile().includes(access)));
    try {
      ml.expireTokens();
      const before = ml.renewals();
      await f.core.syncOnce();
      expect(ml.renewals()).toBe(before + 1);
      expect(used.length).toBeGreaterThan(0);
      expect(used.every(Boolean)).toBe(true);
    } finally {
      ml.onCall(null);
    }
    expect(secretsFile()).toContain(ml.refreshToken);
    await f.call('accounts.remove', { id: account.id });
    expect(secretsFile()).not.toContain('meli-');
  });

  it('files unread packs as conversations without marking them read there; marks them read when the agent does; nothing twice across restarts', async () => {
    await connect();
    const sofia = newBuyer('SOFIAG_22');
    const pack = newPack();
    ml.buyerWrites(pack, sofia, 'Hola, ¿cuándo llega mi pedido?');
    ml.buyerWrites(pack, sofia, 'Te mando la foto de la etiqueta', { name: 'etiqueta.jpg', type: 'image/jpeg', bytes: Buffer.from('jpeg of a label') });
    await f.core.syncOnce();
    const c = await conversationOf(sofia.id);
    expect(c).toMatchObject({ channel: 'mercadolibre', customerName: 'SOFIAG_22', messageCount: 2, unreadCount: 2 });
    expect(c.marketplace).toMatchObject({ id: 'mercadolibre', name: 'Mercado Libre', orderId: pack, blocked: null, country: 'AR' });
    expect(ml.pack(pack)!.unread).toBe(2);
    const { messages, customerClock } = await f.call('conversations.get', { id: c.id });
    // A buyer known by a user id only: their local time is the site's country's (Mercado Libre Argentina).
    expect(customerClock).toMatchObject({ offsetMinutes: -180, source: 'site', country: 'AR' });
    expect(messages.map((m) => m.text)).toEqual(['Hola, ¿cuándo llega mi pedido?', 'Te mando la foto de la etiqueta']);
    const opened = await f.call('attachments.open', { id: messages[1]!.attachments[0]!.id });
    expect(fs.readFileSync(opened.path, 'utf8')).toBe('jpeg of a label');

    await f.close();
    f = openCore(f.profileDir, { baseDelayMs: 50, maxDelayMs: 300 }, { pollMinutes: 0.05 });
    ml.buyerWrites(pack, sofia, '¿Hay novedades?');
    await f.core.syncOnce();
    await f.core.syncOnce();
    expect((await f.call('conversations.get', { id: c.id })).messages.map((m) => m.text)).toEqual([
      'Hola, ¿cuándo llega mi pedido?',
      'Te mando la foto de la etiqueta',
      '¿Hay novedades?',
    ]);
    await f.call('conversations.markRead', { id: c.id, read: true });
    f.core.start();
    await eventually(() => ml.pack(pack)!.unread === 0, 'the pack read on Mercado Libre');
  });

  it('answers through the outbox: once, in 350-character pieces, after an outage, a rate limit, an expired token and a lost answer', async () => {
    await connect();
    const diego = newBuyer('DIEGO_M');
    const pack = newPack();
    ml.buyerWrites(pack, diego, '¿Tienen el modelo grande?');
    await f.core.syncOnce();
    const c = await conversationOf(diego.id);

    await ml.down();
    const short = await f.call('messages.reply', { conversationId: c.id, text: 'Sí, lo enviamos hoy.' });
    f.core.start();
    await eventually(async () => (await f.call('outbox.list', {})).some((o) => o.attempts >= 1 && o.status === 'pending'), 'a failed attempt while Mercado Libre is down');
    await ml.up();
    ml.rateLimit(1);
    ml.expireTokens();
    f.core.syncNow();
    await eventually(() => f.core.store.messages.get(short.messageId)!.sendState === 'sent', 'the reply sent');

    ml.dropAfterSend(1);
    const long = 'Muchas gracias por tu compra. '.repeat(20).trim();
    const reply = await f.call('messages.reply', { conversationId: c.id, text: long });
    await eventually(() => f.core.store.messages.get(reply.messageId)!.sendState === 'sent', 'the long reply sent');
    const mine = ml.sent.filter((s) => s.packId === pack).map((s) => s.text);
    expect(mine[0]).toBe('Sí, lo enviamos hoy.');
    expect(mine.length).toBe(3);
    for (const p of mine) expect([...p].length).toBeLessThanOrEqual(350);
    expect(mine.slice(1).join(' ')).toBe(long);

    // The buyer answers: the pack is read again, and our replies in it are not stored a second time.
    ml.buyerWrites(pack, diego, '¡Gracias!');
    f.core.syncNow();
    await eventually(async () => (await conversationOf(diego.id)).messageCount === 4, "the buyer's answer");
    expect((await f.call('conversations.get', { id: c.id })).messages.map((m) => m.direction)).toEqual(['in', 'out', 'out', 'in']);
  });

  it('shows why a conversation is blocked, refuses to queue into it, and fails a queued reply with the reason', async () => {
    await connect();
    const lucia = newBuyer('LUCIA_R');
    const pack = newPack();
    ml.buyerWrites(pack, lucia, 'Quiero devolverlo.');
    await f.core.syncOnce();
    const c = await conversationOf(lucia.id);
    const queued = await f.call('messages.reply', { conversationId: c.id, text: 'Claro, te ayudo.' });
    ml.block(pack, 'blocked_by_buyer');
    f.core.start();
    await eventually(() => f.core.store.messages.get(queued.messageId)!.sendState === 'failed', 'the reply failed');
    expect((await f.call('outbox.list', {}))[0]!.lastError).toMatch(/the buyer chose not to receive messages/);

    ml.block(pack, 'bloqued_by_mediation');
    ml.buyerWrites(pack, lucia, 'Abrí un reclamo.');
    f.core.syncNow();
    await eventually(async () => (await conversationOf(lucia.id)).messageCount === 3, 'the new message');
    expect((await conversationOf(lucia.id)).marketplace?.blocked).toMatchObject({ code: 'bloqued_by_mediation', reason: expect.stringMatching(/mediation/) });
    expect(await f.raw('messages.reply', { conversationId: c.id, text: 'Hola' })).toMatchObject({ ok: false, error: { code: 'SEND_REJECTED', message: expect.stringMatching(/mediation/) } });
  });
});
