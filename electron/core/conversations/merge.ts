// Merging two conversations of one customer (they wrote twice about the same order) and splitting a message out
// of a conversation (threading put it in the wrong one). Both are this app's own organisation of the mail: no
// server is told (the messages stay where they are on it). A merge can be undone: the merged conversation comes
// back as it was, with its messages, notes, thread ids and tags.
import type { Store } from '../db/store.js';
import { CoreError } from '../errors.js';
import { newId } from '../ids.js';
import { stripReplyPrefixes, subjectKey } from './subject.js';

/** Moves everything of `fromId` into `intoId` (the conversation the agent is in); returns the merge's id. */
export function mergeConversations(store: Store, intoId: string, fromId: string, now: number): { mergeId: string } {
  return store.transaction(() => {
    if (intoId === fromId) throw new CoreError('INVALID_INPUT', 'A conversation cannot be merged into itself.');
    const into = store.conversations.get(intoId);
    const from = store.conversationMerges.row(fromId);
    if (!into || !from) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    // Replies go out through the conversation's account: one account's conversations only.
    if (from.account_id !== into.accountId) throw new CoreError('INVALID_INPUT', 'Only conversations of the same account can be merged: replies go out through one account.');
    const moved = store.conversationMerges.contents(fromId);
    const mergeId = newId();
    store.conversationMerges.record({ id: mergeId, intoId, fromId, fromRow: from, moved, at: now });
    store.conversationMerges.move(fromId, intoId, moved);
    store.conversationMerges.moveOps(fromId, intoId);
    // Still open if either was; the more urgent of the two.
    if (from.status === 'open' && into.status === 'closed') store.conversations.setStatus(intoId, 'open');
    const rank = { low: 0, normal: 1, urgent: 2 } as const;
    if (!into.urgencySetByAgent && rank[from.urgency as keyof typeof rank] > rank[into.urgency]) store.conversations.raiseUrgency(intoId, from.urgency as 'urgent' | 'normal', false);
    store.conversations.remove(fromId);
    store.conversations.refresh(intoId);
    return { mergeId };
  });
}

/** Undoes a merge: the merged conversation back as it was, with what moved (and is still there). */
export function unmergeConversations(store: Store, mergeId: string): { intoId: string; fromId: string } {
  return store.transaction(() => {
    const m = store.conversationMerges.get(mergeId);
    if (!m || m.undone) throw new CoreError('NOT_FOUND', 'That merge is no longer there to undo.');
    if (!store.conversations.get(m.intoId)) throw new CoreError('NOT_FOUND', 'The conversation it was merged into is gone.');
    if (store.conversationMerges.row(m.fromId)) throw new CoreError('INVALID_INPUT', 'That conversation is already back.');
    store.conversationMerges.restoreRow(m.fromRow);
    store.conversationMerges.move(m.intoId, m.fromId, { messages: m.moved.messages, notes: m.moved.notes, threadIds: m.moved.threadIds, tags: m.moved.tags });
    store.conversationMerges.markUndone(mergeId);
    store.conversations.refresh(m.intoId);
    store.conversations.refresh(m.fromId);
    return { intoId: m.intoId, fromId: m.fromId };
  });
}

/** Moves one message into a new conversation of its own (same account and customer); returns its id. */
export function splitMessage(store: Store, messageId: string, now: number): { conversationId: string } {
  return store.transaction(() => {
    const message = store.messages.get(messageId);
    if (!message) throw new CoreError('NOT_FOUND', 'Message not found.');
    const source = store.conversationMerges.row(message.conversationId);
    if (!source) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    if (store.conversationMerges.contents(message.conversationId).messages.length < 2) {
      throw new CoreError('INVALID_INPUT', 'This is the only message of its conversation.');
    }
    const id = newId();
    const subject = stripReplyPrefixes(message.subject);
    store.conversationMerges.restoreRow({
      id,
      account_id: source.account_id,
      contact_id: source.contact_id,
      subject,
      subject_key: subjectKey(message.subject),
      mailbox: source.mailbox,
      language: source.language,
      marketplace_json: source.marketplace_json,
      created_at: now,
    });
    store.conversationMerges.move(message.conversationId, id, { messages: [messageId], threadIds: message.messageIdHeader ? [message.messageIdHeader] : [] });
    store.conversations.refresh(message.conversationId);
    store.conversations.refresh(id);
    return { conversationId: id };
  });
}
