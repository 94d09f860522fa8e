// Searching every conversation of every channel, as agents type: words anywhere in a message (accents optional,
// Chinese/Japanese/Thai words inside unspaced text, word beginnings so inflected forms match, order ids whole)
// and operators — from:, channel:, marketplace:, tag:, status:, lang:, is:unread|unanswered|starred|urgent|low|due|overdue|mine|unassigned,
// has:attachment, before:, after:, and sort:due (the conversations waiting for a reply, due soonest first).
// Best matches first (BM25 over the messages), then the newest — while at most HITS messages match; past that,
// the conversations of the newest matching messages first: ranking a hundred thousand hits says little and
// costs seconds at a million messages, where the newest few thousand are read from the index in milliseconds.
import type { ConversationSummary } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import { CoreError } from '../errors.js';
import { segmentForQuery } from './segment.js';
import { NEEDS_REPLY_SQL } from '../db/queries/conversation-state.js';
import { latestStartDueBy } from '../../../shared/domain/business-hours.js';
import { agentName } from '../conversations/assignment.js';

/** "Breaching soon": a reply due within this long (or already late). */
export const DUE_SOON_MS = 15 * 60_000;

export interface ParsedQuery {
  words: string[];
  where: string[];
  params: Array<string | number | null>;
  /** sort:due — the conversations whose reply is due soonest first (else: best match, then newest). */
  sort: 'relevance' | 'due';
}

/**
 * Per account, the latest time a customer can have started waiting and have their reply due by `by` (the
 * first-response target counted in that account's business hours; null: never due).
 */
export type DueCutoffs = (by: number) => Array<{ accountId: string; cutoff: number | null }>;

export function dueCutoffsOf(store: Store): DueCutoffs {
  return (by) => {
    const minutes = store.appSettings.get().firstResponseMinutes;
    return store.accounts.list().map((a) => ({ accountId: a.id, cutoff: latestStartDueBy(store.autoReplies.hoursOrDefault(a.id), by, minutes) }));
  };
}

/** Waiting conversations whose reply is due by `by`: the wait began at or before the account's cutoff. */
function dueBy(cutoffs: DueCutoffs, by: number): { sql: string; params: Array<string | number | null> } {
  const list = cutoffs(by);
  if (list.length === 0) return { sql: '0', params: [] };
  return {
    sql: `(c.status = 'open' AND ${NEEDS_REPLY_SQL} AND c.waiting_since <= CASE c.account_id ${list.map(() => 'WHEN ? THEN ?').join(' ')} END)`,
    params: list.flatMap((c) => [c.accountId, c.cutoff]),
  };
}

const DAY_MS = 86_400_000;

function dateOf(value: string): number {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new CoreError('INVALID_INPUT', `"${value}" is not a date: write it as 2026-12-31.`);
  return t;
}

