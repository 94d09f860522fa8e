// Benchmark: the reports over a large profile. Builds N conversations (four messages each: the customer, the
// agent's reply, the customer again, a second reply; a third closed, a tenth rated, in eight languages) over a
// year, through the app's migrations with plain SQL inserts, then times each report query and the whole report
// for the last 30 days and for the whole year: p50 and p95 of 7 runs, and their ratio to a bare SQLite read of
// the same range's message dates (the baseline, in the same process), and the longest the report keeps the
// event loop waiting (it yields between weeks). Prints figures; no pass/fail.
//   BENCH_CONVERSATIONS=250000 npm run bench:reports      (1M messages; the default is 25,000: 100k messages)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/core/db/connection.js';
import { createStore } from '../electron/core/db/store.js';
import { buildReport } from '../electron/core/reports/report.js';
import { instantOf } from '../shared/domain/business-hours.js';

const N = Number(process.env.BENCH_CONVERSATIONS ?? 25_000);
const LANGS = ['en', 'es', 'de', 'zh', 'ja', 'pt', 'fr', 'ru'];
const TEXTS: Record<string, string> = {
  en: 'Hello, where is my order? The tracking has not moved for a week and I am getting worried.',
  es: 'Hola, el paquete llegó roto. ¿Me pueden enviar otro o hacer un reembolso?',
  de: 'Guten Tag, muss ich für die Sendung Zoll bezahlen? Die Post verlangt eine Gebühr.',
  zh: '你好，衣服的尺码太小了，可以换货吗？谢谢。',
  ja: '商品が届きましたが、サイズが合いませんでした。交換できますか？',
  pt: 'Olá, os Correios cobraram taxa de importação. Vocês podem me ajudar?',
  fr: 'Bonjour, ma commande n’est toujours pas arrivée. Pouvez-vous vérifier le suivi ?',
  ru: 'Здравствуйте, посылка пришла разбитой. Что делать?',
};
const TZ = 'Asia/Shanghai';
const YEAR_START = Date.UTC(2026, 0, 1);
const SPAN = 360 * 24 * 3_600_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-report-bench-'));
try {
  const db = openDatabase(path.join(dir, 'inbox.db'));
  const store = createStore(db);
  store.accounts.insert({ id: 'shop', channel: 'email', name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: 0 });
  store.autoReplies.setHours('shop', { timeZone: TZ, days: [[], ...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), []], holidays: [] });
  const t0 = performance.now();
  const contact = db.prepare('INSERT INTO contacts (id, account_id, address, name) VALUES (?, ?, ?, ?)');
  const conversation = db.prepare(
    `INSERT INTO conversations (id, account_id, subject, created_at, last_message_at, contact_id, language, status, closed_at, csat_score, csat_at, mailbox)
     VALUES (?, 'shop', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'inbox')`,
  );
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, account_id, direction, message_id_header, references_json, from_name, from_address, reply_to_json,
       to_json, cc_json, subject, date, text_body, from_html, is_read, created_at)
     VALUES (?, ?, 'shop', ?, ?, '[]', '', ?, '[]', '[]', '[]', ?, ?, ?, 0, 1, ?)`,
  );
  const BATCH = 10_000;
  for (let b = 0; b < N; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < Math.min(N, b + BATCH); i++) {
        const lang = LANGS[i % LANGS.length]!;
        const t = YEAR_START + Math.floor((i / N) * SPAN);
        const closed = i % 3 === 0;
        const address = `buyer${i}@example.test`;
        contact.run(`ct${i}`, 'shop', address, `Buyer ${i}`);
        conversation.run(`c${i}`, `Question ${i}`, t, t + 3 * 3_600_000, `ct${i}`, lang, closed ? 'closed' : 'open', closed ? t + 4 * 3_600_000 : null, i % 10 === 0 ? (i % 5) + 1 : null, i % 10 === 0 ? t + 5 * 3_600_000 : null);
        const times = [t, t + ((i % 7) + 1) * 600_000, t + 2 * 3_600_000, t + 3 * 3_600_000];
        times.forEach((at, k) => {
          const inbound = k % 2 === 0;
          message.run(`m${i}-${k}`, `c${i}`, inbound ? 'in' : 'out', `m${i}-${k}@bench`, inbound ? address : 'shop@example.test', `Question ${i}`, at, inbound ? TEXTS[lang]! : 'Thank you, we are on it.', at);
        });
      }
    })();
  }
  db.pragma('optimize');
  console.log(`Profile: ${N.toLocaleString('en')} conversations, ${(4 * N).toLocaleString('en')} messages, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const time = async (fn: () => unknown, runs = 7) => {
    const ms: number[] = [];
    for (let r = 0; r < runs; r++) {
      const s = performance.now();
      await fn();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(runs / 2)]!, p95: ms[Math.min(runs - 1, Math.ceil(0.95 * runs) - 1)]! };
  };
  const baselineStmt = db.prepare<[number, number], { date: number }>("SELECT date FROM messages WHERE direction = 'in' AND date >= ? AND date < ?");
  for (const [label, from, to] of [
    ['last 30 days', '2026-11-27', '2026-12-26'],
    ['whole year', '2026-01-01', '2026-12-31'],
  ] as const) {
    const f = { from: instantOf(from, 0, TZ), to: instantOf(to, 24 * 60, TZ), account: null, channel: null, marketplace: null, language: null, agent: null };
    const baseline = await time(() => baselineStmt.all(f.from, f.to));
    console.log(`\n${label} (${from} – ${to}); baseline, a bare read of the range's customer message dates: p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms`);
    const rows: Array<[string, () => unknown]> = [
      ['volume (SQL)', () => store.reports.volume(f)],
      ['conversations begun (SQL)', () => store.reports.conversations(f)],
      ['satisfaction (SQL)', () => store.reports.csat(f)],
      ['automatic messages (SQL)', () => store.reports.automatic(f)],
      ['newest 2,000 texts (SQL)', () => store.reports.texts(f, 2000)],
      ['whole report (with words, topics, tone)', () => buildReport(store, { from, to, timeZone: TZ })],
    ];
    for (const [name, fn] of rows) {
      const r = await time(fn);
      console.log(`  ${name.padEnd(42)} p50 ${r.p50.toFixed(1).padStart(8)} ms  p95 ${r.p95.toFixed(1).padStart(8)} ms  (${(r.p50 / Math.max(0.01, baseline.p50)).toFixed(1)}× baseline)`);
    }
    // How long the report keeps the event loop (the sync, the outbox, every other call) waiting at most.
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 0);
    await buildReport(store, { from, to, timeZone: TZ });
    clearInterval(ticker);
    console.log(`  ${'longest wait of the event loop in a report'.padEnd(42)} ${longest.toFixed(1).padStart(12)} ms`);
  }
  db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
