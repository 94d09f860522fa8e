// The agent's state actions on a conversation (read, star, tags, status). Each applies its local effect and
// records the server-side ops in one transaction; ops carry the absolute target state, so only the newest op
// per (message, flag) is kept and replaying one twice changes nothing.
import { CAPABILITIES } from '../channels/capabilities.js';
import type { ConversationStatus, Mailbox } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import { queueSurvey } from '../autoreply/csat.js';
import { CoreError } from '../errors.js';
import { newId } from '../ids.js';
import { MOVE_CONVERSATION_OP, SET_CONVERSATION_READ_OP, SET_FLAG_OP } from '../outbox/op-kinds.js';
import type { ChannelCapabilities } from '../channels/capabilities.js';

/** A channel-neutral flag; each channel maps it (email: \Seen, \Flagged, an IMAP keyword per tag). */
export type MessageFlag = { flag: 'seen' } | { flag: 'flagged' } | { flag: 'answered' } | { flag: 'tag'; tag: string };

export interface SetFlagPayload {
  key: string;
  messageId: string;
  flag: MessageFlag['flag'];
  tag?: string;
  on: boolean;
  [field: string]: unknown;
}

/** What the account's channel keeps on the provider too (nothing for an account that no longer exists). */
function capabilitiesOf(store: Store, accountId: string): ChannelCapabilities | null {
  const channel = store.accounts.get(accountId)?.channel;
  return channel === undefined ? null : CAPABILITIES[channel];
}

function enqueueFlag(store: Store, accountId: string, conversationId: string, messageId: string, f: MessageFlag, on: boolean, now: number): void {
  const can = capabilitiesOf(store, accountId);
  if (!can || (f.flag === 'seen' ? can.readState !== 'message' : !can.flagsAndTags)) return;
  const tag = f.flag === 'tag' ? f.tag : undefined;
  const payload: SetFlagPayload = { key: `${messageId}:${f.flag}:${tag ?? ''}`, messageId, flag: f.flag, on, ...(tag ? { tag } : {}) };
  store.outbox.enqueueLatest({ id: newId(), kind: SET_FLAG_OP, accountId, conversationId, payload }, now);
}

function accountOf(store: Store, conversationId: string): string {
  const c = store.conversations.get(conversationId);
  if (!c) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  return c.accountId;
}

export function markRead(store: Store, conversationId: string, read: boolean, now: number): number {
  return store.transaction(() => {
    const accountId = accountOf(store, conversationId);
    const ids = store.messages.idsToMark(conversationId, read);
    for (const id of ids) {
      store.messages.setRead(id, read);
      enqueueFlag(store, accountId, conversationId, id, { flag: 'seen' }, read, now);
    }
    if (ids.length > 0 && capabilitiesOf(store, accountId)?.readState === 'conversation') {
      store.outbox.enqueueLatest({ id: newId(), kind: SET_CONVERSATION_READ_OP, accountId, conversationId, payload: { key: conversationId, read } }, now);
    }
    return ids.length;
  });
}

export function setFlagged(store: Store, conversationId: string, flagged: boolean, now: number): number {
  return store.transaction(() => {
    const accountId = accountOf(store, conversationId);
    const ids = store.messages.setConversationFlagged(conversationId, flagged);
    for (const id of ids) enqueueFlag(store, accountId, conversationId, id, { flag: 'flagged' }, flagged, now);
    return ids.length;
  });
}

export function setTags(store: Store, conversationId: string, wanted: string[], now: number): string[] {
  return store.transaction(() => {
    const accountId = accountOf(store, conversationId);
    const before = new Set(store.conversations.tags(conversationId));
    const after = store.conversations.setTags(conversationId, [...new Set(wanted.map((t) => t.trim()))]);
    const added = after.filter((t) => !before.has(t));
    const removed = [...before].filter((t) => !after.includes(t));
    for (const id of store.messages.idsIn(conversationId)) {
      for (const tag of added) enqueueFlag(store, accountId, conversationId, id, { flag: 'tag', tag }, true, now);
      for (const tag of removed) enqueueFlag(store, accountId, conversationId, id, { flag: 'tag', tag }, false, now);
      // What the server copies will carry once the ops are replayed.
      if (added.length > 0 || removed.length > 0) store.messages.setServerTags(id, after);
    }
    return after;
  });
}

/**
 * Tags set or removed elsewhere (another agent, another mail client) arrive as keywords on the server copies:
 * the conversation takes the union of its messages' server tags, unless a tag change made here is still
 * waiting to reach the server. Returns whether the conversation's tags changed.
 */
export function followServerTags(store: Store, conversationId: string): boolean {
  if (store.outbox.hasPendingTags(conversationId)) return false;
  const known = store.messages.serverTagsIn(conversationId);
  if (known.length === 0) return false;
  const union = [...new Set(known.flat())].sort();
  const current = store.conversations.tags(conversationId);
  if (union.length === current.length && union.every((t, i) => t === current[i])) return false;
  store.conversations.setTags(conversationId, union);
  return true;
}

/** Open/closed is the team's own workflow state: email has no server-side equivalent, so it stays local. */
/** Returns whether closing it queued the satisfaction survey. */
export function setStatus(store: Store, conversationId: string, status: ConversationStatus, now: number): boolean {
  return store.transaction(() => {
    accountOf(store, conversationId);
    const before = store.conversations.get(conversationId)?.status;
    store.conversations.setStatus(conversationId, status, now);
    return status === 'closed' && before !== 'closed' && 'sent' in queueSurvey(store, conversationId, now);
  });
}

/** Archive, trash or back to the inbox: filed locally at once; the server's copies move when replayed. */
export type MoveTarget = { to: Mailbox } | { folder: string };

/** A conversation filed into a folder of the agent's leaves the inbox, as archiving does. */
export function mailboxAfterMove(target: MoveTarget): Mailbox {
  return 'to' in target ? target.to : 'archive';
}

export function moveConversation(store: Store, conversationId: string, target: MoveTarget, now: number): Mailbox {
  return store.transaction(() => {
    const accountId = accountOf(store, conversationId);
    const mailbox = mailboxAfterMove(target);
    store.conversations.setMailbox(conversationId, mailbox);
    if (!capabilitiesOf(store, accountId)?.filing) return mailbox;
    store.outbox.enqueueLatest(
      { id: newId(), kind: MOVE_CONVERSATION_OP, accountId, conversationId, payload: { key: conversationId, ...target } },
      now,
    );
    return mailbox;
  });
}

/** Snoozing is the team's own reminder: it stays local (email has no server-side snooze). */
export function snooze(store: Store, conversationId: string, until: number | null): void {
  store.transaction(() => {
    accountOf(store, conversationId);
    store.conversations.setSnooze(conversationId, until);
  });
}

/** Internal notes stay in this app; they are never sent to the customer. */
export function addNote(store: Store, conversationId: string, text: string, now: number): string {
  return store.transaction(() => {
    accountOf(store, conversationId);
    const id = newId();
    store.notes.add({ id, conversationId, text, createdAt: now });
    store.drafts.remove(conversationId);
    return id;
  });
}