/** Splits a query into its free words and its operators (each a SQL condition on c = conversations). */
export function parseQuery(query: string, now: number, cutoffs: DueCutoffs = () => [], me: string | null = null): ParsedQuery {
  const words: string[] = [];
  const where: string[] = [];
  const params: Array<string | number | null> = [];
  let sort: ParsedQuery['sort'] = 'relevance';
  // "quoted phrases" stay together; op:"quoted value" too.
  for (const m of query.matchAll(/(\w+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/gu)) {
    const op = m[1]?.toLowerCase();
    const value = (m[2] ?? '').replace(/^"|"$/g, '');
    if (!op) {
      words.push(m[3] ?? m[4]!);
      continue;
    }
    switch (op) {
      case 'from': {
        // The customer's name or address, word beginnings as for words, from the index of who sent each incoming
        // message (reading every conversation's contact would take a second at a million); text without words
        // (from:@) or in unspaced scripts (the sender is indexed unsegmented) by its letters.
        // A whole address is matched word for word: as word beginnings, its domain's words (gmail, com) would each
        // read the index entries of most messages.
        const whole = /^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/.test(value);
        const sender = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(value) ? null : matchExpression([value], !whole);
        if (sender) {
          where.push(`c.id IN (SELECT m.conversation_id FROM message_search s JOIN messages m ON m.rowid = s.rowid
            WHERE message_search MATCH ? AND m.direction = 'in')`);
          params.push(`sender : (${sender})`);
        } else {
          where.push('(ct.name LIKE ? OR ct.address LIKE ?)');
          params.push(`%${value}%`, `%${value}%`);
        }
        break;
      }
      case 'channel':
        where.push('a.channel = ?');
        params.push(value.toLowerCase());
        break;
      case 'marketplace':
        where.push("lower(json_extract(c.marketplace_json, '$.id')) = ?");
        params.push(value.toLowerCase());
        break;
      case 'tag':
        where.push('EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = ?)');
        params.push(value);
        break;
      case 'lang':
        where.push('c.language = ?');
        params.push(value.toLowerCase());
        break;
      case 'status':
        if (value === 'snoozed') {
          where.push('c.snoozed_until > ?');
          params.push(now);
        } else if (value === 'open' || value === 'closed') {
          where.push('c.status = ?');
          params.push(value);
        } else if (value === 'resolved') {
          where.push("c.status = 'closed'");
        } else throw new CoreError('INVALID_INPUT', `status: takes open, closed (resolved) or snoozed, not "${value}".`);
        break;
      case 'is':
        if (value === 'unread') where.push('c.unread_count > 0');
        else if (value === 'starred') where.push('c.flagged_count > 0');
        else if (value === 'urgent' || value === 'low') {
          where.push('c.urgency = ?');
          params.push(value);
        }
        else if (value === 'unanswered') {
          // Needs a reply: the customer's newest message, answered nowhere by a person.
          where.push(NEEDS_REPLY_SQL);
        } else if (value === 'mine') {
          where.push('c.assignee = ?');
          params.push(me ?? '');
        } else if (value === 'unassigned') {
          where.push('c.assignee IS NULL');
        } else if (value === 'due' || value === 'overdue') {
          // Breaching soon (due within a quarter of an hour, or late) / late.
          const due = dueBy(cutoffs, value === 'due' ? now + DUE_SOON_MS : now);
          where.push(due.sql);
          params.push(...due.params);
        } else throw new CoreError('INVALID_INPUT', `is: takes unread, unanswered, starred, urgent, low, due, overdue, mine or unassigned, not "${value}".`);
        break;
      case 'sort':
        if (value !== 'due') throw new CoreError('INVALID_INPUT', `sort: takes due, not "${value}".`);
        // The open conversations waiting for a reply (whose wait the partial index conversations_by_waiting holds).
        sort = 'due';
        where.push(`c.waiting_since IS NOT NULL AND c.status = 'open' AND ${NEEDS_REPLY_SQL}`);
        break;
      case 'has':
        if (value !== 'attachment') throw new CoreError('INVALID_INPUT', `has: takes attachment, not "${value}".`);
        where.push('EXISTS (SELECT 1 FROM messages u JOIN attachments x ON x.message_id = u.id WHERE u.conversation_id = c.id AND x.inline = 0)');
        break;
      case 'before':
        where.push('c.last_message_at < ?');
        params.push(dateOf(value));
        break;
      case 'after':
        where.push('c.last_message_at >= ?');
        params.push(dateOf(value) + (/^\d{4}-\d{2}-\d{2}$/.test(value) ? DAY_MS : 0));
        break;
      default:
        // Not an operator (a URL, "Re:text"): searched as words.
        words.push(m[0]);
    }
  }
  return { words, where, params, sort };
}

/**
 * The FTS5 query for the free words: every word must appear, each as a word beginning (or whole: `prefix` false).
 * Given `terms` (the index's words that begin with a given word, or null when there are too many to list), a
 * word beginning is asked as those words: FTS5 merges every hit of every word a prefix matches before it returns
 * the first, but reads listed words newest first and stops at a page.
 */
export function matchExpression(words: string[], prefix = true, terms?: (token: string) => string[] | null): string | null {
  const tokens = segmentForQuery(words.join(' '))
    .split(/[\s,.;:!?¿¡()[\]{}"'«»“”„。，、！？：；（）]+/u)
    .map((t) => t.replace(/^-+|-+$/g, ''))
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  const quoted = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return tokens
    .map((t) => {
      if (!prefix) return quoted(t);
      // Only words the index stores as typed (ASCII letters, digits, hyphens, lower-cased): the listed words are
      // then exactly the ones the prefix would match. Accented and unspaced text keeps the prefix query.
      const listed = terms && /^[a-z0-9-]+$/i.test(t) ? terms(t.toLowerCase()) : null;
      if (!listed || listed.length === 0) return `${quoted(t)}*`;
      return listed.length === 1 ? quoted(listed[0]!) : `(${listed.map(quoted).join(' OR ')})`;
    })
    .join(' AND ');
}

/** A word beginning is asked as the indexed words it begins when there are at most this many. */
const MAX_LISTED_TERMS = 32;

/** Matching messages ranked when there are no more than this many; more are read newest first, this many at a time. */
const HITS = 2000;
/** Slices of newest hits read for a filtered search before reading every hit at once instead. */
const MAX_SLICES = 8;

type Params = Array<string | number | null>;

/** The matching conversations' ids: best matches first when there are words, else the newest. */
function matchingIds(store: Store, query: string, limit: number, now: number): { ids: string[]; sort: ParsedQuery['sort'] } {
  const { words, where, params, sort } = parseQuery(query, now, dueCutoffsOf(store), agentName(store));
  const match = matchExpression(words, true, (token) => store.messages.indexedWordsBeginning(token, MAX_LISTED_TERMS));
  const filters = where.length ? ` AND ${where.join(' AND ')}` : '';
  const base = 'FROM conversations c JOIN accounts a ON a.id = c.account_id LEFT JOIN contacts ct ON ct.id = c.contact_id';
  if (match) return { ids: wordMatches(store, match, base, filters, params, limit), sort };
  // Without words, conversations outermost (CROSS JOIN): walked newest first, a view stops at its page instead of
  // sorting them all (SQLite would otherwise put the few accounts outside once statistics say they are few).
  // sort:due walks the waiting conversations, longest waiting first (conversations_by_waiting); across accounts
  // with different hours the page is put in due order afterwards.
  const newest = 'FROM conversations c CROSS JOIN accounts a ON a.id = c.account_id LEFT JOIN contacts ct ON ct.id = c.contact_id';
  const order = sort === 'due' ? 'ORDER BY c.waiting_since, c.id' : 'ORDER BY c.last_message_at DESC';
  const ids = store.db
    .prepare<Params, { id: string }>(`SELECT c.id ${newest} WHERE 1 = 1${filters} ${order} LIMIT ?`)
    .all(...params, limit)
    .map((r) => r.id);
  return { ids, sort };
}

function wordMatches(store: Store, match: string, base: string, filters: string, params: Params, limit: number): string[] {
  const db = store.db;
  // The newest hits (their rank costs more than finding them: asked only when there are few).
  const newestHits = db.prepare<[string, number], { r: number }>('SELECT rowid AS r FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT ?');
  const first = newestHits.all(match, HITS + 1);
  if (first.length <= HITS) {
    // Every hit is known: their conversations, best first.
    const ranked = db.prepare<[string], { r: number; rank: number }>('SELECT rowid AS r, rank FROM message_search WHERE message_search MATCH ?').all(match);
    return db
      .prepare<[string, ...Params, number], { id: string }>(
        `SELECT c.id ${base} JOIN (SELECT m.conversation_id, min(h.value ->> '$[1]') AS rank FROM json_each(?) h JOIN messages m ON m.rowid = h.value ->> '$[0]'
           GROUP BY m.conversation_id) hit ON hit.conversation_id = c.id
         WHERE 1 = 1${filters} ORDER BY hit.rank, c.last_message_at DESC LIMIT ?`,
      )
      .all(JSON.stringify(ranked.map((h) => [h.r, h.rank])), ...params, limit)
      .map((r) => r.id);
  }
  // Many hits: the conversations of the newest ones, a slice at a time, until a page is found.
  const ofHits = db.prepare<[string, ...Params], { id: string }>(
    `SELECT c.id ${base} JOIN messages m ON m.conversation_id = c.id
     WHERE m.rowid IN (SELECT value FROM json_each(?))${filters} ORDER BY m.rowid DESC`,
  );
  const older = db.prepare<[string, number, number], { r: number }>(
    'SELECT rowid AS r FROM message_search WHERE message_search MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?',
  );
  const found = new Set<string>();
  let hits = first.slice(0, HITS).map((h) => h.r);
  for (let slice = 0; slice < MAX_SLICES; slice++) {
    for (const { id } of ofHits.all(JSON.stringify(hits), ...params)) {
      found.add(id);
      if (found.size >= limit) return [...found];
    }
    if (hits.length < HITS) return [...found];
    hits = older.all(match, hits[hits.length - 1]!, HITS).map((h) => h.r);
    if (hits.length === 0) return [...found];
  }
  // Filters that few of many hits pass: every hit at once, best first.
  return db
    .prepare<[string, ...Params, number], { id: string }>(
      `SELECT c.id ${base} JOIN (SELECT m.conversation_id, min(s.rank) AS rank FROM message_search s JOIN messages m ON m.rowid = s.rowid
         WHERE message_search MATCH ? GROUP BY m.conversation_id) hit ON hit.conversation_id = c.id
       WHERE 1 = 1${filters} ORDER BY hit.rank, c.last_message_at DESC LIMIT ?`,
    )
    .all(match, ...params, limit)
    .map((r) => r.id);
}

export function searchConversations(store: Store, query: string, limit: number, now: number): ConversationSummary[] {
  const { ids, sort } = matchingIds(store, query, limit, now);
  const found = store.conversations.getMany(ids);
  // Due soonest first (a conversation whose hours never open, last).
  if (sort === 'due') return found.sort((a, b) => (a.replyDueAt ?? Number.MAX_SAFE_INTEGER) - (b.replyDueAt ?? Number.MAX_SAFE_INTEGER));
  return found;
}

/** How many conversations match, counted up to `cap` (a view's badge), without building their summaries. */
export function countConversations(store: Store, query: string, cap: number, now: number): { count: number; more: boolean } {
  const { ids } = matchingIds(store, query, cap + 1, now);
  return { count: Math.min(ids.length, cap), more: ids.length > cap };
}
