// The parser thread gives exactly what parsing on the main thread gives; a thread that cannot start or that
// dies on a message loses nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MailParsePool, type WorkerSpec } from './mail-parse-pool.js';
import { mapRaw, type MappingContext } from './mapping.js';

const pools: MailParsePool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
  vi.restoreAllMocks();
});
const pool = (spec?: () => WorkerSpec | null) => {
  const p = spec ? new MailParsePool(spec) : new MailParsePool();
  p.startThread();
  pools.push(p);
  return p;
};

function mail(i: number, extra = ''): Buffer {
  return Buffer.from(
    [
      `From: "Käufer ${i}" <buyer${i}@example.de>`,
      'To: shop@example.test',
      `Subject: =?UTF-8?B?${Buffer.from(`Bestellung ${i} – Lieferung`).toString('base64')}?=`,
      `Message-ID: <order-${i}@example.de>`,
      'Date: Tue, 24 Nov 2026 09:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `<p>Gr=FC=DFe, wo bleibt <b>Bestellung ${i}</b>?</p>${extra}`,
      '--b',
      'Content-Type: image/png; name="foto.png"',
      'Content-Disposition: attachment; filename="foto.png"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`PNG bytes of photo ${i}`).toString('base64'),
      '--b--',
      '',
    ].join('\r\n'),
  );
}
const ctxOf = (raw: Buffer): MappingContext => ({ ownAddresses: ['shop@example.test'], inSentFolder: false, isSeen: false, internalDate: 7, raw });

describe('the mail parser thread', () => {
  it('maps mail exactly as the main thread does, attachments as bytes, in the order asked', async () => {
    const p = pool();
    const raws = Array.from({ length: 40 }, (_, i) => mail(i));
    const results = await Promise.all(raws.map((raw) => p.map(raw, ctxOf(raw))));
    const here = await Promise.all(raws.map((raw) => mapRaw(raw, ctxOf(raw))));
    expect(results).toEqual(here);
    expect(results[3]).toMatchObject({ subject: 'Bestellung 3 – Lieferung', text: 'Grüße, wo bleibt Bestellung 3?', fromHtml: true });
    const photo = results[3]!.attachments[0]!;
    expect('content' in photo && Buffer.isBuffer(photo.content) && photo.content.toString()).toBe('PNG bytes of photo 3');
    // All on the thread, started before the first message: none parsed here while it started up.
    expect(p.counts).toMatchObject({ worker: 40, here: 0 });
    expect(p.counts.workerStarts).toBe(1);
  });

  it('parses on the main thread when the worker cannot start', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = pool(() => ({ code: 'throw new Error("no thread today")' }));
    const raws = Array.from({ length: 5 }, (_, i) => mail(i));
    const results = await Promise.all(raws.map((raw) => p.map(raw, ctxOf(raw))));
    expect(results.map((m) => m.subject)).toEqual(raws.map((_, i) => `Bestellung ${i} – Lieferung`));
    expect(p.counts).toMatchObject({ worker: 0, here: 5 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no thread today'));
    // And later mail too, without trying again.
    const late = mail(9);
    expect((await p.map(late, ctxOf(late))).subject).toBe('Bestellung 9 – Lieferung');
    expect(p.counts.workerStarts).toBe(1);
  });

  it('a message that kills the parser becomes a placeholder with its headers; the others it held are parsed', async () => {
    // A parser thread that dies on one message (as on a hostile one that exhausts its memory) and answers the rest.
    const code = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (r) => {
        const text = Buffer.from(r.raw).toString('latin1');
        if (text.includes('POISON')) process.exit(70);
        const id = /Message-ID: (\\S+)/.exec(text)[1];
        parentPort.postMessage({ id: r.id, message: { messageIdHeader: id, subject: 'parsed', attachments: [] } });
      });
      parentPort.postMessage({ ready: true });`;
    const p = pool(() => ({ code }));
    const raws = Array.from({ length: 12 }, (_, i) => mail(i, i === 5 ? 'POISON' : ''));
    const results = await Promise.all(raws.map((raw) => p.map(raw, ctxOf(raw))));
    expect(results.map((m) => m.messageIdHeader)).toEqual(raws.map((_, i) => `<order-${i}@example.de>`));
    expect(results.filter((m) => m.subject === 'parsed')).toHaveLength(11);
    expect(results[5]).toMatchObject({ from: { address: 'buyer5@example.de' } });
    expect(results[5]!.text).toMatch(/could not be read \(the mail parser stopped while reading this message\)/);
    expect(p.counts.placeholders).toBe(1);
    expect(p.counts.workerStarts).toBe(3); // the first, the one that tried the held messages again, the next
  });

  it('parses here until a thread is asked for, and starts a new one after it was stopped', async () => {
    const p = new MailParsePool();
    pools.push(p);
    const first = mail(0);
    expect((await p.map(first, ctxOf(first))).subject).toBe('Bestellung 0 – Lieferung');
    expect(p.counts).toMatchObject({ here: 1, workerStarts: 0 });
    p.startThread();
    const a = mail(1);
    await Promise.all([p.map(a, ctxOf(a))]);
    await p.close();
    p.startThread();
    const b = mail(2);
    expect((await p.map(b, ctxOf(b))).subject).toBe('Bestellung 2 – Lieferung');
    expect(p.counts.workerStarts).toBe(2);
  });

  // `npm test` builds first: the thread must start from what the desktop app and the command line ship.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  for (const built of ['out/main/mail-parse-worker.js', 'out/cli/mail-parse-worker.mjs']) {
    it(`starts from the built ${built}`, async () => {
      const file = path.join(root, ...built.split('/'));
      expect(fs.existsSync(file)).toBe(true);
      const p = pool(() => ({ file: pathToFileURL(file) }));
      const raw = mail(5);
      const first = [await p.map(raw, ctxOf(raw))];
      const more = await Promise.all([mail(6), mail(7)].map((r) => p.map(r, ctxOf(r))));
      expect([...first, ...more].map((m) => m.subject)).toEqual(['Bestellung 5 – Lieferung', 'Bestellung 6 – Lieferung', 'Bestellung 7 – Lieferung']);
      expect(p.counts.worker).toBeGreaterThanOrEqual(2);
    });
  }
});
