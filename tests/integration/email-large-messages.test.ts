// Large mail against real Dovecot: a message above 1 MB is fetched part by part, attachments up to the download
// limit are streamed to disk with the message, larger ones stay on the server until the agent opens them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useMailServers } from '../support/mail-suite.js';
import { emailAccountOn, openCore } from '../support/core-fixture.js';

const suite = useMailServers();
const seller = () => suite.mailbox('big-seller');

const base64Lines = (buf: Buffer) => buf.toString('base64').replace(/.{76}/g, '$&\r\n');
const sha = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');

/** A buyer's return request with photos, the way phones send it: text + HTML (inline image), a PDF and a video. */
function bigMessage(to: string, files: { pdf: Buffer; video: Buffer; photo: Buffer }): string {
  return [
    'From: "Sofía Ruiz" <sofia@buyer.example.test>',
    `To: ${to}`,
    'Subject: =?UTF-8?Q?Devoluci=C3=B3n_pedido_4471?=',
    'Message-ID: <big-1@buyer.example.test>',
    'Date: Tue, 24 Nov 2026 18:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'La l=E1mpara lleg=F3 rota. Adjunto la factura y un v=EDdeo.',
    '--alt',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>La lámpara llegó rota.</p><img src="cid:photo1@buyer">',
    '--rel',
    'Content-Type: image/jpeg',
    'Content-ID: <photo1@buyer>',
    'Content-Disposition: inline',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(files.photo),
    '--rel--',
    '--alt--',
    '--mixed',
    'Content-Type: application/pdf; name="factura.pdf"',
    'Content-Disposition: attachment; filename="factura.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(files.pdf),
    '--mixed',
    'Content-Type: video/mp4',
    "Content-Disposition: attachment; filename*=UTF-8''v%C3%ADdeo%20l%C3%A1mpara.mp4",
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(files.video),
    '--mixed--',
    '',
  ].join('\r\n');
}

describe('large messages', () => {
  it('shows the text at once, streams small attachments to disk and leaves big ones on the server until opened', async () => {
    const address = await seller();
    const files = { pdf: crypto.randomBytes(600 * 1024), video: crypto.randomBytes(2_500 * 1024), photo: crypto.randomBytes(200 * 1024) };
    await suite.servers.deliver(address, bigMessage(address, files));
    const f = openCore();
    try {
      await f.call('settings.set', { attachmentDownloadLimitMb: 1 });
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, address));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      expect(conversation).toMatchObject({ subject: 'Devolución pedido 4471', customerName: 'Sofía Ruiz' });
      const { messages } = await f.call('conversations.get', { id: conversation!.id });
      const message = messages[0]!;
      // The ISO-8859-1 text part, decoded; the inline photo belongs to the HTML and is not an attachment.
      expect(message.text).toBe('La lámpara llegó rota. Adjunto la factura y un vídeo.');
      expect(message.attachments.map((a) => [a.filename, a.downloaded])).toEqual([
        ['factura.pdf', true],
        ['vídeo lámpara.mp4', false],
      ]);
      const [pdf, video] = message.attachments;
      expect(pdf!.size).toBe(files.pdf.length);
      // Until downloaded, the size comes from the server's encoded size: close, not exact.
      expect(Math.abs(video!.size - files.video.length) / files.video.length).toBeLessThan(0.02);

      const pdfFile = await f.call('attachments.open', { id: pdf!.id });
      expect(pdfFile.opened).toBe(false); // no desktop here to open it with: the app says where it is
      expect(sha(fs.readFileSync(pdfFile.path))).toBe(sha(files.pdf));

      // Opening the video downloads it, byte for byte, once (two clicks share one download).
      const [a, b] = await Promise.all([f.call('attachments.open', { id: video!.id }), f.call('attachments.open', { id: video!.id })]);
      expect(a.path).toBe(b.path);
      expect(sha(fs.readFileSync(a.path))).toBe(sha(files.video));
      const after = (await f.call('conversations.get', { id: conversation!.id })).messages[0]!.attachments[1]!;
      expect(after).toMatchObject({ downloaded: true, size: files.video.length });

      // "View source" of a message this large shows its headers and says why the rest is not kept locally.
      const source = await f.call('messages.source', { id: message.id });
      expect(source.source).toContain('Message-ID: <big-1@buyer.example.test>');
      expect(source.source).toMatch(/Only the headers of this \d\.\d MB message are kept here/);
      expect(source.bytes).toBeLessThan(10_000);
    } finally {
      await f.close();
    }
  });

  it('says so when an attachment left on the server is gone from it', async () => {
    const address = await seller();
    const files = { pdf: crypto.randomBytes(10 * 1024), video: crypto.randomBytes(1_500 * 1024), photo: crypto.randomBytes(1024) };
    await suite.servers.deliver(address, bigMessage(address, files));
    const f = openCore();
    try {
      await f.call('settings.set', { attachmentDownloadLimitMb: 1 });
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, address));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      const video = (await f.call('conversations.get', { id: conversation!.id })).messages[0]!.attachments[1]!;
      expect(video.downloaded).toBe(false);
      // Another client expunged the message, and this app has not synced since.
      await suite.servers.doveadm('expunge', '-u', address, 'mailbox', 'INBOX', 'all');
      const r = await f.raw('attachments.download', { id: video.id });
      expect(r, JSON.stringify(r)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      if (!r.ok) expect(r.error.message).toMatch(/no longer on the server/);
      // Nothing half-written is left behind.
      expect(fs.readdirSync(`${f.core.attachmentsDir}/.staging`)).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('opens documents with the system app, but only saves programs and scripts', async () => {
    const address = await seller();
    const attach = (name: string, type: string) => [
      '--m', `Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '',
      Buffer.from(`content of ${name}`).toString('base64'),
    ];
    await suite.servers.deliver(address, [
      'From: "Totally Legit" <invoices@buyer.example.test>', `To: ${address}`, 'Subject: Your invoice', 'Message-ID: <exe-1@buyer.example.test>',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="m"', '',
      '--m', 'Content-Type: text/plain', '', 'See attached.',
      ...attach('invoice.pdf', 'application/pdf'),
      ...attach('invoice.pdf.exe', 'application/octet-stream'),
      ...attach('Rechnung.JS', 'text/javascript'),
      '--m--', '',
    ].join('\r\n'));
    const opened: string[] = [];
    const f = openCore(undefined, undefined, { openPath: async (file) => (opened.push(file), '') });
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, address));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      const [pdf, exe, js] = (await f.call('conversations.get', { id: conversation!.id })).messages[0]!.attachments;
      expect(await f.call('attachments.open', { id: pdf!.id })).toMatchObject({ opened: true });
      const blockedExe = await f.call('attachments.open', { id: exe!.id });
      const blockedJs = await f.call('attachments.open', { id: js!.id });
      expect([blockedExe, blockedJs].map((r) => [r.opened, r.blocked])).toEqual([[false, true], [false, true]]);
      // Only the document went to the system; the others are saved where the agent can find them.
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatch(/invoice\.pdf$/);
      expect(fs.readFileSync(blockedExe.path, 'utf8')).toBe('content of invoice.pdf.exe');
    } finally {
      await f.close();
    }
  });
});
