// The command line, run the way a script runs it (`npm run cli -- ...`), against real Dovecot and Postfix.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startMailServers, type MailServers } from '../harness/mail-servers.js';
import { readMailbox, rfc822 } from '../support/mailbox.js';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let servers: MailServers;
let profile: string;

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', '-s', 'cli', '--', '--profile', profile, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  servers = await startMailServers();
  await servers.addUser('cli-shop@example.test', 'cli-pw');
  await servers.addUser('cli-buyer@example.test', 'buyer-pw');
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-cli-'));
});
afterAll(async () => {
  await servers?.stop();
});

const accountArgs = (password: string) => [
  'account', 'add', '--email', 'cli-shop@example.test', '--imap-host', '127.0.0.1', '--imap-port', String(servers.imapPort),
  '--smtp-host', '127.0.0.1', '--smtp-port', String(servers.smtpPort), '--tls', 'off', '--user', 'cli-shop@example.test',
  '--password-env', password, '--name', 'CLI Shop',
];

describe('npm run cli', () => {
  it('exits 2 with usage on a bad command line', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('Usage:');
    expect((await cli(['account', 'add', '--email', 'x@example.test'])).code).toBe(2);
  });

  it('exits 1 with a one-line reason when the password is wrong', async () => {
    const r = await cli(accountArgs('WRONG_PW'), { WRONG_PW: 'nope' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: IMAP 127\.0\.0\.1:\d+ rejected the user name or password/);
  });

  it('adds an account, syncs, lists, shows and replies', async () => {
    const added = await cli([...accountArgs('SHOP_PW'), '--json'], { SHOP_PW: 'cli-pw' });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ address: 'cli-shop@example.test', channel: 'email', name: 'CLI Shop' });

    await servers.deliver('cli-shop@example.test', rfc822({
      From: '"Camille Dubois" <cli-buyer@example.test>', To: 'cli-shop@example.test', Subject: 'Question sur la taille',
      'Message-ID': '<cli-1@buyer.example.test>', Date: 'Mon, 23 Nov 2026 10:00:00 +0100', 'Content-Type': 'text/plain; charset=utf-8',
    }, 'Quelles sont les dimensions du panier ?'));

    const synced = await cli(['sync', '--once', '--json']);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toEqual({
      conversations: 1, outbox: 0, accounts: [{ id: expect.any(String), address: 'cli-shop@example.test', ok: true }],
    });
    // Progress arrives as JSON lines on stderr while the sync runs.
    const progress = synced.stderr.trim().split('\n').map((l) => JSON.parse(l) as { event: string; folder: string; done: number; total: number; finished: boolean });
    expect(progress.filter((p) => p.folder === 'INBOX').at(-1)).toMatchObject({ event: 'sync.progress', done: 1, total: 1 });
    expect(progress.at(-1)).toMatchObject({ finished: true });

    const list = JSON.parse((await cli(['conversations', '--json'])).stdout);
    expect(list).toEqual([
      expect.objectContaining({
        channel: 'email', subject: 'Question sur la taille', customerName: 'Camille Dubois', customerAddress: 'cli-buyer@example.test',
        unreadCount: 1, messageCount: 1, lastMessageAt: Date.UTC(2026, 10, 23, 9),
      }),
    ]);
    const id = list[0].id as string;

    const shown = JSON.parse((await cli(['show', id, '--json'])).stdout);
    expect(shown.messages).toEqual([
      expect.objectContaining({
        from: { name: 'Camille Dubois', address: 'cli-buyer@example.test' },
        to: [{ name: '', address: 'cli-shop@example.test' }],
        date: '2026-11-23T09:00:00.000Z',
        subject: 'Question sur la taille',
        text: 'Quelles sont les dimensions du panier ?',
      }),
    ]);

    // reply only queues: it returns before any network work...
    const replied = await cli(['reply', id, '--text', 'Bonjour Camille, 32 × 32 cm.', '--json']);
    expect(replied.code).toBe(0);
    const outbox = JSON.parse((await cli(['outbox', '--json'])).stdout);
    expect(outbox).toEqual([expect.objectContaining({ kind: 'message.send', status: 'pending', attempts: 0 })]);
    expect(await readMailbox(servers.imapPort, 'cli-buyer@example.test', 'buyer-pw')).toEqual([]);

    // ...and the next sync sends it.
    expect((await cli(['sync', '--once'])).code).toBe(0);
    const mail = await eventually(async () => {
      const m = await readMailbox(servers.imapPort, 'cli-buyer@example.test', 'buyer-pw');
      return m.length ? m : undefined;
    }, 'the CLI reply');
    expect(mail[0]).toMatchObject({ subject: 'Re: Question sur la taille', inReplyTo: '<cli-1@buyer.example.test>' });
    expect(JSON.parse((await cli(['outbox', '--json'])).stdout)).toEqual([]);

    const after = JSON.parse((await cli(['show', id, '--json'])).stdout);
    expect(after.messages.map((m: { sendState: string | null }) => m.sendState)).toEqual([null, 'sent']);
    expect(after.unreadCount).toBe(0);
  });

  it('exits 1 with a clear reason for a conversation that does not exist', async () => {
    const r = await cli(['show', 'no-such-id']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: Conversation not found.\n');
  });
});
