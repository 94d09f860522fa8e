// Stores one message that a channel fetched: deduplicates it by its Message-ID (so our own sent copy and a
// message in both INBOX and Sent are one row), files it into its conversation and writes its attachments.
import fs from 'node:fs';
import path from 'node:path';
import type { Mailbox, MarketplaceInfo, Participant } from '../../../shared/domain/types.js';
import type { CompletedBody, NewMessage } from '../db/queries/messages.js';
import type { Store } from '../db/store.js';
import { newId } from '../ids.js';
import { assignConversation, normalizeMessageId, threadKeys } from './threading.js';
import { stripReplyPrefixes } from './subject.js';
import { conversationLanguage, languageHintOf, languageOfMessages } from './language.js';
import { classifyUrgency } from './urgency.js';
import { readSurveyAnswer } from '../autoreply/survey-answer.js';
import { moveConversation } from './actions.js';
import { HIDDEN_CONTROLS } from '../../../shared/domain/file-names.js';

/**
 * An attachment as a channel hands it over: its bytes (small mail, parsed whole), a file the channel already
 * streamed them into (moved into place here), or only where it is on the server (downloaded when opened).
 */
export type IncomingAttachment = {
  filename: string;
  contentType: string;
  contentId: string | null;
  /** Shown in place by the HTML body (cid:), not listed. */
  inline?: boolean;
} & ({ content: Buffer } | { file: { path: string; size: number } } | { remote: { part: string; size: number } });

/** A message as a channel maps it, before it has a conversation (and before our own reply states apply). */
export type IncomingMessage = Omit<NewMessage, 'id' | 'conversationId' | 'accountId' | 'messageIdHeader' | 'sendState' | 'createdAt'> & {
  messageIdHeader: string;
  attachments: IncomingAttachment[];
  /** Set by a channel that recognised marketplace mail; the buyer's name replaces the relay's. */
  marketplace?: MarketplaceInfo & { buyerName: string | null };
  /** Where the channel found it (email: the folder's role), when that says where the conversation is filed. */
  mailbox?: Mailbox;
  /** Tags the server copy carries (email: our IMAP keywords), set there by another agent or client. */
  serverTags?: string[];
  /** The language the channel says the customer uses (Telegram's language_code), a base tag. */
  languageHint?: string | null;
  /** Answered from anywhere (email: \Answered). */
  isAnswered?: boolean;
};

export interface Location {
  folder: string;
  uid: number;
}

export interface IngestResult {
  messageId: string;
  conversationId: string;
  created: boolean;
}

/**
 * Attachments kept per message. A hostile message can carry thousands of parts; past this the rest stay in the
 * raw source (or on the server) and the message says so.
 */
export const MAX_ATTACHMENTS = 100;

/** Must run inside a transaction; attachment files are written before their rows. */
export function ingestMessage(
  store: Store,
  attachmentsDir: string,
  accountId: string,
  msg: IncomingMessage,
  location: Location | null,
  now: number,
  /**
   * Given: the language is not detected here but collected (conversation → hint and the customer's text) for
   * `refreshConversationLanguages` once the batch is stored — once per conversation instead of per message.
   */
  deferLanguages?: PendingLanguages,
): IngestResult {
  const header = normalizeMessageId(msg.messageIdHeader);
  const existing = store.messages.findByHeader(accountId, header);
  if (existing) {
    // Stored from its headers alone (another copy's, or an interrupted sync's): this copy completes it.
    if (existing.bodyPending && !msg.bodyPending) return completeMessage(store, attachmentsDir, accountId, existing, msg, location, deferLanguages);
    discardStagedFiles(msg.attachments);
    if (location) store.messages.addLocation(existing.id, accountId, location.folder, location.uid);
    return { messageId: existing.id, conversationId: existing.conversationId, created: false };
  }

  msg = withinAttachmentLimit(msg);
  const keys = threadKeys(header, msg.inReplyTo, msg.references);
  const other = customerOf(msg);
  const { conversationId, created: isNewConversation } = assignConversation(store, accountId, keys, msg.subject, now, other && { address: other.address, date: msg.date });
  const id = newId();
  store.messages.insert({
    ...storedFields(msg),
    id,
    conversationId,
    accountId,
    direction: msg.direction,
    messageIdHeader: header,
    isRead: msg.isRead,
    sendState: null,
    createdAt: now,
    serverTags: msg.serverTags ?? null,
    ...(msg.bodyPending ? { bodyPending: true } : {}),
  });
  // What the customer wrote is read once it is there (a message stored from its headers alone waits for it).
  if (!msg.bodyPending) readCustomerWords(store, conversationId, msg, isNewConversation);
  if (location) store.messages.addLocation(id, accountId, location.folder, location.uid);
  if (msg.isAnswered) store.messages.setAnswered(id, true);
  writeAttachments(store, attachmentsDir, id, msg.attachments);

  fileCustomer(store, accountId, conversationId, msg);
  if (isNewConversation && msg.mailbox && msg.mailbox !== 'inbox') {
    // Found only in the archive or the trash: filed there, not in the inbox.
    store.conversations.setMailbox(conversationId, msg.mailbox);
  } else if (msg.direction === 'in' && (msg.mailbox ?? 'inbox') === 'inbox' && store.blockedSenders.has(accountId, msg.from.address)) {
    // A blocked sender: filed as spam, here and (where the channel files) on the server.
    if (store.conversations.mailboxOf(conversationId) !== 'spam') moveConversation(store, conversationId, { to: 'spam' }, now);
  } else if (msg.direction === 'in' && (msg.mailbox ?? 'inbox') === 'inbox') {
    // The customer wrote again: an archived, deleted or snoozed conversation comes back to the inbox.
    store.conversations.setMailbox(conversationId, 'inbox');
    store.conversations.setSnooze(conversationId, null);
  }
  if (!msg.bodyPending) noteLanguage(store, conversationId, msg, deferLanguages);
  store.conversations.setSubjectIfEmpty(conversationId, stripReplyPrefixes(msg.subject));
  store.conversations.refresh(conversationId);
  return { messageId: id, conversationId, created: true };
}

