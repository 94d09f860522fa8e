// A message's header fields read straight from its header block, without parsing its MIME body: what its list row
// and its threading need (sender, recipients, subject, date, Message-ID, In-Reply-To, References, and the raw
// header lines that say whether a machine sent it). Each field is decoded the way mailparser decodes it (libmime's
// header and encoded-word decoding, mailparser's own address parser), so a message read this way first and in full
// later gets the same values; reading 60 messages' headers this way takes a few milliseconds, where mailparser's
// stream pipeline takes 40–100 ms even for headers alone.
import libmime from 'libmime';
import { parseAddressHeader, type AddressObject, type ParsedMail } from 'mailparser';
import { headerEnd } from './raw-headers.js';

/** The fields of a parsed message that mapping reads. */
export type MailFields = Pick<
  ParsedMail,
  'from' | 'to' | 'cc' | 'replyTo' | 'subject' | 'messageId' | 'inReplyTo' | 'references' | 'date' | 'headerLines' | 'text' | 'html' | 'attachments'
>;

/** The header block of raw mail with the empty line that ends it (all of it when there is none). */
export function headerBlock(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  return end < 0 ? raw : raw.subarray(0, end + (raw[end] === 0x0d ? 4 : 2));
}

/** mailparser's form of a message id: in angle brackets. */
function messageIdFormat(value: string): string | null {
  if (!value) return null;
  return `${value.startsWith('<') ? '' : '<'}${value}${value.endsWith('>') ? '' : '>'}`;
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value; // an encoded word that does not decode stays as written
  }
}

/** Address headers by name (a Map: a header named "constructor" or "__proto__" is no address field). */
const ADDRESS_FIELDS = new Map<string, 'from' | 'to' | 'cc' | 'replyTo'>([['from', 'from'], ['to', 'to'], ['cc', 'cc'], ['reply-to', 'replyTo']]);
/** Fields mailparser keeps the first occurrence of; `to` and `cc` given twice list both. */
const FIRST_ONLY = new Set(['from', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to']);

/**
 * The fields of a header block (8-bit header text already made readable by `normalizeRawHeaders`); the body's
 * fields are empty: no text, no HTML, no attachments.
 */
export function readHeaderFields(head: Buffer): MailFields {
  const lines: Array<{ key: string; line: string }> = [];
  const seen = new Set<string>();
  const fields: Partial<Omit<MailFields, 'to' | 'cc' | 'references'>> & { to?: AddressObject[]; cc?: AddressObject[] } = {};
  const references: string[] = [];
  // As mailparser reads headers: bytes as Latin-1 ("binary"), each field with its folded lines, up to the blank line.
  const text = head.toString('latin1');
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    while (end >= 0 && (text[end + 1] === ' ' || text[end + 1] === '\t')) end = text.indexOf('\n', end + 1);
    if (end < 0) end = text.length;
    const line = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    if (!line.trim()) break;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    lines.push({ key, line });
    if (FIRST_ONLY.has(key)) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const addressField = ADDRESS_FIELDS.get(key);
    if (!addressField && !FIRST_ONLY.has(key) && key !== 'references') continue;
    const decoded = String(libmime.decodeHeader(line)?.value ?? '').trim();
    const value = Buffer.from(decoded, 'latin1').toString();
    if (addressField) {
      const address = parseAddressHeader(value);
      if (addressField === 'to' || addressField === 'cc') (fields[addressField] ??= []).push(address);
      else fields[addressField] = address;
    } else if (key === 'subject') fields.subject = decodeWords(value);
    else if (key === 'date') fields.date = new Date(value);
    else if (key === 'message-id') fields.messageId = messageIdFormat(decodeWords(value)) ?? undefined;
    else if (key === 'in-reply-to') fields.inReplyTo = messageIdFormat(decodeWords(value)) ?? undefined;
    else if (key === 'references') {
      for (const id of decodeWords(value).split(/\s+/)) {
        const formatted = messageIdFormat(id);
        if (formatted) references.push(formatted);
      }
    }
  }
  const { to, cc, ...rest } = fields;
  return {
    ...rest,
    ...(to ? { to: to.length === 1 ? to[0]! : to } : {}),
    ...(cc ? { cc: cc.length === 1 ? cc[0]! : cc } : {}),
    ...(references.length > 0 ? { references } : {}),
    headerLines: lines,
    html: false,
    attachments: [],
  };
}
