// Forwarding a customer's message to someone else (the warehouse, a carrier, a supplier): a new e-mail with the
// agent's note, the message quoted under the usual header block, and its files attached. It starts a
// conversation of its own with that person — the customer's conversation is not answered by it, and their answer
// threads there.
import fs from 'node:fs';
import path from 'node:path';
import type { AccountRow } from '../db/queries/accounts.js';
import type { Store } from '../db/store.js';
import type { Participant } from '../../../shared/domain/types.js';
import { CoreError } from '../errors.js';
import { startConversation } from './reply.js';
import { stripReplyPrefixes } from './subject.js';
import { withSignature } from '../../../shared/domain/signature.js';

const who = (p: Participant) => (p.name ? `${p.name} <${p.address}>` : p.address);

/** The forwarded message as mail programs quote it, under the note (and the signature, when there is one). */
export function forwardedText(note: string, signature: string | undefined, m: { from: Participant; to: Participant[]; cc: Participant[]; date: number; subject: string; text: string }): string {
  const head = [
    '---------- Forwarded message ----------',
    `From: ${who(m.from)}`,
    `Date: ${new Date(m.date).toUTCString()}`,
    `Subject: ${m.subject}`,
    `To: ${m.to.map(who).join(', ')}`,
    ...(m.cc.length ? [`Cc: ${m.cc.map(who).join(', ')}`] : []),
  ];
  const above = withSignature(note.trim(), signature).trim();
  return `${above ? `${above}\n\n` : ''}${head.join('\n')}\n\n${m.text}`;
}

export function forwardMessage(
  store: Store,
  attachmentsDir: string,
  messageId: string,
  to: Participant,
  note: string,
  now: number,
  options: { cc?: Participant[]; bcc?: Participant[]; holdMs?: number } = {},
): { conversationId: string; messageId: string; outboxId: string; filesLeftOut: number } {
  const original = store.messages.get(messageId);
  if (!original) throw new CoreError('NOT_FOUND', 'Message not found.');
  const account: AccountRow | undefined = store.accounts.get(original.accountId);
  if (!account) throw new CoreError('NOT_FOUND', 'Account not found.');
  // Its files as stored here (a large one still on the mail server is left out, and said so).
  const files = store.messages.filesOf(messageId).flatMap((f) => {
    try {
      return [{ filename: f.filename, contentType: f.contentType, content: fs.readFileSync(path.join(attachmentsDir, f.path)) }];
    } catch {
      return [];
    }
  });
  const all = store.messages.attachmentCount(messageId);
  const started = startConversation(
    store,
    account,
    { to, subject: `Fwd: ${stripReplyPrefixes(original.subject)}`, text: forwardedText(note, store.appSettings.get().signatures[account.id], original) },
    now,
    { ...options, signed: true, ...(files.length ? { attachments: { dir: attachmentsDir, files } } : {}) },
  );
  return { ...started, filesLeftOut: all - files.length };
}
