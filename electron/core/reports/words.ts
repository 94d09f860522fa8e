// What customers write about, as the words they use most, per language: words found with Intl.Segmenter (which
// splits Chinese, Japanese and Thai, written without spaces, into words), the language's stop words left out
// (the `stopword` lists), numbers and single letters too.
import * as sw from 'stopword';
import type { Count } from '../../../shared/domain/report.js';

const STOP_LISTS: Record<string, string[]> = {
  en: sw.eng, es: sw.spa, de: sw.deu, fr: sw.fra, pt: sw.por, it: sw.ita, nl: sw.nld, ru: sw.rus, uk: sw.ukr, pl: sw.pol,
  tr: sw.tur, sv: sw.swe, zh: sw.zho, ja: sw.jpn, ko: sw.kor, th: sw.tha, vi: sw.vie, id: sw.ind, ms: sw.msa, ar: sw.ara, he: sw.heb,
};
/** Words of every shop's mail that say nothing about what it is about. */
const MAIL_WORDS = new Set(['hello', 'hi', 'dear', 'regards', 'thanks', 'thank', 'please', 'hola', 'gracias', 'hallo', 'danke', 'bitte', 'bonjour', 'merci', 'olá', 'obrigado', 'obrigada', 'здравствуйте', 'спасибо', '你好', '您好', '谢谢', 'こんにちは', 'ありがとうございます']);

const stopSets = new Map<string, Set<string>>();
function stopWords(language: string): Set<string> {
  let set = stopSets.get(language);
  if (!set) stopSets.set(language, (set = new Set((STOP_LISTS[language] ?? []).map((w) => w.toLowerCase()))));
  return set;
}

const UNSPACED = new Set(['zh', 'ja', 'th']);

const segmenters = new Map<string, Intl.Segmenter>();
/** One segmenter per language (making one costs far more than using it). */
export function wordSegmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) segmenters.set(language, (s = new Intl.Segmenter(language, { granularity: 'word' })));
  return s;
}

/** The words of a text, lower-cased, as Intl.Segmenter finds them (shared by the word counts and the tone). */
export function tokensOf(text: string, language: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter(language).segment(text.toLocaleLowerCase(language))) if (s.isWordLike) out.push(s.segment);
  return out;
}

export function wordsOf(text: string, language: string): string[] {
  return contentWords(tokensOf(text, language), language);
}

/** Tokens that say what a message is about: no stop words, numbers, single letters or Japanese grammar. */
export function contentWords(tokens: string[], language: string): string[] {
  const stop = stopWords(language);
  const out: string[] = [];
  for (const w of tokens) {
    if (/^\p{N}+$/u.test(w) || stop.has(w) || MAIL_WORDS.has(w)) continue;
    // One letter says nothing in a spaced language; one character of Chinese or Japanese is mostly grammar.
    if ([...w].length < 2) continue;
    if (!UNSPACED.has(language) && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(w)) continue;
    // Japanese written in hiragana alone is grammar (くださ, ました); the content words carry kanji or katakana.
    if (language === 'ja' && /^\p{Script=Hiragana}+$/u.test(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * The most used words per language (each word counted once per message), languages with most messages first.
 * Messages come as text, or as the words `contentWords` already found in them.
 */
export function wordFrequencies(messages: Array<{ text: string; language: string | null; words?: string[] }>, perLanguage = 20, languages = 6): Array<{ language: string; messages: number; words: Count[] }> {
  const byLanguage = new Map<string, { messages: number; counts: Map<string, number> }>();
  for (const m of messages) {
    const language = m.language ?? 'und';
    let entry = byLanguage.get(language);
    if (!entry) byLanguage.set(language, (entry = { messages: 0, counts: new Map() }));
    entry.messages++;
    for (const w of new Set(m.words ?? wordsOf(m.text.slice(0, 2000), language === 'und' ? 'en' : language))) entry.counts.set(w, (entry.counts.get(w) ?? 0) + 1);
  }
  return [...byLanguage.entries()]
    .sort((a, b) => b[1].messages - a[1].messages)
    .slice(0, languages)
    .map(([language, e]) => ({
      language,
      messages: e.messages,
      words: [...e.counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, perLanguage)
        .map(([key, count]) => ({ key, count })),
    }));
}
