// The eBay channel against the Message API contract server: an account is connected with the developer app's
// keys and the seller's refresh token, buyers' conversations (and eBay's own notices) become conversations,
// replies, read marks and archiving go out through the outbox — each reply once, in 2000-character pieces,
// after an outage, a rate limit or a connection lost mid-send — and nothing is stored twice across restarts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startEbayContractServer, type EbayContractServer } from '../contracts/ebay/server.js';
import { EbayApi, EbayRateLimit } from '../../electron/core/channels/ebay/api.js';

let ebay: EbayContractServer;
let buyerNo = 0;
const buyer = () => `buyer_${++buyerNo}`;

beforeAll(async () => {
  ebay = await startEbayContractServer();
});
afterAll(async () => {
  await ebay?.close();
});

const credentials = () => ({ clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken });

describe('the Message API client', () => {
  it('renews the access token with the refresh token, keeps it while it lasts, and renews it when eBay says it expired', async () => {
    const api = new EbayApi(ebay.url, credentials());
    const before = ebay.tokensIssued();
    await api.getConversations('FROM_MEMBERS', 0);
    await api.getConversations('FROM_EBAY', 0);
    expect(ebay.tokensIssued()).toBe(before + 1);
    ebay.expireTokens();
    await api.getConversations('FROM_MEMBERS', 0);
    expect(ebay.tokensIssued()).toBe(before + 2);
  });

  it("turns eBay's error answers into clear errors", async () => {
    await expect(new EbayApi(ebay.url, { ...credentials(), clientSecret: 'wrong' }).getConversations('FROM_MEMBERS', 0)).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringMatching(/client ID or secret/),
    });
    await expect(new EbayApi(ebay.url, { ...credentials(), refreshToken: 'v^1.1#old' }).getConversations('FROM_MEMBERS', 0)).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringMatching(/refresh token/),
    });
    const api = new EbayApi(ebay.url, credentials());
    ebay.rateLimit(1, 30);
    const limited = await api.getConversations('FROM_MEMBERS', 0).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(EbayRateLimit);
    expect((limited as EbayRateLimit).retryAfterMs).toBe(30_000);
    await expect(api.sendMessage('M-none', 'hello')).rejects.toMatchObject({ code: 'SEND_REJECTED', message: expect.stringMatching(/conversationId is invalid/) });
    await expect(api.getConversation('M-none', 'FROM_MEMBERS', 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(new EbayApi('http://127.0.0.1:1', credentials()).getConversations('FROM_MEMBERS', 0)).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });
});

