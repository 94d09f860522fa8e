// Canned responses in daily use: made ready for a real conversation (its customer, order, agent, shop and the
// tracking number found in its messages; whatever is unknown marked), in the customer's language — a language
// without a variant gets one machine-translated once and marked for review —, counted when used, filed in
// folders, and carried out of and into the app as JSON and CSV.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startDeepLServer, type TranslationServer } from '../contracts/translation/servers.js';

let deepl: TranslationServer;
beforeAll(async () => {
  deepl = await startDeepLServer();
});
afterAll(() => deepl.close());

let f: CoreFixture;
beforeEach(() => {
  f = openCore();
  return () => f.close();
});

async function demo(customer: string): Promise<string> {
  await f.call('demo.open', {});
  return (await f.call('conversations.list', {})).find((c) => c.customerName === customer)!.id;
}
const named = async (name: string) => (await f.call('canned.list', {})).find((c) => c.name === name)!;

describe('a canned response on a real conversation', () => {
  it("fills in the customer, the Amazon order, the agent and the tracking link from the conversation, and marks what is unknown", async () => {
    const jonas = await demo('Jonas Becker');
    await f.call('canned.addStarterSet', {});
    const wismo = await named('Where is my order');
    expect(wismo.folder).toBe('Shipping');

    // No tracking number anywhere in the conversation yet: the link stays a visible gap.
    const before = await f.call('canned.use', { id: wismo.id, conversationId: jonas, use: false });
    expect(before.draft.language).toBe('de');
    expect(before.draft.text).toMatch(/^Guten Tag Jonas Becker,\n\nvielen Dank für Ihre Nachricht\. Ihre Bestellung 302-4417823-5590312 ist unterwegs/);
    expect(before.draft.text).toContain('{{tracking.link}}');
    expect(before.missing).toEqual(['tracking.link']);

    // The agent told him the number earlier: now the link is there.
    await f.call('messages.reply', { conversationId: jonas, text: 'Ihre Sendungsnummer: LX123456789CN' });
    const after = await f.call('canned.use', { id: wismo.id, conversationId: jonas, use: false });
    expect(after.missing).toEqual([]);
    expect(after.draft.text).toContain('https://t.17track.net/en#nums=LX123456789CN');
    expect(after.draft.text.endsWith('Mit freundlichen Grüßen\nLumen & Loom Crafts')).toBe(true);

    // The shop's own tracking page and name, from the settings.
    await f.call('settings.set', { shop: { name: 'Lumen Shop', url: 'https://lumen.example', trackingUrl: 'https://track.example/?n={number}' } });
    await f.call('canned.save', { name: 'Shop', variants: { de: '{{store.name}} ({{store.url}}): {{tracking.link}} {{order.marketplace}} {{customer.email}} {{greeting}}' } });
    const shop = await f.call('canned.use', { id: (await named('Shop')).id, conversationId: jonas, use: false });
    expect(shop.draft.text).toBe('Lumen Shop (https://lumen.example): https://track.example/?n=LX123456789CN Amazon jonas.becker@example.de Guten Tag Jonas Becker,');
  });

  it('counts each use, not previews; the most used come first in the picker', async () => {
    const lucia = await demo('Lucía Fernández');
    const saved = await f.call('canned.save', { name: 'Gracias', folder: 'General', variants: { es: '¡Gracias, {{customer.firstName}}!' } });
    expect(saved).toMatchObject({ folder: 'General', useCount: 0, lastUsedAt: null, review: [] });
    await f.call('canned.use', { id: saved.id, conversationId: lucia, use: false });
    const used = await f.call('canned.use', { id: saved.id, conversationId: lucia });
    expect(used.draft).toEqual({ language: 'es', text: '¡Gracias, Lucía!' });
    await f.call('canned.use', { id: saved.id, conversationId: lucia });
    expect(await named('Gracias')).toMatchObject({ useCount: 2, lastUsedAt: expect.any(Number) });
    // An edit keeps the count.
    await f.call('canned.save', { id: saved.id, name: 'Gracias', folder: 'General', variants: { es: '¡Muchas gracias!' } });
    expect((await named('Gracias')).useCount).toBe(2);
  });
});

