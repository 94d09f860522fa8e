// The detector on the labelled set of short buyer messages (tests/data/languages/short-messages.tsv): 420
// messages, 21 languages, one or two sentences each, as buyers write them. A floor, not a timing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationLanguage, detectLanguage, languageHintOf, ownWords } from './language.js';

const SET = path.resolve(import.meta.dirname, '../../../tests/data/languages/short-messages.tsv');
const rows = fs
  .readFileSync(SET, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [lang, text] = l.split('\t');
    return { lang: lang!, text: text! };
  });

describe('language detection on short buyer messages', () => {
  it('has at least 400 messages in at least 20 languages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(new Set(rows.map((r) => r.lang)).size).toBeGreaterThanOrEqual(20);
  });

  it('names the language of at least 99 % of them, and of every language at least 95 %', () => {
    const wrong = rows.filter((r) => detectLanguage(r.text) !== r.lang).map((r) => `${r.lang} → ${detectLanguage(r.text)}: ${r.text}`);
    expect(wrong.length / rows.length, wrong.join('\n')).toBeLessThanOrEqual(0.01);
    for (const lang of new Set(rows.map((r) => r.lang))) {
      const mine = rows.filter((r) => r.lang === lang);
      const ok = mine.filter((r) => detectLanguage(r.text) === lang).length;
      expect(ok / mine.length, lang).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('reads past quoted mail and signatures, and gives no answer for a text too short to tell', () => {
    expect(detectLanguage('Gracias, ya me llegó.\n\nOn Mon, 1 Dec 2026 the shop wrote:\n> Your order has shipped and will arrive soon.')).toBe('es');
    expect(detectLanguage('> Your order has shipped.\nDanke, alles angekommen!')).toBe('de');
    expect(detectLanguage('ok')).toBeNull();
    expect(detectLanguage('12-34567-89012 ???')).toBeNull();
  });
});

describe("a conversation's language", () => {
  it('takes a hint from the country domain, a marketplace relay address included', () => {
    expect(languageHintOf('lucia@example.es')).toBe('es');
    expect(languageHintOf('"Buyer" <x7k2@marketplace.amazon.de>')).toBe('de');
    expect(languageHintOf('someone@example.com')).toBeNull();
    expect(languageHintOf('telegram:123')).toBeNull();
  });

  it('keeps what longer messages said when a short one says little, and uses the hint when nothing else is known', () => {
    expect(conversationLanguage({ text: 'Hi', previous: null, hint: 'pt' })).toBe('pt');
    expect(conversationLanguage({ text: 'Danke!', previous: 'pt', hint: 'pt' })).toBe('pt');
    expect(conversationLanguage({ text: 'Können Sie mir bitte die Rechnung schicken?', previous: 'pt', hint: 'pt' })).toBe('de');
    expect(conversationLanguage({ text: '👍', previous: 'es', hint: null })).toBe('es');
  });
});

describe('what the customer typed', () => {
  it('leaves out quoted mail and what follows a signature, and reads only the first few hundred characters', () => {
    const typed = 'Hola, ¿dónde está mi pedido?';
    expect(ownWords(`${typed}\n> On Monday you wrote:\n> Your parcel has shipped\n-- \nMaría`)).toBe(typed);
    expect(ownWords(`> quoted first\n${typed}\nEl lunes, Tienda escribió:\n> old`)).toBe(typed);
    const long = `${typed}\n${'palabra '.repeat(200_000)}\n${'otra línea\n'.repeat(100_000)}`;
    expect(ownWords(long)).toBe(long.slice(0, 300));
    expect(detectLanguage(long)).toBe('es');
  });
});