/**
 * A message stored from its headers alone (`bodyPending`), now read in full: its fields as the full read has
 * them, its attachments, and what its words decide (urgency, reopening, marketplace order, language), as
 * `ingestMessage` does for a message stored at once. Its conversation stays the one its headers chose. Returns
 * `created`: the message is stored in full for the first time (its raw source is kept, its server tags read).
 * Must run inside a transaction.
 */
export function completeMessage(
  store: Store,
  attachmentsDir: string,
  accountId: string,
  stored: { id: string; conversationId: string },
  msg: IncomingMessage,
  location: Location | null,
  deferLanguages?: PendingLanguages,
): IngestResult {
  const { id: messageId, conversationId } = stored;
  msg = withinAttachmentLimit(msg);
  store.messages.completeBody(messageId, storedFields(msg));
  // Its conversation's first message read in full decides the urgency; a later one only raises it.
  readCustomerWords(store, conversationId, msg, !store.messages.othersReadInFull(conversationId, messageId));
  if (location) store.messages.addLocation(messageId, accountId, location.folder, location.uid);
  writeAttachments(store, attachmentsDir, messageId, msg.attachments);
  fileCustomer(store, accountId, conversationId, msg);
  noteLanguage(store, conversationId, msg, deferLanguages);
  store.conversations.setSubjectIfEmpty(conversationId, stripReplyPrefixes(msg.subject));
  store.conversations.refresh(conversationId);
  return { messageId, conversationId, created: true };
}

/** What a message's headers and body store: ids as threading compares them, `automated` only for mail received. */
function storedFields(msg: IncomingMessage): CompletedBody {
  return {
    inReplyTo: msg.inReplyTo && normalizeMessageId(msg.inReplyTo),
    references: msg.references.map(normalizeMessageId),
    from: msg.from,
    replyTo: msg.replyTo,
    to: msg.to,
    cc: msg.cc,
    subject: msg.subject,
    date: msg.date,
    dateOffset: msg.dateOffset ?? null,
    text: msg.text,
    fromHtml: msg.fromHtml,
    html: msg.html ?? null,
    automated: msg.direction === 'in' ? (msg.automated ?? null) : null,
  };
}

/** Past `MAX_ATTACHMENTS`, the rest stay in the raw source (or on the server) and the message says so. */
function withinAttachmentLimit(msg: IncomingMessage): IncomingMessage {
  if (msg.attachments.length <= MAX_ATTACHMENTS) return msg;
  discardStagedFiles(msg.attachments.slice(MAX_ATTACHMENTS));
  const note = `[This message has more than ${MAX_ATTACHMENTS} attachments; only the first ${MAX_ATTACHMENTS} are kept here.]`;
  return { ...msg, attachments: msg.attachments.slice(0, MAX_ATTACHMENTS), text: `${msg.text}\n\n${note}`.trimStart() };
}

/** A person's message says how soon it needs an answer (a machine's says nothing). */
function readCustomerWords(store: Store, conversationId: string, msg: IncomingMessage, first: boolean): void {
  if (msg.direction !== 'in' || msg.automated) return;
  store.conversations.raiseUrgency(conversationId, classifyUrgency(msg.text), first);
  // Writing again after the conversation was resolved opens it again (a survey score alone does not).
  if (!first) store.conversations.reopenOnCustomer(conversationId, msg.date, () => readSurveyAnswer(msg.text) !== null);
}

