// The list's rows after some conversations changed: each changed row takes its new place by recency, rows that
// left the view go, new ones join only where the loaded part of the list reaches.
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../../shared/domain/types';
import { applyChanges, belongs, byRecency, type ListView } from './conversation-list-store';

const row = (id: string, lastMessageAt: number, over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  accountId: 'a',
  channel: 'email',
  subject: id,
  customerName: id,
  customerAddress: `${id}@example.test`,
  lastMessageAt,
  snippet: '',
  unreadCount: 0,
  messageCount: 1,
  status: 'open',
  tags: [],
  flagged: false,
  answered: false,
  mailbox: 'inbox',
  snoozedUntil: null,
  language: null,
  languageSetByAgent: false,
  marketplace: null,
  urgency: 'normal',
  urgencySetByAgent: false,
  waitingSince: null,
  replyDueAt: null,
  hasDraft: false,
  assignee: null,
  ...over,
});
const inbox: ListView = { kind: 'mailbox', mailbox: 'inbox' };
const ids = (rows: ConversationSummary[]) => rows.map((r) => r.id);

describe('the conversation list after a change', () => {
  const loaded = [row('e', 500), row('d', 400), row('c', 300)]; // more exist below c

  it('updates a row in place, and moves one with a new message to the top', () => {
    const read = applyChanges(loaded, [row('d', 400, { unreadCount: 0, flagged: true })], [], inbox, false, 1000);
    expect(ids(read)).toEqual(['e', 'd', 'c']);
    expect(read[1]!.flagged).toBe(true);
    expect(ids(applyChanges(loaded, [row('c', 900)], [], inbox, false, 1000))).toEqual(['c', 'e', 'd']);
  });

  it('adds a new conversation where it falls within the loaded rows, and leaves older ones to the next page', () => {
    expect(ids(applyChanges(loaded, [row('new', 600)], [], inbox, false, 1000))).toEqual(['new', 'e', 'd', 'c']);
    expect(ids(applyChanges(loaded, [row('old', 100)], [], inbox, false, 1000))).toEqual(['e', 'd', 'c']);
    // With everything loaded there is no next page: it joins at the end.
    expect(ids(applyChanges(loaded, [row('old', 100)], [], inbox, true, 1000))).toEqual(['e', 'd', 'c', 'old']);
  });

  it('removes conversations archived, snoozed or deleted, and keeps a snoozed one out of the inbox until it wakes', () => {
    const after = applyChanges(loaded, [row('e', 500, { mailbox: 'archive' }), row('d', 400, { snoozedUntil: 5000 })], ['c'], inbox, false, 1000);
    expect(ids(after)).toEqual([]);
    expect(belongs(inbox, row('d', 400, { snoozedUntil: 5000 }), 6000)).toBe(true);
    expect(ids(applyChanges([], [row('e', 500, { mailbox: 'archive' })], [], { kind: 'mailbox', mailbox: 'archive' }, true, 1000))).toEqual(['e']);
  });

  it('orders conversations of the same instant by id, as the core pages them', () => {
    expect([row('a', 5), row('c', 5), row('b', 9)].sort(byRecency).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });
});
