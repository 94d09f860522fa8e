// Benchmark: the app's full initial sync of N messages (fetch, MIME parse, threading, SQLite) against a bare
// imapflow fetch of the same messages from the same Dovecot, in the same process. Prints a table; no pass/fail.
//   npm run bench:sync            (BENCH_MESSAGES=2000 by default; needs root for the private mail servers)
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { startMailServers } from '../tests/harness/mail-servers.js';
import { emailAccountOn, openCore } from '../tests/support/core-fixture.js';
import { rfc822 } from '../tests/support/mailbox.js';

const N = Number(process.env.BENCH_MESSAGES ?? 2000);
const servers = await startMailServers();
try {
  const user = 'sync-bench@example.test';
  await servers.addUser(user, 'pw');
  const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: servers.lmtpPort, lmtp: true } as nodemailer.TransportOptions);
  const subjects = ['Pedido atrasado', 'Rücksendung', '关于发货', '名入れについて', 'Wholesale pricing', 'Taxa de importação'];
  const bodies = [
    'Hola, compré la lámpara de ratán hace tres semanas y el seguimiento dice "en aduana" desde el día 12. ¿Pueden ayudarme? Es un regalo.',
    'Guten Tag, ich habe den Kissenbezug in Salbeigrün bestellt, aber einen grauen erhalten. Wie kann ich ihn zurücksenden? Mit freundlichen Grüßen',
    '您好，我想订购十个陶瓷杯作为公司礼品。请问发货到上海大概需要多长时间？可以开发票吗？',
    'こんにちは。木製のキーホルダーに名前を刻印していただくことは可能でしょうか？追加料金はいくらですか？',
    "Hi there! I run a small gift shop in Portland and I'd love to stock your soy candles. Do you offer wholesale pricing for 200 units?",
    'Olá, os Correios estão cobrando R$ 87,40 de imposto de importação para liberar o meu pedido. O anúncio dizia "impostos inclusos".',
  ];
  for (let i = 0; i < N; i++) {
    // One in three messages answers an earlier one, so threading has work to do.
    const parent = i % 3 === 2 ? `<bench-${i - 1}@buyer.example.test>` : undefined;
    await lmtp.sendMail({
      envelope: { from: `buyer${i % 97}@example.test`, to: [user] },
      raw: rfc822(
        {
          From: `"Buyer ${i % 97}" <buyer${i % 97}@example.test>`,
          To: user,
          Subject: `=?UTF-8?B?${Buffer.from(`${parent ? 'Re: ' : ''}${subjects[i % subjects.length]} #${Math.floor(i / 3)}`).toString('base64')}?=`,
          'Message-ID': `<bench-${i}@buyer.example.test>`,
          ...(parent ? { 'In-Reply-To': parent, References: parent } : {}),
          Date: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toUTCString(),
          'Content-Type': 'text/plain; charset=utf-8',
        },
        `${bodies[i % bodies.length]}\n\n(message ${i})`,
      ),
    });
  }
  lmtp.close();

  // Baseline: fetch every message's full source with imapflow, nothing else.
  const b0 = performance.now();
  const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, doSTARTTLS: false, auth: { user, pass: 'pw' }, logger: false });
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  let bytes = 0;
  let fetched = 0;
  for await (const m of client.fetch('1:*', { uid: true, flags: true, source: true, internalDate: true })) {
    bytes += m.source?.length ?? 0;
    fetched++;
  }
  lock.release();
  await client.logout();
  const baseMs = performance.now() - b0;

  // The app: add the account and run a full sync into a fresh profile.
  const f = openCore();
  try {
    await f.call('accounts.addEmail', emailAccountOn(servers, user));
    const a0 = performance.now();
    await f.core.syncOnce();
    const appMs = performance.now() - a0;
    const conversations = await f.call('conversations.list', { limit: 5000 });
    const stored = conversations.reduce((s, c) => s + c.messageCount, 0);

    const row = (name: string, ms: number) =>
      `| ${name.padEnd(34)} | ${String(N).padStart(8)} | ${(ms / 1000).toFixed(2).padStart(8)} | ${(N / (ms / 1000)).toFixed(0).padStart(8)} | ${(ms / baseMs).toFixed(2).padStart(5)} |`;
    console.log(`\nInitial sync: ${N} messages (${(bytes / 1024 / 1024).toFixed(1)} MiB) in INBOX`);
    console.log('| run                                | messages |  seconds |  msg/s   | ratio |');
    console.log('|------------------------------------|----------|----------|----------|-------|');
    console.log(row('bare imapflow fetch (baseline)', baseMs));
    console.log(row('app full sync (parse, thread, store)', appMs));
    console.log(`baseline fetched ${fetched}; app stored ${stored} messages in ${conversations.length} conversations`);
    if (fetched !== N || stored !== N) process.exitCode = 1;
  } finally {
    await f.close();
  }
} finally {
  await servers.stop();
}
