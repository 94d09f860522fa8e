// The customer's language, detected from what they wrote. Short buyer messages defeat any single statistical
// detector on a few pairs (Indonesian/Malay, Russian/Ukrainian), so: the writing system first (Hangul, kana,
// Han, Thai, Hebrew, Arabic, Greek and the Ukrainian-only Cyrillic letters settle most texts outright), then
// ELD (an n-gram detector, kept to the languages sellers' buyers write in), and for the pairs it cannot tell
// apart, the words only one of the two languages uses. Measured in bench/language-detection.ts.
import { eld } from 'eld/medium';

/** The languages the detector chooses among (others are rare among cross-border buyers and cause confusions). */
export const DETECTED_LANGUAGES = [
  'en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'cs', 'sk', 'hu', 'ro', 'bg', 'el', 'tr', 'ru', 'uk',
  'id', 'ms', 'vi', 'th', 'zh', 'ja', 'ko', 'ar', 'he', 'hi', 'fa', 'hr', 'sl', 'lt', 'lv', 'et', 'ca',
];
eld.dynamicLangSubset(DETECTED_LANGUAGES);

/** Quoted earlier mail and signatures say little about the writer's language: look at what they typed. */
function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*>/.test(line)) continue;
    if (/^(-- |On .+ wrote:$|El .+ escribió:$|Am .+ schrieb .+:$|Le .+ a écrit :$)/.test(line.trim())) break;
    lines.push(line);
  }
  // A few hundred characters identify the language; more only costs time.
  return lines.join('\n').slice(0, 300);
}

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** The language a writing system settles on its own, or null for Latin and mixed text. */
function byScript(text: string): string | null {
  const letters = count(text, /\p{L}/gu);
  if (letters === 0) return null;
  const share = (re: RegExp) => count(text, re) / letters;
  if (share(/\p{Script=Hangul}/gu) > 0.3) return 'ko';
  // Japanese writes kana among its kanji; Chinese has none.
  if (share(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) > 0.1) return 'ja';
  if (share(/\p{Script=Han}/gu) > 0.3) return 'zh';
  if (share(/\p{Script=Thai}/gu) > 0.3) return 'th';
  if (share(/\p{Script=Hebrew}/gu) > 0.3) return 'he';
  if (share(/\p{Script=Greek}/gu) > 0.3) return 'el';
  if (share(/\p{Script=Arabic}/gu) > 0.3) {
    // Persian letters (پ چ ژ گ) never appear in Arabic.
    return /[پچژگ]/u.test(text) ? 'fa' : 'ar';
  }
  if (share(/\p{Script=Cyrillic}/gu) > 0.3) {
    // і ї є ґ are Ukrainian only; ы э ъ ё Russian only.
    const uk = count(text, /[іїєґІЇЄҐ]/gu);
    const ru = count(text, /[ыэъёЫЭЪЁ]/gu);
    if (uk > 0 && ru === 0) return 'uk';
    if (ru > 0 && uk === 0) return 'ru';
    return null;
  }
  return null;
}

/**
 * Words only one of Indonesian and Malay uses in everyday writing (standard vocabulary differences: tidak/tak,
 * bisa/boleh, kirim/hantar, rusak/rosak, paket/bungkusan, and the colloquial particles of each).
 */
const INDONESIAN = /\b(tidak|nggak|gak|enggak|gimana|kak|kok|aja|dong|deh|sih|banget|udah|bisa|harus|kirim|dikirim|pengiriman|rusak|paket|paketnya|resi|resinya|ongkir|kabar|uang|barengan|bea|mau)\b/giu;
const MALAY = /\b(tak|nak|dah|ni|tu|macam|boleh|hantar|dihantar|hantarkan|penghantaran|bungkusan|rosak|saiz|caj|akaun|kastam|wang|awak|kedai|betul|laju|pulangkan|tukar|percuma|mahu|tersalah|tersilap|terlupa)\b|\bke\s*\?/giu;

function indonesianOrMalay(text: string): 'id' | 'ms' {
  const id = count(text, INDONESIAN);
  const ms = count(text, MALAY);
  // With no telling word either way, Indonesian: far more buyers write it.
  return ms > id ? 'ms' : 'id';
}

/** A base language tag ("es", "zh"), or null when the text is too short or unclear. */
export function detectLanguage(text: string): string | null {
  const words = ownWords(text).trim();
  if (count(words, /\p{L}/gu) < 3) return null;
  const script = byScript(words);
  if (script) return script;
  const guess = eld.detect(words).language || null;
  if (guess === 'id' || guess === 'ms') return indonesianOrMalay(words);
  return guess;
}
