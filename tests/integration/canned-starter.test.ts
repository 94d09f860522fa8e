// The starter set of canned responses: the common cross-border cases in six languages (the out-of-hours
// acknowledgement and the satisfaction survey in Portuguese too), with the order number filled in from the conversation, added once.
import { beforeEach, describe, expect, it } from 'vitest';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { chooseVariant, renderTemplate, renderUnattended } from '../../shared/templates/render.js';
import { detectLanguage } from '../../electron/core/conversations/language.js';

describe('the starter set of canned responses', () => {
  let f: CoreFixture;
  beforeEach(() => {
    f = openCore();
    return () => f.close();
  });

  it('adds eight responses, each in en, zh, es, de, fr and ja, written in the language it is filed under, once', async () => {
    expect(await f.call('canned.addStarterSet', {})).toEqual({ added: 8 });
    expect(await f.call('canned.addStarterSet', {})).toEqual({ added: 0 });
    const list = await f.call('canned.list', {});
    expect(list.map((c) => c.name).sort()).toEqual(['Customs and import duties', 'Out of hours', 'Refund issued', 'Return instructions', 'Review request', 'Satisfaction survey', 'Sorry for the delay', 'Where is my order']);
    for (const c of list) {
      expect(Object.keys(c.variants).sort()).toEqual(c.folder === 'Auto-reply' ? ['de', 'en', 'es', 'fr', 'ja', 'pt', 'zh'] : ['de', 'en', 'es', 'fr', 'ja', 'zh']);
      // Each variant reads as its language (the variables stripped first).
      for (const [lang, text] of Object.entries(c.variants)) expect(detectLanguage(text.replace(/\{\{[^}]+\}\}/g, '')), `${c.name} ${lang}`).toBe(lang);
    }
  });

  it("fills in the customer's name, the agent and the marketplace order", async () => {
    await f.call('canned.addStarterSet', {});
    const where = (await f.call('canned.list', {})).find((c) => c.name === 'Where is my order')!;
    const de = chooseVariant(where.variants, 'de')!;
    const text = renderTemplate(de.text, { customerName: 'Jonas Becker', agentName: 'Mia', subject: 'Bestellung', orderId: '302-4417823-5590312' });
    expect(text).toMatch(/^Guten Tag Jonas Becker,\n\nvielen Dank für Ihre Nachricht\. Ihre Bestellung 302-4417823-5590312 ist unterwegs/);
    expect(text.endsWith('Mit freundlichen Grüßen\nMia')).toBe(true);
  });

  it('acknowledges a buyer out of hours with the business hours in their language and nothing left unfilled', async () => {
    await f.call('canned.addStarterSet', {});
    const away = (await f.call('canned.list', {})).find((c) => c.name === 'Out of hours')!;
    const hours = { timeZone: 'Asia/Shanghai', days: [[], ...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), []], holidays: [] };
    const text = renderUnattended(chooseVariant(away.variants, 'fr')!.text, { customerName: '', agentName: 'Lumen Shop', subject: '', businessHours: hours }, 'fr');
    expect(text).toMatch(/^Bonjour,\n\nmerci pour votre message\. .* heures d’ouverture : lun\.?–ven\.? 09:00–18:00 \(GMT\+8\)\./);
    expect(text.endsWith('Bien cordialement,\nLumen Shop')).toBe(true);
    expect(text).not.toContain('{{');
  });
});
