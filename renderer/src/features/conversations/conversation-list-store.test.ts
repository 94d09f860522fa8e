// The list's rows after some conversations changed: each changed row takes its new place by recency, rows that
// left the view go, new ones join only where the loaded part of the list reaches. And the store that pages the list
// over the contract.
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../../shared/domain/types';
import { deferred, FakeInboxApi, summary as row } from '../../app/fake-inbox-api';
import { applyChanges, belongs, byRecency, ConversationListStore, PAGE, type ListView } from './conversation-list-store';

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

describe('the conversation list store over the contract', () => {
  /** A core holding `total` inbox conversations, newest first, paged by the keyset cursor as the core pages them. */
  function core(total: number) {
    const all = Array.from({ length: total }, (_, i) => row(`c${String(total - i).padStart(4, '0')}`, 10_000 - i));
    const api = new FakeInboxApi().handle('conversations.list', (input) => {
      const after = input.before === undefined ? all : all.filter((r) => r.lastMessageAt < input.before! || (r.lastMessageAt === input.before && r.id < input.beforeId!));
      return { ok: true, value: after.slice(0, input.limit ?? 50) };
    });
    return { api, all };
  }

  it('pages through every conversation with the cursor, each page asking only for what follows the last row', async () => {
    const { api, all } = core(450);
    const list = new ConversationListStore(api, () => undefined);
    await list.reload();
    expect(list.get().rows).toHaveLength(PAGE);
    expect(list.get().hasMore).toBe(true);
    await list.loadMore();
    await list.loadMore();
    expect(ids(list.get().rows)).toEqual(ids(all));
    expect(list.get().hasMore).toBe(false);
    const pages = api.callsOf('conversations.list') as Array<{ before?: number; beforeId?: string; limit: number }>;
    expect(pages.map((p) => p.beforeId ?? null)).toEqual([null, all[PAGE - 1]!.id, all[2 * PAGE - 1]!.id]);
    await list.loadMore(); // nothing more: no call
    expect(api.callsOf('conversations.list')).toHaveLength(3);
  });

  it('applies a change to the rows it touched, asking the core for those rows only', async () => {
    const { api, all } = core(3);
    api.handle('conversations.summaries', (input) => ({ ok: true, value: input.ids.filter((id) => id !== 'c0001').map((id) => ({ ...all.find((r) => r.id === id)!, flagged: true })) }));
    const list = new ConversationListStore(api, () => undefined);
    await list.reload();
    await list.changed(['c0002', 'c0001']); // c0001 was deleted
    expect(ids(list.get().rows)).toEqual(['c0003', 'c0002']);
    expect(list.get().rows[1]!.flagged).toBe(true);
    expect(api.callsOf('conversations.list')).toHaveLength(1);
  });

  it('drops a late answer for a view the agent has already left', async () => {
    const { api } = core(3);
    const slow = deferred<void>();
    const archived = [row('arch', 5, { mailbox: 'archive' })];
    api.handle('conversations.list', async (input) => {
      if (input.mailbox === 'inbox') await slow.promise;
      return { ok: true, value: input.mailbox === 'inbox' ? [row('late', 9)] : archived };
    });
    const list = new ConversationListStore(api, () => undefined);
    const first = list.reload();
    await list.reload({ kind: 'mailbox', mailbox: 'archive' });
    slow.resolve();
    await first;
    expect(ids(list.get().rows)).toEqual(['arch']);
  });

  it('reports a failed page through its error callback and keeps the rows it had', async () => {
    const { api } = core(3);
    const errors: string[] = [];
    const list = new ConversationListStore(api, (e) => errors.push(e.code));
    await list.reload();
    api.handle('conversations.list', () => ({ ok: false, error: { code: 'INTERNAL', message: 'disk I/O error' } }));
    await list.reload();
    expect(errors).toEqual(['INTERNAL']);
    expect(list.get().rows).toHaveLength(3);
  });
});
