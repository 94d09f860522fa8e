// The conversation list the agent scrolls: one view (a mailbox, or one account folder) loaded a page at a time
// with a keyset cursor (the last row's time and id), so every conversation can be reached however many there are,
// and each page costs the same. A change to some conversations refreshes those rows only — updated in place,
// moved to their new place, added or removed — instead of reloading everything loaded.
import { useCallback, useRef, useState } from 'react';
import type { ApiError, ConversationSummary, Mailbox } from '../../../../shared/domain/types';
import type { InboxApi } from '../../../../shared/ipc/contract';

export const PAGE = 200;
/** Above this many changed conversations at once, the loaded rows are simply loaded again. */
const MAX_CHANGED = 200;

export type ListView = { kind: 'mailbox'; mailbox: Mailbox } | { kind: 'folder'; accountId: string; path: string };

/** The list's order: newest last message first, then by id (the same as the core's query). */
export const byRecency = (a: ConversationSummary, b: ConversationSummary): number =>
  b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Whether a conversation belongs in a mailbox view now; null where the row cannot tell (a folder view: which
 * server folders hold a conversation's mail is not on its row).
 */
export function belongs(view: ListView, s: ConversationSummary, now: number): boolean | null {
  if (view.kind === 'folder') return null;
  return s.lastMessageAt > 0 && s.mailbox === view.mailbox && (view.mailbox !== 'inbox' || s.snoozedUntil === null || s.snoozedUntil <= now);
}

/**
 * The loaded rows after some conversations changed (`fresh`: their rows now; `gone`: deleted). A conversation
 * that belongs in the view takes its place by recency — if that place is within what is loaded (or everything
 * is loaded); otherwise the next page brings it. One that no longer belongs leaves.
 */
export function applyChanges(rows: ConversationSummary[], fresh: ConversationSummary[], gone: string[], view: ListView, complete: boolean, now: number): ConversationSummary[] {
  const changed = new Map(fresh.map((s) => [s.id, s]));
  const drop = new Set(gone);
  const last = rows.at(-1);
  const out: ConversationSummary[] = [];
  for (const r of rows) {
    if (drop.has(r.id)) continue;
    const s = changed.get(r.id);
    if (!s) out.push(r);
    else if (belongs(view, s, now) !== false) out.push(s); // a folder view keeps the rows it has, refreshed
  }
  const present = new Set(rows.map((r) => r.id));
  for (const s of fresh) {
    if (present.has(s.id) || belongs(view, s, now) !== true) continue;
    if (complete || !last || byRecency(s, last) <= 0) out.push(s);
  }
  return out.sort(byRecency);
}

export interface ConversationListState {
  rows: ConversationSummary[];
  /** More conversations exist past the loaded ones. */
  hasMore: boolean;
  /** Loads the view's first page (a new view, or everything changed). */
  reload(view?: ListView): Promise<void>;
  /** The next page, after the last loaded row. */
  loadMore(): Promise<void>;
  /** conversations.changed: ids of the conversations that changed ([]: anything may have). */
  changed(ids: string[]): Promise<void>;
  view: ListView;
}

export function useConversationList(api: InboxApi, onError: (e: ApiError) => void, now: () => number = Date.now): ConversationListState {
  const [rows, setRows] = useState<ConversationSummary[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [view, setView] = useState<ListView>({ kind: 'mailbox', mailbox: 'inbox' });
  const state = useRef({ rows: [] as ConversationSummary[], hasMore: false, view: { kind: 'mailbox', mailbox: 'inbox' } as ListView, loading: false, generation: 0 });

  const publish = useCallback((next: ConversationSummary[], more: boolean) => {
    state.current.rows = next;
    state.current.hasMore = more;
    setRows(next);
    setHasMore(more);
  }, []);

  const page = useCallback(
    (v: ListView, limit: number, after?: ConversationSummary) =>
      api.invoke('conversations.list', {
        ...(v.kind === 'folder' ? { accountId: v.accountId, folder: v.path } : { mailbox: v.mailbox }),
        limit,
        ...(after ? { before: after.lastMessageAt, beforeId: after.id } : {}),
      }),
    [api],
  );

  const reload = useCallback(
    async (next?: ListView) => {
      const s = state.current;
      if (next) {
        s.view = next;
        setView(next);
        publish([], false);
      }
      const generation = ++s.generation;
      // Everything loaded so far is loaded again (at least a page), so the agent's place in the list holds.
      const limit = Math.min(5000, Math.max(PAGE, next ? 0 : s.rows.length));
      const r = await page(s.view, limit);
      if (generation !== s.generation) return; // another view or reload started meanwhile
      if (!r.ok) return onError(r.error);
      publish(r.value, r.value.length === limit);
    },
    [page, publish, onError],
  );

  const loadMore = useCallback(async () => {
    const s = state.current;
    if (!s.hasMore || s.loading) return;
    s.loading = true;
    const generation = s.generation;
    try {
      const r = await page(s.view, PAGE, s.rows.at(-1));
      if (generation !== s.generation) return;
      if (!r.ok) return onError(r.error);
      const known = new Set(s.rows.map((x) => x.id));
      publish([...s.rows, ...r.value.filter((x) => !known.has(x.id))], r.value.length === PAGE);
    } finally {
      s.loading = false;
    }
  }, [page, publish, onError]);

  const changed = useCallback(
    async (ids: string[]) => {
      const s = state.current;
      // A folder view cannot tell from a row whether it still has mail in the folder: it loads again.
      if (ids.length === 0 || ids.length > MAX_CHANGED || s.view.kind === 'folder') return reload();
      const generation = s.generation;
      const r = await api.invoke('conversations.summaries', { ids });
      if (generation !== s.generation) return;
      if (!r.ok) return onError(r.error);
      const found = new Set(r.value.map((x) => x.id));
      publish(applyChanges(s.rows, r.value, ids.filter((id) => !found.has(id)), s.view, !s.hasMore, now()), s.hasMore);
    },
    [api, reload, publish, onError, now],
  );

  return { rows, hasMore, reload, loadMore, changed, view };
}
