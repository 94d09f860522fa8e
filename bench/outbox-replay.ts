// Benchmark: N replies queued while the SMTP server is down, then the time until every one is delivered into
// the customers' mailboxes (count checked), against a bare nodemailer run sending the same number of messages
// with the same parallelism to the same servers, in the same process. Prints a table; asserts nothing on time.
//   npm run bench            (BENCH_REPLIES=1000 by default; needs root for the private mail servers)
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { eventually, startMailServers } from '../tests/harness/mail-servers.js';
import { emailAccountOn, openCore } from '../tests/support/core-fixture.js';
import { rfc822 } from '../tests/support/mailbox.js';
import { defaultRunnerOptions } from '../electron/core/outbox/runner.js';

const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
const CONVERSATIONS = 50;

const servers = await startMailServers();
const f = openCore();
try {
  await servers.addUser('bench-shop@example.test', 'pw');
  await servers.addUser('bench-buyer@example.test', 'pw');
  await servers.addUser('bench-baseline@example.test', 'pw');
  const count = async (user: string) => {
    const out = await servers.doveadm('mailbox', 'status', '-u', user, 'messages', 'INBOX');
    return Number(/messages=(\d+)/.exec(out)?.[1] ?? 0);
  };

  await f.call('accounts.addEmail', emailAccountOn(servers, 'bench-shop@example.test'));
  for (let i = 0; i < CONVERSATIONS; i++) {
    await servers.deliver('bench-shop@example.test', rfc822({ From: 'bench-buyer@example.test', To: 'bench-shop@example.test', Subject: `Order ${i}`, 'Message-ID': `<bench-${i}@buyer.example.test>` }, `Question ${i}`));
  }
  await f.core.syncOnce();
  const conversations = await f.call('conversations.list', {});

  // Offline: queue every reply while Postfix is down.
  await servers.stopPostfix();
  const q0 = performance.now();
  for (let i = 0; i < REPLIES; i++) {
    await f.call('messages.reply', { conversationId: conversations[i % conversations.length]!.id, text: `Reply ${i}: your parcel left today.` });
  }
  const queueMs = performance.now() - q0;
  await servers.startPostfix();
  await servers.waitUntilHealthy();

  // Back online: replay until every reply is in the customer's mailbox.
  const t0 = performance.now();
  const drained = f.core.syncOnce();
  await eventually(async () => (await count('bench-buyer@example.test')) >= REPLIES, `${REPLIES} replies delivered`, 600_000);
  const appMs = performance.now() - t0;
  await drained;
  const drainMs = performance.now() - t0;
  const delivered = await count('bench-buyer@example.test');
  const waiting = (await f.call('outbox.list', {})).length;

  // Baseline: the same number of messages straight through nodemailer, with the app's parallelism per account.
  const parallel = defaultRunnerOptions.perAccountConcurrency;
  const b0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < REPLIES) {
        const i = next++;
        const t = nodemailer.createTransport({ host: '127.0.0.1', port: servers.smtpPort, ignoreTLS: true, auth: { user: 'bench-shop@example.test', pass: 'pw' } });
        await t.sendMail({ from: 'bench-shop@example.test', to: 'bench-baseline@example.test', subject: `Re: Order ${i}`, text: `Reply ${i}: your parcel left today.` });
        t.close();
      }
    }),
  );
  await eventually(async () => (await count('bench-baseline@example.test')) >= REPLIES, 'baseline delivered', 600_000);
  const baseMs = performance.now() - b0;

  const row = (name: string, ms: number) =>
    `| ${name.padEnd(38)} | ${String(REPLIES).padStart(8)} | ${(ms / 1000).toFixed(2).padStart(8)} | ${(REPLIES / (ms / 1000)).toFixed(1).padStart(9)} | ${(ms / baseMs).toFixed(2).padStart(5)} |`;
  console.log(`\nOutbox replay: ${REPLIES} replies over ${CONVERSATIONS} conversations, ${parallel} at a time, queued offline in ${(queueMs / 1000).toFixed(2)} s (${(queueMs / REPLIES).toFixed(2)} ms each)`);
  console.log('| run                                    | messages |  seconds |     msg/s | ratio |');
  console.log('|----------------------------------------|----------|----------|-----------|-------|');
  console.log(row('bare nodemailer (baseline)', baseMs));
  console.log(row('app outbox: until all delivered', appMs));
  console.log(row('app outbox: incl. copies to Sent', drainMs));
  console.log(`delivered ${delivered} of ${REPLIES}; still in outbox: ${waiting}`);
  if (delivered !== REPLIES || waiting !== 0) process.exitCode = 1;
} finally {
  await f.close();
  await servers.stop();
}
