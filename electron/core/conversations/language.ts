// The customer's language, detected from what they wrote. Short buyer messages defeat any single statistical
// detector on a few pairs (Indonesian/Malay, Russian/Ukrainian), so: the writing system first (Hangul, kana,
// Han, Thai, Hebrew, Arabic, Greek and the Ukrainian-only Cyrillic letters settle most texts outright), then
// ELD (an n-gram detector, kept to the languages sellers' buyers write in), and for the pairs it cannot tell
// apart, the words only one of the two languages uses. Measured in bench/language-detection.ts.
import { prepareEld } from './eld-loader.js';
import { CUSTOMER_LANGUAGES } from '../../../shared/domain/languages.js';

/** The languages the detector chooses among (others are rare among cross-border buyers and cause confusions). */
export const DETECTED_LANGUAGES: string[] = [...CUSTOMER_LANGUAGES];
/** ELD, its database read at the first detection. */
const eld = await prepareEld(DETECTED_LANGUAGES);

const OWN_WORDS_CHARS = 300;

/** Quoted earlier mail and signatures say little about the writer's language: look at what they typed. */
export function ownWords(text: string): string {
  // A few hundred characters identify the language; more only costs time (lines past them are not even read:
  // a long newsletter was split whole for each detection).
  const lines: string[] = [];
  let kept = 0;
  for (let start = 0; start <= text.length && kept < OWN_WORDS_CHARS; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length + 1 : end + 1;
    if (/^\s*>/.test(line)) continue;
    // The signature delimiter is "-- " (trimmed, "--").
    if (/^(--$|-- |On .+ wrote:$|El .+ escribió:$|Am .+ schrieb .+:$|Le .+ a écrit :$)/.test(line.trim())) break;
    lines.push(line);
    kept += line.length + 1;
  }
  return lines.join('\n').slice(0, OWN_WORDS_CHARS);
}


/** How many times a global pattern matches, without building the list of matches (a string per letter). */
export function countMatches(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  for (let at = 0; re.test(text); at = re.lastIndex) {
    n++;
    if (re.lastIndex === at) re.lastIndex++; // an empty match: step past it
  }
  return n;
}

const LETTER = /\p{L}/gu;
/** A letter outside the Latin script: Latin text (most mail) needs no count per writing system. */
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;
const SCRIPTS = {
  hangul: /\p{Script=Hangul}/gu,
  kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu,
  han: /\p{Script=Han}/gu,
  thai: /\p{Script=Thai}/gu,
  hebrew: /\p{Script=Hebrew}/gu,
  greek: /\p{Script=Greek}/gu,
  arabic: /\p{Script=Arabic}/gu,
  cyrillic: /\p{Script=Cyrillic}/gu,
  ukrainianOnly: /[іїєґІЇЄҐ]/gu,
  russianOnly: /[ыэъёЫЭЪЁ]/gu,
};

