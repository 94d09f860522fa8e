// The app's phase of bench/sync-realworld.ts, in a process of its own: a new profile, the account added, one
// full sync (`syncOnce`: fetch, parse, thread, detect language, store, index). Watched while it runs: when the
// newest 50 INBOX conversations are in the database (listed from their headers) and when their messages are read
// in full, how busy the main thread is, its JS heap's peak. The process
// is set up as the app's are (limitHeapGrowth).
// Prints one line of JSON.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { openCore } from '../tests/support/core-fixture.js';
import { mailParser } from '../electron/core/channels/email/mail-parse-pool.js';
import { limitHeapGrowth } from '../electron/core/heap-growth.js';
import { reportPhase } from './phase-output.js';

const [host, imapPort, smtpPort, address] = process.argv.slice(2);

async function run() {
  limitHeapGrowth(); // as every process hosting the core does
  const f = openCore();
  try {
    await f.call('accounts.addEmail', {
      email: address!,
      imap: { host: host!, port: Number(imapPort), tls: 'off' },
      smtp: { host: host!, port: Number(smtpPort), tls: 'off' },
      user: address!,
      signIn: { kind: 'password', password: 'pw' },
    });
    const count = f.core.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM conversations WHERE mailbox = 'inbox' AND last_message_at > 0");
    const pending = f.core.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages WHERE body_pending = 1');
    let firstMs: number | undefined;
    let firstReadMs: number | undefined;
    let peakHeap = 0;
    const busy0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    // Runs whenever the main thread is free: the first time it sees 50 conversations is when they were stored.
    // (Kept cheap: it runs on the thread it measures.)
    const watch = setInterval(() => {
      if (firstMs === undefined && count.get()!.n >= 50) firstMs = performance.now() - t0;
      if (firstMs !== undefined && firstReadMs === undefined && pending.get()!.n === 0) firstReadMs = performance.now() - t0;
      peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size);
    }, 10);
    await f.core.syncOnce();
    const ms = performance.now() - t0;
    clearInterval(watch);
    const busy = performance.eventLoopUtilization(busy0);
    const stored = f.core.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get()!.n;
    return {
      ms,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      count: stored,
      firstMs: firstMs ?? ms,
      firstReadMs: firstReadMs ?? ms,
      parsed: { worker: mailParser.counts.worker, here: mailParser.counts.here },
      mainBusyMs: busy.active,
      peakHeapMiB: peakHeap / 1048576,
    };
  } finally {
    await f.close();
    fs.rmSync(f.profileDir, { recursive: true, force: true });
  }
}

reportPhase(run);