/** Who the conversation is with (a marketplace's buyer by the name the marketplace gives), and the marketplace. */
function fileCustomer(store: Store, accountId: string, conversationId: string, msg: IncomingMessage): void {
  const customer = customerOf(msg);
  if (customer) {
    const name = msg.marketplace?.buyerName ?? customer.name;
    store.conversations.setCustomer(conversationId, accountId, newId(), customer.address, name);
  }
  if (msg.marketplace) {
    const { buyerName: _buyer, ...info } = msg.marketplace;
    store.conversations.setMarketplace(conversationId, info);
  }
}

/**
 * What a batch noted for each conversation's language (`deferLanguages`): the latest hint, and the customer's
 * texts the batch stored there.
 */
export type PendingLanguages = Map<string, { hint: string | null; texts: Array<{ date: number; text: string }> }>;

/** The conversation's language from what the customer wrote: now, or once per batch (`deferLanguages`). */
function noteLanguage(store: Store, conversationId: string, msg: IncomingMessage, deferLanguages?: PendingLanguages): void {
  if (msg.direction !== 'in') return;
  const customer = customerOf(msg);
  const hint = msg.languageHint ?? (customer ? languageHintOf(customer.address) : null);
  if (deferLanguages) {
    const noted = deferLanguages.get(conversationId);
    if (noted) {
      noted.hint = hint ?? noted.hint;
      noted.texts.push({ date: msg.date, text: msg.text });
    } else deferLanguages.set(conversationId, { hint, texts: [{ date: msg.date, text: msg.text }] });
  } else {
    const language = conversationLanguage({ text: msg.text, previous: store.conversations.languageOf(conversationId), hint });
    if (language) store.conversations.setLanguage(conversationId, language);
  }
}

/** The other party: who wrote to us, or whom we wrote to. */
function customerOf(msg: IncomingMessage): Participant | undefined {
  if (msg.direction === 'in') return msg.replyTo[0] ?? msg.from;
  return msg.to[0];
}

/** Writes a message's attachments: their files under `dir`/<message id>, their rows in the store. */
export function writeAttachments(store: Store, dir: string, messageId: string, attachments: IncomingAttachment[]): void {
  if (attachments.length === 0) return;
  const folder = path.join(dir, messageId);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  attachments.forEach((a, i) => {
    const row = {
      id: newId(),
      messageId,
      filename: String(a.filename || 'attachment'),
      contentType: String(a.contentType || 'application/octet-stream'),
      contentId: a.contentId ? String(a.contentId) : null,
      inline: a.inline ?? false,
    };
    const file = `${i}-${safeFileName(row.filename)}`;
    if ('remote' in a) {
      store.messages.addAttachment({ ...row, size: a.remote.size, path: '', part: a.remote.part, downloaded: false });
      return;
    }
    if ('file' in a) fs.renameSync(a.file.path, path.join(folder, file));
    else fs.writeFileSync(path.join(folder, file), a.content, { mode: 0o600 });
    store.messages.addAttachment({ ...row, size: 'file' in a ? a.file.size : a.content.length, path: path.join(messageId, file) });
  });
}

/** A message already stored: the files streamed for this copy are not needed. */
function discardStagedFiles(attachments: IncomingAttachment[]): void {
  for (const a of attachments) if ('file' in a) fs.rmSync(a.file.path, { force: true });
}

const MAX_FILE_NAME = 120;

/**
 * A name that is safe on every OS's file system, whatever the sender chose: no separators, reserved or hidden
 * characters (bidi overrides included), no leading dot, no trailing dots or spaces (Windows drops them, which
 * would change the type), and when it must be shortened, its last extension is kept (so "….exe.txt" stays a
 * .txt and never becomes "….exe").
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(HIDDEN_CONTROLS, '_')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .replace(/[. ]+$/, '');
  if (cleaned.length <= MAX_FILE_NAME) return cleaned || 'attachment';
  const ext = /\.[^.]{1,16}$/.exec(cleaned)?.[0] ?? '';
  return cleaned.slice(0, MAX_FILE_NAME - ext.length) + ext;
}

/**
 * The languages of conversations that got customer messages in a batch (see `deferLanguages`), from their newest
 * messages: those the batch noted when they are all the customer's messages stored there (most conversations of a
 * first sync), else read back. A language the agent set stays (setLanguage leaves it).
 */
export function refreshConversationLanguages(store: Store, pending: PendingLanguages): void {
  for (const [conversationId, { hint, texts }] of pending) {
    const newest =
      store.messages.incomingCount(conversationId) === texts.length
        ? texts.sort((a, b) => b.date - a.date).slice(0, 3).map((t) => t.text)
        : store.messages.newestIncomingTexts(conversationId, 3);
    const language = languageOfMessages({ textsNewestFirst: newest, previous: store.conversations.languageOf(conversationId), hint });
    if (language) store.conversations.setLanguage(conversationId, language);
  }
}