describe('an eBay account in the inbox', () => {
  let f: CoreFixture;
  beforeEach(() => {
    f = openCore(undefined, { baseDelayMs: 50, maxDelayMs: 300 }, { pollMinutes: 0.05 });
    return () => f.close();
  });

  const connect = () => f.call('accounts.addEbay', { username: ebay.seller, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken, apiUrl: ebay.url });
  const conversationOf = async (customer: string) => (await f.call('conversations.list', {})).find((c) => c.customerAddress === `ebay:${customer}`)!;

  it('refuses wrong keys and saves nothing; connects the right ones once', async () => {
    const bad = await f.raw('accounts.addEbay', { username: ebay.seller, clientId: ebay.clientId, clientSecret: 'nope', refreshToken: ebay.refreshToken, apiUrl: ebay.url });
    expect(bad).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await f.call('accounts.list', {})).toEqual([]);
    const account = await connect();
    expect(account).toMatchObject({ channel: 'ebay', address: `ebay:${ebay.seller}`, name: ebay.seller });
    expect(await f.raw('accounts.addEbay', { username: ebay.seller.toUpperCase(), clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken, apiUrl: ebay.url })).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_ACCOUNT' },
    });
    await f.call('accounts.remove', { id: account.id });
    const secrets = JSON.stringify(JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(`${f.profileDir}/secrets.json`, 'utf8'))));
    expect(secrets).not.toContain('ebay-');
  });

  it("files buyers' conversations with their item, eBay's notices apart, every page, each message once across restarts", async () => {
    const account = await connect();
    const anna = buyer();
    const convo = ebay.buyerWrites(anna, 'Hi, does the lamp ship to Austria? Order 12-34567-89012', { itemId: '256001122334', title: 'Brass desk lamp', at: new Date(Date.now() - 60_000) });
    ebay.buyerWrites(anna, 'Here is the box as it arrived.', { conversationId: convo, photo: Buffer.from('jpeg of a dented box') });
    const notice = ebay.ebayNotice('A buyer opened a return', 'Return 5001234 was opened for item 256001122334.');
    // Enough other buyers for two pages of conversations.
    const many = Array.from({ length: 55 }, () => buyer());
    for (const [i, b] of many.entries()) ebay.buyerWrites(b, `Question ${i}`, { at: new Date(Date.now() - 3_600_000 - i * 1000) });

    await f.core.syncOnce();
    const list = await f.call('conversations.list', {});
    expect(list).toHaveLength(57);
    const c = list.find((x) => x.customerAddress === `ebay:${anna}`)!;
    expect(c).toMatchObject({ channel: 'ebay', accountId: account.id, customerName: anna, subject: 'Brass desk lamp', messageCount: 2, unreadCount: 2 });
    expect(c.marketplace).toMatchObject({ id: 'ebay', name: 'eBay', itemId: '256001122334', orderId: '12-34567-89012' });
    const { messages } = await f.call('conversations.get', { id: c.id });
    expect(messages.map((m) => m.text)).toEqual(['Hi, does the lamp ship to Austria? Order 12-34567-89012', 'Here is the box as it arrived.']);
    const photo = messages[1]!.attachments[0]!;
    expect([photo.filename, photo.downloaded]).toEqual(['photo.jpg', false]);
    const opened = await f.call('attachments.open', { id: photo.id });
    expect((await import('node:fs')).readFileSync(opened.path, 'utf8')).toBe('jpeg of a dented box');

    const fromEbay = list.find((x) => x.customerAddress === 'ebay:ebay')!;
    expect(fromEbay).toMatchObject({ customerName: 'eBay', subject: 'A buyer opened a return' });
    expect(await f.raw('messages.reply', { conversationId: fromEbay.id, text: 'ok' })).toMatchObject({ ok: false, error: { code: 'REPLY_ON_MARKETPLACE' } });
    expect(notice).toMatch(/^E/);

    // The seller answered on eBay's website: it is in the thread as ours. Another start: nothing comes twice.
    ebay.sellerWritesOnEbay(convo, 'Yes, 3–5 days to Austria.');
    await f.close();
    f = openCore(f.profileDir, undefined, { pollMinutes: 0.05 });
    ebay.buyerWrites(anna, 'Danke!', { conversationId: convo });
    await f.core.syncOnce();
    await f.core.syncOnce();
    expect(await f.call('conversations.list', {})).toHaveLength(57);
    const again = await f.call('conversations.get', { id: c.id });
    expect(again.messages.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'Hi, does the lamp ship to Austria? Order 12-34567-89012'],
      ['in', 'Here is the box as it arrived.'],
      ['out', 'Yes, 3–5 days to Austria.'],
      ['in', 'Danke!'],
    ]);
  });

  it('answers through the outbox: once, split at 2000 characters, after an outage, a rate limit and an expired token', async () => {
    await connect();
    const ben = buyer();
    const convo = ebay.buyerWrites(ben, 'Is the blue one in stock?', { itemId: '256009988776' });
    await f.core.syncOnce();
    const c = await conversationOf(ben);

    await ebay.down();
    const short = await f.call('messages.reply', { conversationId: c.id, text: 'Yes, it ships today.' });
    f.core.start();
    await eventually(async () => (await f.call('outbox.list', {})).some((o) => o.attempts >= 1 && o.status === 'pending'), 'a failed attempt while eBay is down');
    expect(f.core.store.messages.get(short.messageId)!.sendState).toBe('queued');
    await ebay.up();
    ebay.rateLimit(1, 1);
    ebay.expireTokens();
    f.core.syncNow();
    await eventually(() => f.core.store.messages.get(short.messageId)!.sendState === 'sent', 'the reply sent');
    const mine = () => ebay.sent.filter((s) => s.conversationId === convo).map((s) => s.messageText);
    expect(mine()).toEqual(['Yes, it ships today.']);

    const long = 'Sehr geehrte Kundin, '.repeat(150).trim();
    const reply = await f.call('messages.reply', { conversationId: c.id, text: long });
    await eventually(() => f.core.store.messages.get(reply.messageId)!.sendState === 'sent', 'the long reply sent');
    const pieces = mine().slice(1);
    expect(pieces.length).toBe(2);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(2000);
    expect(pieces.join(' ')).toBe(long);

    // Our replies come back in the next sync: the thread shows each once.
    await f.core.syncOnce();
    const thread = await f.call('conversations.get', { id: c.id });
    expect(thread.messages.map((m) => m.direction)).toEqual(['in', 'out', 'out']);
    expect(ebay.conversation(convo)!.messages.filter((m) => m.sender === ebay.seller)).toHaveLength(3);
  });

  it('sends a reply once when the connection drops after eBay took it', async () => {
    await connect();
    const cleo = buyer();
    const convo = ebay.buyerWrites(cleo, 'Can you combine shipping?');
    await f.core.syncOnce();
    const c = await conversationOf(cleo);
    ebay.dropAfterSend(1);
    const reply = await f.call('messages.reply', { conversationId: c.id, text: 'Yes, I have combined them.' });
    f.core.start();
    await eventually(() => f.core.store.messages.get(reply.messageId)!.sendState === 'sent', 'the reply confirmed');
    expect(ebay.sent.filter((s) => s.conversationId === convo).map((s) => s.messageText)).toEqual(['Yes, I have combined them.']);
  });

  it('keeps read and archived in step with eBay, per conversation', async () => {
    await connect();
    const dora = buyer();
    const convo = ebay.buyerWrites(dora, 'First question');
    ebay.buyerWrites(dora, 'Second question', { conversationId: convo });
    await f.core.syncOnce();
    const c = await conversationOf(dora);
    await f.call('conversations.markRead', { id: c.id, read: true });
    await f.call('conversations.move', { id: c.id, to: 'archive' });
    // One read mark for the whole conversation, not one per message.
    expect((await f.call('outbox.list', {})).map((o) => o.kind).sort()).toEqual(['conversation.move', 'conversation.set-read']);
    f.core.start();
    await eventually(async () => (await f.call('outbox.list', {})).length === 0, 'the changes carried to eBay');
    expect(ebay.conversation(convo)).toMatchObject({ read: true, status: 'ARCHIVE' });
    expect(ebay.updates.filter((u) => u.conversationId === convo)).toEqual([
      { conversationId: convo, read: true },
      { conversationId: convo, conversationStatus: 'ARCHIVE' },
    ]);
    // The buyer writes again: the conversation is back in the inbox, here and on eBay.
    ebay.buyerWrites(dora, 'Any news?', { conversationId: convo });
    f.core.syncNow();
    await eventually(async () => (await conversationOf(dora)).messageCount === 3, 'the new message');
    expect((await conversationOf(dora)).mailbox).toBe('inbox');
  });

  it('shows a revoked refresh token on the account with what to do', async () => {
    const account = await connect();
    f.core.start();
    await eventually(() => f.core.statusOf(account.id).state === 'online', 'online');
    ebay.revokeRefreshToken();
    ebay.expireTokens();
    f.core.syncNow();
    await eventually(() => f.core.statusOf(account.id).errorCode === 'AUTH_FAILED', 'the sign-in problem shown');
    expect(f.core.statusOf(account.id).errorDetail).toMatch(/refresh token/);
  });
});
