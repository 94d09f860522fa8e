// Offline work under faults, against real Dovecot and Postfix: servers stopped and started while replies and
// read-state changes wait, and the core killed with SIGKILL at random points of replay. Every reply must
// arrive, never under two Message-IDs, resent only from the acknowledgement window, with local state agreeing.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startMailServers, type MailServers } from '../harness/mail-servers.js';
import { openCore } from '../support/core-fixture.js';
import { readMailbox, rfc822, searchFolder, withImap } from '../support/mailbox.js';
import { runReplayChild } from './run-replay-child.js';

let servers: MailServers;
let n = 0;
const TRIALS = Number(process.env.FAULT_TRIALS ?? 30);
/** Each trial starts the core twice in a child process: about 5 s on a loaded 2-core machine, 20 s allowed. */
const TRIAL_BUDGET_MS = 20_000;

beforeAll(async () => {
  servers = await startMailServers();
});
afterAll(async () => {
  await servers?.stop();
});

async function mailboxes() {
  n += 1;
  const seller = `f-shop${n}@example.test`;
  const buyer = `f-buyer${n}@example.test`;
  await servers.addUser(seller, 'shop-pw');
  await servers.addUser(buyer, 'buyer-pw');
  return { seller, buyer };
}

const account = (email: string) => ({
  email,
  displayName: 'Fault Shop',
  imap: { host: '127.0.0.1', port: servers.imapPort, tls: 'off' as const },
  smtp: { host: '127.0.0.1', port: servers.smtpPort, tls: 'off' as const },
  user: email,
  signIn: { kind: 'password' as const, password: 'shop-pw' },
});

async function seedConversation(seller: string, buyer: string, tag: string) {
  await servers.deliver(seller, rfc822({
    From: `"Buyer ${tag}" <${buyer}>`, To: seller, Subject: `Order ${tag}`, 'Message-ID': `<${tag}@buyer.example.test>`,
    'Content-Type': 'text/plain; charset=utf-8',
  }, `Where is order ${tag}?`));
}

/** Message-ID → how many copies the buyer's mailbox holds. */
async function deliveries(buyer: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of await readMailbox(servers.imapPort, buyer, 'buyer-pw')) counts.set(m.messageId!, (counts.get(m.messageId!) ?? 0) + 1);
  return counts;
}

describe('SMTP server down while replying', () => {
  it('keeps replies queued with the reason and delivers each exactly once when Postfix returns', async () => {
    const { seller, buyer } = await mailboxes();
    await seedConversation(seller, buyer, 'p1');
    await seedConversation(seller, buyer, 'p2');
    const f = openCore(undefined, { baseDelayMs: 50, maxDelayMs: 200 });
    let restorePostfix = false;
    try {
      const acc = await f.call('accounts.addEmail', account(seller));
      f.core.start();
      await eventually(() => f.core.statusOf(acc.id).state === 'online', 'the account online');
      await eventually(async () => (await f.call('conversations.list', {})).length === 2, 'both conversations');
      const [c1, c2] = await f.call('conversations.list', {});

      await servers.stopPostfix();
      restorePostfix = true;
      const replies = [
        await f.call('messages.reply', { conversationId: c1!.id, text: 'First answer' }),
        await f.call('messages.reply', { conversationId: c1!.id, text: 'Second answer' }),
        await f.call('messages.reply', { conversationId: c2!.id, text: 'Other answer' }),
      ];
      // The runner tries, fails to connect, and keeps every reply queued with the reason.
      await eventually(async () => {
        const ops = await f.call('outbox.list', {});
        return ops.length === 3 && ops.every((o) => o.status === 'pending') && ops.some((o) => o.attempts >= 2) ? ops : undefined;
      }, 'failed attempts while Postfix is down');
      const thread = await f.call('conversations.get', { id: c1!.id });
      const queued = thread.messages.filter((m) => m.direction === 'out');
      expect(queued.map((m) => m.sendState)).toEqual(['queued', 'queued']);
      expect(queued[0]!.sendError).toMatch(/SMTP 127\.0\.0\.1:\d+ cannot be reached/);

      await servers.startPostfix();
      restorePostfix = false;
      f.core.syncNow();
      const got = await eventually(async () => {
        const d = await deliveries(buyer);
        return d.size === 3 ? d : undefined;
      }, 'all three replies delivered');
      expect([...got.values()]).toEqual([1, 1, 1]);
      await eventually(async () => (await f.call('outbox.list', {})).length === 0, 'an empty outbox');
      for (const r of replies) expect(f.core.store.messages.get(r.messageId)!.sendState).toBe('sent');
      // Order within a conversation is kept.
      const inbox = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
      expect(inbox.map((m) => m.text?.trim()).filter((t) => t !== 'Other answer')).toEqual(['First answer', 'Second answer']);
    } finally {
      if (restorePostfix) await servers.startPostfix();
      await f.close();
    }
  });
});

