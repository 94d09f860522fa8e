// Property-based: what the list and the reports read from the conversation row (kept by the triggers of
// migration 0028) is always what the conversation's messages say, whatever happens to them in whatever order:
// messages of every kind arriving out of order (a backfill brings older mail after newer), read, starred and
// \Answered changes, deletions, a message moved to another conversation, a date or text corrected. The truth
// is computed here from the messages with plain queries, the way the list computed it before.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations/index.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const CONVERSATIONS = ['c1', 'c2'];

type Kind = 'customer' | 'automated-in' | 'person' | 'auto-reply' | 'csat';
const MessageArb = fc.record({
  conversation: fc.constantFrom(...CONVERSATIONS),
  kind: fc.constantFrom<Kind>('customer', 'customer', 'automated-in', 'person', 'person', 'auto-reply', 'csat'),
  // Few distinct dates, so ties happen.
  date: fc.integer({ min: 1, max: 12 }),
  read: fc.boolean(),
  flagged: fc.boolean(),
  answered: fc.boolean(),
  text: fc.string({ maxLength: 200 }),
  // Who sent it: replies by two agents, or by one without a name (then their address counts).
  sender: fc.constantFrom('Anna', 'Ben', ''),
});
const OpArb = fc.oneof(
  { weight: 6, arbitrary: MessageArb.map((m) => ({ op: 'insert' as const, m })) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('read' as const), pick: fc.nat(), value: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flag' as const), pick: fc.nat(), value: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('answer' as const), pick: fc.nat(), value: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('redate' as const), pick: fc.nat(), date: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retext' as const), pick: fc.nat(), text: fc.string({ maxLength: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('read-all' as const), conversation: fc.constantFrom(...CONVERSATIONS) }) },
);

function freshDb(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.exec("INSERT INTO accounts (id, channel, name, address, created_at) VALUES ('a', 'email', 'Shop', 'shop@example.test', 0)");
  for (const id of CONVERSATIONS) db.prepare("INSERT INTO conversations (id, account_id, subject, created_at) VALUES (?, 'a', 'Order', 0)").run(id);
  return db;
}

/** The columns as the conversation's messages give them (ties: the message stored last). */
function truthOf(db: Database.Database, id: string) {
  const one = <T>(sql: string) => (db.prepare(sql).get(id) as { v: T } | undefined)?.v ?? null;
  const CUSTOMER = "direction = 'in' AND automated IS NULL";
  const PERSON = "direction = 'out' AND auto_kind IS NULL";
  const firstIn = one<number>(`SELECT min(date) AS v FROM messages WHERE conversation_id = ? AND ${CUSTOMER}`);
  const firstReplyRow =
    firstIn === null
      ? undefined
      : (db.prepare(`SELECT date, from_name, from_address FROM messages WHERE conversation_id = ? AND ${PERSON} AND date >= ? ORDER BY date, rowid LIMIT 1`).get(id, firstIn) as
          | { date: number; from_name: string; from_address: string }
          | undefined);
  const firstReply = firstReplyRow?.date ?? null;
  const survey = one<number>("SELECT min(date) AS v FROM messages WHERE conversation_id = ? AND auto_kind = 'csat'");
  const returned =
    firstReply === null
      ? null
      : (db.prepare(`SELECT min(date) AS v FROM messages WHERE conversation_id = ? AND ${CUSTOMER} AND date > ? AND (? IS NULL OR date < ?)`).get(id, firstReply, survey, survey) as { v: number | null }).v;
  const newestIn = db.prepare("SELECT date, is_answered FROM messages WHERE conversation_id = ? AND direction = 'in' ORDER BY date DESC, rowid DESC LIMIT 1").get(id) as
    | { date: number; is_answered: number }
    | undefined;
  return {
    message_count: one<number>('SELECT count(*) AS v FROM messages WHERE conversation_id = ?'),
    unread_count: one<number>("SELECT count(*) AS v FROM messages WHERE conversation_id = ? AND direction = 'in' AND is_read = 0"),
    flagged_count: one<number>('SELECT count(*) AS v FROM messages WHERE conversation_id = ? AND is_flagged = 1'),
    snippet: one<string>('SELECT substr(text_body, 1, 160) AS v FROM messages WHERE conversation_id = ? AND auto_kind IS NULL ORDER BY date DESC, rowid DESC LIMIT 1'),
    last_in_at: newestIn?.date ?? null,
    last_in_answered: newestIn?.is_answered ?? null,
    last_reply_at: one<number>(`SELECT max(date) AS v FROM messages WHERE conversation_id = ? AND ${PERSON}`),
    agent_replies: one<number>(`SELECT count(*) AS v FROM messages WHERE conversation_id = ? AND ${PERSON}`),
    first_in_at: firstIn,
    first_reply_at: firstReply,
    first_reply_by: firstReplyRow ? firstReplyRow.from_name || firstReplyRow.from_address : null,
    survey_at: survey,
    returned_at: returned,
    waiting_since: (() => {
      const lastReply = one<number>(`SELECT max(date) AS v FROM messages WHERE conversation_id = ? AND ${PERSON}`);
      return (db.prepare("SELECT min(date) AS v FROM messages WHERE conversation_id = ? AND direction = 'in' AND (? IS NULL OR date > ?)").get(id, lastReply, lastReply) as { v: number | null }).v;
    })(),
  };
}

