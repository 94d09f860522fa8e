// What a provider says about state the agent also changes here (read, starred, answered, tags, where a
// conversation is filed), applied by one rule for every channel: a local change still waiting in the outbox
// wins over the provider's state, which only reflects it once the change is carried out. Must run inside a
// transaction.
import type { Mailbox } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import { followServerTags } from './actions.js';

export interface ServerFlags {
  read?: boolean;
  starred?: boolean;
  answered?: boolean;
  /** The tags the provider's copy carries (e-mail: our IMAP keywords). */
  tags?: string[];
}

/** Applies one message's provider-side flags; returns whether anything the agent sees changed. */
export function applyServerFlags(store: Store, messageId: string, flags: ServerFlags): boolean {
  const message = store.messages.get(messageId);
  const now = store.messages.state(messageId);
  if (!message || !now) return false;
  let differs = false;
  if (flags.read !== undefined && message.direction === 'in' && now.isRead !== flags.read && !store.outbox.hasPendingFlag(messageId, 'seen')) {
    store.messages.setRead(messageId, flags.read);
    differs = true;
  }
  if (flags.starred !== undefined && now.isFlagged !== flags.starred && !store.outbox.hasPendingFlag(messageId, 'flagged')) {
    store.messages.setFlagged(messageId, flags.starred);
    differs = true;
  }
  if (flags.answered !== undefined && message.direction === 'in' && store.messages.setAnswered(messageId, flags.answered)) differs = true;
  if (flags.tags) store.messages.setServerTags(messageId, flags.tags);
  return differs;
}

/** A conversation's tags from its messages' provider-side tags (see followServerTags). */
export const applyServerTags = followServerTags;

/** Files a conversation where the provider has it, unless a move made here is still on its way. */
export function applyServerMailbox(store: Store, conversationId: string, filed: Mailbox): boolean {
  const mailbox = store.conversations.mailboxOf(conversationId);
  if (!mailbox || mailbox === filed || store.outbox.hasPendingMove(conversationId)) return false;
  store.conversations.setMailbox(conversationId, filed);
  return true;
}
