// The CLI's outbox commands and exit codes, on the demo workspace (no server needed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startCli } from '../../tests/support/cli-run.js';
import { openCore } from '../../tests/support/core-fixture.js';
import { startEbayContractServer } from '../../tests/contracts/ebay/server.js';
import { startMeliContractServer } from '../../tests/contracts/mercadolibre/server.js';
import { startMetaContractServer } from '../../tests/contracts/meta/server.js';
import { startDeepLServer } from '../../tests/contracts/translation/servers.js';
import { startTelegramContractServer } from '../../tests/contracts/telegram/server.js';

async function cli(profile: string, ...args: string[]) {
  return cliWithInput(profile, undefined, ...args);
}

async function cliWithInput(profile: string, stdin: NodeJS.ReadableStream | undefined, ...args: string[]) {
  const run = startCli(['--profile', profile, ...args], {}, stdin);
  const code = await run.done;
  return { code, out: run.out, err: run.err };
}

describe('cli outbox', () => {
  it('lists, retries and discards operations, with the right exit codes', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-outbox-'));
    expect((await cli(profile, 'demo')).code).toBe(0);
    const [convo] = JSON.parse((await cli(profile, 'conversations', '--json')).out) as Array<{ id: string }>;
    const first = JSON.parse((await cli(profile, 'reply', convo!.id, '--text', 'one', '--json')).out) as { outboxId: string };
    const second = JSON.parse((await cli(profile, 'reply', convo!.id, '--text', 'two', '--json')).out) as { outboxId: string };

    // Simulate the server refusing both.
    const f = openCore(profile);
    f.core.store.outbox.markFailed(first.outboxId, '550 5.1.1 no such user', Date.now());
    f.core.store.outbox.markFailed(second.outboxId, '550 5.1.1 no such user', Date.now());
    await f.close();

    const listed = JSON.parse((await cli(profile, 'outbox', '--json')).out) as Array<{ id: string; status: string; lastError: string }>;
    expect(listed.map((o) => [o.id, o.status, o.lastError])).toEqual([
      [first.outboxId, 'failed', '550 5.1.1 no such user'],
      [second.outboxId, 'failed', '550 5.1.1 no such user'],
    ]);
    expect((await cli(profile, 'outbox', 'retry', first.outboxId)).out).toBe(`Operation ${first.outboxId} will be tried again.\n`);
    expect((await cli(profile, 'outbox', 'discard', second.outboxId)).code).toBe(0);
    // Retrying something that is not failed is refused with a reason; an unknown id likewise.
    const again = await cli(profile, 'outbox', 'retry', first.outboxId);
    expect([again.code, again.err]).toEqual([1, 'error: Only a failed operation can be retried.\n']);
    expect((await cli(profile, 'outbox', 'discard', 'nope')).code).toBe(1);
    expect((await cli(profile, 'outbox', 'retry')).code).toBe(2);

    // The retried reply goes out on the next sync; the discarded one is gone from the thread.
    expect((await cli(profile, 'sync', '--once')).code).toBe(0);
    expect(JSON.parse((await cli(profile, 'outbox', '--json')).out)).toEqual([]);
    const shown = JSON.parse((await cli(profile, 'show', convo!.id, '--json')).out) as { messages: Array<{ text: string; sendState: string | null }> };
    expect(shown.messages.filter((m) => m.sendState).map((m) => [m.text, m.sendState])).toEqual([['one', 'sent']]);
  });

  it('refuses to open a profile another process is using', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-lock-'));
    const f = openCore(profile);
    try {
      const r = await cli(profile, 'conversations');
      expect(r.code).toBe(1);
      expect(r.err).toBe('error: This profile is already open in this process.\n');
    } finally {
      await f.close();
    }
  });

  it('signs in with --oauth only where the app has a registration for the provider', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-oauth-'));
    const base = ['account', 'add', '--email', 'shop@gmail.com', '--user', 'shop@gmail.com', '--imap-host', 'imap.gmail.com', '--imap-port', '993',
      '--smtp-host', 'smtp.gmail.com', '--smtp-port', '465', '--tls', 'tls', '--oauth'];
    // As shipped, resources/oauth-clients.json registers nothing: the CLI says what to give instead.
    const r = await cli(profile, ...base);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no OAuth registration for that provider: give --oauth-client-id/);
  });

  it('takes a long reply from a file or from standard input, and refuses unusable ports', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-reply-'));
    expect((await cli(profile, 'demo')).code).toBe(0);
    const [convo] = JSON.parse((await cli(profile, 'conversations', '--json')).out) as Array<{ id: string }>;
    // 60,000 characters: more than a command line comfortably carries, within what a reply may hold.
    const long = `Dear buyer,\n${'Ihre Bestellung ist unterwegs. '.repeat(2000)}`;
    const file = path.join(profile, 'reply.txt');
    fs.writeFileSync(file, long);
    expect((await cli(profile, 'reply', convo!.id, '--text-file', file)).code).toBe(0);
    expect((await cliWithInput(profile, Readable.from([Buffer.from('Shipped today, '), Buffer.from('tracking follows.')]), 'reply', convo!.id, '--text', '-')).code).toBe(0);
    const shown = JSON.parse((await cli(profile, 'show', convo!.id, '--json')).out) as { messages: Array<{ text: string; sendState: string | null }> };
    expect(shown.messages.filter((m) => m.sendState).map((m) => m.text)).toEqual([long.trimEnd(), 'Shipped today, tracking follows.']);

    const missing = await cli(profile, 'reply', convo!.id, '--text-file', path.join(profile, 'nope.txt'));
    expect([missing.code, missing.err]).toEqual([1, `error: Cannot read ${path.join(profile, 'nope.txt')}: ENOENT\n`]);
    expect((await cli(profile, 'reply', convo!.id)).code).toBe(2);
    expect((await cli(profile, 'reply', convo!.id, '--text', 'a', '--text-file', file)).code).toBe(2);

    for (const port of ['1e3', '0x8f', '', '70000']) {
      const args = ['account', 'add', '--email', 'a@b.example', '--user', 'a', '--password-env', 'X', '--imap-host', 'h', '--imap-port', port, '--smtp-host', 'h', '--smtp-port', '25', '--tls', 'off'];
      const r = startCli(['--profile', profile, ...args], { X: 'secret' });
      expect([await r.done, r.err], port).toEqual([2, expect.stringMatching(/^--imap-port (must be a port number\b|is required)/)]);
    }
  });

  it("exports and erases a customer's data and shows the audit log", async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-privacy-'));
    expect((await cli(profile, 'demo')).code).toBe(0);
    const exported = JSON.parse((await cli(profile, 'customer', 'export', 'jonas.becker@example.de', '--json')).out) as { file: string; messages: number };
    expect(exported.messages).toBeGreaterThan(0);
    expect(fs.existsSync(exported.file)).toBe(true);
    const erased = await cli(profile, 'customer', 'erase', 'jonas.becker@example.de');
    expect(erased.out).toMatch(/^Erased 1 conversations \(\d+ messages\) here\.\n$/);
    const log = JSON.parse((await cli(profile, 'audit', '--json')).out) as Array<{ action: string; subject: string }>;
    expect(log.map((e) => e.action)).toEqual(['customer.erased', 'customer.exported']);
    expect((await cli(profile, 'customer', 'erase', 'jonas.becker@example.de')).code).toBe(1); // nothing left
    expect((await cli(profile, 'customer', 'forget', 'x@y')).code).toBe(2);
  });

  it('adds a Telegram bot, syncs its chats, and replies, with the same commands as e-mail', async () => {
    const tg = await startTelegramContractServer();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-telegram-'));
    try {
      const run = async (...args: string[]) => {
        const r = startCli(['--profile', profile, ...args], { TG_TOKEN: tg.token });
        return { code: await r.done, out: r.out, err: r.err };
      };
      const missing = await run('account', 'add', '--channel', 'telegram', '--token-env', 'NOPE', '--api-url', tg.url);
      expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('environment variable NOPE is empty or not set')]);
      const added = await run('account', 'add', '--channel', 'telegram', '--token-env', 'TG_TOKEN', '--api-url', tg.url);
      expect(added.out).toMatch(/^Added Telegram bot @lumen_shop_bot \(.+\)\.\n$/);
      tg.userSends({ id: 901, first_name: 'Ana', language_code: 'pt' }, { text: 'Oi! Tem na cor azul?' });
      expect((await run('sync', '--once')).code).toBe(0);
      const [c] = JSON.parse((await run('conversations', '--json')).out) as Array<{ id: string; channel: string; customerName: string }>;
      expect(c).toMatchObject({ channel: 'telegram', customerName: 'Ana' });
      expect((await run('reply', c!.id, '--text', 'Temos sim!')).code).toBe(0);
      expect((await run('sync', '--once')).code).toBe(0);
      expect(tg.sent.map((m) => [m.chat_id, m.text])).toEqual([['901', 'Temos sim!']]);
    } finally {
      await tg.close();
    }
  });

  it('adds an eBay account, syncs its conversations, and replies, with the same commands as e-mail', async () => {
    const ebay = await startEbayContractServer();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-ebay-'));
    try {
      const run = async (...args: string[]) => {
        const r = startCli(['--profile', profile, ...args], { EBAY_SECRET: ebay.clientSecret, EBAY_REFRESH: ebay.refreshToken });
        return { code: await r.done, out: r.out, err: r.err };
      };
      const base = ['account', 'add', '--channel', 'ebay', '--user', ebay.seller, '--client-id', ebay.clientId, '--api-url', ebay.url];
      const missing = await run(...base, '--client-secret-env', 'EBAY_SECRET', '--refresh-token-env', 'NOPE');
      expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('environment variable NOPE is empty or not set')]);
      const added = await run(...base, '--client-secret-env', 'EBAY_SECRET', '--refresh-token-env', 'EBAY_REFRESH');
      expect(added.out).toMatch(/^Added eBay account lumen_shop \(.+\)\.\n$/);
      const convo = ebay.buyerWrites('hans_k', 'Passt die Lampe auch für 110 V?', { itemId: '256000000001' });
      expect((await run('sync', '--once')).code).toBe(0);
      const [c] = JSON.parse((await run('conversations', '--json')).out) as Array<{ id: string; channel: string; customerName: string }>;
      expect(c).toMatchObject({ channel: 'ebay', customerName: 'hans_k' });
      expect((await run('reply', c!.id, '--text', 'Ja, 100–240 V.')).code).toBe(0);
      expect((await run('sync', '--once')).code).toBe(0);
      expect(ebay.sent.map((m) => [m.conversationId, m.messageText])).toEqual([[convo, 'Ja, 100–240 V.']]);
    } finally {
      await ebay.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('adds a Mercado Libre account and answers a pack, with the same commands as e-mail', async () => {
    const ml = await startMeliContractServer();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-meli-'));
    try {
      const run = async (...args: string[]) => {
        const r = startCli(['--profile', profile, ...args], { MELI_SECRET: ml.clientSecret, MELI_REFRESH: ml.refreshToken });
        return { code: await r.done, out: r.out, err: r.err };
      };
      const added = await run('account', 'add', '--channel', 'mercadolibre', '--client-id', ml.clientId, '--client-secret-env', 'MELI_SECRET', '--refresh-token-env', 'MELI_REFRESH', '--api-url', ml.url);
      expect(added.out).toMatch(/^Added Mercado Libre account LUMENSHOP_AR \(.+\)\.\n$/);
      ml.buyerWrites('2000004111222333', { id: 301000001, nickname: 'PAULA_B' }, 'Oi, chegou quebrado.');
      expect((await run('sync', '--once')).code).toBe(0);
      const [c] = JSON.parse((await run('conversations', '--json')).out) as Array<{ id: string; channel: string; customerName: string }>;
      expect(c).toMatchObject({ channel: 'mercadolibre', customerName: 'PAULA_B' });
      expect((await run('reply', c!.id, '--text', 'Sinto muito! Enviamos outro.')).code).toBe(0);
      expect((await run('sync', '--once')).code).toBe(0);
      expect(ml.sent.map((m) => [m.packId, m.text])).toEqual([['2000004111222333', 'Sinto muito! Enviamos outro.']]);
    } finally {
      await ml.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('adds an Instagram account from a Page token and answers a customer, with the same commands as e-mail', async () => {
    const meta = await startMetaContractServer();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-meta-'));
    try {
      const run = async (...args: string[]) => {
        const r = startCli(['--profile', profile, ...args], { PAGE_TOKEN: meta.token });
        return { code: await r.done, out: r.out, err: r.err };
      };
      const added = await run('account', 'add', '--channel', 'instagram', '--token-env', 'PAGE_TOKEN', '--api-url', meta.url);
      expect(added.out).toMatch(/^Added Instagram account @lumenloom \(.+\)\.\n$/);
      meta.customerWrites('instagram', { id: '5551234', username: 'mia.k' }, 'Hi! Do you have it in green?');
      expect((await run('sync', '--once')).code).toBe(0);
      const [c] = JSON.parse((await run('conversations', '--json')).out) as Array<{ id: string; channel: string; customerName: string }>;
      expect(c).toMatchObject({ channel: 'instagram', customerName: '@mia.k' });
      expect((await run('reply', c!.id, '--text', 'Yes, green is in stock.')).code).toBe(0);
      expect((await run('sync', '--once')).code).toBe(0);
      expect(meta.sent.map((m) => [m.recipient, m.text, m.messagingType])).toEqual([['5551234', 'Yes, green is in stock.', 'RESPONSE']]);
    } finally {
      await meta.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('sets up translation, reads a conversation translated, and replies translated, from the command line', async () => {
    const ebay = await startEbayContractServer();
    const deepl = await startDeepLServer();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-translate-'));
    try {
      const run = async (...args: string[]) => {
        const r = startCli(['--profile', profile, ...args], { DEEPL_KEY: deepl.key, BAD_KEY: 'nope', EBAY_SECRET: ebay.clientSecret, EBAY_REFRESH: ebay.refreshToken });
        return { code: await r.done, out: r.out, err: r.err };
      };
      const bad = await run('translation', 'set', '--provider', 'deepl', '--api-url', deepl.url, '--key-env', 'BAD_KEY', '--agent-language', 'zh');
      expect([bad.code, bad.err]).toEqual([1, expect.stringMatching(/DeepL rejected the API key/)]);
      const set = await run('translation', 'set', '--provider', 'deepl', '--api-url', deepl.url, '--key-env', 'DEEPL_KEY', '--agent-language', 'zh');
      expect(set.out).toBe('Translation by deepl into zh (key saved).\n');
      await run('account', 'add', '--channel', 'ebay', '--user', ebay.seller, '--client-id', ebay.clientId, '--client-secret-env', 'EBAY_SECRET', '--refresh-token-env', 'EBAY_REFRESH', '--api-url', ebay.url);
      const convo = ebay.buyerWrites('comprador_cli', '¿Dónde está mi pedido? Lo compré hace dos semanas.');
      expect((await run('sync', '--once')).code).toBe(0);
      const [c] = JSON.parse((await run('conversations', '--json')).out) as Array<{ id: string; language: string }>;
      expect(c!.language).toBe('es');
      const translated = JSON.parse((await run('translate', c!.id, '--json')).out) as { messages: unknown[] };
      expect(translated.messages).toEqual([
        { id: expect.any(String), language: 'es', text: '¿Dónde está mi pedido? Lo compré hace dos semanas.', translation: { language: 'zh', text: '我的订单在哪里？我两周前买的。', provider: 'DeepL' }, state: 'done' },
      ]);
      expect((await run('reply', c!.id, '--translate', '--text', '您的包裹明天到达。')).code).toBe(0);
      expect((await run('sync', '--once')).code).toBe(0);
      expect(ebay.sent.map((m) => [m.conversationId, m.messageText])).toEqual([[convo, 'Su paquete llega mañana.']]);
    } finally {
      await ebay.close();
      await deepl.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('searches every conversation from the command line, in the shape of conversations --json', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-search-'));
    try {
      const run = (...args: string[]) => cli(profile, ...args);
      expect((await run('demo')).code).toBe(0);
      const found = JSON.parse((await run('search', '陶瓷 from:wang', '--json')).out) as Array<{ customerName: string; channel: string }>;
      expect(found.map((c) => c.customerName)).toEqual(['王磊']);
      const all = JSON.parse((await run('conversations', '--json')).out) as Array<Record<string, unknown>>;
      expect(Object.keys(found[0]!).sort()).toEqual(Object.keys(all[0]!).sort());
      expect((await run('search', 'nothing-like-this')).out).toBe('Nothing found.\n');
      const bad = await run('search', 'before:someday');
      expect([bad.code, bad.err]).toEqual([1, expect.stringMatching(/is not a date/)]);
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('pages through conversations with --limit and --before, and says when more exist', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-paging-'));
    try {
      const run = (...args: string[]) => cli(profile, ...args);
      expect((await run('demo')).code).toBe(0);
      const all = JSON.parse((await run('conversations', '--json')).out) as Array<{ id: string; lastMessageAt: number }>;
      expect(all).toHaveLength(8);
      const first = await run('conversations', '--json', '--limit', '5');
      const page1 = JSON.parse(first.out) as Array<{ id: string; lastMessageAt: number }>;
      expect(page1.map((c) => c.id)).toEqual(all.slice(0, 5).map((c) => c.id));
      const cursor = `${page1[4]!.lastMessageAt}:${page1[4]!.id}`;
      expect(first.err).toBe(`More conversations exist: add --before ${cursor} for the next 5.\n`);
      const second = await run('conversations', '--json', '--limit', '5', '--before', cursor);
      expect((JSON.parse(second.out) as Array<{ id: string }>).map((c) => c.id)).toEqual(all.slice(5).map((c) => c.id));
      expect(second.err).toBe('');
      expect((await run('conversations', '--limit', 'lots')).code).toBe(2);
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('exports canned responses as CSV, imports them into another profile, and reports rows it cannot use', async () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-canned-a-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-canned-b-'));
    try {
      expect((await cli(a, 'demo')).code).toBe(0);
      const exported = await cli(a, 'canned', 'export', '--format', 'csv');
      expect(exported.code).toBe(0);
      const file = path.join(b, 'responses.csv');
      fs.writeFileSync(file, `${exported.out}Broken row without text,Folder\n`);
      const imported = await cli(b, 'canned', 'import', file);
      expect(imported.code).toBe(1);
      expect(imported.out).toMatch(/^2 added, 0 updated\nrow \d+ skipped: variants: at least one language needs text\n$/);
      const listed = JSON.parse((await cli(b, 'canned', 'list', '--json')).out) as Array<{ name: string; variants: Record<string, string> }>;
      const original = JSON.parse((await cli(a, 'canned', 'list', '--json')).out) as Array<{ name: string; variants: Record<string, string> }>;
      expect(listed.map((c) => [c.name, c.variants])).toEqual(original.map((c) => [c.name, c.variants]));
      expect((await cli(b, 'canned', 'export', '--format', 'xml')).code).toBe(2);
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });
});
