// Parcel tracking numbers in a conversation's messages, for canned responses' {{tracking.number}} and
// {{tracking.link}}: the international postal format (UPU S10: two letters, nine digits, the country, as in
// LX123456789CN), UPS (1Z + 16), Cainiao (LP + 14 digits), YunExpress (YT + 16 digits), and any number written
// after "tracking number" and its equivalents in the languages buyers and carriers write.
const FORMATS = [/\b[A-Z]{2}\d{9}[A-Z]{2}\b/, /\b1Z[0-9A-Z]{16}\b/, /\bLP\d{14}\b/, /\bYT\d{16}\b/];
const LABELLED =
  /(?:tracking\s*(?:number|no\.?|#|code|id)|sendungsnummer|trackingnummer|num[ée]ro de suivi|n[úu]mero de (?:seguimiento|rastreio|rastreamento)|codice di tracciamento|номер отслеживания|трек-номер|追踪号|跟踪号|运单号|物流单号|快递单号|追跡番号|お問い合わせ番号|송장번호|운송장 번호)\s*[:：#]?\s*([A-Z0-9][A-Z0-9-]{7,34})/iu;

/** The first tracking number found, trying the texts in the order given (newest first, as callers pass them). */
export function findTrackingNumber(texts: string[]): string | null {
  for (const text of texts) {
    const labelled = LABELLED.exec(text);
    if (labelled && /\d/.test(labelled[1]!)) return labelled[1]!.toUpperCase();
    for (const f of FORMATS) {
      const m = f.exec(text);
      if (m) return m[0];
    }
  }
  return null;
}

/** The shop's tracking page for a number: {number} in the address replaced, URL-encoded. */
export const trackingLink = (template: string, number: string): string => template.replaceAll('{number}', encodeURIComponent(number));