/** The language a writing system settles on its own, or null for Latin and mixed text. */
function byScript(text: string, letters: number): string | null {
  if (letters === 0 || !NON_LATIN_LETTER.test(text)) return null;
  const share = (re: RegExp) => countMatches(text, re) / letters;
  if (share(SCRIPTS.hangul) > 0.3) return 'ko';
  // Japanese writes kana among its kanji; Chinese has none.
  if (share(SCRIPTS.kana) > 0.1) return 'ja';
  if (share(SCRIPTS.han) > 0.3) return 'zh';
  if (share(SCRIPTS.thai) > 0.3) return 'th';
  if (share(SCRIPTS.hebrew) > 0.3) return 'he';
  if (share(SCRIPTS.greek) > 0.3) return 'el';
  if (share(SCRIPTS.arabic) > 0.3) {
    // Persian letters (پ چ ژ گ) never appear in Arabic.
    return /[پچژگ]/u.test(text) ? 'fa' : 'ar';
  }
  if (share(SCRIPTS.cyrillic) > 0.3) {
    // і ї є ґ are Ukrainian only; ы э ъ ё Russian only.
    const uk = countMatches(text, SCRIPTS.ukrainianOnly);
    const ru = countMatches(text, SCRIPTS.russianOnly);
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
  const id = countMatches(text, INDONESIAN);
  const ms = countMatches(text, MALAY);
  // With no telling word either way, Indonesian: far more buyers write it.
  return ms > id ? 'ms' : 'id';
}

/** A base language tag ("es", "zh"), or null when the text is too short or unclear. */
export function detectLanguage(text: string): string | null {
  return detectOwnWords(ownWords(text).trim()).language;
}

/** The language of what the customer typed, and how many letters it was judged on. */
function detectOwnWords(words: string): { language: string | null; letters: number } {
  const letters = countMatches(words, LETTER);
  if (letters < 3) return { language: null, letters };
  const script = byScript(words, letters);
  if (script) return { language: script, letters };
  const guess = eld().detect(words).language || null;
  return { language: guess === 'id' || guess === 'ms' ? indonesianOrMalay(words) : guess, letters };
}

/** The language most buyers writing from a country domain use (ambiguous ones — .ch, .be, .ca, .in — left out). */
export const COUNTRY_LANGUAGE: Readonly<Record<string, string>> = {
  uk: 'en', au: 'en', nz: 'en', ie: 'en', us: 'en',
  de: 'de', at: 'de', fr: 'fr', es: 'es', mx: 'es', ar: 'es', co: 'es', cl: 'es', pe: 'es', it: 'it', nl: 'nl',
  pt: 'pt', br: 'pt', se: 'sv', dk: 'da', no: 'no', fi: 'fi', pl: 'pl', cz: 'cs', sk: 'sk', hu: 'hu', ro: 'ro',
  bg: 'bg', gr: 'el', tr: 'tr', ru: 'ru', ua: 'uk', id: 'id', my: 'ms', vn: 'vi', th: 'th', cn: 'zh', tw: 'zh',
  hk: 'zh', jp: 'ja', kr: 'ko', sa: 'ar', ae: 'ar', eg: 'ar', ma: 'ar', il: 'he', ir: 'fa',
};

/**
 * A hint from where the customer writes from: an e-mail address's country domain (a marketplace's relay address
 * too: …@marketplace.amazon.de says German). Null when the address says nothing.
 */
export function languageHintOf(address: string): string | null {
  const domain = /@([^@\s>]+)>?$/.exec(address.trim())?.[1]?.toLowerCase();
  const tld = domain?.split('.').pop();
  return tld ? (COUNTRY_LANGUAGE[tld] ?? null) : null;
}

/** Letters enough for a detection to overrule what was known before ("Danke!" alone does not). */
const CONFIDENT_LETTERS = 12;

/**
 * A conversation's language after one more customer message, from everything known: the message itself when it
 * says enough, else what earlier messages said, else the channel's or address's hint.
 */
export function conversationLanguage(o: { text: string; previous: string | null; hint: string | null }): string | null {
  const { language: detected, letters } = detectOwnWords(ownWords(o.text).trim());
  if (detected && letters >= CONFIDENT_LETTERS) return detected;
  return o.previous ?? detected ?? o.hint;
}

/**
 * A conversation's language from its customer's messages, newest first: the newest that says enough, else what
 * was known before, else the first any message suggests, else the hint. Used after a batch of mail is stored,
 * once per conversation, instead of once per message.
 */
export function languageOfMessages(o: { textsNewestFirst: string[]; previous: string | null; hint: string | null }): string | null {
  let guess: string | null = null;
  for (const text of o.textsNewestFirst) {
    const { language: detected, letters } = detectOwnWords(ownWords(text).trim());
    if (detected && letters >= CONFIDENT_LETTERS) return detected;
    guess ??= detected;
  }
  return o.previous ?? guess ?? o.hint;
}
