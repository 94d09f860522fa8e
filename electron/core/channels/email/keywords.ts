// Conversation tags as IMAP keywords, so other mail clients and agents on the same mailbox see them.
// A keyword must be an IMAP atom: letters, digits and '-' are kept, anything else becomes _XXXX (its code point).
import type { SetFlagPayload } from '../../conversations/actions.js';

export function tagKeyword(tag: string): string {
  let out = '$Tag_';
  for (const ch of tag) out += /[A-Za-z0-9-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  return out;
}

export function imapFlagFor(p: Pick<SetFlagPayload, 'flag' | 'tag'>): string {
  if (p.flag === 'seen') return '\\Seen';
  if (p.flag === 'flagged') return '\\Flagged';
  if (p.flag === 'answered') return '\\Answered';
  return tagKeyword(p.tag ?? '');
}