describe('IMAP server down', () => {
  it('resumes an interrupted sync without duplicates and replays read state once Dovecot returns', async () => {
    const { seller, buyer } = await mailboxes();
    // More than the first batch (60) and the next one, fetched while the first is stored (up to 250), so the
    // crash comes with part of the mailbox stored.
    const total = 360;
    for (let i = 0; i < total; i++) await seedConversation(seller, buyer, `bulk${i}`);
    const f = openCore();
    let restoreDovecot = false;
    try {
      await f.call('accounts.addEmail', account(seller));
      // Dovecot crashes as soon as the first batch is stored.
      let crashed = false;
      f.core.events.on('sync.progress', (p) => {
        if (p.done > 0 && p.done < p.total && !crashed) {
          crashed = restoreDovecot = true;
          servers.crashDovecot();
        }
      });
      await expect(f.core.syncOnce()).rejects.toThrow();
      const partialList = await f.call('conversations.list', {});
      const partial = partialList.length;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(total);
      // The first sync fetches newest first: what is already there is the most recent mail.
      const numbers = partialList.map((c) => Number(/bulk(\d+)/.exec(c.subject)![1])).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: partial }, (_, i) => total - partial + i));

      // Offline: the agent reads a conversation; it is read locally at once.
      const first = (await f.call('conversations.list', {}))[0]!;
      await f.call('conversations.markRead', { id: first.id, read: true });
      await expect(f.core.syncOnce()).rejects.toThrow(/cannot be reached/);
      expect((await f.call('conversations.get', { id: first.id })).conversation.unreadCount).toBe(0);

      await servers.stopDovecot(); // wait until every process of the crashed instance is gone
      await servers.startDovecot();
      restoreDovecot = false;
      await servers.waitUntilHealthy();
      await f.core.syncOnce();
      const list = await f.call('conversations.list', {});
      expect(list).toHaveLength(total);
      expect(list.every((c) => c.messageCount === 1)).toBe(true);
      expect(await f.call('outbox.list', {})).toEqual([]);
      // The read state reached the server.
      expect(await searchFolder(servers.imapPort, seller, 'shop-pw', 'INBOX', { seen: true })).toHaveLength(1);
    } finally {
      if (restoreDovecot) await servers.startDovecot();
      await f.close();
    }
  });
});

