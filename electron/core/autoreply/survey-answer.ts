// Reads a customer's answer to the one-question satisfaction survey, whatever language they write: a number from
// 1 to 5 (ASCII or full-width, "4/5", "5 stars", 五星), stars (★★★★☆, ⭐⭐⭐), or a face or thumb emoji; or a
// request for no more surveys (STOP and its equivalents in the languages the app's buyers write). Only a short
// reply counts: "I ordered 3 lamps" is a message, not a rating.
import { ownWords } from '../conversations/language.js';

export type SurveyAnswer = { score: 1 | 2 | 3 | 4 | 5 } | { optOut: true };

/** Longest own text (characters, quoted mail left out) read as an answer. */
const MAX_ANSWER = 60;

const OPT_OUT =
  /^(stop|unsubscribe|no more( surveys)?|opt[ -]?out|停止|退订|退訂|不要再发|取消订阅|baja|darme de baja|no más|abmelden|stopp|keine (umfragen|mehr)|désabonner|désinscrire|arrêter|stop aux enquêtes|配信停止|停止してください|parar|cancelar|não quero|descadastrar|отписаться|стоп|hentikan|berhenti|dur|abonelikten çık|수신거부|그만)(?![\p{Script=Latin}\p{Script=Cyrillic}\d])/iu;

const EMOJI: Array<[RegExp, 1 | 2 | 3 | 4 | 5]> = [
  [/😡|🤬|😠|👎|💩/u, 1],
  [/😞|😢|😭|🙁|☹|😕|😟|😒/u, 2],
  [/😐|😶|🤔|😑/u, 3],
  [/🙂|😊|👍|👌|☺/u, 4],
  [/😍|🤩|🥰|😁|😀|😃|😄|❤|💯|🥳|🙏/u, 5],
];

const CJK_NUMBER: Record<string, 1 | 2 | 3 | 4 | 5> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

export function readSurveyAnswer(text: string): SurveyAnswer | null {
  const own = ownWords(text).normalize('NFKC').trim();
  if (!own || [...own].length > MAX_ANSWER) return null;
  if (OPT_OUT.test(own)) return { optOut: true };
  // A digit on its own ("4", "4/5", "5 stars", "Note : 4"), not part of a longer number.
  const digit = /(?<![\d.,])([1-5])(?![\d.,]*\d)(?:\s*(?:\/|de|of|von|sur|из)\s*5)?/u.exec(own);
  if (digit && !/\d{2,}/.test(own)) return { score: Number(digit[1]) as 1 | 2 | 3 | 4 | 5 };
  // Stars without a number ("★★★★☆"); "5 ⭐" was read above as the number.
  const stars = own.match(/★|⭐/gu)?.length ?? 0;
  if (stars >= 1 && stars <= 5) return { score: stars as 1 | 2 | 3 | 4 | 5 };
  const cjk = /([一二两三四五])\s*(?:星|分|颗星|顆星|つ星)/u.exec(own);
  if (cjk) return { score: CJK_NUMBER[cjk[1]!]! };
  for (const [re, score] of EMOJI) if (re.test(own)) return { score };
  return null;
}
