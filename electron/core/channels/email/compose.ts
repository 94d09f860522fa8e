// Builds the RFC 5322 bytes of an outgoing message from its stored row. The same row always yields the same
// Message-ID, Date and threading headers, so every send attempt and the Sent copy describe one message.
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Participant } from '../../../../shared/domain/types.js';
import type { StoredMessage } from '../../db/queries/messages.js';

const formatAddress = (p: Participant) => (p.name ? { name: p.name, address: p.address } : p.address);
const bracket = (id: string) => `<${id.replace(/^<|>$/g, '')}>`;

/** A file sent with the message (its absolute path). */
export interface OutgoingFile {
  filename: string;
  contentType: string;
  path: string;
}

export async function composeRaw(m: StoredMessage, files: OutgoingFile[] = []): Promise<Buffer> {
  // baseBoundary is read by MailComposer (it passes it to every MIME node) though its typings leave it out.
  const options: ConstructorParameters<typeof MailComposer>[0] & { baseBoundary: string } = {
    from: formatAddress(m.from),
    to: m.to.map(formatAddress),
    cc: m.cc.map(formatAddress),
    subject: m.subject,
    text: m.text,
    date: new Date(m.date),
    messageId: bracket(m.messageIdHeader!),
    inReplyTo: m.inReplyTo ? bracket(m.inReplyTo) : undefined,
    references: m.references.length > 0 ? m.references.map(bracket).join(' ') : undefined,
    textEncoding: 'quoted-printable',
    ...(files.length > 0 ? { attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, path: f.path })) } : {}),
    // The multipart boundary from the message's id, not random: every build of one message gives the same bytes.
    baseBoundary: createHash('sha256').update(m.id).digest('hex').slice(0, 16),
    // Sent by the app by itself: other auto-responders must not answer it (RFC 3834 section 5).
    ...(m.autoKind ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
  };
  return new MailComposer(options).compile().build();
}

export function envelopeOf(m: StoredMessage): { from: string; to: string[] } {
  // Blind copies are in the envelope only: no header names them.
  return { from: m.from.address, to: [...m.to, ...m.cc, ...(m.bcc ?? [])].map((p) => p.address) };
}