describe('another client changing the mailbox during the initial sync', () => {
  it('ends with exactly what the server holds: nothing expunged kept, nothing moved lost, flags as set', async () => {
    const { seller, buyer } = await mailboxes();
    for (let i = 0; i < 120; i++) await seedConversation(seller, buyer, `race${i}`);
    const f = openCore();
    try {
      await f.call('accounts.addEmail', account(seller));
      // As soon as the first batch is stored, another client expunges, moves (into a new folder) and flags
      // messages on both sides of where the sync has got to.
      let raced: Promise<void> | null = null;
      f.core.events.on('sync.progress', (p) => {
        if (p.folder !== 'INBOX' || p.done === 0 || raced) return;
        raced = (async () => {
          const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => `<race${from + k}@buyer.example.test>`);
          await servers.doveadm('mailbox', 'create', '-u', seller, 'Handled');
          for (const id of [...ids(110, 115), ...ids(5, 10)]) await servers.doveadm('expunge', '-u', seller, 'mailbox', 'INBOX', 'header', 'message-id', id);
          for (const id of [...ids(100, 105), ...ids(20, 25)]) await servers.doveadm('move', '-u', seller, 'Handled', 'mailbox', 'INBOX', 'header', 'message-id', id);
          for (const id of [...ids(90, 93), ...ids(30, 33)]) await servers.doveadm('flags', 'add', '-u', seller, '\\Seen', 'mailbox', 'INBOX', 'header', 'message-id', id);
        })();
      });
      await f.core.syncOnce();
      await raced;
      await f.core.syncOnce(); // the next pass sees whatever happened after the first one passed by
      await f.core.syncOnce();

      const server = new Map<string, boolean>(); // Message-ID → seen, over INBOX and Handled
      for (const folder of ['INBOX', 'Handled']) {
        await withImap(servers.imapPort, seller, 'shop-pw', async (client) => {
          const lock = await client.getMailboxLock(folder);
          try {
            for await (const m of client.fetch('1:*', { envelope: true, flags: true })) server.set(m.envelope!.messageId!, m.flags!.has('\\Seen'));
          } finally {
            lock.release();
          }
        });
      }
      expect(server.size).toBe(110);
      const local = new Map<string, boolean>();
      for (const c of await f.call('conversations.list', { limit: 500 })) {
        const detail = await f.call('conversations.get', { id: c.id });
        for (const m of detail.messages) local.set(`<${/race\d+/.exec(m.text)![0]}@buyer.example.test>`, m.isRead);
      }
      for (const c of await f.call('conversations.list', { mailbox: 'archive', limit: 500 })) {
        for (const m of (await f.call('conversations.get', { id: c.id })).messages) local.set(`<${/race\d+/.exec(m.text)![0]}@buyer.example.test>`, m.isRead);
      }
      expect(new Map([...local].sort())).toEqual(new Map([...server].sort()));
      expect((await f.call('conversations.list', { accountId: (await f.call('accounts.list', {}))[0]!.id, folder: 'Handled' })).length).toBe(10);
    } finally {
      await f.close();
    }
  });
});

