// The detector's database as the app loads it (only the languages it detects among, renumbered) against ELD's
// whole database with the same languages chosen: the same language and the same scores for every labelled
// buyer message, so keeping fewer languages changes memory and time only.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eld as wholeDatabase } from 'eld/medium';
import { keepLanguages, loadEld } from './eld-loader.js';
import { DETECTED_LANGUAGES } from './language.js';

const SET = path.resolve(import.meta.dirname, '../../../tests/data/languages/short-messages.tsv');
const texts = fs
  .readFileSync(SET, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t')[1]!);

describe('the language database the app keeps', () => {
  it('drops other languages and numbers the rest by how many n-grams score them', () => {
    const kept = keepLanguages(
      { type: 'test', isSubset: false, languages: { 0: 'am', 1: 'de', 2: 'en' }, ngrams: { ab: { 0: 5, 2: 3 }, cd: { 0: 2 }, ef: { 1: 4, 2: 1 } } },
      ['en', 'de'],
    );
    expect(kept.languages).toEqual({ 0: 'en', 1: 'de' });
    expect(kept.ngrams).toEqual({ ab: { 0: 3 }, ef: { 1: 4, 0: 1 } });
  });

  it('detects every labelled message as the whole database does, with the same scores', async () => {
    const mine = await loadEld(DETECTED_LANGUAGES);
    wholeDatabase.dynamicLangSubset([...DETECTED_LANGUAGES]);
    expect(texts.length).toBeGreaterThanOrEqual(400);
    for (const text of texts) {
      const ours = mine.detect(text);
      const theirs = wholeDatabase.detect(text);
      expect(ours.language, text).toBe(theirs.language);
      expect(ours.getScores(), text).toEqual(theirs.getScores());
    }
  });
});
