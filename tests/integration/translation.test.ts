// Translation against the four providers' contract servers: a key is checked before it is saved, a buyer's
// messages are read in the agent's language through the translation memory (a text goes to a provider once),
// the agent's draft comes back in the buyer's language (formal where a shop is expected to be), a reply sent
// translated keeps the agent's own words, and every provider error reads as what it means without hiding the
// original messages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { eventually } from '../harness/mail-servers.js';
import { startDeepLServer, startGoogleServer, startLibreTranslateServer, startOpenAIServer, type TranslationServer } from '../contracts/translation/servers.js';

type Provider = 'deepl' | 'google' | 'libretranslate' | 'openai';
const servers = {} as Record<Provider, TranslationServer>;

beforeAll(async () => {
  [servers.deepl, servers.google, servers.libretranslate, servers.openai] = await Promise.all([startDeepLServer(), startGoogleServer(), startLibreTranslateServer(), startOpenAIServer()]);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

let f: CoreFixture;
beforeEach(() => {
  f = openCore();
  return () => f.close();
});

const configure = (provider: Provider, key: string, agentLanguage = 'zh') =>
  f.raw('translation.configure', { provider, apiUrl: servers[provider].url, key, agentLanguage, ...(provider === 'openai' ? { model: 'qwen2.5:7b' } : {}) });

async function spanishConversation(): Promise<string> {
  await f.call('demo.open', {});
  const c = (await f.call('conversations.list', {})).find((x) => x.customerName === 'Lucía Fernández')!;
  expect(c.language).toBe('es');
  return c.id;
}

describe.each(['deepl', 'google', 'libretranslate', 'openai'] as const)('%s', (provider) => {
  const server = () => servers[provider];

  it('checks the key before saving it, then reads a Spanish buyer in Chinese, each text sent to the provider once', async () => {
    expect(await configure(provider, 'wrong-key')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect((await f.call('settings.get', {})).translation.provider).toBeNull();
    expect(await configure(provider, server().key)).toMatchObject({ ok: true, value: { provider, agentLanguage: 'zh', hasKey: true } });

    const id = await spanishConversation();
    const before = server().requests.length;
    const read = await f.call('translation.conversation', { conversationId: id });
    expect(read.target).toBe('zh');
    const incoming = read.messages.filter((m) => m.translation);
    expect(incoming.length).toBeGreaterThan(0);
    for (const m of incoming) {
      expect(m).toMatchObject({ state: 'done', language: 'es', translation: { language: 'zh' } });
      expect(m.translation!.text).toContain('⟨zh⟩');
      expect(m.translation!.text).toContain(m.text.slice(0, 20).replace(/'/g, "'"));
    }
    expect(server().requests.length).toBeGreaterThan(before);
    // The memory: reading it again costs no call.
    const calls = server().requests.length;
    expect(await f.call('translation.conversation', { conversationId: id })).toEqual(read);
    expect(server().requests.length).toBe(calls);
  });

  it("puts the agent's draft into the buyer's language, and keeps the agent's words on the reply", async () => {
    await configure(provider, server().key);
    const id = await spanishConversation();
    const draft = await f.call('translation.draft', { conversationId: id, text: '您的包裹明天到达。' });
    expect(draft).toMatchObject({ text: 'Su paquete llega mañana.', language: 'es' });
    const { messageId } = await f.call('messages.reply', { conversationId: id, text: draft.text, original: { text: '您的包裹明天到达。', language: 'zh' } });
    const sent = (await f.call('conversations.get', { id })).messages.find((m) => m.id === messageId)!;
    expect(sent).toMatchObject({ text: 'Su paquete llega mañana.', original: { text: '您的包裹明天到达。', language: 'zh' } });
  });

  it('leaves the messages readable when the provider is rate limited or down, and says why', async () => {
    await configure(provider, server().key);
    const id = await spanishConversation();
    server().rateLimit(1);
    const limited = await f.call('translation.conversation', { conversationId: id, to: 'en' });
    expect(limited.messages.filter((m) => m.state !== 'done').every((m) => m.state === 'queued' && m.translation === null && m.text.length > 0)).toBe(true);
    expect(limited.messages.some((m) => m.state === 'queued')).toBe(true);
    await server().down();
    try {
      const down = await f.call('translation.conversation', { conversationId: id, to: 'de' });
      expect(down.messages.find((m) => m.state === 'queued')!.error).toMatch(/cannot be reached/);
    } finally {
      await server().up();
    }
  });
});

describe('provider specifics', () => {
  it('DeepL: formal address for a German buyer, a used-up quota said plainly (456)', async () => {
    await configure('deepl', servers.deepl.key, 'en');
    const id = await spanishConversation();
    await f.call('translation.conversation', { conversationId: id, to: 'de' });
    expect(servers.deepl.requests.at(-1)).toMatchObject({ target: 'de', formality: 'prefer_more' });
    servers.deepl.exhaust(true);
    try {
      const r = await f.call('translation.conversation', { conversationId: id, to: 'fr' });
      expect(r.messages.find((m) => m.state === 'failed')!.error).toMatch(/quota is used up/);
    } finally {
      servers.deepl.exhaust(false);
    }
  });

  it("Google: the daily limit (403 dailyLimitExceeded) is not retried; apostrophes come back as text, not '&#39;'", async () => {
    await configure('google', servers.google.key, 'en');
    const id = await spanishConversation();
    const ok = await f.call('translation.conversation', { conversationId: id, to: 'it' });
    expect(ok.messages.some((m) => m.translation?.text.includes('&#39;'))).toBe(false);
    servers.google.exhaust(true);
    try {
      const r = await f.call('translation.conversation', { conversationId: id, to: 'nl' });
      expect(r.messages.find((m) => m.state === 'failed')!.error).toMatch(/daily quota/);
    } finally {
      servers.google.exhaust(false);
    }
  });

  it('OpenAI-compatible: an unknown model and an exhausted credit are told apart from a rate limit', async () => {
    expect(await f.raw('translation.configure', { provider: 'openai', apiUrl: servers.openai.url, key: servers.openai.key, model: 'no-such-model' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/does not know the model/) },
    });
    await configure('openai', servers.openai.key, 'en');
    const id = await spanishConversation();
    await f.call('translation.conversation', { conversationId: id, to: 'ja' });
    expect(servers.openai.requests.at(-1)!.system).toMatch(/into Japanese\. Use the formal, polite address/);
    servers.openai.exhaust(true);
    try {
      const r = await f.call('translation.conversation', { conversationId: id, to: 'fr' });
      expect(r.messages.find((m) => m.state === 'failed')!.error).toMatch(/no credit left/);
    } finally {
      servers.openai.exhaust(false);
    }
  });

  it('says when no provider is set up, without hiding the messages', async () => {
    const id = await spanishConversation();
    const r = await f.call('translation.conversation', { conversationId: id });
    expect(r.messages.filter((m) => m.state === 'failed').every((m) => /No translation provider/.test(m.error!))).toBe(true);
    expect(r.messages.every((m) => m.text.length > 0)).toBe(true);
  });
});

describe('replies translated on their way out', () => {
  it('queues at once while the provider is down, translates and sends once it is back, and keeps both texts', async () => {
    const { startEbayContractServer } = await import('../contracts/ebay/server.js');
    const ebay = await startEbayContractServer();
    try {
      await configure('deepl', servers.deepl.key);
      await f.call('accounts.addEbay', { username: ebay.seller, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken, apiUrl: ebay.url });
      const convo = ebay.buyerWrites('comprador_88', '¿Dónde está mi pedido? Lo compré hace dos semanas.');
      await f.core.syncOnce();
      const [c] = await f.call('conversations.list', {});
      expect(c!.language).toBe('es');

      await servers.deepl.down();
      const queued = await f.call('messages.reply', { conversationId: c!.id, text: '您的包裹明天到达。', translate: true });
      const waiting = (await f.call('conversations.get', { id: c!.id })).messages.find((m) => m.id === queued.messageId)!;
      expect(waiting).toMatchObject({ text: '您的包裹明天到达。', sendState: 'queued', original: { text: '您的包裹明天到达。', language: 'zh' } });
      f.core.start();
      const { eventually } = await import('../harness/mail-servers.js');
      const shown = async (id: string) => (await f.call('conversations.get', { id: c!.id })).messages.find((m) => m.id === id)!;
      await eventually(async () => /cannot be reached/.test((await shown(queued.messageId)).sendError ?? ''), 'the translation waiting for DeepL');
      expect(ebay.sent).toEqual([]);
      await servers.deepl.up();
      f.core.syncNow();
      await eventually(() => f.core.store.messages.get(queued.messageId)!.sendState === 'sent', 'the translated reply sent');
      expect(ebay.sent.map((s) => [s.conversationId, s.messageText])).toEqual([[convo, 'Su paquete llega mañana.']]);
      const sent = (await f.call('conversations.get', { id: c!.id })).messages.find((m) => m.id === queued.messageId)!;
      expect(sent).toMatchObject({ text: 'Su paquete llega mañana.', original: { text: '您的包裹明天到达。', language: 'zh' } });

      // A quota problem needs the agent: the reply waits, failed, until they send the original instead.
      servers.deepl.exhaust(true);
      const stuck = await f.call('messages.reply', { conversationId: c!.id, text: '我们今天会寄出新的。', translate: true });
      await eventually(() => f.core.store.messages.get(stuck.messageId)!.sendState === 'failed', 'the reply failed for the quota');
        expect((await shown(stuck.messageId)).sendError).toMatch(/Not translated: .*quota/);
      await f.call('messages.sendOriginal', { messageId: stuck.messageId });
      await eventually(() => f.core.store.messages.get(stuck.messageId)!.sendState === 'sent', 'the original sent');
      expect(ebay.sent.at(-1)!.messageText).toBe('我们今天会寄出新的。');
      expect(await f.raw('messages.sendOriginal', { messageId: stuck.messageId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      servers.deepl.exhaust(false);
      await ebay.close();
    }
  });
});

describe('the glossary and automatic translation', () => {
  it('never sends glossary terms to a provider without glossaries (Google), puts them back as written or in their fixed wording, and a new glossary is a new memory', async () => {
    const glossary = [{ term: 'Lumen Lamp Pro' }, { term: 'SKU-4471' }, { term: 'Lumen & Loom', fixed: { es: 'Lumen y Loom' } }];
    expect(await f.raw('translation.configure', { provider: 'google', apiUrl: servers.google.url, key: servers.google.key, agentLanguage: 'en', glossary })).toMatchObject({ ok: true });
    const id = await spanishConversation();
    const draft = await f.call('translation.draft', { conversationId: id, text: 'Your Lumen Lamp Pro (SKU-4471) from Lumen & Loom ships today.' });
    expect(draft.text).toBe('⟨es⟩ Your Lumen Lamp Pro (SKU-4471) from Lumen y Loom ships today.');
    const sent = servers.google.requests.at(-1)!.texts.join(' ');
    expect(sent).not.toMatch(/Lumen|SKU-4471/);
    expect(sent).toContain('⟦0⟧');

    const calls = servers.google.requests.length;
    await f.call('translation.draft', { conversationId: id, text: 'Your Lumen Lamp Pro (SKU-4471) from Lumen & Loom ships today.' });
    expect(servers.google.requests.length).toBe(calls);
    await f.call('translation.configure', { provider: 'google', glossary: [{ term: 'Lumen Lamp Pro' }] });
    await f.call('translation.draft', { conversationId: id, text: 'Your Lumen Lamp Pro (SKU-4471) from Lumen & Loom ships today.' });
    expect(servers.google.requests.length).toBe(calls + 1);
  });

  it("sends the glossary to DeepL as a DeepL glossary, once per language pair, replaces it when it changes, and keeps the terms itself when DeepL lost it", async () => {
    const deepl = await startDeepLServer();
    try {
      const glossary = [{ term: 'Lumen Lamp Pro' }, { term: 'SKU-4471' }, { term: 'Lumen & Loom', fixed: { es: 'Lumen y Loom' } }];
      await f.call('translation.configure', { provider: 'deepl', apiUrl: deepl.url, key: deepl.key, agentLanguage: 'en', glossary });
      const id = await spanishConversation();
      const draft = await f.call('translation.draft', { conversationId: id, text: 'Your Lumen Lamp Pro (SKU-4471) from Lumen & Loom ships today.' });
      expect(draft.text).toBe('⟨es⟩ Your Lumen Lamp Pro (SKU-4471) from Lumen y Loom ships today.');
      expect(deepl.created).toHaveLength(1);
      const held = deepl.glossaries.get(deepl.created[0]!)!;
      expect({ ...held, entries: Object.fromEntries(held.entries) }).toEqual({ source: 'en', target: 'es', entries: { 'Lumen Lamp Pro': 'Lumen Lamp Pro', 'SKU-4471': 'SKU-4471', 'Lumen & Loom': 'Lumen y Loom' } });
      // The terms travel as written, with the glossary named: DeepL applies it.
      expect(deepl.requests.at(-1)).toMatchObject({ source: 'en', target: 'es', glossaryId: deepl.created[0], texts: ['Your Lumen Lamp Pro (SKU-4471) from Lumen & Loom ships today.'] });

      // Another text, the same pair: the same glossary.
      await f.call('translation.draft', { conversationId: id, text: 'Lumen & Loom thanks you.' });
      expect(deepl.created).toHaveLength(1);

      // A changed glossary: a new one at DeepL, the old one deleted there.
      await f.call('translation.configure', { provider: 'deepl', glossary: [{ term: 'Lumen & Loom', fixed: { es: 'Lumen & Loom España' } }] });
      const changed = await f.call('translation.draft', { conversationId: id, text: 'Lumen & Loom thanks you.' });
      expect(changed.text).toBe('⟨es⟩ Lumen & Loom España thanks you.');
      expect(deepl.created).toHaveLength(2);
      expect(deepl.deleted).toEqual([deepl.created[0]]);

      // Deleted at DeepL by someone else: this text is translated with the app's markers, the next makes it anew.
      deepl.glossaries.clear();
      const fallback = await f.call('translation.draft', { conversationId: id, text: 'Ask Lumen & Loom.' });
      expect(fallback.text).toBe('⟨es⟩ Ask Lumen & Loom España.');
      expect(deepl.requests.at(-1)!.texts[0]).toBe('Ask ⟦0⟧.');
      await f.call('translation.draft', { conversationId: id, text: 'Write to Lumen & Loom.' });
      expect(deepl.created).toHaveLength(3);
      expect(deepl.requests.at(-1)).toMatchObject({ glossaryId: deepl.created[2] });
    } finally {
      await deepl.close();
    }
  });

  it("translates an auto-translated account's new messages as they arrive, so they read translated with the provider gone", async () => {
    const { startTelegramContractServer } = await import('../contracts/telegram/server.js');
    const tg = await startTelegramContractServer();
    try {
      const account = await f.call('accounts.addTelegram', { token: tg.token, apiUrl: tg.url });
      await f.call('translation.configure', { provider: 'deepl', apiUrl: servers.deepl.url, key: servers.deepl.key, agentLanguage: 'zh', autoAccounts: [account.id] });
      tg.userSends({ id: 6161, first_name: 'Mateo', language_code: 'es' }, { text: '¿Dónde está mi pedido? Lo compré hace dos semanas.' });
      const before = servers.deepl.requests.length;
      await f.core.syncOnce();
      await f.core.autoTranslator.idle();
      expect(servers.deepl.requests.length).toBe(before + 1);

      await servers.deepl.down();
      try {
        const [c] = await f.call('conversations.list', {});
        const read = await f.call('translation.conversation', { conversationId: c!.id });
        expect(read.messages.map((m) => [m.state, m.translation?.text])).toEqual([['done', '我的订单在哪里？我两周前买的。']]);
      } finally {
        await servers.deepl.up();
      }
    } finally {
      await tg.close();
    }
  });
});

describe('a translation that had to wait', () => {
  it('is tried again by itself and announced when the provider is back, without the agent asking again', async () => {
    const g = openCore(undefined, undefined, { translationRetry: { retryBaseMs: 50, retryMaxMs: 400 } });
    const deepl = await startDeepLServer();
    try {
      await g.call('translation.configure', { provider: 'deepl', apiUrl: deepl.url, key: deepl.key, agentLanguage: 'zh' });
      await g.call('demo.open', {});
      const id = (await g.call('conversations.list', {})).find((c) => c.customerName === 'Lucía Fernández')!.id;
      const ready: string[][] = [];
      g.core.events.on('translations.ready', ({ conversationIds }) => ready.push(conversationIds));

      await deepl.down();
      const offline = await g.call('translation.conversation', { conversationId: id });
      const incoming = offline.messages.filter((m) => m.state !== 'done');
      expect(incoming.length).toBeGreaterThan(0);
      expect(incoming.every((m) => m.state === 'queued' && m.translation === null)).toBe(true);
      expect(ready).toEqual([]);

      await deepl.up();
      await eventually(() => ready.length > 0, 'translations.ready after the provider came back');
      expect(ready[0]).toEqual([id]);
      const calls = deepl.requests.length;
      const online = await g.call('translation.conversation', { conversationId: id });
      expect(online.messages.filter((m) => m.translation).length).toBe(incoming.length);
      expect(online.messages.every((m) => m.state === 'done')).toBe(true);
      expect(deepl.requests.length).toBe(calls); // from the memory the retry filled
    } finally {
      await g.close();
      await deepl.close();
    }
  });
});

describe("a customer's erasure", () => {
  it('removes the translations of their words from the memory too', async () => {
    expect(await configure('deepl', servers.deepl.key)).toMatchObject({ ok: true });
    const id = await spanishConversation();
    const read = await f.call('translation.conversation', { conversationId: id });
    const c = (await f.call('conversations.list', {})).find((x) => x.id === id)!;
    const before = f.core.store.translationMemory.size();
    expect(before, JSON.stringify(read.messages.map((m) => [m.state, m.error]))).toBeGreaterThan(0);
    await f.call('customers.erase', { address: c.customerAddress, onServer: false });
    expect(f.core.store.translationMemory.size(), JSON.stringify(f.core.store.db.prepare("SELECT source_lang, target_lang, translated FROM translation_memory").all())).toBe(0);
    // Reading another conversation still works; nothing of the erased customer's text is left to serve.
    const calls = servers.deepl.requests.length;
    const other = (await f.call('conversations.list', {})).find((x) => x.language === 'de')!;
    await f.call('translation.conversation', { conversationId: other.id });
    expect(servers.deepl.requests.length).toBe(calls + 1);
  });
});
