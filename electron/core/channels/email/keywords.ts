// Conversation tags as IMAP keywords, so other mail clients and agents on the same mailbox see them.
// A keyword must be an IMAP atom: letters, digits and '-' are kept, anything else becomes _XXXX_ (its code point
// in hex, closed so the next letter cannot be read as part of it).
import type { SetFlagPayload } from '../../conversations/actions.js';

export function tagKeyword(tag: string): string {
  let out = '$Tag_';
  for (const ch of tag) out += /[A-Za-z0-9-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  return out;
}

export function imapFlagFor(p: Pick<SetFlagPayload, 'flag' | 'tag'>): string {
  if (p.flag === 'seen') return '\\Seen';
  if (p.flag === 'flagged') return '\\Flagged';
  if (p.flag === 'answered') return '\\Answered';
  return tagKeyword(p.tag ?? '');
}

/** The tag an IMAP keyword of ours stands for, or null for any other flag or keyword. */
export function tagOfKeyword(keyword: string): string | null {
  if (!keyword.startsWith('$Tag_')) return null;
  const tag = keyword.slice(5).replace(/_([0-9a-f]{4,6})_/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
  return tag || null;
}

export function tagsOfFlags(flags: Iterable<string>): string[] {
  const tags: string[] = [];
  for (const f of flags) {
    const tag = tagOfKeyword(f);
    if (tag) tags.push(tag);
  }
  return tags;
}
