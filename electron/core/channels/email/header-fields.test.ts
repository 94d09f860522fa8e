// A message listed from its header block alone (the newest mail of a first sync) must show the sender, subject,
// date and threading the full parse will give it: otherwise the list changes under the agent's eyes, or the
// message lands in another conversation than the full read would have chosen.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import libmime from 'libmime';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../conversations/ingest.js';
import { headerBlock } from './header-fields.js';
import { mapHeadline, mapRaw, type MappingContext } from './mapping.js';

const HOSTILE = path.resolve(import.meta.dirname, '../../../../tests/data/hostile');
const FIELDS = ['messageIdHeader', 'inReplyTo', 'references', 'direction', 'from', 'replyTo', 'to', 'cc', 'subject', 'date', 'dateOffset', 'automated', 'isRead'] as const;

const context = (raw: Buffer): MappingContext => ({ ownAddresses: ['shop@example.test'], inSentFolder: false, isSeen: false, internalDate: 1_700_000_000_000, raw });
const headerPart = (m: IncomingMessage) => Object.fromEntries(FIELDS.map((k) => [k, m[k] ?? null]));

async function both(raw: Buffer) {
  const full = await mapRaw(raw, context(raw));
  const headline = mapHeadline(raw, context(raw));
  return { full, headline };
}

describe('a message read from its headers alone', () => {
  it('has the sender, recipients, subject, date and threading the full parse gives it, and no text yet', async () => {
    const raw = Buffer.from(
      [
        'From: =?UTF-8?B?5byg5LiJ?= <Zhang.San@Example.CN>',
        'Reply-To: "Zhang, San" <reply@example.cn>',
        'To: Shop <shop@example.test>, team: a@example.test, b@example.test;',
        'To: late@example.test',
        'Cc: =?ISO-8859-1?Q?J=F6rg?= <jorg@example.de>',
        'Subject: =?UTF-8?Q?Re:_Order_#123_=E2=80=94_where_is_it=3F?=',
        'Date: Tue, 24 Nov 2026 09:00:00 +0800',
        'Message-ID: <abc@example.cn>',
        'In-Reply-To: <p2@example.test>',
        'References: <p1@example.test>',
        '\t<p2@example.test>',
        'Auto-Submitted: auto-replied',
        'Constructor: <not@an.address>',
        '__proto__: <not@an.address>',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Where is my order?',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const { full, headline } = await both(raw);
    expect(headerPart(headline)).toEqual(headerPart(full));
    expect(headline).toMatchObject({ subject: 'Re: Order #123 — where is it?', from: { name: '张三', address: 'zhang.san@example.cn' }, automated: 'auto-submitted', text: '', attachments: [], bodyPending: true });
    expect(full.bodyPending).toBeUndefined();
  });

  it('agrees with the full parse on hostile mail (8-bit headers, no headers, endless lines, thousands of recipients)', async () => {
    for (const file of fs.readdirSync(HOSTILE).filter((f) => f.endsWith('.eml'))) {
      const raw = fs.readFileSync(path.join(HOSTILE, file));
      const { full, headline } = await both(raw);
      if (full.text.startsWith('This message could not be read')) continue; // a placeholder: no headers to agree on
      expect(headerPart(headline), file).toEqual(headerPart(full));
    }
  });

  it('agrees with the full parse whatever the names, subjects and ids are, encoded or raw UTF-8', async () => {
    const word = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 24 });
    const encoded = (text: string, how: number) => (how === 0 ? text : libmime.encodeWords(text, how === 1 ? 'B' : 'Q', 40));
    const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/);
    const address = fc.tuple(local, fc.constantFrom('example.test', 'Example.CN', 'marketplace.amazon.de', 'members.ebay.com')).map(([l, d]) => `${l}@${d}`);
    const mailbox = fc.tuple(word, fc.integer({ min: 0, max: 2 }), address).map(([name, how, addr]) =>
      name.trim() ? `${how === 0 ? `"${name.replace(/[\\"\r\n]/g, '')}"` : encoded(name, how)} <${addr}>` : addr,
    );
    const id = fc.tuple(local, fc.constantFrom('a.example', 'b.example')).map(([l, d]) => `<${l}@${d}>`);
    await fc.assert(
      fc.asyncProperty(
        mailbox,
        fc.array(mailbox, { minLength: 0, maxLength: 3 }),
        fc.tuple(word, fc.integer({ min: 0, max: 2 })),
        fc.option(id),
        fc.array(id, { maxLength: 4 }),
        fc.constantFrom('Tue, 24 Nov 2026 09:00:00 +0800', 'Mon, 2 Dec 2024 10:00:00 -0000', 'not a date', ''),
        fc.boolean(),
        async (from, to, [subject, how], messageId, references, date, crlf) => {
          const lines = [
            `From: ${from}`,
            ...(to.length ? [`To: ${to.join(', ')}`] : []),
            `Subject: ${encoded(subject.replace(/[\r\n]/g, ' '), how)}`,
            ...(date ? [`Date: ${date}`] : []),
            ...(messageId ? [`Message-ID: ${messageId}`] : []),
            ...(references.length ? [`References: ${references.join('\r\n ')}`] : []),
            'Content-Type: text/plain; charset=utf-8',
            '',
            'Hello',
            '',
          ];
          const raw = Buffer.from(lines.join(crlf ? '\r\n' : '\n'));
          const { full, headline } = await both(raw);
          expect(headerPart(headline)).toEqual(headerPart(full));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends its header block at the first empty line, whatever the line endings', () => {
    expect(headerBlock(Buffer.from('A: 1\nB: 2\n\nbody\n\nmore')).toString()).toBe('A: 1\nB: 2\n\n');
    expect(headerBlock(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody')).toString()).toBe('A: 1\r\nB: 2\r\n\r\n');
    expect(headerBlock(Buffer.from('A: 1\nB: 2')).toString()).toBe('A: 1\nB: 2');
  });
});
