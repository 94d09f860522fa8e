// The conversation list the agent scrolls: one view (a mailbox, or one account folder) loaded a page at a time
// with a keyset cursor (the last row's time and id), so every conversation can be reached however many there are,
// and each page costs the same. A change to some conversations refreshes those rows only — updated in place,
// moved to their new place, added or removed — instead of reloading everything loaded.
import type { ApiError, ConversationSummary, Mailbox } from '../../../../shared/domain/types';
import type { InboxApi } from '../../../../shared/ipc/contract';
import { Store } from '../../app/store';

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
  view: ListView;
}

export class ConversationListStore extends Store<ConversationListState> {
  #loading = false;
  /** Bumped by every new view or reload: an answer to an older one is dropped. */
  #generation = 0;

  constructor(
    private readonly api: InboxApi,
    private readonly onError: (e: ApiError) => void,
    private readonly now: () => number = Date.now,
  ) {
    super({ rows: [], hasMore: false, view: { kind: 'mailbox', mailbox: 'inbox' } });
  }

  #page(v: ListView, limit: number, after?: ConversationSummary) {
    return this.api.invoke('conversations.list', {
      ...(v.kind === 'folder' ? { accountId: v.accountId, folder: v.path } : { mailbox: v.mailbox }),
      limit,
      ...(after ? { before: after.lastMessageAt, beforeId: after.id } : {}),
    });
  }

  /** Loads the view's first page (a new view), or everything loaded so far again (the same view, at least a page). */
  async reload(next?: ListView): Promise<void> {
    if (next) this.set({ rows: [], hasMore: false, view: next });
    const generation = ++this.#generation;
    // Everything loaded so far is loaded again, so the agent's place in the list holds.
    const limit = Math.min(5000, Math.max(PAGE, next ? 0 : this.get().rows.length));
    const r = await this.#page(this.get().view, limit);
    if (generation !== this.#generation) return; // another view or reload started meanwhile
    if (!r.ok) return this.onError(r.error);
    this.patch({ rows: r.value, hasMore: r.value.length === limit });
  }

  /** The next page, after the last loaded row. */
  async loadMore(): Promise<void> {
    const { hasMore, rows, view } = this.get();
    if (!hasMore || this.#loading) return;
    this.#loading = true;
    const generation = this.#generation;
    try {
      const r = await this.#page(view, PAGE, rows.at(-1));
      if (generation !== this.#generation) return;
      if (!r.ok) return this.onError(r.error);
      const current = this.get().rows;
      const known = new Set(current.map((x) => x.id));
      this.patch({ rows: [...current, ...r.value.filter((x) => !known.has(x.id))], hasMore: r.value.length === PAGE });
    } finally {
      this.#loading = false;
    }
  }

  /** conversations.changed: ids of the conversations that changed ([]: anything may have). */
  async changed(ids: string[]): Promise<void> {
    // A folder view cannot tell from a row whether it still has mail in the folder: it loads again.
    if (ids.length === 0 || ids.length > MAX_CHANGED || this.get().view.kind === 'folder') return this.reload();
    const generation = this.#generation;
    const r = await this.api.invoke('conversations.summaries', { ids });
    if (generation !== this.#generation) return;
    if (!r.ok) return this.onError(r.error);
    const found = new Set(r.value.map((x) => x.id));
    const { rows, hasMore, view } = this.get();
    this.patch({ rows: applyChanges(rows, r.value, ids.filter((id) => !found.has(id)), view, !hasMore, this.now()) });
  }
}
