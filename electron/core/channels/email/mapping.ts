// Raw mail → parsed MIME (mailparser) → the core's IncomingMessage. No I/O; unit-tested on sample mail.
import { createHash } from 'node:crypto';
import { compile } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Participant } from '../../../../shared/domain/types.js';
import type { IncomingMessage } from '../../conversations/ingest.js';
import { isMarketplaceNotice, recognizeMarketplace } from './marketplace-mail.js';
import { automatedReason, headerMap } from '../../autoreply/automated-mail.js';
import { normalizeRawHeaders } from './raw-headers.js';
import { headerBlock, readHeaderFields, type MailFields } from './header-fields.js';

/** HTML bodies beyond this are cut (a mail this large is a newsletter or an error, not a customer). */
const MAX_HTML_CHARS = 2_000_000;

/** Parses raw RFC 5322 bytes the way every part of the app does (raw 8-bit headers decoded first). */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  // Work whose result the app never reads is skipped: mailparser's own HTML-to-text conversion (the app
  // converts HTML-only mail itself, once), and its HTML version of every text part (`textAsHtml`, a twentieth
  // of the parser thread's time on a first sync).
  const input = normalizeRawHeaders(raw);
  const parsed = await simpleParser(input, { ...PARSER_OPTIONS, skipTextToHtml: true });
  // Mail with a text part beside its HTML part (not as its alternative) shows that text inside the HTML
  // version too; skipped, it leaves an empty piece there, and such (rare) mail is parsed again in full.
  return typeof parsed.html === 'string' && lostTextPart(parsed.html) ? simpleParser(input, PARSER_OPTIONS) : parsed;
}

const PARSER_OPTIONS = { skipImageLinks: true, skipHtmlToText: true, skipTextLinks: true } as const;
/** mailparser joins the pieces of the HTML version with this. */
const PIECES = '<br/>\n';
const lostTextPart = (html: string) => html.startsWith(PIECES) || html.endsWith(PIECES) || html.includes(PIECES + PIECES);

export function participants(field: AddressObject | AddressObject[] | undefined): Participant[] {
  if (!field) return [];
  const groups = Array.isArray(field) ? field : [field];
  const out: Participant[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const a of entries) {
      if (a.group) walk(a.group);
      else if (a.address) out.push({ name: (a.name ?? '').trim(), address: a.address.trim().toLowerCase() });
    }
  };
  for (const g of groups) walk(g.value);
  return out;
}

function idList(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : value.split(/\s+/);
  return list.map((v) => v.trim()).filter(Boolean);
}

export interface MappingContext {
  /** The account's own addresses: mail from them is outgoing. */
  ownAddresses: string[];
  /** True when the message was read from the Sent folder. */
  inSentFolder: boolean;
  isSeen: boolean;
  /** Used when the message has no Date header. */
  internalDate: number;
  /** The raw bytes, to give a message without a Message-ID a stable one. */
  raw: Buffer;
}

/**
 * Raw bytes → IncomingMessage. Mail the parser cannot read is still kept: its headers as far as they go, its
 * bytes as text, and the raw source (saved beside it) one click away. No message is ever dropped.
 */
export async function mapRaw(raw: Buffer, ctx: MappingContext, parse: (raw: Buffer) => Promise<ParsedMail> = parseMail): Promise<IncomingMessage> {
  try {
    return mapParsedMail(await parse(raw), ctx);
  } catch (err) {
    return unreadableMessage(raw, ctx, err);
  }
}

/**
 * A placeholder for mail that could not be read (broken or hostile MIME, a header block beyond the parser's
 * limit, a part that failed to download): the headers as far as a plain scan finds them, its bytes as text, and
 * a note saying why. The raw source is saved beside it, so "View source" shows what arrived.
 */
export function unreadableMessage(raw: Buffer, ctx: MappingContext, err: unknown): IncomingMessage {
  const head = raw.subarray(0, 16_384).toString('latin1');
  const header = (name: string) => (new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '').slice(0, 998);
  const from = /<?([^<>\s]+@[^<>\s]+)>?/.exec(header('from'))?.[1]?.toLowerCase() ?? '';
  const reason = err instanceof Error ? err.message : String(err);
  return {
    messageIdHeader: header('message-id') || syntheticMessageId(raw),
    inReplyTo: header('in-reply-to') || null,
    references: header('references').split(/\s+/).filter(Boolean).slice(0, 100),
    direction: ctx.inSentFolder || ctx.ownAddresses.includes(from) ? 'out' : 'in',
    from: { name: '', address: from },
    replyTo: [],
    to: [],
    cc: [],
    subject: header('subject') || '(unreadable message)',
    date: ctx.internalDate,
    text: `This message could not be read (${reason}). Its raw source is kept: use "View source".\n\n${raw.subarray(0, 100_000).toString('utf8')}`,
    fromHtml: false,
    isRead: ctx.isSeen,
    attachments: [],
  };
}

/**
 * A message fetched by parts (too large to fetch whole): its header block, the text of its text/plain or
 * text/html part, and its attachments as already fetched.
 */
export async function mapLargeMail(
  headers: Buffer,
  body: { plain?: string; html?: string },
  attachments: IncomingMessage['attachments'],
  ctx: MappingContext,
): Promise<IncomingMessage> {
  const parsed = await parseMail(Buffer.concat([headers, Buffer.from('\r\n')]));
  const fromHtml = body.plain === undefined && body.html !== undefined;
  const html = body.html?.trim() ? body.html.slice(0, MAX_HTML_CHARS) : null;
  const base = mapMessage(parsed, ctx);
  const message: IncomingMessage = {
    ...base,
    text: (fromHtml ? htmlToText(body.html ?? '') : (body.plain ?? '')).replace(/\r\n/g, '\n').trimEnd(),
    fromHtml,
    html,
    attachments,
  };
  return withOrigin(message, parsed);
}

