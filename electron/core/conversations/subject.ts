// Subjects as threading keys: the reply and forward prefixes mail clients add in many languages are removed,
// repeatedly ("Re: AW: Fwd: …"), so one customer's back-and-forth keeps one key.

// Re, Fwd, Fw (English); AW, WG (German); SV, VS (Nordic); Réf., RV (French, Spanish); Antw (Dutch);
// R (Italian); 回复, 回覆, 答复, 转发, 轉寄, 轉發 (Chinese). Optional counters such as "Re[2]:" or "Re(3):",
// ASCII or full-width colon.
const PREFIX =
  /^\s*(?:re|fwd?|aw|wg|sv|vs|réf\.?|ref\.?|rv|antw|r|tr|回复|回覆|答复|答覆|转发|轉寄|轉發)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;

export function stripReplyPrefixes(subject: string): string {
  let s = subject.trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(PREFIX, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

/** The key under which subjects are compared: prefixes gone, case and spacing folded. Empty for no subject. */
export function subjectKey(subject: string): string {
  return stripReplyPrefixes(subject.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}
