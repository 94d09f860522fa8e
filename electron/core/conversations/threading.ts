// Groups messages into conversations by Message-ID, In-Reply-To and References. Every id a conversation
// contains or mentions is indexed, so a reply that arrives before its parent still lands in the right thread,
// and a message that links two threads merges them (into the older one).
import type { Store } from '../db/store.js';
import { newId } from '../ids.js';
import { stripReplyPrefixes, subjectKey } from './subject.js';

/** How long a subject keeps a conversation open to messages without references. */
export const SUBJECT_WINDOW_MS = 60 * 24 * 3_600_000;

/** The ids that tie a message to its thread: its own Message-ID first, then what it refers to. */
export function threadKeys(messageIdHeader: string | null, inReplyTo: string | null, references: string[]): string[] {
  const keys = [messageIdHeader, inReplyTo, ...references].filter((k): k is string => !!k && k.length > 2);
  return [...new Set(keys.map(normalizeMessageId))];
}

/** `<Abc@Host>` and `abc@host ` name the same message: compare ids without brackets, spaces or host case. */
export function normalizeMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').trim();
  const at = bare.lastIndexOf('@');
  return at < 0 ? bare : bare.slice(0, at) + '@' + bare.slice(at + 1).toLowerCase();
}

/**
 * Finds (or creates) the conversation for a message with these thread keys and records the keys; says whether
 * it was created. Must run inside the caller's transaction.
 */
export function assignConversation(
  store: Store,
  accountId: string,
  keys: string[],
  subject: string,
  now: number,
  correspondent?: { address: string; date: number },
): { conversationId: string; created: boolean } {
  const found = [
    ...new Set(keys.map((k) => store.threadIds.conversationOf(accountId, k)).filter((c): c is string => !!c)),
  ];
  const key = subjectKey(subject);
  if (found.length === 0 && correspondent && key) {
    const match = store.conversations.findBySubject(accountId, key, correspondent.address, correspondent.date - SUBJECT_WINDOW_MS);
    if (match) found.push(match);
  }
  let conversationId: string;
  if (found.length === 0) {
    conversationId = newId();
    store.conversations.create(conversationId, accountId, stripReplyPrefixes(subject), key, now);
  } else {
    // Conversation ids are time-ordered: the smallest is the oldest thread, which absorbs the rest.
    found.sort();
    conversationId = found[0]!;
    for (const other of found.slice(1)) {
      store.messages.moveAll(other, conversationId);
      store.threadIds.repoint(other, conversationId);
      store.conversations.remove(other);
    }
  }
  for (const k of keys) store.threadIds.add(accountId, k, conversationId);
  return { conversationId, created: found.length === 0 };
}