describe('a language without its own variant', () => {
  it('is machine-translated once from the English variant, variables intact, kept on the response and marked for review until edited', async () => {
    await f.call('translation.configure', { provider: 'deepl', apiUrl: deepl.url, key: deepl.key, agentLanguage: 'zh' });
    const camille = await demo('Camille Dubois'); // French; the response has English and Chinese only
    const c = await f.call('canned.save', { name: 'Dimensions', variants: { en: 'Thank you for your order.\n{{signoff}}', zh: '感谢您的订购。\n{{signoff}}' } });

    const calls = deepl.requests.length;
    const preview = await f.call('canned.use', { id: c.id, conversationId: camille, translate: true, use: false });
    expect(preview).toMatchObject({ customer: null, customerVariantMissing: true, draft: { language: 'zh' } });
    expect(deepl.requests.length).toBe(calls);

    const first = await f.call('canned.use', { id: c.id, conversationId: camille, translate: true });
    // The agent reads their own language; the customer's text is machine-translated, the variable put back.
    expect(first.draft).toEqual({ language: 'zh', text: '感谢您的订购。\n祝好，\nLumen & Loom Crafts' });
    expect(first.customer).toMatchObject({ language: 'fr', machine: true });
    expect(first.customer!.text).toBe('⟨fr⟩ Thank you for your order.\nBien cordialement,\nLumen & Loom Crafts');
    expect(deepl.requests).toHaveLength(calls + 1);
    expect(deepl.requests[calls]).toMatchObject({ source: 'en', target: 'fr' });
    expect(deepl.requests[calls]!.texts[0]).not.toContain('{{signoff}}');

    const stored = await named('Dimensions');
    expect(stored.variants.fr).toBe('⟨fr⟩ Thank you for your order.\n{{signoff}}');
    expect(stored.review).toEqual(['fr']);
    // Used again: the stored variant, no provider call.
    const again = await f.call('canned.use', { id: c.id, conversationId: camille, translate: true });
    expect(again.customer).toMatchObject({ language: 'fr', machine: true });
    expect(deepl.requests).toHaveLength(calls + 1);

    // The agent corrects the French text: it is no longer marked.
    await f.call('canned.save', { id: c.id, name: 'Dimensions', variants: { ...stored.variants, fr: 'Merci pour votre commande.\n{{signoff}}' } });
    expect((await named('Dimensions')).review).toEqual([]);
    const reviewed = await f.call('canned.use', { id: c.id, conversationId: camille, translate: true });
    expect(reviewed.customer).toEqual({ language: 'fr', text: 'Merci pour votre commande.\nBien cordialement,\nLumen & Loom Crafts', machine: false });
  });

  it('falls back to the default variant with the reason when the provider cannot be reached', async () => {
    await f.call('translation.configure', { provider: 'deepl', apiUrl: deepl.url, key: deepl.key, agentLanguage: 'en' });
    const camille = await demo('Camille Dubois');
    const c = await f.call('canned.save', { name: 'Thanks', variants: { en: 'Thank you for your order.' } });
    await deepl.down();
    try {
      const used = await f.call('canned.use', { id: c.id, conversationId: camille });
      expect(used.draft).toEqual({ language: 'en', text: 'Thank you for your order.' });
      expect(used.notice).toMatch(/No fr version could be made: .*DeepL/);
      expect((await named('Thanks')).variants).toEqual({ en: 'Thank you for your order.' });
    } finally {
      await deepl.up();
    }
  });
});

describe('import and export', () => {
  it('round-trips every response through CSV (a column per language, Chinese intact) and JSON into another profile', async () => {
    await f.call('canned.addStarterSet', {});
    const original = await f.call('canned.list', {});
    const csv = await f.call('canned.export', { format: 'csv' });
    expect(csv.fileName).toMatch(/^canned-responses-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.split('\n')[0]).toBe('\uFEFFname,folder,de,en,es,fr,ja,pt,zh');
    const json = await f.call('canned.export', { format: 'json' });

    for (const file of [csv, json]) {
      const other = openCore();
      try {
        const format = file.fileName.endsWith('.csv') ? 'csv' : 'json';
        expect(await other.call('canned.import', { format, text: file.text })).toEqual({ added: 8, updated: 0, skipped: [] });
        const shape = (l: typeof original) => l.map((c) => ({ name: c.name, folder: c.folder, variants: c.variants }));
        expect(shape(await other.call('canned.list', {}))).toEqual(shape(original));
        // Importing the same file again updates instead of duplicating.
        expect(await other.call('canned.import', { format, text: file.text })).toMatchObject({ added: 0, updated: 8 });
      } finally {
        await other.close();
      }
    }
  });

  it('adds languages to a response of the same name and folder, and reports the rows it could not use', async () => {
    await f.call('canned.save', { name: 'Refund', folder: 'Money', variants: { en: 'Refunded.' } });
    const csv = 'name,folder,es,de\nRefund,Money,Reembolsado.,\n,Money,Sin nombre,\nEmpty,Money,,\n"Delay, sorry",,"Perdón, llega tarde.",Entschuldigung\n';
    const r = await f.call('canned.import', { format: 'csv', text: csv });
    expect(r).toEqual({ added: 1, updated: 1, skipped: [{ row: 3, reason: expect.stringMatching(/^name:/) }, { row: 4, reason: expect.stringMatching(/^variants: at least one language/) }] });
    expect((await named('Refund')).variants).toEqual({ en: 'Refunded.', es: 'Reembolsado.' });
    expect((await named('Delay, sorry')).variants).toEqual({ es: 'Perdón, llega tarde.', de: 'Entschuldigung' });

    expect(await f.raw('canned.import', { format: 'csv', text: 'title,english\nA,B\n' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/"name" column/) } });
    expect(await f.raw('canned.import', { format: 'json', text: '{"cannedResponses": [' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not JSON/) } });
  });
});
