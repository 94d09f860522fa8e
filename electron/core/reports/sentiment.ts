// Sentiment of a customer's message, offline, by the method written in sentiment.json: a lexicon per language
// (en, es, de, fr, pt, ru, zh, ja) counted with negation, plus emoji. Its accuracy on the labelled messages in
// tests/data/sentiment/ is measured by a test. Languages without a lexicon are judged by their emoji alone.
import data from './sentiment.json' with { type: 'json' };
import { tokensOf } from './words.js';

export type Sentiment = 'positive' | 'neutral' | 'negative';

interface Lexicon {
  positive: string[];
  negative: string[];
  negation: string[];
}

const LEXICONS = data.languages as Record<string, Lexicon>;
const UNSPACED = new Set(['zh', 'ja']);

function count(text: string, terms: string[]): number {
  let n = 0;
  for (const t of terms) {
    let at = text.indexOf(t);
    while (at >= 0) {
      n++;
      at = text.indexOf(t, at + t.length);
    }
  }
  return n;
}

/** Occurrences of terms at the start of a word, each counted the other way when a negation word comes just before. */
function scoreSpaced(words: string[], lexicon: Lexicon): number {
  let score = 0;
  const text = ` ${words.join(' ')} `;
  for (const [terms, sign] of [
    [lexicon.positive, 1],
    [lexicon.negative, -1],
  ] as const) {
    for (const term of terms) {
      if (term.includes(' ')) {
        // A phrase: found anywhere in the text.
        score += sign * count(text, [` ${term.trim()}`]);
        continue;
      }
      words.forEach((w, i) => {
        if (!w.startsWith(term)) return;
        const negated = words.slice(Math.max(0, i - 2), i).some((p) => lexicon.negation.includes(p));
        score += negated ? -sign : sign;
      });
    }
  }
  return score;
}

function scoreUnspaced(text: string, lexicon: Lexicon): number {
  let score = 0;
  for (const [terms, sign] of [
    [lexicon.positive, 1],
    [lexicon.negative, -1],
  ] as const) {
    for (const term of terms) {
      let at = text.indexOf(term);
      while (at >= 0) {
        // Chinese negation sits right before the term (不满意, 没收到).
        const negated = lexicon.negation.some((n) => text.slice(Math.max(0, at - n.length), at) === n);
        score += negated ? -sign : sign;
        at = text.indexOf(term, at + term.length);
      }
    }
  }
  return score;
}

/** `tokens`: the text's words from `tokensOf`, when the caller has them already. */
export function sentimentOf(text: string, language: string | null, tokens?: string[]): Sentiment {
  let score = count(text, data.emoji.positive) - count(text, data.emoji.negative);
  const base = language?.split('-')[0];
  const lexicon = base ? LEXICONS[base] : undefined;
  if (lexicon) {
    if (UNSPACED.has(base!)) score += scoreUnspaced(text.toLowerCase(), lexicon);
    else score += scoreSpaced(tokens ?? tokensOf(text, language!), lexicon);
  }
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
}
