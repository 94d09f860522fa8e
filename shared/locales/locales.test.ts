// Every UI string exists in every shipped language: a key missing in one shows the raw key to that agent.
import { describe, expect, it } from 'vitest';
import { resources } from './index.js';

/** Every string's key path with its value. */
function entries(tree: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? entries(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}
const keys = (tree: Record<string, unknown>) => entries(tree).map(([k]) => k);

describe('locales', () => {
  const english = new Set(keys(resources.en.common));
  for (const [language, { common }] of Object.entries(resources)) {
    it(`${language} has exactly the keys English has, none empty`, () => {
      const mine = keys(common);
      expect(mine.filter((k) => !english.has(k)), 'keys only in this language').toEqual([]);
      expect([...english].filter((k) => !mine.includes(k)), 'keys missing').toEqual([]);
      expect(entries(common).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
    });
  }
});