function storedOf(db: Database.Database, id: string) {
  return db
    .prepare(
      `SELECT message_count, unread_count, flagged_count, snippet, last_in_at, last_in_answered, last_reply_at, agent_replies,
         first_in_at, first_reply_at, first_reply_by, survey_at, returned_at, waiting_since FROM conversations WHERE id = ?`,
    )
    .get(id);
}

describe('conversation summary columns', () => {
  it('always equal what the messages say, after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(OpArb, { minLength: 4, maxLength: 40, size: 'max' }), (ops) => {
        const db = freshDb();
        let n = 0;
        const ids = () => (db.prepare('SELECT id FROM messages ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);
        const pick = (i: number) => {
          const all = ids();
          return all.length ? all[i % all.length]! : null;
        };
        const check = () => {
          for (const c of CONVERSATIONS) expect(storedOf(db, c)).toEqual(truthOf(db, c));
        };
        for (const o of ops) {
          // Checked after every change: a later recomputation must not hide an earlier wrong update.
          check();
          if (o.op === 'insert') {
            const m = o.m;
            const inbound = m.kind === 'customer' || m.kind === 'automated-in';
            db.prepare(
              `INSERT INTO messages (id, conversation_id, account_id, direction, date, text_body, is_read, is_flagged, is_answered, automated, auto_kind, from_name, from_address, created_at)
               VALUES (?, ?, 'a', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
            ).run(
              `m${n++}`,
              m.conversation,
              inbound ? 'in' : 'out',
              m.date,
              m.text,
              m.read ? 1 : 0,
              m.flagged ? 1 : 0,
              m.answered ? 1 : 0,
              m.kind === 'automated-in' ? 'auto-submitted' : null,
              m.kind === 'auto-reply' ? 'auto-reply' : m.kind === 'csat' ? 'csat' : null,
              inbound ? 'Buyer' : m.sender,
              inbound ? 'buyer@example.test' : 'shop@example.test',
            );
            continue;
          }
          if (o.op === 'read-all') {
            db.prepare("UPDATE messages SET is_read = 1 WHERE conversation_id = ? AND direction = 'in' AND is_read != 1").run(o.conversation);
            continue;
          }
          const id = pick(o.pick);
          if (!id) continue;
          if (o.op === 'read') db.prepare('UPDATE messages SET is_read = ? WHERE id = ?').run(o.value ? 1 : 0, id);
          else if (o.op === 'flag') db.prepare('UPDATE messages SET is_flagged = ? WHERE id = ?').run(o.value ? 1 : 0, id);
          else if (o.op === 'answer') db.prepare('UPDATE messages SET is_answered = ? WHERE id = ?').run(o.value ? 1 : 0, id);
          else if (o.op === 'delete') db.prepare('DELETE FROM messages WHERE id = ?').run(id);
          else if (o.op === 'move')
            db.prepare("UPDATE messages SET conversation_id = CASE conversation_id WHEN 'c1' THEN 'c2' ELSE 'c1' END WHERE id = ?").run(id);
          else if (o.op === 'redate') db.prepare('UPDATE messages SET date = ? WHERE id = ?').run(o.date, id);
          else if (o.op === 'retext') db.prepare('UPDATE messages SET text_body = ? WHERE id = ?').run(o.text, id);
        }
        check();
        db.close();
      }),
      { numRuns: RUNS },
    );
  });

  it('are filled in for conversations stored before the upgrade', () => {
    const db = new Database(':memory:');
    migrate(db, 27);
    db.exec("INSERT INTO accounts (id, channel, name, address, created_at) VALUES ('a', 'email', 'Shop', 'shop@example.test', 0)");
    db.exec("INSERT INTO conversations (id, account_id, subject, created_at) VALUES ('c1', 'a', 'Order', 0)");
    const insert = db.prepare(
      "INSERT INTO messages (id, conversation_id, account_id, direction, date, text_body, is_read, auto_kind, from_name, created_at) VALUES (?, 'c1', 'a', ?, ?, ?, ?, ?, ?, 0)",
    );
    insert.run('m1', 'in', 10, 'Where is my parcel?', 0, null, 'Buyer');
    insert.run('m2', 'out', 20, 'It left on Monday.', 1, null, 'Anna');
    insert.run('m3', 'in', 30, 'Thanks, got it!', 0, null, 'Buyer');
    insert.run('m4', 'out', 40, 'How did we do?', 1, 'csat', 'Shop');
    migrate(db);
    expect(storedOf(db, 'c1')).toEqual(truthOf(db, 'c1'));
    expect(storedOf(db, 'c1')).toMatchObject({ message_count: 4, unread_count: 2, snippet: 'Thanks, got it!', first_in_at: 10, first_reply_at: 20, first_reply_by: 'Anna', returned_at: 30, survey_at: 40 });
    db.close();
  });
});
