// An account's signature under the agent's replies, set off by the usual "-- " line (mail programs recognise it,
// and so does the translation of a reply: the signature stays as written, in every customer's language).

export const SIGNATURE_DELIMITER = '\n\n-- \n';

/** The reply with the signature under it (none when the signature is blank). */
export function withSignature(text: string, signature: string | undefined): string {
  const s = (signature ?? '').trim();
  return s ? `${text.trimEnd()}${SIGNATURE_DELIMITER}${s}` : text;
}

/** The signature part of a reply ("\n\n-- \n…"), or '' when it has none. */
export function signatureOf(text: string): string {
  const at = text.lastIndexOf(SIGNATURE_DELIMITER);
  return at < 0 ? '' : text.slice(at);
}
