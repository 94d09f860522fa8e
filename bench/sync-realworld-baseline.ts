// A baseline phase of bench/sync-realworld.ts, in a process of its own (its peak memory is its own):
//   fetch    (a) a bare imapflow fetch of uid, envelope, flags and source of every INBOX message;
//   parse    (b) the same, with mailparser's simpleParser on every message;
//   fetch50  a bare fetch of the newest 50.
// Prints one line of JSON: wall ms (from connecting to logging out), max RSS, messages.
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { reportPhase } from './phase-output.js';

const [host, imapPort, address, phase] = process.argv.slice(2);

async function run(): Promise<{ ms: number; maxRssMiB: number; count: number }> {
  const c = new ImapFlow({ host: host!, port: Number(imapPort), secure: false, doSTARTTLS: false, auth: { user: address!, pass: 'pw' }, logger: false });
  const t0 = performance.now();
  await c.connect();
  const lock = await c.getMailboxLock('INBOX');
  let count = 0;
  const range = phase === 'fetch50' ? `${Math.max(1, (c.mailbox ? c.mailbox.exists : 0) - 49)}:*` : '1:*';
  for await (const m of c.fetch(range, { uid: true, envelope: true, flags: true, source: true })) {
    if (phase === 'parse' && m.source) await simpleParser(m.source);
    count++;
  }
  lock.release();
  await c.logout();
  return { ms: performance.now() - t0, maxRssMiB: process.resourceUsage().maxRSS / 1024, count };
}

reportPhase(run);
