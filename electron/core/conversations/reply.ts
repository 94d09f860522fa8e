// Writes an agent's reply: the outgoing message row and its send op, in one transaction, so the reply shows
// in the thread at once and is sent exactly once whenever the network allows.
import { CoreError } from '../errors.js';
import type { Store } from '../db/store.js';
import type { AccountRow } from '../db/queries/accounts.js';
import type { AutoKind } from '../db/queries/messages.js';
import { newId } from '../ids.js';
import { withSignature } from '../../../shared/domain/signature.js';
import type { Participant } from '../../../shared/domain/types.js';
import { normalizeMessageId } from './threading.js';
import { writeAttachments } from './ingest.js';
import { subjectKey } from './subject.js';
import { SEND_MESSAGE_OP, TRANSLATE_MESSAGE_OP } from '../outbox/op-kinds.js';


const REPLY_PREFIX = /^\s*(re|aw|sv|vs|antw|r)\s*:/i;

export function replySubject(subject: string): string {
  const s = subject.trim();
  return REPLY_PREFIX.test(s) ? s : `Re: ${s}`;
}

/** Message-IDs are fixed when the reply is written; every send attempt reuses this one. */
export function newMessageIdHeader(accountAddress: string): string {
  const domain = accountAddress.includes('@') ? accountAddress.split('@').pop()! : 'localhost';
  return `${newId()}@${domain.toLowerCase()}`;
}

export interface ReplyOptions {
  /** The text is in the agent's language (`from`): translate it into the customer's before it is sent. */
  translate?: { from: string };
  /** The app sends it by itself (an auto-reply): marked so, and the conversation stays unread and unanswered. */
  autoKind?: AutoKind;
  /** Held this long before it may go (undo send): the agent can still take it back. */
  holdMs?: number;
  /** E-mail: also to everyone else the customer's message went to (not this account). */
  replyAll?: boolean;
  /** E-mail: copies, and blind copies. */
  cc?: Participant[];
  bcc?: Participant[];
  /** E-mail: files sent with the reply, written under `dir` (the attachments folder). */
  attachments?: { dir: string; files: Array<{ filename: string; contentType: string; content: Buffer }> };
  /** The text already carries the account's signature where it belongs (a forward: under the note). */
  signed?: boolean;
}

