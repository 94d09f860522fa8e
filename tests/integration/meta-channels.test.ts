// Messenger and Instagram through a Page, against the Graph API contract server: a Page token connects either
// inbox, conversations are read page by page with their latest messages, replies go out through the outbox
// inside Meta's window (RESPONSE within 24 hours, the HUMAN_AGENT tag up to 7 days where the Page may use it,
// a clear refusal after), each piece once, and Graph's errors read as what they mean.
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startMetaContractServer, type MetaContractServer } from '../contracts/meta/server.js';
import { GraphApi, GraphRateLimit } from '../../electron/core/channels/meta/api.js';
import { replyWindowState } from '../../shared/domain/reply-windows.js';

let meta: MetaContractServer;
let person = 7_100_000_000_000_000;
const customer = (name: string) => ({ id: String(++person), name });
const igUser = (username: string) => ({ id: String(++person), username });
const HOUR = 3_600_000;

beforeAll(async () => {
  meta = await startMetaContractServer({ humanAgentAllowed: true });
});
afterAll(async () => {
  await meta?.close();
});

describe('the reply window', () => {
  it('is open 24 hours after the customer last wrote, then 7 days for a person with the human-agent tag, then closed', () => {
    const t0 = Date.UTC(2026, 11, 1, 12);
    expect(replyWindowState('messenger', t0, t0 + 23 * HOUR, false)).toEqual({ kind: 'open', until: t0 + 24 * HOUR });
    expect(replyWindowState('messenger', t0, t0 + 25 * HOUR, false)).toEqual({ kind: 'closed' });
    expect(replyWindowState('instagram', t0, t0 + 25 * HOUR, true)).toEqual({ kind: 'human-agent', until: t0 + 7 * 24 * HOUR });
    expect(replyWindowState('instagram', t0, t0 + 8 * 24 * HOUR, true)).toEqual({ kind: 'closed' });
    expect(replyWindowState('messenger', null, t0, true)).toEqual({ kind: 'closed' });
    expect(replyWindowState('email', t0, t0 + 1000 * HOUR, false)).toBeNull();
  });

  it("reads Graph's throttling and token errors", async () => {
    const api = new GraphApi(meta.url, meta.token);
    meta.throttle(1, 613, 3);
    const limited = await api.page().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(GraphRateLimit);
    expect((limited as GraphRateLimit).retryAfterMs).toBe(3 * 60_000);
    await expect(new GraphApi(meta.url, 'EAA-wrong').page()).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/Page access token/) });
  });
});

