// Every page of every mailbox list is read from an index in the list's own order (and the report finds its
// conversations from the range's messages): no pass over all
// conversations and no sort of them, so a page costs the same at a hundred conversations or a million.
// Checked with SQLite's EXPLAIN QUERY PLAN on the statements the app really prepares.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/connection.js';
import { conversationQueries } from '../../electron/core/db/queries/conversations.js';
import { reportQueries } from '../../electron/core/db/queries/reports.js';
import { createStore } from '../../electron/core/db/store.js';
import { ingestMessage } from '../../electron/core/conversations/ingest.js';
import { searchConversations } from '../../electron/core/search/search.js';
import { defaultBusinessHours } from '../../shared/domain/business-hours.js';

const conversationsOf = (db: Db) => conversationQueries(db, { minutes: () => 30, hours: () => defaultBusinessHours('UTC') });

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
    const { db, sources } = preparedBy(conversationsOf);
    const lists = sources.filter((s) => s.includes('WHERE c.mailbox = @mailbox'));
    expect(lists).toHaveLength(2); // all accounts, one account
    for (const sql of lists) {
      const steps = plan(db, sql);
      const main = steps.filter((d) => /\b(SCAN|SEARCH) c\b/.test(d));
      expect(main, steps.join('\n')).toEqual([expect.stringMatching(/^SEARCH c USING INDEX conversations_by_(account_)?mailbox \(/)]);
      expect(steps.filter((d) => /TEMP B-TREE/.test(d)), steps.join('\n')).toEqual([]);
      // The per-row figures (counts, snippet, answered) are kept on the conversation row: no message is read.
      expect(steps.filter((d) => /\b(SCAN|SEARCH) (m|o|messages)\b/.test(d)), steps.join('\n')).toEqual([]);
    }
    db.close();
  });

  it("reads a small folder from its own messages (never every conversation), and a large one newest first without sorting", () => {
    const { db, sources } = preparedBy(conversationsOf);
    const small = sources.find((s) => s.includes('WHERE c.id IN (SELECT m.conversation_id FROM message_locations'))!;
    const large = sources.find((s) => s.includes('AND EXISTS (') && s.includes('l.folder = @folder'))!;
    const smallPlan = plan(db, small);
    expect(smallPlan.filter((d) => /^SCAN (c|m)\b/.test(d)), smallPlan.join('\n')).toEqual([]);
    expect(smallPlan.some((d) => /SEARCH l USING (PRIMARY KEY|INDEX sqlite_autoindex_message_locations)/.test(d)), smallPlan.join('\n')).toBe(true);
    const largePlan = plan(db, large);
    expect(largePlan.filter((d) => /TEMP B-TREE/.test(d)), largePlan.join('\n')).toEqual([]);
    db.close();
  });

  it('threads a message by subject through the subject index, not by walking recent conversations', () => {
    const { db, sources } = preparedBy(conversationsOf);
    const steps = plan(db, sources.find((x) => x.includes('c.subject_key = ?'))!.replace(/\?/g, "'x'"));
    expect(steps.filter((d) => /\b(SCAN|SEARCH) c\b/.test(d)), steps.join('\n')).toEqual([expect.stringMatching(/^SEARCH c USING INDEX conversations_by_subject \(account_id=\? AND subject_key=\?\)/)]);
    db.close();
  });

  it('lists the same conversations of a folder, page by page, whichever way it reads them', () => {
    const { db, sources } = preparedBy(conversationsOf);
    const store = createStore(db);
    store.accounts.insert({ id: 'a1', channel: 'email', name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: 0 });
    store.transaction(() => {
      for (let i = 0; i < 300; i++) {
        const msg = {
          messageIdHeader: `<f-${i}@example.test>`, inReplyTo: null, references: [], direction: 'in' as const,
          from: { name: `B${i}`, address: `b${i % 120}@example.test` }, replyTo: [], to: [{ name: '', address: 'shop@example.test' }], cc: [],
          subject: `Subject ${i}`, date: 1_700_000_000_000 + Math.floor(i / 3) * 1000, text: `hello ${i}`, fromHtml: false, isRead: true, attachments: [],
        };
        ingestMessage(store, '/nonexistent', 'a1', msg, { folder: i % 4 === 0 ? 'Projects' : 'INBOX', uid: i + 1 }, 0);
      }
    });
    const small = db.prepare(sources.find((x) => x.includes('WHERE c.id IN (SELECT m.conversation_id FROM message_locations'))!);
    const large = db.prepare(sources.find((x) => x.includes('AND EXISTS (') && x.includes('l.folder = @folder'))!);
    const pages = (stmt: typeof small) => {
      const out: string[][] = [];
      let last: { id: string; last_message_at: number } | undefined;
      for (;;) {
        const rows = stmt.all({ account: 'a1', folder: 'Projects', limit: 7, before: last?.last_message_at ?? null, beforeId: last?.id ?? null }) as Array<{ id: string; last_message_at: number }>;
        if (rows.length === 0) return out;
        out.push(rows.map((r) => r.id));
        last = rows.at(-1);
      }
    };
    const a = pages(small);
    expect(a.flat().length).toBeGreaterThan(20);
    expect(new Set(a.flat()).size).toBe(a.flat().length);
    expect(pages(large)).toEqual(a);
    db.close();
  });

  it("finds the conversations begun in a report's range from that range's customer messages, not from every conversation", () => {
    const { db, sources } = preparedBy(reportQueries);
    const begun = sources.find((x) => x.includes('c.first_in_at = m.date'))!;
    const steps = plan(db, begun);
    expect(steps.filter((d) => /^SCAN (c|m)\b/.test(d)), steps.join('\n')).toEqual([]);
    expect(steps.some((d) => /^SEARCH m USING INDEX messages_by_direction_date \(direction=\? AND date>\? AND date<\?\)/.test(d)), steps.join('\n')).toBe(true);
    db.close();
  });

  it('walks conversations newest first for a view and a list page, also once SQLite has statistics', () => {
    let store!: ReturnType<typeof createStore>;
    const { db, sources } = preparedBy((recording) => (store = createStore(recording)));
    for (const id of ['a1', 'a2']) store.accounts.insert({ id, channel: 'email', name: id, address: `${id}@example.test`, settings: {}, createdAt: 0 });
    store.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const msg = {
          messageIdHeader: `<v-${i}@example.test>`, inReplyTo: null, references: [], direction: 'in' as const,
          from: { name: `B${i}`, address: `b${i}@example.test` }, replyTo: [], to: [{ name: '', address: 'shop@example.test' }], cc: [],
          subject: `Subject ${i}`, date: 1_700_000_000_000 + i * 1000, text: `hello ${i}`, fromHtml: false, isRead: i % 3 !== 0, attachments: [],
        };
        ingestMessage(store, '/nonexistent', i % 2 ? 'a1' : 'a2', msg, null, 0);
      }
    });
    db.exec('ANALYZE');
    sources.length = 0;
    const unread = searchConversations(store, 'is:unread', 50, 0);
    expect(unread).toHaveLength(50);
    expect(unread.every((c) => c.unreadCount > 0)).toBe(true);
    for (const view of ['is:unanswered', 'lang:de', 'tag:vip', 'is:due', 'is:mine']) searchConversations(store, view, 50, 0);
    const views = sources.filter((x) => x.startsWith('SELECT c.id FROM conversations c'));
    expect(views).toHaveLength(6);
    for (const sql of [...views, ...preparedBy(conversationsOf).sources.filter((x) => x.includes('WHERE c.mailbox = @mailbox'))]) {
      const steps = sql.includes('@') ? plan(db, sql) : (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<null>((sql.match(/\?/g) ?? []).length).fill(null)) as Array<{ detail: string }>).map((r) => r.detail);
      expect(steps[0], steps.join('\n')).toMatch(/^(SCAN|SEARCH) c USING INDEX conversations_by_(time|mailbox|account_mailbox|assignee)\b/);
      expect(steps.filter((d) => /TEMP B-TREE/.test(d)), steps.join('\n')).toEqual([]);
    }
    // Due soonest first: the waiting conversations only, longest waiting first, from their own index.
    sources.length = 0;
    const due = searchConversations(store, 'sort:due', 50, 0);
    expect(due).toHaveLength(50);
    expect(due.every((c) => c.waitingSince !== null)).toBe(true);
    const byWait = sources.find((x) => x.startsWith('SELECT c.id FROM conversations c'))!;
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${byWait}`).all(...Array<null>((byWait.match(/\?/g) ?? []).length).fill(null)) as Array<{ detail: string }>).map((r) => r.detail);
    expect(steps[0], steps.join('\n')).toMatch(/^(SCAN|SEARCH) c USING INDEX conversations_by_waiting\b/);
    expect(steps.filter((d) => /TEMP B-TREE/.test(d)), steps.join('\n')).toEqual([]);
    db.close();
  });

  it("finds a customer's earlier conversations through their identities, not by walking every conversation", () => {
    const { db, sources } = preparedBy(conversationsOf);
    const sql = sources.find((x) => x.includes('SELECT id FROM contacts WHERE customer_id = ?'))!;
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as Array<{ detail: string }>).map((r) => r.detail);
    expect(steps.filter((d) => /^SCAN c\b/.test(d)), steps.join('\n')).toEqual([]);
    expect(steps.some((d) => /SEARCH c USING INDEX conversations_by_contact/.test(d)), steps.join('\n')).toBe(true);
    db.close();
  });

  it("asks, once per stored batch, which of its conversations were sent a survey or have recent mail, from their rows", () => {
    // Asked for every batch a sync stores (notifications, survey answers): a read per conversation, the survey's
    // through its messages, cost a first sync 0.15 s of the main thread. Both answers are on the conversation row.
    const { db, sources } = preparedBy((recording) => createStore(recording));
    const batchReads = sources.filter((sql) => sql.includes('json_each(?)') && /\bWHERE\b/.test(sql) && /survey_at IS NOT NULL|last_message_at >= \?/.test(sql));
    expect(batchReads).toHaveLength(2);
    for (const sql of batchReads) {
      const positional = Array<null>((sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length).fill(null);
      const steps = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...positional) as Array<{ detail: string }>).map((r) => r.detail);
      expect(steps.filter((d) => /^SCAN (messages|conversations)\b/.test(d)), steps.join('\n')).toEqual([]);
      expect(steps.some((d) => /^SEARCH conversations USING INDEX sqlite_autoindex_conversations_1 \(id=\?\)/.test(d)), steps.join('\n')).toBe(true);
    }
    db.close();
  });

  it("reads one conversation's messages through that conversation's index, never by walking every customer message", () => {
    // The index of messages by direction and date (for the reports' ranges) looks as good to SQLite, without
    // statistics, for "this conversation's incoming messages": it then walks every incoming message of the profile,
    // once per message stored (it was 44 % of a first sync's CPU on 6,046 messages).
    const { db, sources } = preparedBy((recording) => createStore(recording));
    const perConversation = sources.filter((sql) => /\bconversation_id (= \?|IN \()/.test(sql) && /direction\b/.test(sql) && !/\bGROUP BY\b/.test(sql));
    expect(perConversation.length).toBeGreaterThan(5);
    const walking = perConversation.filter((sql) => {
      const positional = Array<null>((sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length).fill(null);
      const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, null]));
      const steps = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...positional, ...(Object.keys(named).length ? [named] : [])) as Array<{ detail: string }>).map((r) => r.detail);
      return steps.some((d) => /USING (COVERING )?INDEX messages_by_direction_date\b/.test(d));
    });
    expect(walking).toEqual([]);
    db.close();
  });
});
