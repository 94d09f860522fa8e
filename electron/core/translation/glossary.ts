// The shop's glossary, enforced by the app for every provider: each term (a brand, a product name, a SKU) is
// replaced by a numbered marker before the text goes out and put back after — as written, or as the shop's fixed
// wording for the target language. The glossary's version is part of the translation memory's key, so a change
// to it never serves a translation made under the old one.
import { createHash } from 'node:crypto';

export interface GlossaryEntry {
  term: string;
  fixed: Record<string, string>;
}

/** A number that changes whenever the glossary (or formality) does. */
export function glossaryVersion(glossary: GlossaryEntry[], formal: boolean): number {
  if (glossary.length === 0) return formal ? 1 : 0;
  const digest = createHash('sha256').update(JSON.stringify([formal, glossary])).digest();
  return 2 + (digest.readUInt32BE(0) & 0x3fffffff);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const marker = (i: number) => `⟦${i}⟧`;
const wordEdge = (ch: string) => /[\p{L}\p{N}]/u.test(ch) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(ch);

/** The text with every glossary term replaced by its marker, and how to put them back. */
export function protect(text: string, glossary: GlossaryEntry[]): { text: string; restore(translated: string, target: string): string } {
  // Longest terms first, so "Lumen Lamp Pro" is not split by "Lumen".
  const entries = [...glossary].sort((a, b) => b.term.length - a.term.length);
  const used: GlossaryEntry[] = [];
  let out = text;
  entries.forEach((e) => {
    // A term is matched as a whole word where its script separates words (so "Lumen" is not found in
    // "Lumenis"); at an edge of a symbol ({{order.id}}) or of unspaced script (Chinese, Japanese, Thai), anywhere.
    const before = wordEdge(e.term[0]!) ? '(?<![\\p{L}\\p{N}])' : '';
    const after = wordEdge(e.term.at(-1)!) ? '(?![\\p{L}\\p{N}])' : '';
    const re = new RegExp(`${before}${escape(e.term)}${after}`, 'gu');
    if (!re.test(out)) return;
    used.push(e);
    out = out.replace(re, marker(used.length - 1));
  });
  return {
    text: out,
    restore(translated: string, target: string) {
      let result = translated;
      used.forEach((e, i) => {
        const wording = e.fixed[target] ?? e.term;
        // Providers keep the marker, sometimes with spaces inside or around it.
        result = result.replace(new RegExp(`⟦\\s*${i}\\s*⟧`, 'g'), wording);
        // A provider that dropped the marker entirely: the term is added back rather than lost.
        if (!result.includes(wording)) result = `${result} (${wording})`;
      });
      return result;
    },
  };
}
