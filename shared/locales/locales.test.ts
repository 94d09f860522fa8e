// Every UI string exists in every shipped language, in every plural form that language's grammar has, with the
// same placeholders: a key missing in one shows the raw key to that agent, and a lost {{name}} drops a fact.
import { describe, expect, it } from 'vitest';
import { languages, pickLanguage, resources } from './index.js';

/** Every string's key path with its value. */
function entries(tree: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? entries(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}
const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;
const placeholders = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));

const english = new Map(entries(resources.en.common) as Array<[string, string]>);
/** Keys English writes in plural forms (`x_one`, `x_other`), by their base (`x`). */
const pluralBases = new Set([...english.keys()].map((k) => PLURAL.exec(k)?.[1]).filter((b): b is string => !!b));

/** The keys a language must have: English's, each plural base in exactly the forms that language uses. */
function expectedKeys(language: string): string[] {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const singular = [...english.keys()].filter((k) => !pluralBases.has(PLURAL.exec(k)?.[1] ?? '\u0000'));
  return [...singular, ...[...pluralBases].flatMap((base) => forms.map((f) => `${base}_${f}`))].sort();
}

describe('locales', () => {
  it('ships the ten interface languages, each listed under its own name', () => {
    expect(languages.map((l) => l.code).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'ko', 'pt-BR', 'ru', 'zh-CN', 'zh-TW']);
    expect(Object.keys(resources).sort()).toEqual(languages.map((l) => l.code).sort());
  });

  for (const [language, { common }] of Object.entries(resources)) {
    describe(language, () => {
      const mine = new Map(entries(common) as Array<[string, string]>);
      it('has exactly the keys English has, in the plural forms its grammar uses, none empty', () => {
        expect([...mine.keys()].sort()).toEqual(expectedKeys(language));
        expect([...mine].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
      });
      it("writes every count the language's way (1,234 · 1.234 · 1 234), through the number format", () => {
        expect([...mine].filter(([, v]) => /\{\{\s*(count|done|total)\s*\}\}/.test(v)).map(([k]) => k)).toEqual([]);
      });
      it('keeps every placeholder of the English string and invents none', () => {
        const wrong: string[] = [];
        for (const [key, text] of mine) {
          const base = PLURAL.exec(key)?.[1];
          const source = base && pluralBases.has(base) ? english.get(`${base}_other`)! : english.get(key);
          if (source === undefined) continue; // reported by the key test
          const want = placeholders(source);
          const have = placeholders(text);
          // A singular form may say "once" instead of {{count}}; every other placeholder must be there.
          const missing = [...want].filter((p) => !have.has(p) && !(p === 'count' && base));
          const invented = [...have].filter((p) => !want.has(p));
          if (missing.length || invented.length) wrong.push(`${key}: missing ${missing.join(',') || '-'}, invented ${invented.join(',') || '-'}`);
        }
        expect(wrong).toEqual([]);
      });
    });
  }
});

describe('pickLanguage (first run follows the operating system)', () => {
  it('takes the first preferred language the app ships', () => {
    expect(pickLanguage(['de-DE', 'en-US'])).toBe('de');
    expect(pickLanguage(['it-IT', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['ja'])).toBe('ja');
    expect(pickLanguage(['ko-KR'])).toBe('ko');
    expect(pickLanguage(['ru-RU'])).toBe('ru');
  });
  it('reads Chinese by script: Taiwan, Hong Kong and Hant get Traditional, the rest Simplified', () => {
    expect(pickLanguage(['zh-TW'])).toBe('zh-TW');
    expect(pickLanguage(['zh-HK'])).toBe('zh-TW');
    expect(pickLanguage(['zh-Hant-TW'])).toBe('zh-TW');
    expect(pickLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(pickLanguage(['zh-SG'])).toBe('zh-CN');
    expect(pickLanguage(['zh'])).toBe('zh-CN');
  });
  it('serves Portuguese from Portugal in Brazilian Portuguese and any Spanish in Spanish', () => {
    expect(pickLanguage(['pt-PT'])).toBe('pt-BR');
    expect(pickLanguage(['es-MX'])).toBe('es');
  });
  it('falls back to English when no preferred language is shipped', () => {
    expect(pickLanguage(['it-IT', 'nl'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});
