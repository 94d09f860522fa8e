// Text as the full-text index stores it: words separated by spaces, also where the language writes none
// (Chinese, Japanese, Thai: Intl.Segmenter's word boundaries, built into Node and Chromium). Dictionaries split
// some phrases differently in a sentence and alone ("可以开发票" gives 开发 + 票), so Chinese and Japanese runs are
// also stored as overlapping character pairs, and a query looks for its pairs: a two-character word is found
// wherever it stands.
const SEGMENTERS = new Map<string, Intl.Segmenter>();
const segmenter = (locale: string) => {
  let s = SEGMENTERS.get(locale);
  if (!s) SEGMENTERS.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
};

/** Runs of a script written without spaces, with the locale whose dictionary splits it. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{Script=Thai}+/gu;

function localeOf(run: string): string {
  if (/\p{Script=Thai}/u.test(run)) return 'th';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(run)) return 'ja';
  return 'zh';
}

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function pairs(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

export function segmentForIndex(text: string): string {
  return text.replace(UNSPACED, (run) => {
    const words: string[] = [];
    for (const s of segmenter(localeOf(run)).segment(run)) if (s.isWordLike) words.push(s.segment);
    if (HAN_OR_KANA.test(run)) words.push(...pairs(run));
    return ` ${words.join(' ')} `;
  });
}

/** A query's words: Chinese and Japanese as their character pairs (a single character as itself). */
export function segmentForQuery(text: string): string {
  return text.replace(UNSPACED, (run) => ` ${(HAN_OR_KANA.test(run) ? pairs(run) : [...segmenter(localeOf(run)).segment(run)].filter((s) => s.isWordLike).map((s) => s.segment)).join(' ')} `);
}

/**
 * Text folded at least as far as the index folds it (lower case, accents and compatibility forms removed): a
 * word beginning not found in it is not the beginning of any word the index took from that text.
 */
export function foldForIndex(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}
