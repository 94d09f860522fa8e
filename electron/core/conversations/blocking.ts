// Blocking a sender: everything they wrote to this account, and everything they write next, is filed as spam —
// on the mail server too (the conversation's messages move to its spam folder through the outbox) — until the
// agent unblocks them, which brings their conversations back to the inbox.
import type { Store } from '../db/store.js';
import { CoreError } from '../errors.js';
import { moveConversation } from './actions.js';

export interface BlockResult {
  address: string;
  /** Conversations filed anew (into spam when blocking, back into the inbox when unblocking). */
  moved: string[];
}

function correspondentOf(store: Store, conversationId: string): { accountId: string; address: string } {
  const c = store.conversations.get(conversationId);
  if (!c) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  if (!c.customerAddress) throw new CoreError('INVALID_INPUT', 'This conversation has no sender to block.');
  const account = store.accounts.get(c.accountId);
  if (account && account.address.toLowerCase() === c.customerAddress.toLowerCase()) throw new CoreError('INVALID_INPUT', 'You cannot block your own address.');
  return { accountId: c.accountId, address: c.customerAddress };
}

export function blockSender(store: Store, conversationId: string, now: number): BlockResult {
  return store.transaction(() => {
    const { accountId, address } = correspondentOf(store, conversationId);
    store.blockedSenders.block(accountId, address, now);
    const moved: string[] = [];
    for (const c of store.conversations.ofCorrespondent(accountId, address)) {
      if (c.mailbox === 'spam' || c.mailbox === 'trash') continue;
      moveConversation(store, c.id, { to: 'spam' }, now);
      moved.push(c.id);
    }
    return { address, moved };
  });
}

export function unblockSender(store: Store, conversationId: string, now: number): BlockResult {
  return store.transaction(() => {
    const { accountId, address } = correspondentOf(store, conversationId);
    store.blockedSenders.unblock(accountId, address);
    const moved: string[] = [];
    for (const c of store.conversations.ofCorrespondent(accountId, address)) {
      if (c.mailbox !== 'spam') continue;
      moveConversation(store, c.id, { to: 'inbox' }, now);
      moved.push(c.id);
    }
    return { address, moved };
  });
}