export function queueReply(
  store: Store,
  account: AccountRow,
  conversationId: string,
  text: string,
  now: number,
  { translate, autoKind, holdMs = 0, replyAll = false, cc = [], bcc = [], attachments, signed = false }: ReplyOptions = {},
): { messageId: string; outboxId: string } {
  return store.transaction(() => {
    const convo = store.conversations.get(conversationId);
    if (!convo || convo.accountId !== account.id) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    if (convo.marketplace?.replyBy === 'marketplace') {
      // An e-mail to a notification address never reaches the buyer; say where the answer must go.
      throw new CoreError('REPLY_ON_MARKETPLACE', `Replies to ${convo.marketplace.name} messages only reach the buyer on ${convo.marketplace.name}: ${convo.marketplace.replyUrl ?? ''}`.trim());
    }
    if (convo.marketplace?.blocked) {
      throw new CoreError('SEND_REJECTED', `${convo.marketplace.name} does not deliver messages in this conversation now: ${convo.marketplace.blocked.reason}.`);
    }
    // What the agent wrote is now the reply: no draft of it stays behind.
    if (!autoKind) store.drafts.remove(conversationId);
    const thread = store.messages.listForConversation(conversationId);
    const lastIncoming = [...thread].reverse().find((m) => m.direction === 'in');
    const parent = thread.length > 0 ? store.messages.get(thread[thread.length - 1]!.id) : undefined;
    const parentIn = lastIncoming ? store.messages.get(lastIncoming.id) : undefined;

    const to: Participant[] = parentIn
      ? parentIn.replyTo.length > 0
        ? parentIn.replyTo
        : [parentIn.from]
      : convo.customerAddress
        ? [{ name: convo.customerName, address: convo.customerAddress }]
        : [];
    if (to.length === 0) throw new CoreError('INVALID_INPUT', 'This conversation has no one to reply to.');

    // Copies: by e-mail only. Reply all adds the customer message's other recipients (never this account, nor
    // anyone already a recipient).
    if ((replyAll || cc.length > 0 || bcc.length > 0) && account.channel !== 'email' && account.channel !== 'demo') {
      throw new CoreError('INVALID_INPUT', 'Copies (cc, bcc, reply all) go by e-mail only.');
    }
    if (attachments && attachments.files.length > 0 && account.channel !== 'email' && account.channel !== 'demo') {
      throw new CoreError('INVALID_INPUT', 'Files go with e-mail replies only.');
    }
    const own = new Set([account.address.toLowerCase()]);
    const copies: Participant[] = [];
    const seen = new Set([...own, ...to.map((p) => p.address.toLowerCase())]);
    const add = (list: Participant[], p: Participant) => {
      const key = p.address.toLowerCase();
      if (!key || seen.has(key)) return;
      seen.add(key);
      list.push(p);
    };
    if (replyAll && parentIn) for (const p of [...parentIn.to, ...parentIn.cc]) add(copies, p);
    for (const p of cc) add(copies, p);
    const blind: Participant[] = [];
    for (const p of bcc) add(blind, p);

    const references = parent
      ? [...parent.references, ...(parent.messageIdHeader ? [parent.messageIdHeader] : [])].slice(-20)
      : [];
    // The account's signature under what a person writes (the app's automatic messages carry their own words).
    const sent = autoKind || signed ? text : withSignature(text, store.appSettings.get().signatures[account.id]);
    const header = normalizeMessageId(newMessageIdHeader(account.address));
    const messageId = newId();
    store.messages.insert({
      id: messageId,
      conversationId,
      accountId: account.id,
      direction: 'out',
      messageIdHeader: header,
      inReplyTo: parent?.messageIdHeader ?? null,
      references,
      from: { name: account.name, address: account.address },
      replyTo: [],
      to,
      cc: copies,
      bcc: blind,
      // The first message of a conversation the agent starts keeps its subject as written.
      subject: thread.length === 0 ? convo.subject : replySubject(convo.subject),
      date: now,
      text: sent,
      fromHtml: false,
      isRead: true,
      sendState: 'queued',
      createdAt: now,
      autoKind: autoKind ?? null,
    });
    if (attachments) writeAttachments(store, attachments.dir, messageId, attachments.files.map((f) => ({ ...f, contentId: null })));
    for (const ref of [header, ...references]) store.threadIds.add(account.id, ref, conversationId);
    // Replying means the agent has read the thread (an auto-reply does not), and settles its urgency (which the
    // op keeps, for an undo to put back).
    const settled = !autoKind && !convo.urgencySetByAgent && convo.urgency !== 'normal' ? convo.urgency : undefined;
    if (!autoKind) {
      store.conversations.markRead(conversationId, true);
      store.conversations.answered(conversationId);
    }
    store.conversations.refresh(conversationId);

    const outboxId = newId();
    if (translate) {
      // Waits in the outbox as "waiting for translation"; its send is queued once it is translated.
      if (!convo.language) throw new CoreError('INVALID_INPUT', "The customer's language is not known yet: set it on the conversation, or reply without translation.");
      store.messages.setOriginal(messageId, text, translate.from);
      store.outbox.enqueue({ id: outboxId, kind: TRANSLATE_MESSAGE_OP, accountId: account.id, conversationId, payload: { messageId, ...(settled ? { settled } : {}) } }, now, now + holdMs);
      return { messageId, outboxId };
    }
    store.outbox.enqueue(
      { id: outboxId, kind: SEND_MESSAGE_OP, accountId: account.id, conversationId, payload: { messageId, ...(settled ? { settled } : {}) } },
      now,
      now + holdMs,
    );
    return { messageId, outboxId };
  });
}

/**
 * A new e-mail to a customer, not an answer to one: a conversation of its own (with the customer as its
 * contact, so their answer threads into it), its first message queued as a reply is.
 */
export function startConversation(
  store: Store,
  account: AccountRow,
  message: { to: Participant; subject: string; text: string },
  now: number,
  options: Omit<ReplyOptions, 'translate' | 'autoKind' | 'replyAll'> = {},
): { conversationId: string; messageId: string; outboxId: string } {
  if (account.channel !== 'email' && account.channel !== 'demo') throw new CoreError('INVALID_INPUT', 'New messages go by e-mail only.');
  return store.transaction(() => {
    const conversationId = newId();
    const subject = message.subject.trim();
    store.conversations.create(conversationId, account.id, subject, subjectKey(subject), now);
    store.conversations.setCustomer(conversationId, account.id, newId(), message.to.address, message.to.name);
    const queued = queueReply(store, account, conversationId, message.text, now, options);
    return { conversationId, ...queued };
  });
}