export function mapParsedMail(parsed: ParsedMail, ctx: MappingContext): IncomingMessage {
  return withOrigin(mapMessage(parsed, ctx), parsed);
}

/**
 * A message from its header block alone, for its list row before it is parsed (the newest mail of a first sync):
 * sender, recipients, subject, date, threading and whether a machine sent it, as the full parse will have them;
 * its text, HTML and attachments follow (`bodyPending`).
 */
export function mapHeadline(raw: Buffer, ctx: MappingContext): IncomingMessage {
  const fields = readHeaderFields(normalizeRawHeaders(headerBlock(raw)));
  return { ...withOrigin(mapMessage(fields, ctx), fields), bodyPending: true };
}

/** The marketplace a message came through, and whether a machine sent it (never answered automatically). */
function withOrigin(message: IncomingMessage, parsed: Pick<MailFields, 'headerLines'>): IncomingMessage {
  const marketplace = recognizeMarketplace(message);
  const automated = message.direction === 'in' ? automatedReason(headerMap(parsed.headerLines ?? []), message.from.address, isMarketplaceNotice(message)) : null;
  return { ...message, ...(marketplace ? { marketplace } : {}), ...(automated ? { automated } : {}) };
}

/**
 * The offset from UTC the sender's mail program wrote in the Date header ("+0100" → 60), in minutes; null when
 * there is none or it says it does not know ("-0000", RFC 5322 §3.3) or it is not a real offset.
 */
export function dateOffsetOf(parsed: Pick<MailFields, 'headerLines'>): number | null {
  const line = parsed.headerLines?.find((h) => h.key === 'date')?.line ?? '';
  const value = line.replace(/^date\s*:/i, '').replace(/\r?\n[ \t]+/g, ' ').replace(/\([^)]*\)/g, '').trim();
  const m = /([+-])(\d{2})(\d{2})$/.exec(value);
  if (!m) return /\b(GMT|UT|UTC|Z)$/i.test(value) ? 0 : null;
  if (m[1] === '-' && m[2] === '00' && m[3] === '00') return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) >= 60 || minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** The last instant with a four-digit year. */
const LATEST_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The Date header's time, or null when it is missing, unreadable or beyond the year 9999 — mailparser puts the
 * parsing moment in its place then, which would date old mail at the sync; the caller uses the server's
 * INTERNALDATE instead.
 */
function headerDate(parsed: Pick<MailFields, 'headerLines' | 'date'>): number | null {
  const line = parsed.headerLines?.find((h) => h.key === 'date')?.line;
  const value = line?.replace(/^date\s*:/i, '').replace(/\r?\n[ \t]+/g, ' ').trim();
  if (!value || Number.isNaN(new Date(value).getTime())) return null;
  const t = parsed.date?.getTime();
  // A year past 9999 ("31 Feb 99999") is no date a mail program wrote; every date shown or computed here has four digits.
  return t !== undefined && !Number.isNaN(t) && t <= LATEST_DATE ? t : null;
}

function mapMessage(parsed: MailFields, ctx: MappingContext): IncomingMessage {
  const from = participants(parsed.from)[0] ?? { name: '', address: '' };
  const own = ctx.ownAddresses.map((a) => a.toLowerCase());
  const direction = ctx.inSentFolder || own.includes(from.address) ? 'out' : 'in';
  const date = headerDate(parsed) ?? ctx.internalDate;
  const dateOffset = headerDate(parsed) === null ? null : dateOffsetOf(parsed);
  // mailparser no longer fills `text` from HTML: no text means HTML-only mail (or a text part that is empty).
  const fromHtml = !!parsed.html && !(parsed.text ?? '').trim();
  const text = fromHtml ? htmlToText(parsed.html as string) : (parsed.text ?? '');
  return {
    messageIdHeader: parsed.messageId?.trim() || syntheticMessageId(ctx.raw),
    inReplyTo: idList(parsed.inReplyTo)[0] ?? null,
    references: idList(parsed.references),
    direction,
    from,
    replyTo: participants(parsed.replyTo),
    to: participants(parsed.to),
    cc: participants(parsed.cc),
    subject: (parsed.subject ?? '').trim(),
    date,
    dateOffset,
    text: text.replace(/\r\n/g, '\n').trimEnd(),
    fromHtml,
    isRead: direction === 'out' || ctx.isSeen,
    html: typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html.slice(0, MAX_HTML_CHARS) : null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename || 'attachment',
      // A part with an empty or missing Content-Type is, per RFC 2045, text/plain; as a file, plain bytes.
      contentType: a.contentType || 'application/octet-stream',
      contentId: a.cid ?? null,
      content: a.content,
      // An image of multipart/related the HTML shows in place is part of the body, not a file to list.
      inline: a.related === true && a.contentDisposition !== 'attachment',
    })),
  };
}

/**
 * HTML mail as plain text: no scripts, styles or images (remote images are how senders track opens), link
 * targets kept in brackets so the agent can see where a link goes.
 */
export function htmlToText(html: string): string {
  return convertHtml(html).trim();
}

/** Compiled once: html-to-text otherwise builds its selector tree again for every message. */
const convertHtml = compile({
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
});

/** The same bytes always get the same id, so a message without one is still stored once. */
export function syntheticMessageId(raw: Buffer): string {
  return `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@no-message-id.invalid>`;
}