describe('a Page in the inbox', () => {
  let f: CoreFixture;
  beforeEach(() => {
    f = openCore(undefined, { baseDelayMs: 50, maxDelayMs: 300 }, { pollMinutes: 0.05 });
    return () => f.close();
  });
  const connect = (platform: 'messenger' | 'instagram', humanAgent = false) => f.call('accounts.addMetaPage', { platform, pageToken: meta.token, humanAgent, apiUrl: meta.url });
  const conversationOf = async (address: string) => (await f.call('conversations.list', {})).find((c) => c.customerAddress === address)!;

  it('connects the Messenger inbox and the linked Instagram account with one Page token; refuses a wrong one', async () => {
    expect(await f.raw('accounts.addMetaPage', { platform: 'messenger', pageToken: 'EAA-nope', apiUrl: meta.url })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await f.call('accounts.list', {})).toEqual([]);
    expect(await connect('messenger')).toMatchObject({ channel: 'messenger', name: 'Lumen & Loom Crafts', address: `messenger:${meta.page.id}` });
    expect(await connect('instagram')).toMatchObject({ channel: 'instagram', name: '@lumenloom', address: `instagram:${meta.ig.id}` });
    expect(await f.raw('accounts.addMetaPage', { platform: 'instagram', pageToken: meta.token, apiUrl: meta.url })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_ACCOUNT' } });
    const unlinked = await startMetaContractServer({ linkInstagram: false });
    try {
      expect(await f.raw('accounts.addMetaPage', { platform: 'instagram', pageToken: unlinked.token, apiUrl: unlinked.url })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/No Instagram professional account is linked/) },
      });
    } finally {
      await unlinked.close();
    }
  });

  it('files every conversation of both inboxes, page after page, each message once across restarts', async () => {
    await connect('messenger');
    await connect('instagram');
    const ana = customer('Ana Souza');
    meta.customerWrites('messenger', ana, 'Olá! Vocês enviam para o Brasil?', { image: Buffer.from('jpeg of a screenshot') });
    const kai = igUser('kai.design');
    meta.customerWrites('instagram', kai, 'Is the blue vase still available?');
    const crowd = Array.from({ length: 30 }, (_, i) => customer(`Customer ${i}`));
    for (const [i, c] of crowd.entries()) meta.customerWrites('messenger', c, `Question ${i}`, { agoMs: (i + 2) * 60_000 });

    await f.core.syncOnce();
    const list = await f.call('conversations.list', {});
    expect(list).toHaveLength(32);
    const anaRow = await conversationOf(`messenger:${ana.id}`);
    expect(anaRow).toMatchObject({ channel: 'messenger', customerName: 'Ana Souza', messageCount: 1, unreadCount: 1 });
    const kaiRow = await conversationOf(`instagram:${kai.id}`);
    expect(kaiRow).toMatchObject({ channel: 'instagram', customerName: '@kai.design' });
    const [first] = (await f.call('conversations.get', { id: anaRow.id })).messages;
    const opened = await f.call('attachments.open', { id: first!.attachments[0]!.id });
    expect(fs.readFileSync(opened.path, 'utf8')).toBe('jpeg of a screenshot');

    await f.close();
    f = openCore(f.profileDir, { baseDelayMs: 50, maxDelayMs: 300 }, { pollMinutes: 0.05 });
    meta.customerWrites('messenger', ana, 'E quanto custa o frete?');
    await f.core.syncOnce();
    await f.core.syncOnce();
    expect(await f.call('conversations.list', {})).toHaveLength(32);
    expect((await f.call('conversations.get', { id: anaRow.id })).messages.map((m) => m.text)).toEqual(['Olá! Vocês enviam para o Brasil?', 'E quanto custa o frete?']);
  });

  it('answers inside the window through the outbox: once, split at the platform limit, after an outage, throttling and a lost answer', async () => {
    await connect('instagram');
    const lea = igUser('lea.home');
    meta.customerWrites('instagram', lea, 'Do you ship to France?');
    await f.core.syncOnce();
    const c = await conversationOf(`instagram:${lea.id}`);

    await meta.down();
    const short = await f.call('messages.reply', { conversationId: c.id, text: 'Yes, in 5 days.' });
    f.core.start();
    await eventually(async () => (await f.call('outbox.list', {})).some((o) => o.attempts >= 1 && o.status === 'pending'), 'a failed attempt while Meta is down');
    await meta.up();
    meta.throttle(1, 32, 0);
    f.core.syncNow();
    await eventually(() => f.core.store.messages.get(short.messageId)!.sendState === 'sent', 'the reply sent');

    meta.dropAfterSend(1);
    const long = 'Merci beaucoup pour votre message. '.repeat(40).trim();
    const reply = await f.call('messages.reply', { conversationId: c.id, text: long });
    await eventually(() => f.core.store.messages.get(reply.messageId)!.sendState === 'sent', 'the long reply sent');
    const mine = meta.sent.filter((s) => s.recipient === lea.id);
    expect(mine.map((s) => s.messagingType)).toEqual(['RESPONSE', 'RESPONSE', 'RESPONSE']);
    expect(mine[0]!.text).toBe('Yes, in 5 days.');
    for (const s of mine) expect([...s.text].length).toBeLessThanOrEqual(1000);
    expect(mine.slice(1).map((s) => s.text).join(' ')).toBe(long);

    await f.core.syncOnce();
    expect((await f.call('conversations.get', { id: c.id })).messages.map((m) => m.direction)).toEqual(['in', 'out', 'out']);
  });

  it('answers after 24 hours only with the human-agent tag, and refuses with the reason once the window is closed', async () => {
    await connect('messenger', true);
    const late = customer('Jonas Late');
    meta.customerWrites('messenger', late, 'Hallo, ist die Lampe noch da?', { agoMs: 30 * HOUR });
    const gone = customer('Old Customer');
    meta.customerWrites('messenger', gone, 'Hi', { agoMs: 8 * 24 * HOUR });
    await f.core.syncOnce();
    const tagged = await f.call('messages.reply', { conversationId: (await conversationOf(`messenger:${late.id}`)).id, text: 'Ja, sie ist noch da.' });
    const refused = await f.call('messages.reply', { conversationId: (await conversationOf(`messenger:${gone.id}`)).id, text: 'Sorry for the delay!' });
    f.core.start();
    await eventually(() => f.core.store.messages.get(tagged.messageId)!.sendState === 'sent', 'the tagged reply sent');
    await eventually(() => f.core.store.messages.get(refused.messageId)!.sendState === 'failed', 'the late reply refused');
    expect(meta.sent.filter((s) => s.recipient === late.id)).toEqual([{ platform: 'messenger', recipient: late.id, text: 'Ja, sie ist noch da.', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }]);
    expect(meta.sent.filter((s) => s.recipient === gone.id)).toEqual([]);
    expect((await f.call('outbox.list', {})).find((o) => o.status === 'failed')!.lastError).toMatch(/reply window has closed/);
  });

  it('shows a revoked Page token on the account with what to do', async () => {
    const account = await connect('messenger');
    f.core.start();
    await eventually(() => f.core.statusOf(account.id).state === 'online', 'online');
    meta.revokeToken();
    f.core.syncNow();
    await eventually(() => f.core.statusOf(account.id).errorCode === 'AUTH_FAILED', 'the token problem shown');
    expect(f.core.statusOf(account.id).errorDetail).toMatch(/Page access token/);
  });
});