describe('a full disk', () => {
  it('stores nothing half-written, says the disk is full, and finishes the sync once there is room', async () => {
    const { seller, buyer } = await mailboxes();
    // The profile lives on a 3 MiB file system of its own; the message carries a 4 MiB attachment.
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-tinyfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]);
    const photo = crypto.randomBytes(4 * 1024 * 1024);
    try {
      await seedConversation(seller, buyer, 'small-before');
      await servers.deliver(seller, [
        `From: "Buyer" <${buyer}>`, `To: ${seller}`, 'Subject: Photos of the damage', 'Message-ID: <disk-1@buyer.example.test>',
        'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
        '--b', 'Content-Type: text/plain', '', 'See the photos.',
        '--b', 'Content-Type: image/jpeg; name="damage.jpg"', 'Content-Disposition: attachment; filename="damage.jpg"', 'Content-Transfer-Encoding: base64', '',
        photo.toString('base64').replace(/.{76}/g, '$&\r\n'), '--b--', '',
      ].join('\r\n'));
      const f = openCore(path.join(mountPoint, 'profile'));
      try {
        await f.call('accounts.addEmail', account(seller));
        const [first] = await f.core.syncEach();
        expect(first!.error).toMatchObject({ code: 'DISK_FULL' });
        expect((first!.error as Error).message).toMatch(/disk is full/);
        // The batch was not stored: no partial file is left behind, and what the inbox listed from the headers
        // before reading the mail in full (the small message; the large one is fetched by parts) waits for its text.
        const listed = await f.call('conversations.list', {});
        expect(listed.map((c) => c.subject)).toEqual(['Order small-before']);
        expect((await f.call('conversations.get', { id: listed[0]!.id })).messages.map((m) => [m.text, m.bodyPending])).toEqual([['', true]]);
        expect(fs.readdirSync(path.join(f.core.attachmentsDir, '.staging'))).toEqual([]);
        expect(f.core.store.db.pragma('integrity_check', { simple: true })).toBe('ok');

        // The agent frees space (here: the file system grows); the next sync completes.
        execFileSync('mount', ['-o', 'remount,size=64m', mountPoint]);
        await f.core.syncOnce();
        const subjects = (await f.call('conversations.list', {})).map((c) => c.subject).sort();
        expect(subjects).toEqual(['Order small-before', 'Photos of the damage']);
        const small = (await f.call('conversations.list', {})).find((c) => c.subject === 'Order small-before')!;
        expect((await f.call('conversations.get', { id: small.id })).messages.map((m) => m.bodyPending ?? false)).toEqual([false]);
        const photos = (await f.call('conversations.list', {})).find((c) => c.subject === 'Photos of the damage')!;
        const attachment = (await f.call('conversations.get', { id: photos.id })).messages[0]!.attachments[0]!;
        expect(fs.readFileSync((await f.call('attachments.open', { id: attachment.id })).path).equals(photo)).toBe(true);
      } finally {
        await f.close();
      }
    } finally {
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});

describe('the core killed during replay', () => {
  it(`delivers every reply, never under two Message-IDs, across ${TRIALS} SIGKILL trials`, async () => {
    const { seller, buyer } = await mailboxes();
    await seedConversation(seller, buyer, 'kill');
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-kill-'));
    let conversationId: string;
    {
      const f = openCore(profile);
      await f.call('accounts.addEmail', account(seller));
      await f.core.syncOnce();
      conversationId = (await f.call('conversations.list', {}))[0]!.id;
      await f.close();
    }

    const stateAtKill: Record<string, string> = {};
    const messageIds: string[] = [];
    let rng = 12345; // deterministic kill points, reproducible run to run
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

    for (let trial = 0; trial < TRIALS; trial++) {
      const f = openCore(profile);
      const { messageId } = await f.call('messages.reply', { conversationId, text: `Reply number ${trial}` });
      await f.close();
      messageIds.push(messageId);

      await runReplayChild(profile, Math.floor(random() * 150));
      const db = new Database(path.join(profile, 'inbox.db'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const op = db.prepare("SELECT status FROM outbox WHERE kind = 'message.send' AND json_extract(payload_json, '$.messageId') = ?").get(messageId) as { status: string } | undefined;
      stateAtKill[messageId] = op?.status ?? 'gone';
      db.close();
      await runReplayChild(profile, null); // the next start recovers and finishes
    }

    const f = openCore(profile);
    try {
      const headers = new Map(messageIds.map((id) => [`<${f.core.store.messages.get(id)!.messageIdHeader}>`, id]));
      const got = await eventually(async () => {
        const d = await deliveries(buyer);
        return [...headers.keys()].every((h) => d.has(h)) ? d : undefined;
      }, 'every reply delivered');
      // Nothing arrived under an id the app did not write.
      expect([...got.keys()].filter((h) => !headers.has(h))).toEqual([]);
      let resends = 0;
      for (const [header, id] of headers) {
        const copies = got.get(header)!;
        // Only a kill while the op was 'sending' (after the server may have accepted) can cause a second copy.
        if (stateAtKill[id] !== 'sending') expect(copies, `reply ${id} killed while ${stateAtKill[id]}`).toBe(1);
        else expect(copies).toBeLessThanOrEqual(2);
        resends += copies - 1;
        expect(f.core.store.messages.get(id)!.sendState).toBe('sent');
      }
      expect(await f.call('outbox.list', {})).toEqual([]);
      const killedWhileSending = Object.values(stateAtKill).filter((s) => s === 'sending').length;
      console.log(
        `SIGKILL trials: ${TRIALS}; killed while pending ${Object.values(stateAtKill).filter((s) => s === 'pending').length}, ` +
          `while sending ${killedWhileSending}, after sent ${Object.values(stateAtKill).filter((s) => s === 'sent').length}; ` +
          `resends (same Message-ID) ${resends}`,
      );
    } finally {
      await f.close();
    }
  }, 120_000 + TRIALS * TRIAL_BUDGET_MS);
});
