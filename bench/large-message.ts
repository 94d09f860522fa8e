// Benchmark: one message with a large attachment (BENCH_ATTACHMENT_MB, 40 by default). The app's sync streams
// attachments to disk part by part; the baseline is a bare imapflow fetch of the whole source into memory, as
// a client that parses whole messages must do. Prints time and peak memory growth (heap + buffers) for each run,
// in the same process; no pass/fail.
//   npm run bench:large           (needs root for the private mail servers)
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { startMailServers } from '../tests/harness/mail-servers.js';
import { emailAccountOn, openCore } from '../tests/support/core-fixture.js';

const MB = Number(process.env.BENCH_ATTACHMENT_MB ?? 40);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Runs fn while sampling memory; returns its time and the peak growth of heap + external buffers. */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  gc();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const start = used();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, used());
    return { ms: performance.now() - t0, peakMb: (peak - start) / 1048576, value };
  } finally {
    clearInterval(timer);
  }
}

const servers = await startMailServers();
try {
  const payload = crypto.randomBytes(MB * 1048576);
  const message = (to: string) =>
    [
      'From: "Wholesale Buyer" <buyer@example.test>', `To: ${to}`, 'Subject: Product photos for the catalogue',
      `Message-ID: <large-${to}>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain; charset=utf-8', '', 'All photos attached, see the archive.',
      '--b', 'Content-Type: application/zip; name="photos.zip"', 'Content-Disposition: attachment; filename="photos.zip"',
      'Content-Transfer-Encoding: base64', '', payload.toString('base64').replace(/.{76}/g, '$&\r\n'), '--b--', '',
    ].join('\r\n');
  const users = ['large-app@example.test', 'large-lazy@example.test', 'large-base@example.test'];
  for (const u of users) {
    await servers.addUser(u, 'pw');
    await servers.deliver(u, message(u));
  }
  const account = (u: string) => emailAccountOn(servers, u);
  const rows: Array<[string, { ms: number; peakMb: number }]> = [];

  // The app, downloading the attachment during sync (limit above its size).
  const f = openCore();
  try {
    await f.call('settings.set', { attachmentDownloadLimitMb: MB * 2 });
    await f.call('accounts.addEmail', account(users[0]!));
    const run = await measure(() => f.core.syncOnce());
    rows.push(['app sync, attachment streamed to disk', run]);
    const [c] = await f.call('conversations.list', {});
    const a = (await f.call('conversations.get', { id: c!.id })).messages[0]!.attachments[0]!;
    const file = await f.call('attachments.open', { id: a.id });
    if (!fs.readFileSync(file.path).equals(payload)) throw new Error('the stored attachment differs from the one sent');
  } finally {
    await f.close();
  }

  // The app with the default limit: the attachment stays on the server until opened.
  const g = openCore();
  try {
    await g.call('accounts.addEmail', account(users[1]!));
    rows.push(['app sync, attachment left on server', await measure(() => g.core.syncOnce())]);
    const [c] = await g.call('conversations.list', {});
    const a = (await g.call('conversations.get', { id: c!.id })).messages[0]!.attachments[0]!;
    rows.push(['  … then opening it (download)', await measure(() => g.call('attachments.download', { id: a.id }))]);
  } finally {
    await g.close();
  }

  // Baseline: the whole source fetched into memory.
  const base = await measure(async () => {
    const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, doSTARTTLS: false, auth: { user: users[2]!, pass: 'pw' }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    let bytes = 0;
    for await (const m of client.fetch('1:*', { uid: true, source: true })) bytes += m.source?.length ?? 0;
    lock.release();
    await client.logout();
    return bytes;
  });
  rows.push(['bare imapflow fetch of the source', base]);

  console.log(`\nOne message with a ${MB} MiB attachment (${(base.value / 1048576).toFixed(1)} MiB on the server)`);
  console.log('| run                                     | seconds | peak memory growth (MiB) | memory vs baseline |');
  console.log('|-----------------------------------------|---------|--------------------------|--------------------|');
  for (const [name, r] of rows) {
    console.log(`| ${name.padEnd(39)} | ${(r.ms / 1000).toFixed(2).padStart(7)} | ${r.peakMb.toFixed(1).padStart(24)} | ${(r.peakMb / base.peakMb).toFixed(2).padStart(18)} |`);
  }
} finally {
  await servers.stop();
}
