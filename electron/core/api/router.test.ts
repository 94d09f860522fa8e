// The router: every call validated against the contract, every outcome an envelope, nothing thrown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/ipc/contract.js';
import { InboxCore } from '../inbox-core.js';
import { FileSecretStore } from '../secrets/secret-store.js';
import { handlers } from './handlers.js';
import { createRouter, type Invoke } from './router.js';

let core: InboxCore;
let invoke: Invoke;

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'router-'));
  core = new InboxCore({ profileDir: dir, secrets: new FileSecretStore(path.join(dir, 'secrets.json')), version: '9.9.9' });
  invoke = createRouter(core);
});
afterEach(() => core.close());

describe('router', () => {
  it('has a handler for every call in the contract and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(calls).sort());
  });

  it('answers an unknown call with NOT_FOUND', async () => {
    expect(await invoke('messages.delete_everything', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown call "messages.delete_everything".' } });
    expect((await invoke('__proto__', {})).ok).toBe(false);
  });

  it('rejects input that does not match the schema, naming the field', async () => {
    const r = await invoke('accounts.addEmail', { email: 'not-an-address', imap: {}, smtp: {}, user: '', password: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toMatch(/^email:/);
    }
    const extra = await invoke('conversations.get', { id: 'x', sql: 'DROP TABLE messages' });
    expect(extra.ok).toBe(false);
  });

  it('turns a handler error into an envelope', async () => {
    expect(await invoke('conversations.get', { id: 'missing' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Conversation not found.' } });
  });

  it('opens the demo workspace once, with readable multilingual conversations', async () => {
    const first = await invoke('demo.open', {});
    const again = await invoke('demo.open', {});
    expect(first).toEqual({ ok: true, value: { conversations: 8 } });
    expect(again).toEqual(first);
    const info = await invoke('app.info', {});
    expect(info).toEqual({ ok: true, value: { version: '9.9.9', hasAccounts: true, demo: true, outbox: { pending: 0, failed: 0 }, oauthClients: {} } });
    const list = await invoke('conversations.list', {});
    if (!list.ok) throw new Error('list failed');
    const value = list.value as Array<{ customerName: string; unreadCount: number }>;
    expect(value.map((c) => c.customerName)).toEqual(expect.arrayContaining(['王磊', '佐藤 美咲', '김지은', 'Lucía Fernández']));
  });

  it('queues a reply in the demo workspace and delivers it once the core runs', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; customerName: string }> };
    const convo = list.value.find((c) => c.customerName === 'Jonas Becker')!;
    const r = await invoke('messages.reply', { conversationId: convo.id, text: 'Danke, Jonas!' });
    expect(r.ok).toBe(true);
    await core.syncOnce();
    const detail = (await invoke('conversations.get', { id: convo.id })) as { ok: true; value: { messages: Array<{ text: string; sendState?: string; to: Array<{ address: string }> }> } };
    const sent = detail.value.messages.at(-1)!;
    expect(sent).toMatchObject({ text: 'Danke, Jonas!', sendState: 'sent' });
    expect(sent.to[0]!.address).toBe('jonas.becker@example.de');
  });

  it('lets the agent retry or discard a reply that failed, and says so when it is gone', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; customerName: string }> };
    const convo = list.value.find((c) => c.customerName === 'Emily Carter')!;
    const first = (await invoke('messages.reply', { conversationId: convo.id, text: 'Draft one' })) as { ok: true; value: { outboxId: string; messageId: string } };
    const second = (await invoke('messages.reply', {
      conversationId: convo.id,
      text: 'Draft two',
      attachments: [{ fileName: 'label.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF label').toString('base64') }],
    })) as { ok: true; value: { outboxId: string; messageId: string } };
    const files = path.join(core.attachmentsDir, second.value.messageId);
    expect(fs.readdirSync(files)).toHaveLength(1);
    core.store.outbox.markFailed(first.value.outboxId, '550 rejected', Date.now());
    core.store.outbox.markFailed(second.value.outboxId, '550 rejected', Date.now());

    expect(await invoke('outbox.retry', { id: first.value.outboxId })).toEqual({ ok: true, value: { retried: true } });
    expect(core.store.outbox.get(first.value.outboxId)).toMatchObject({ status: 'pending', attempts: 0 });

    expect(await invoke('outbox.discard', { id: second.value.outboxId })).toEqual({ ok: true, value: { discarded: true } });
    const detail = (await invoke('conversations.get', { id: convo.id })) as { ok: true; value: { messages: Array<{ text: string }> } };
    expect(detail.value.messages.map((m) => m.text)).not.toContain('Draft two');
    expect(detail.value.messages.map((m) => m.text)).toContain('Draft one');
    // Its file goes with it.
    expect(fs.existsSync(files)).toBe(false);
    expect(await invoke('outbox.discard', { id: second.value.outboxId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('marks a conversation read locally at once and queues the change for the server', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; unreadCount: number }> };
    const unread = list.value.find((c) => c.unreadCount > 0)!;
    expect(await invoke('conversations.markRead', { id: unread.id, read: true })).toEqual({ ok: true, value: { changed: unread.unreadCount } });
    const after = (await invoke('conversations.get', { id: unread.id })) as { ok: true; value: { conversation: { unreadCount: number } } };
    expect(after.value.conversation.unreadCount).toBe(0);
    expect(core.store.outbox.listOpen().map((o) => o.kind)).toEqual(Array(unread.unreadCount).fill('message.set-flag'));
  });

  it('tags, stars and closes a conversation locally, queuing only what the server can hold', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; customerName: string }> };
    const convo = list.value.find((c) => c.customerName === '王磊')!;
    expect(await invoke('conversations.setTags', { id: convo.id, tags: ['VIP', '紧急', 'VIP '] })).toEqual({ ok: true, value: { tags: ['VIP', '紧急'] } });
    expect(await invoke('conversations.setFlagged', { id: convo.id, flagged: true })).toEqual({ ok: true, value: { changed: 1 } });
    expect(await invoke('conversations.setStatus', { id: convo.id, status: 'closed' })).toEqual({ ok: true, value: { status: 'closed' } });
    const after = (await invoke('conversations.get', { id: convo.id })) as { ok: true; value: { conversation: { tags: string[]; flagged: boolean; status: string } } };
    expect(after.value.conversation).toMatchObject({ tags: ['VIP', '紧急'], flagged: true, status: 'closed' });
    // 3 messages × 2 tags + 1 star; the status is local.
    expect(core.store.outbox.listOpen()).toHaveLength(7);
    // Removing a tag before the ops went out replaces the pending "add" ops for it.
    await invoke('conversations.setTags', { id: convo.id, tags: ['VIP'] });
    const tagOps = core.store.outbox.listOpen().filter((o) => o.payload.tag === '紧急');
    expect(tagOps.map((o) => o.payload.on)).toEqual([false, false, false]);
    expect(await invoke('conversations.setTags', { id: convo.id, tags: ['a,b'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    // Carrying the flags out does not make the customer's messages look like sent replies.
    await core.syncOnce();
    expect(core.store.outbox.listOpen()).toEqual([]);
    const replayed = (await invoke('conversations.get', { id: convo.id })) as { ok: true; value: { messages: Array<{ direction: string; sendState?: string }> } };
    expect(replayed.value.messages.filter((m) => m.direction === 'in').map((m) => m.sendState)).toEqual([undefined, undefined]);
  });

  it('keeps internal notes with the conversation and never queues them for sending', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; customerName: string }> };
    const convo = list.value.find((c) => c.customerName === 'Rafael Oliveira')!;
    const r = await invoke('notes.add', { conversationId: convo.id, text: 'Refund approved by Ana — up to R$ 90.' });
    expect(r.ok).toBe(true);
    const detail = (await invoke('conversations.get', { id: convo.id })) as { ok: true; value: { notes: Array<{ text: string }> } };
    expect(detail.value.notes.map((n) => n.text)).toEqual(['Refund approved by Ana — up to R$ 90.']);
    expect(core.store.outbox.listOpen()).toEqual([]);
  });

  it('hides a snoozed conversation from the inbox until it wakes', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; customerName: string }> };
    const convo = list.value.find((c) => c.customerName === 'Camille Dubois')!;
    const until = Date.now() + 3_600_000;
    expect(await invoke('conversations.snooze', { id: convo.id, until })).toEqual({ ok: true, value: { snoozedUntil: until } });
    const hidden = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string }> };
    expect(hidden.value.map((c) => c.id)).not.toContain(convo.id);
    await invoke('conversations.snooze', { id: convo.id, until: null });
    const back = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string }> };
    expect(back.value.map((c) => c.id)).toContain(convo.id);
  });

  it("detects each customer's language and keeps canned responses with a variant per language", async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ customerName: string; language: string | null }> };
    const languages = Object.fromEntries(list.value.map((c) => [c.customerName, c.language]));
    expect(languages).toMatchObject({ 'Lucía Fernández': 'es', 'Jonas Becker': 'de', '佐藤 美咲': 'ja', '王磊': 'zh', 'Camille Dubois': 'fr', 'Rafael Oliveira': 'pt', 'Emily Carter': 'en', '김지은': 'ko' });

    const seeded = (await invoke('canned.list', {})) as { ok: true; value: Array<{ name: string; variants: Record<string, string> }> };
    expect(seeded.value.map((c) => c.name)).toEqual(['Return label', 'Shipping delayed at customs']);

    const created = (await invoke('canned.save', { name: 'Thanks', variants: { en: 'Thanks {{customer.firstName}}!', es: '¡Gracias {{customer.firstName}}!' } })) as { ok: true; value: { id: string } };
    const edited = await invoke('canned.save', { id: created.value.id, name: 'Thank you', variants: { en: 'Thank you!' } });
    expect(edited).toMatchObject({ ok: true, value: { id: created.value.id, name: 'Thank you', variants: { en: 'Thank you!' } } });
    expect(await invoke('canned.save', { name: 'Empty', variants: { en: '  ' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke('canned.save', { name: 'Bad tag', variants: { 'not a tag': 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke('canned.delete', { id: created.value.id })).toEqual({ ok: true, value: { deleted: true } });
    expect(((await invoke('canned.list', {})) as { ok: true; value: unknown[] }).value).toHaveLength(2);
  });

  it('refuses an e-mail reply that could never reach an Etsy buyer, saying where to answer', async () => {
    await invoke('demo.open', {});
    const list = (await invoke('conversations.list', {})) as { ok: true; value: Array<{ id: string; customerName: string }> };
    const convo = list.value.find((c) => c.customerName === 'Camille Dubois')!;
    core.store.conversations.setMarketplace(convo.id, { id: 'etsy', name: 'Etsy', orderId: '2847561930', replyBy: 'marketplace', replyUrl: 'https://www.etsy.com/messages', registeredSenderOnly: false, relayedTo: null });
    const r = await invoke('messages.reply', { conversationId: convo.id, text: 'Bonjour' });
    expect(r).toEqual({ ok: false, error: { code: 'REPLY_ON_MARKETPLACE', message: 'Replies to Etsy messages only reach the buyer on Etsy: https://www.etsy.com/messages' } });
    expect(core.store.outbox.listOpen()).toEqual([]);
  });
});
