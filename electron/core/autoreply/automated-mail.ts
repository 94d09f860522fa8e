// Whether a machine sent a message, so that nothing answers it automatically (RFC 3834 section 2): mail marked
// Auto-Submitted, bulk and list mail (Precedence, List-Id, List-Unsubscribe), bounces and reports (a null
// return path, multipart/report), senders that say no one reads replies (no-reply, mailer-daemon), mail that
// asks for no auto-response (Microsoft's X-Auto-Response-Suppress), and a marketplace's own notifications.

export type AutomatedReason = 'auto-submitted' | 'bulk' | 'list' | 'bounce' | 'no-reply sender' | 'suppressed' | 'marketplace notification';

/** A sender's local part that says replies go nowhere. */
const NO_REPLY = /^(?:(?:no|do[-_.]?not|dont)[-_.]?reply(?:[-+_.].*)?|(?:mailer[-_.]?daemon|postmaster|bounces?)(?:\+.*)?)$/i;

export function isNoReplyAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && NO_REPLY.test(address.slice(0, at));
}

/** Headers by lower-case name, values unfolded; the first occurrence of each. */
export function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (map.has(name)) continue;
    map.set(name, line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return map;
}

/** Why the message was sent by a machine, or null when a person wrote it. */
export function automatedReason(headers: Map<string, string>, fromAddress: string, marketplaceNotice = false): AutomatedReason | null {
  const autoSubmitted = headers.get('auto-submitted')?.toLowerCase().split(/[\s;(]/)[0];
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto-submitted';
  const precedence = headers.get('precedence')?.toLowerCase();
  if (precedence && /\b(bulk|list|junk)\b/.test(precedence)) return 'bulk';
  if (headers.has('list-id') || headers.has('list-unsubscribe') || headers.has('list-post')) return 'list';
  const returnPath = headers.get('return-path');
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath)) return 'bounce';
  if (/^multipart\/report\b/i.test(headers.get('content-type') ?? '')) return 'bounce';
  const suppress = headers.get('x-auto-response-suppress')?.toLowerCase();
  if (suppress && /\b(all|oof|autoreply)\b/.test(suppress)) return 'suppressed';
  if (isNoReplyAddress(fromAddress)) return 'no-reply sender';
  if (marketplaceNotice) return 'marketplace notification';
  return null;
}
