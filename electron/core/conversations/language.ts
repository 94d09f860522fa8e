// The customer's language, detected from what they wrote (tinyld: accurate on short texts, no model download).
import { detect } from 'tinyld';

/** Quoted earlier mail and signatures say little about the writer's language: look at what they typed. */
function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*>/.test(line)) continue;
    if (/^(-- |On .+ wrote:$|El .+ escribió:$|Am .+ schrieb .+:$|Le .+ a écrit :$)/.test(line.trim())) break;
    lines.push(line);
  }
  // 200 characters identify the language reliably; tinyld's cost grows quickly with length.
  return lines.join('\n').slice(0, 200);
}

/** A base language tag ("es", "zh"), or null when the text is too short or unclear. */
export function detectLanguage(text: string): string | null {
  const words = ownWords(text).trim();
  if (words.length < 4) return null;
  return detect(words) || null;
}
