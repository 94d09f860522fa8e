// Some Chinese, Japanese and Russian mailers still put raw 8-bit text (or ISO-2022-JP escapes) in headers
// instead of RFC 2047 encoded-words. MIME parsers then read those bytes as Latin-1 and show mojibake. Before
// parsing, such header lines are decoded with the message's declared charset (else a charset detector on the
// header bytes) and rewritten as UTF-8 encoded-words, leaving every other byte of the message untouched.
import chardet from 'chardet';
import libmime from 'libmime';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const ESC = 0x1b;

function isValidUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasRawText = (bytes: Buffer) => /[\x80-\xff\x1b]/.test(bytes.toString('latin1'));

/**
 * Where the header block ends: the offset of the first "\r\n\r\n" or "\n\n", -1 when there is none. Read line by
 * line (searching the bytes for "\r\n\r\n" would read all of a message whose lines end in "\n" alone).
 */
export function headerEnd(raw: Buffer): number {
  for (let i = raw.indexOf(0x0a); i >= 0; i = raw.indexOf(0x0a, i + 1)) {
    if (raw[i + 1] === 0x0a) return i;
    if (raw[i - 1] === 0x0d && raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return i - 1;
  }
  return -1;
}

/** The charset the message declares for its text, from the top-level Content-Type (ASCII in any case). */
function declaredCharset(head: string): string | null {
  const m = /^content-type:(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  const cs = m && /charset\s*=\s*"?([\w.:+-]+)"?/i.exec(m[1]!);
  return cs ? cs[1]!.toLowerCase() : null;
}

function decodeBytes(bytes: Buffer, charset: string): string {
  return libmime.decodeWord(charset, 'B', bytes.toString('base64'));
}

export function normalizeRawHeaders(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  if (end < 0) return raw;
  const head = raw.subarray(0, end);
  if (!hasRawText(head)) return raw;

  // Split into header fields (a field with its folded continuation lines), keeping the bytes of each.
  const fields: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0x0a && i + 1 < head.length && head[i + 1] !== 0x20 && head[i + 1] !== 0x09) {
      fields.push(head.subarray(start, i + 1));
      start = i + 1;
    }
  }
  fields.push(head.subarray(start));

  const needsFix = fields.filter((f) => hasRawText(f) && !(isValidUtf8(f) && !f.includes(ESC)));
  if (needsFix.length === 0) return raw;
  const declared = declaredCharset(head.toString('latin1'));
  const hasEscapes = needsFix.some((f) => f.includes(ESC));
  const detected = hasEscapes ? 'iso-2022-jp' : (chardet.detect(Buffer.concat(needsFix.map((f) => f.subarray(f.indexOf(0x3a) + 1)))) ?? null);
  const charset = hasEscapes ? 'iso-2022-jp' : (declared && declared !== 'us-ascii' ? declared : (detected ?? 'windows-1252'));

  const out = fields.map((f) => {
    if (!needsFix.includes(f)) return f;
    const colon = f.indexOf(0x3a);
    if (colon < 0) return f;
    const name = f.subarray(0, colon).toString('latin1');
    const eol = f.subarray(f.length - (f[f.length - 2] === 0x0d ? 2 : f[f.length - 1] === 0x0a ? 1 : 0));
    const value = decodeBytes(f.subarray(colon + 1, f.length - eol.length), charset).replace(/\r?\n[ \t]/g, ' ').trim();
    // Encoded-words only where needed, so addresses and punctuation stay parseable.
    return Buffer.concat([Buffer.from(`${name}: ${libmime.encodeWords(value, 'B', 52)}`, 'utf8'), eol]);
  });
  return Buffer.concat([...out, raw.subarray(end)]);
}
