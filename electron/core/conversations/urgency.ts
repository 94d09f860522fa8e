// How soon a customer's message needs an answer, offline, from its content in any of the buyer languages the
// rules in urgency.json cover (en, zh, es, de, fr, ja, pt, ru): urgent (money at risk, a lost or damaged parcel,
// legal or review threats, shouting), low (a thank-you or confirmation that asks nothing), else normal. Every
// language's rules are tried, so a message is classified before (or without) knowing its language.
import rules from './urgency.json' with { type: 'json' };
import { countMatches, ownWords } from './language.js';

import type { Urgency } from '../../../shared/domain/types.js';
export type { Urgency };

const RANK: Record<Urgency, number> = { low: 0, normal: 1, urgent: 2 };
export const urgencyRank = (u: Urgency) => RANK[u];

const URGENT = new RegExp(Object.values(rules.urgent).flat().join('|'), 'iu');
const LOW = new RegExp(Object.values(rules.low).flat().join('|'), 'iu');

const UPPER = /\p{Lu}/gu;
const LOWER = /[\p{Ll}\p{Lt}]/gu; // a title-case letter (ǅ) is not a capital
/** Shouting: most letters capitals over a sentence's worth, or a run of exclamation marks. */
function shouting(text: string): boolean {
  // Counted in place: listing every letter made a string per letter of every message.
  const upper = countMatches(text, UPPER);
  const cased = upper + countMatches(text, LOWER);
  return (cased >= 15 && upper / cased > 0.7) || /[!！]{3,}/.test(text);
}

export function classifyUrgency(text: string): Urgency {
  const own = ownWords(text).normalize('NFKC').trim();
  if (!own) return 'normal';
  if (URGENT.test(own) || shouting(own)) return 'urgent';
  if (own.length <= 80 && !/[?？]/.test(own) && LOW.test(own)) return 'low';
  return 'normal';
}
