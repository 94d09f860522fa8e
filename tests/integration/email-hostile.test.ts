// Hostile and broken mail against real Dovecot: one bad message never stops a folder's sync. It is kept as a
// placeholder with its raw source, and every message after it is synced as usual.
import { describe, expect, it } from 'vitest';
import { useMailServers } from '../support/mail-suite.js';
import { emailAccountOn, openCore } from '../support/core-fixture.js';
import { rfc822, withImap } from '../support/mailbox.js';

const suite = useMailServers();
const seller = () => suite.mailbox('hostile-seller');

const plain = (i: number, to: string) =>
  rfc822({ From: `Buyer ${i} <buyer${i}@buyer.example.test>`, To: to, Subject: `Order question ${i}`, 'Message-ID': `<q${i}@buyer.example.test>` }, `Question number ${i}.`);

/** A header block of more than `mb` megabytes: one folded header of many short lines. */
function hugeHeaderMessage(to: string, mb: number): string {
  const line = ` ${'x'.repeat(70)}`;
  const lines = Array.from({ length: Math.ceil((mb * 1024 * 1024) / (line.length + 2)) }, () => line);
  return [`From: Spammer <spam@bad.example.test>`, `To: ${to}`, 'Subject: huge header', 'Message-ID: <huge@bad.example.test>', `X-Junk:${lines.join('\r\n')}`, '', 'body', ''].join('\r\n');
}

describe('hostile mail', () => {
  it('a header over 1 MB becomes a placeholder and the folder syncs on past it', async () => {
    const address = await seller();
    await withImap(suite.servers.imapPort, address, 'pw', async (client) => {
      await client.append('INBOX', plain(1, address));
      await client.append('INBOX', hugeHeaderMessage(address, 1.2));
      await client.append('INBOX', plain(2, address));
    });
    const f = openCore();
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, address));
      await f.core.syncOnce();
      const list = await f.call('conversations.list', {});
      expect(list.map((c) => c.subject).sort()).toEqual(['Order question 1', 'Order question 2', 'huge header']);
      const huge = list.find((c) => c.subject === 'huge header')!;
      const [message] = (await f.call('conversations.get', { id: huge.id })).messages;
      expect(message!.text).toMatch(/could not be read/);
      const source = await f.call('messages.source', { id: message!.id });
      expect(source.source).toContain('Message-ID: <huge@bad.example.test>');

      // Mail after it keeps arriving, and nothing is fetched twice.
      await withImap(suite.servers.imapPort, address, 'pw', (client) => client.append('INBOX', plain(3, address)));
      await f.core.syncOnce();
      const again = await f.call('conversations.list', {});
      expect(again.map((c) => c.subject).sort()).toEqual(['Order question 1', 'Order question 2', 'Order question 3', 'huge header']);
    } finally {
      await f.close();
    }
  });

  it('keeps at most 100 attachments of a message with thousands of parts, small or large, and says so', async () => {
    const address = await seller();
    const manyParts = (id: string, parts: number, partBytes: number) => {
      const lines = ['From: Flood <flood@bad.example.test>', `To: ${address}`, `Subject: parts ${id}`, `Message-ID: <${id}@bad.example.test>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'Many parts.'];
      const content = Buffer.alloc(partBytes, 0x61).toString('base64');
      for (let i = 0; i < parts; i++) lines.push('--b', `Content-Type: application/octet-stream; name="p${i}.bin"`, 'Content-Transfer-Encoding: base64', '', content);
      lines.push('--b--', '');
      return lines.join('\r\n');
    };
    await withImap(suite.servers.imapPort, address, 'pw', async (client) => {
      await client.append('INBOX', manyParts('small', 600, 8)); // under 1 MB: parsed whole
      await client.append('INBOX', manyParts('large', 3000, 300)); // over 1 MB: fetched part by part
    });
    const f = openCore();
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, address));
      await f.core.syncOnce();
      const list = await f.call('conversations.list', {});
      expect(list.map((c) => c.subject).sort()).toEqual(['parts large', 'parts small']);
      for (const c of list) {
        const [message] = (await f.call('conversations.get', { id: c.id })).messages;
        expect(message!.attachments.length, c.subject).toBe(100);
        expect(message!.text).toContain('more than 100 attachments; only the first 100 are kept');
      }
    } finally {
      await f.close();
    }
  });

  it('never opens a program whose long name was shortened when saved', async () => {
    const address = await seller();
    const name = `${'a'.repeat(116)}.exe.txt`;
    await withImap(suite.servers.imapPort, address, 'pw', (client) =>
      client.append(
        'INBOX',
        ['From: x <x@bad.example.test>', `To: ${address}`, 'Subject: long name', 'Message-ID: <long@bad.example.test>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
          '--b', 'Content-Type: text/plain', '', 'see file', '--b', `Content-Type: application/octet-stream; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, '', 'MZ', '--b',
          'Content-Type: text/html; name="page.html"', 'Content-Disposition: attachment; filename="page.html"', '', '<script>alert(1)</script>', '--b--', ''].join('\r\n'),
      ),
    );
    const opened: string[] = [];
    const f = openCore(undefined, undefined, { openPath: async (file) => (opened.push(file), '') });
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, address));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      const [txt, html] = (await f.call('conversations.get', { id: conversation!.id })).messages[0]!.attachments;
      const a = await f.call('attachments.open', { id: txt!.id });
      expect(a.path.endsWith('.txt')).toBe(true); // saved as what it claims to be, so opening it is safe
      expect(await f.call('attachments.open', { id: html!.id })).toMatchObject({ opened: false, blocked: true });
      expect(opened).toEqual([a.path]);
    } finally {
      await f.close();
    }
  });
});
