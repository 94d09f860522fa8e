// Who handles a conversation: assigned to the agent using this app (their name from the settings, else this
// computer's user name) or to nobody. The Mine and Unassigned views read it; the name is what a team's shared
// assignments would carry.
import os from 'node:os';
import type { Store } from '../db/store.js';
import { CoreError } from '../errors.js';

/** The name this app's agent goes by. */
export function agentName(store: Store): string {
  const set = store.appSettings.get().agentName;
  if (set) return set;
  try {
    return os.userInfo().username || 'me';
  } catch {
    return 'me';
  }
}

/** Assigns the conversation to this agent (`mine`) or to nobody; returns the assignee. */
export function assign(store: Store, conversationId: string, mine: boolean): { assignee: string | null } {
  if (!store.conversations.mailboxOf(conversationId)) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  const assignee = mine ? agentName(store) : null;
  store.conversations.assign(conversationId, assignee);
  return { assignee };
}
