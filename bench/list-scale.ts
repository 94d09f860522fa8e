// Benchmark: every conversation list, view and search over a large profile, as the core runs them. Builds N
// conversations (default 100,000; BENCH_CONVERSATIONS=1000000 for a million) through the app's migrations with
// plain SQL inserts — the triggers keep each conversation's summary as ingest would — in two accounts, eight
// languages, with replies, unread, urgent, tagged, archived, trashed and snoozed ones, a large and a small
// folder, and the full-text index, then gathers SQLite's statistics (PRAGMA optimize: the plans must hold with
// them as without). Then times each query (p50 and p95 of 25 runs after warm-up) against a bare
// SQLite read of the newest 50 conversation ids (the baseline, in the same process). Prints figures; no pass/fail.
//   BENCH_CONVERSATIONS=1000000 npm run bench:lists
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/core/db/connection.js';
import { createStore } from '../electron/core/db/store.js';
import { countConversations, searchConversations } from '../electron/core/search/search.js';
import { segmentForIndex } from '../electron/core/search/segment.js';
import { CUSTOMER_TEXTS } from './sample-messages.js';

const N = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const RUNS = 25;
const LANGS = ['es', 'de', 'zh', 'ja', 'en', 'pt', 'fr', 'ko'];
const SEGMENTED = CUSTOMER_TEXTS.map(segmentForIndex);
const START = Date.UTC(2024, 0, 1);
const NOW = START + N * 60_000 + 3_600_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-list-bench-'));
try {
  const db = openDatabase(path.join(dir, 'inbox.db'));
  const store = createStore(db);
  for (const id of ['shop-a', 'shop-b']) store.accounts.insert({ id, channel: 'email', name: id, address: `${id}@example.test`, settings: {}, createdAt: 0 });
  const t0 = performance.now();
  const contact = db.prepare('INSERT INTO contacts (id, account_id, address, name) VALUES (?, ?, ?, ?)');
  const conversation = db.prepare(
    `INSERT INTO conversations (id, account_id, subject, subject_key, created_at, last_message_at, contact_id, language, mailbox, snoozed_until, urgency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, account_id, direction, message_id_header, from_name, from_address, subject, date, text_body, is_read, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
  );
  const indexed = db.prepare('INSERT INTO message_search (rowid, body, subject, sender) VALUES (?, ?, ?, ?)');
  const location = db.prepare('INSERT INTO message_locations (message_id, account_id, folder, uid) VALUES (?, ?, ?, ?)');
  const tag = db.prepare('INSERT INTO conversation_tags (conversation_id, tag) VALUES (?, ?)');
  const BATCH = 10_000;
  for (let b = 0; b < N; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < Math.min(N, b + BATCH); i++) {
        const account = i % 4 === 0 ? 'shop-b' : 'shop-a';
        const at = START + i * 60_000;
        const address = `buyer${i}@example.test`;
        const subject = `Order question #${i}`;
        const mailbox = i % 20 === 0 ? 'archive' : i % 20 === 1 ? 'trash' : 'inbox';
        contact.run(`ct${i}`, account, address, `Buyer ${i}`);
        conversation.run(`c${i}`, account, subject, subject.toLowerCase(), at, at + (i % 2 === 0 ? 600_000 : 0), `ct${i}`, LANGS[i % 8], mailbox,
          i % 97 === 0 ? NOW + 86_400_000 : null, i % 20 === 5 ? 'urgent' : i % 20 === 6 ? 'low' : 'normal');
        const text = `${CUSTOMER_TEXTS[i % 8]} (order 302-${1_000_000 + i})`;
        const { rowid } = message.get(`m${i}`, `c${i}`, account, 'in', `<m${i}@buyer.example.test>`, `Buyer ${i}`, address, subject, at, text, i % 3 === 0 ? 0 : 1, at) as { rowid: number };
        indexed.run(rowid, `${SEGMENTED[i % 8]} (order 302-${1_000_000 + i})`, subject, `Buyer ${i} ${address}`);
        location.run(`m${i}`, account, i % 100 === 0 ? 'Projects' : 'INBOX', i + 1);
        if (i % 2 === 0) {
          const reply = message.get(`r${i}`, `c${i}`, account, 'out', `<r${i}@shop.example.test>`, 'Shop', `${account}@example.test`, `Re: ${subject}`, at + 600_000, 'Thank you, we are looking into it.', 1, at) as { rowid: number };
          indexed.run(reply.rowid, 'Thank you, we are looking into it.', `Re: ${subject}`, `Shop ${account}@example.test`);
        }
        if (i % 50 === 0) tag.run(`c${i}`, 'vip');
      }
    })();
  }
  db.pragma('optimize');
  const messages = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  console.log(`Profile: ${N.toLocaleString('en')} conversations, ${messages.toLocaleString('en')} messages, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const time = (fn: () => unknown) => {
    for (let r = 0; r < 3; r++) fn();
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const s = performance.now();
      fn();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(RUNS / 2)]!, p95: ms[Math.ceil(0.95 * RUNS) - 1]! };
  };
  const bare = db.prepare('SELECT id FROM conversations ORDER BY last_message_at DESC LIMIT 50');
  const baseline = time(() => bare.all());
  console.log(`baseline, a bare read of the newest 50 conversation ids: p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms\n`);
  const middle = store.conversations.list({ limit: 1, now: NOW, before: START + (N / 2) * 60_000 })[0]!;
  const list = (o: Parameters<typeof store.conversations.list>[0]) => () => store.conversations.list(o);
  const rows: Array<[string, () => unknown]> = [
    ['inbox, first page (50)', list({ limit: 50, now: NOW })],
    ['inbox, a page halfway down', list({ limit: 50, now: NOW, before: middle.lastMessageAt, beforeId: middle.id })],
    ["one account's inbox, first page", list({ limit: 50, now: NOW, accountId: 'shop-b' })],
    ['archive, first page', list({ limit: 50, now: NOW, mailbox: 'archive' })],
    ['trash, first page', list({ limit: 50, now: NOW, mailbox: 'trash' })],
    ['a large folder (INBOX), first page', list({ limit: 50, now: NOW, accountId: 'shop-a', folder: 'INBOX' })],
    ['a small folder (1 %), first page', list({ limit: 50, now: NOW, accountId: 'shop-a', folder: 'Projects' })],
    ['view Unread (is:unread), first page', () => searchConversations(store, 'is:unread', 50, NOW)],
    ['view Needs reply (is:unanswered)', () => searchConversations(store, 'is:unanswered', 50, NOW)],
    ['view Urgent (is:urgent is:unanswered)', () => searchConversations(store, 'is:urgent is:unanswered', 50, NOW)],
    ['view tag:vip', () => searchConversations(store, 'tag:vip', 50, NOW)],
    ['view lang:de', () => searchConversations(store, 'lang:de', 50, NOW)],
    ['count for a view badge (is:unanswered, to 500)', () => countConversations(store, 'is:unanswered', 500, NOW)],
    ['search an order number', () => searchConversations(store, `302-${1_000_000 + Math.floor(N / 3)}`, 50, NOW)],
    ['search a buyer (from:)', () => searchConversations(store, `from:buyer${Math.floor(N / 7)}@example.test`, 50, NOW)],
    ['search a word in 1 of 8 messages (Kissenbezug)', () => searchConversations(store, 'Kissenbezug', 50, NOW)],
    ['search a Chinese word (陶瓷)', () => searchConversations(store, '陶瓷', 50, NOW)],
    ['search a common word (order, in every message)', () => searchConversations(store, 'order', 50, NOW)],
    // What the first search for a beginning pays on top (kept until mail containing it is indexed).
    ["  + listing the index's words beginning 'order'", () => db.prepare("SELECT term FROM message_search_terms WHERE term >= 'order' AND term < 'order\u{10FFFF}' LIMIT 33").all()],
  ];
  for (const [name, fn] of rows) {
    const r = time(fn);
    console.log(`  ${name.padEnd(48)} p50 ${r.p50.toFixed(2).padStart(9)} ms  p95 ${r.p95.toFixed(2).padStart(9)} ms  (${(r.p50 / Math.max(0.001, baseline.p50)).toFixed(1)}× baseline)`);
  }
  db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
