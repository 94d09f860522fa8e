// Every page of every mailbox list is read from an index in the list's own order: no pass over all
// conversations and no sort of them, so a page costs the same at a hundred conversations or a million.
// Checked with SQLite's EXPLAIN QUERY PLAN on the statements the app really prepares.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/connection.js';
import { conversationQueries } from '../../electron/core/db/queries/conversations.js';

/** The SQL of every statement a query module prepares. */
function preparedBy(make: (db: Db) => unknown): { db: Db; sources: string[] } {
  const db = openDatabase(':memory:');
  const sources: string[] = [];
  const recording = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => (sources.push(sql), target.prepare(sql));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  make(recording);
  return { db, sources };
}

const SAMPLE: Record<string, string | number | null> = { mailbox: 'trash', account: 'a1', now: 0, limit: 50, before: 1_700_000_000_000, beforeId: 'x' };

function plan(db: Db, sql: string): string[] {
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const params = Object.fromEntries(names.map((n) => [n, SAMPLE[n] ?? null]));
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
}

describe('query plans of the conversation lists', () => {
  it('reads each mailbox page, for all accounts or one, from an index in list order', () => {
    const { db, sources } = preparedBy(conversationQueries);
    const lists = sources.filter((s) => s.includes('WHERE c.mailbox = @mailbox'));
    expect(lists).toHaveLength(2); // all accounts, one account
    for (const sql of lists) {
      const steps = plan(db, sql);
      const main = steps.filter((d) => /\b(SCAN|SEARCH) c\b/.test(d));
      expect(main, steps.join('\n')).toEqual([expect.stringMatching(/^SEARCH c USING INDEX conversations_by_(account_)?mailbox \(/)]);
      expect(steps.filter((d) => /TEMP B-TREE/.test(d)), steps.join('\n')).toEqual([]);
      // The per-row figures come from each conversation's own messages, by index.
      expect(steps.filter((d) => /^SCAN (m|o)\b/.test(d)), steps.join('\n')).toEqual([]);
    }
    db.close();
  });
});
