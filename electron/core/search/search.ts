// Searching every conversation of every channel, as agents type: words anywhere in a message (accents optional,
// Chinese/Japanese/Thai words inside unspaced text, word beginnings so inflected forms match, order ids whole)
// and operators — from:, channel:, marketplace:, tag:, status:, lang:, is:unread|unanswered|starred|urgent|low, has:attachment, before:, after:.
// Best matches first (BM25 over the messages), then the newest.
import type { ConversationSummary } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import { CoreError } from '../errors.js';
import { segmentForQuery } from './segment.js';
import { NEEDS_REPLY_SQL } from '../db/queries/conversation-state.js';

export interface ParsedQuery {
  words: string[];
  where: string[];
  params: Array<string | number>;
}

const DAY_MS = 86_400_000;

function dateOf(value: string): number {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new CoreError('INVALID_INPUT', `"${value}" is not a date: write it as 2026-12-31.`);
  return t;
}

/** Splits a query into its free words and its operators (each a SQL condition on c = conversations). */
export function parseQuery(query: string, now: number): ParsedQuery {
  const words: string[] = [];
  const where: string[] = [];
  const params: Array<string | number> = [];
  // "quoted phrases" stay together; op:"quoted value" too.
  for (const m of query.matchAll(/(\w+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/gu)) {
    const op = m[1]?.toLowerCase();
    const value = (m[2] ?? '').replace(/^"|"$/g, '');
    if (!op) {
      words.push(m[3] ?? m[4]!);
      continue;
    }
    switch (op) {
      case 'from':
        where.push('(ct.name LIKE ? OR ct.address LIKE ?)');
        params.push(`%${value}%`, `%${value}%`);
        break;
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
        } else throw new CoreError('INVALID_INPUT', `is: takes unread, unanswered, starred, urgent or low, not "${value}".`);
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
  return { words, where, params };
}

/** The FTS5 query for the free words: every word must appear, each as a word beginning. */
export function matchExpression(words: string[]): string | null {
  const tokens = segmentForQuery(words.join(' '))
    .split(/[\s,.;:!?¿¡()[\]{}"'«»“”„。，、！？：；（）]+/u)
    .map((t) => t.replace(/^-+|-+$/g, ''))
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/** The matching conversations' ids: best matches first when there are words, else the newest. */
function matchingIds(store: Store, query: string, limit: number, now: number): string[] {
  const { words, where, params } = parseQuery(query, now);
  const match = matchExpression(words);
  const filters = where.length ? ` AND ${where.join(' AND ')}` : '';
  const base = 'FROM conversations c JOIN accounts a ON a.id = c.account_id LEFT JOIN contacts ct ON ct.id = c.contact_id';
  // Without words, conversations outermost (CROSS JOIN): walked newest first, a view stops at its page instead of
  // sorting them all (SQLite would otherwise put the few accounts outside once statistics say they are few).
  const newest = 'FROM conversations c CROSS JOIN accounts a ON a.id = c.account_id LEFT JOIN contacts ct ON ct.id = c.contact_id';
  const rows = match
    ? store.db
        .prepare<Array<string | number>, { id: string }>(
          `SELECT c.id ${base} JOIN (SELECT m.conversation_id, min(s.rank) AS rank FROM message_search s JOIN messages m ON m.rowid = s.rowid
             WHERE message_search MATCH ? GROUP BY m.conversation_id) hit ON hit.conversation_id = c.id
           WHERE 1 = 1${filters} ORDER BY hit.rank, c.last_message_at DESC LIMIT ?`,
        )
        .all(match, ...params, limit)
    : store.db.prepare<Array<string | number>, { id: string }>(`SELECT c.id ${newest} WHERE 1 = 1${filters} ORDER BY c.last_message_at DESC LIMIT ?`).all(...params, limit);
  return rows.map((r) => r.id);
}

export function searchConversations(store: Store, query: string, limit: number, now: number): ConversationSummary[] {
  return matchingIds(store, query, limit, now)
    .map((id) => store.conversations.get(id))
    .filter((c): c is ConversationSummary => c !== undefined);
}

/** How many conversations match, counted up to `cap` (a view's badge), without building their summaries. */
export function countConversations(store: Store, query: string, cap: number, now: number): { count: number; more: boolean } {
  const ids = matchingIds(store, query, cap + 1, now);
  return { count: Math.min(ids.length, cap), more: ids.length > cap };
}
