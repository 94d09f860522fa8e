// Trial (not part of `npm test`: it takes minutes): a first sync of a 150,000-message INBOX through the command
// line, killed (SIGKILL) part-way and started again. It must complete, store every message once, and hold its
// peak memory flat in the mailbox's size, and every raw source it reads back must be that message's own (the kill
// may lose the sources of the batch it interrupted, never mix them up). Prints what it saw; exits 1 if a message
// is missing or doubled, or a source is another message's.
//   npm run trial:big-mailbox      (BIG_MAILBOX_MESSAGES=150000; needs root for the private mail servers)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { startMailServers } from '../tests/harness/mail-servers.js';
import { NODE_HOST_FLAGS } from '../scripts/host-flags.mjs';
import { RawSources } from '../electron/core/conversations/raw-sources.js';
import { rawSourceQueries } from '../electron/core/db/queries/raw-sources.js';

const N = Number(process.env.BIG_MAILBOX_MESSAGES ?? 150_000);
const ROOT = path.resolve(import.meta.dirname, '..');
const servers = await startMailServers();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'big-mailbox-'));
try {
  const address = 'big@example.test';
  await servers.addUser(address, 'pw');
  const maildir = path.join(servers.dir, 'mail', address, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
  const t0 = performance.now();
  const base = Date.UTC(2015, 0, 1);
  for (let i = 0; i < N; i++) {
    const date = new Date(base + i * 30 * 60_000);
    const raw = `From: "Buyer ${i % 5000}" <buyer${i % 5000}@example.test>\r\nTo: ${address}\r\nSubject: Order ${Math.floor(i / 3)}\r\nMessage-ID: <big-${i}@example.test>\r\nDate: ${date.toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWhere is my order ${Math.floor(i / 3)}? Message ${i}.\r\n`;
    fs.writeFileSync(path.join(maildir, 'cur', `${Math.floor(date.getTime() / 1000)}.M${i}P1.big,S=${raw.length}:2,S`), raw);
  }
  spawnSync('chown', ['-R', 'mail:mail', path.join(servers.dir, 'mail', address)]);
  await servers.doveadm('index', '-u', address, 'INBOX');
  console.log(`${N} messages written and indexed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const cli = (args: string[]) =>
    spawnSync('npm', ['run', '-s', 'cli', '--', '--profile', profile, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BIG_PW: 'pw' } });
  const added = cli(['account', 'add', '--email', address, '--imap-host', '127.0.0.1', '--imap-port', String(servers.imapPort), '--smtp-host', '127.0.0.1', '--smtp-port', String(servers.smtpPort), '--tls', 'off', '--user', address, '--password-env', 'BIG_PW']);
  if (added.status !== 0) throw new Error(added.stderr);

  const stored = () => {
    try {
      const db = new Database(path.join(profile, 'inbox.db'), { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      } finally {
        db.close();
      }
    } catch {
      return 0;
    }
  };
  /** One `sync --once` under /usr/bin/time (for its peak memory), optionally killed once `killAt` messages are stored. */
  const sync = (killAt: number | null) =>
    new Promise<{ ms: number; maxRssMiB: number | null; killed: boolean }>((resolve) => {
      let killed = false;
      const s0 = performance.now();
      const child = spawn('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ...NODE_HOST_FLAGS, 'scripts/cli.mjs', '--profile', profile, 'sync', '--once'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const watch = killAt === null ? null : setInterval(() => {
        if (!killed && stored() >= killAt) {
          killed = true;
          // The app itself, not /usr/bin/time: as a crash or a closed laptop lid would.
          spawnSync('pkill', ['-KILL', '-P', String(child.pid)]);
        }
      }, 250);
      child.on('exit', (code) => {
        if (watch) clearInterval(watch);
        if (!killed && code !== 0) console.error(`sync --once exited with ${code}:\n${err.split('\n').filter((l) => !l.startsWith('{')).join('\n')}`);
        const rss = /maxrss=(\d+)/.exec(err)?.[1];
        resolve({ ms: performance.now() - s0, maxRssMiB: rss ? Number(rss) / 1024 : null, killed });
      });
    });

  const first = await sync(Math.floor(N / 5));
  console.log(`first sync ${first.killed ? 'killed' : 'NOT killed'} after ${(first.ms / 1000).toFixed(0)} s with ${stored()} messages stored (peak RSS ${first.maxRssMiB?.toFixed(0) ?? '?'} MiB)`);
  if (!first.killed) process.exitCode = 1;
  const second = await sync(null);
  const db = new Database(path.join(profile, 'inbox.db'), { readonly: true });
  const total = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  const distinct = (db.prepare('SELECT count(DISTINCT message_id_header) AS n FROM messages').get() as { n: number }).n;
  const conversations = (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
  const sources = new RawSources(path.join(profile, 'raw'), rawSourceQueries(db));
  let readable = 0;
  let mixedUp = 0;
  for (const m of db.prepare('SELECT id, message_id_header AS header FROM messages').iterate() as Iterable<{ id: string; header: string }>) {
    const raw = sources.read(m.id);
    if (!raw) continue;
    readable += 1;
    if (!raw.includes(`Message-ID: <${m.header.replace(/^<|>$/g, '')}>`)) mixedUp += 1;
  }
  db.close();
  console.log(`raw sources: ${readable} of ${total} read back, ${mixedUp} of them another message's`);
  if (mixedUp > 0) process.exitCode = 1;
  console.log(`resumed and finished in ${(second.ms / 1000).toFixed(0)} s (peak RSS ${second.maxRssMiB?.toFixed(0) ?? '?'} MiB): ${total} messages (${distinct} distinct) in ${conversations} conversations`);
  if (total !== N || distinct !== N) {
    console.error(`expected ${N} messages stored once each`);
    process.exitCode = 1;
  }
} finally {
  await servers.stop();
  fs.rmSync(profile, { recursive: true, force: true });
}
