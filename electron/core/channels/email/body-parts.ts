// Large messages are not fetched whole: their MIME structure (IMAP BODYSTRUCTURE) says which parts are the
// text to show and which are attachments. Text parts and attachments up to the download limit are streamed
// from the server (decoded by imapflow) straight into files; larger attachments are only listed, with their
// part number, and downloaded when the agent opens them.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import libmime from 'libmime';
import { MAX_ATTACHMENTS, type IncomingAttachment } from '../../conversations/ingest.js';
import { CoreError } from '../../errors.js';

export interface TextPart {
  part: string;
  type: 'text/plain' | 'text/html';
}

export interface AttachmentPart {
  part: string;
  filename: string;
  contentType: string;
  contentId: string | null;
  /** Decoded size, estimated from the encoded size the server reports. */
  size: number;
  /** An image the HTML body shows in place (cid:), not a file to list. */
  inline: boolean;
}

export interface PartPlan {
  text: TextPart[];
  attachments: AttachmentPart[];
}

/** The text a message shows is capped; the rest of an enormous text part stays on the server. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

const decodedSize = (node: MessageStructureObject) => {
  const size = node.size ?? 0;
  // base64 in 76-character lines: 57 bytes per 78 encoded (with CRLF).
  return node.encoding?.toLowerCase() === 'base64' ? Math.floor((size * 57) / 78) : size;
};

function fileNameOf(node: MessageStructureObject): string | null {
  const raw = node.dispositionParameters?.filename ?? node.parameters?.name;
  if (!raw) return null;
  try {
    return libmime.decodeWords(raw).trim() || null;
  } catch {
    return raw;
  }
}

/**
 * Which parts to show as text and which are attachments, the way a mail client reads a structure: the first
 * text/plain and text/html outside attachments, inline images of multipart/related skipped (they belong to the
 * HTML), a forwarded message/rfc822 kept whole as one attachment.
 */
export function planParts(root: MessageStructureObject): PartPlan {
  const plan: PartPlan = { text: [], attachments: [] };
  let unnamed = 0;
  const visit = (node: MessageStructureObject, partId: string, parentType: string | null) => {
    // Past the cap nothing more is listed (ingest keeps MAX_ATTACHMENTS and notes that there were more).
    if (plan.attachments.length > MAX_ATTACHMENTS) return;
    const type = (node.type ?? 'text/plain').toLowerCase();
    if (type.startsWith('multipart/')) {
      (node.childNodes ?? []).forEach((child, i) => visit(child, child.part ?? (partId ? `${partId}.${i + 1}` : String(i + 1)), type));
      return;
    }
    const disposition = node.disposition?.toLowerCase() ?? null;
    const filename = fileNameOf(node);
    // A named text part without an inline disposition is a file (notes.txt), not the message's text.
    const isText = (type === 'text/plain' || type === 'text/html') && disposition !== 'attachment' && !(filename && disposition !== 'inline');
    if (isText && !plan.text.some((t) => t.type === type)) {
      plan.text.push({ part: partId, type: type as TextPart['type'] });
      return;
    }
    // An image the HTML shows in place (cid:) is part of the body, not something the agent downloads.
    const inline = parentType === 'multipart/related' && !!node.id && disposition !== 'attachment';
    const extension = type === 'message/rfc822' ? '.eml' : type === 'text/calendar' ? '.ics' : '';
    plan.attachments.push({
      part: partId,
      filename: filename ?? (inline ? 'inline' : `attachment-${++unnamed}${extension}`),
      contentType: type,
      contentId: node.id ? node.id.replace(/^<|>$/g, '') : null,
      size: decodedSize(node),
      inline,
    });
  };
  visit(root, root.part ?? '1', null);
  return plan;
}

/** Streams one decoded body part into a new file; returns the bytes written. */
export async function downloadPart(client: ImapFlow, uid: number, part: string, file: string): Promise<number> {
  const download = await client.download(String(uid), part, { uid: true });
  if (!download.content) throw new CoreError('NOT_FOUND', 'The message is no longer on the server, so this attachment cannot be downloaded.');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(download.content, count, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    // A connection lost or a disk full half-way: no partial file stays behind.
    fs.rmSync(file, { force: true });
    throw err;
  }
  return bytes;
}

/** A text part as a string (UTF-8: imapflow converts the charset), at most MAX_TEXT_BYTES of it. */
export async function downloadText(client: ImapFlow, uid: number, part: string): Promise<string> {
  const download = await client.download(String(uid), part, { uid: true, maxBytes: MAX_TEXT_BYTES });
  if (!download.content) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of download.content as AsyncIterable<Buffer>) {
    if (size < MAX_TEXT_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_TEXT_BYTES).toString('utf8');
}

/**
 * Downloads what the plan says to keep now into a staging folder: attachments up to `limitBytes`; the others
 * become remote attachments (part number only). Files are moved into place when the message is stored.
 */
export async function fetchAttachments(
  client: ImapFlow,
  uid: number,
  plan: PartPlan,
  stagingDir: string,
  limitBytes: number,
): Promise<IncomingAttachment[]> {
  const out: IncomingAttachment[] = [];
  for (const a of plan.attachments) {
    const base = { filename: a.filename, contentType: a.contentType, contentId: a.contentId, inline: a.inline };
    if (a.size > limitBytes) {
      out.push({ ...base, remote: { part: a.part, size: a.size } });
      continue;
    }
    const file = path.join(stagingDir, crypto.randomUUID());
    const size = await downloadPart(client, uid, a.part, file);
    out.push({ ...base, file: { path: file, size } });
  }
  return out;
}
