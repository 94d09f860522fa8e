// Which parts of a large message are its text and which are attachments, from IMAP BODYSTRUCTURE as imapflow
// reports it.
import { describe, expect, it } from 'vitest';
import type { MessageStructureObject } from 'imapflow';
import { planParts } from './body-parts.js';

const leaf = (part: string, type: string, extra: Partial<MessageStructureObject> = {}): MessageStructureObject =>
  ({ part, type, size: 780, encoding: 'base64', ...extra }) as MessageStructureObject;

describe('planParts', () => {
  it('takes the first plain and HTML text, marks the HTML\'s images inline, keeps files, invites and forwarded mail', () => {
    const root = {
      type: 'multipart/mixed',
      childNodes: [
        {
          part: '1',
          type: 'multipart/alternative',
          childNodes: [
            leaf('1.1', 'text/plain', { encoding: 'quoted-printable', size: 100 }),
            {
              part: '1.2',
              type: 'multipart/related',
              childNodes: [leaf('1.2.1', 'text/html'), leaf('1.2.2', 'image/png', { id: '<logo@shop>', disposition: 'inline' })],
            },
          ],
        },
        leaf('2', 'text/plain', { parameters: { name: 'notes.txt' } }),
        leaf('3', 'text/calendar', { parameters: { method: 'REQUEST' } }),
        leaf('4', 'application/ms-tnef', { disposition: 'attachment', dispositionParameters: { filename: 'winmail.dat' } }),
        leaf('5', 'message/rfc822', { encoding: '7bit', size: 5000 }),
        leaf('6', 'application/pdf', { disposition: 'attachment', dispositionParameters: { filename: '=?UTF-8?B?5Y+R56Wo?=.pdf' } }),
      ],
    } as unknown as MessageStructureObject;
    const plan = planParts(root);
    expect(plan.text).toEqual([
      { part: '1.1', type: 'text/plain' },
      { part: '1.2.1', type: 'text/html' },
    ]);
    expect(plan.attachments.map((a) => [a.part, a.filename, a.contentType, a.inline])).toEqual([
      ['1.2.2', 'inline', 'image/png', true],
      ['2', 'notes.txt', 'text/plain', false],
      ['3', 'attachment-1.ics', 'text/calendar', false],
      ['4', 'winmail.dat', 'application/ms-tnef', false],
      ['5', 'attachment-2.eml', 'message/rfc822', false],
      ['6', '发票.pdf', 'application/pdf', false],
    ]);
    // 780 base64 characters in 76-character lines carry 570 bytes; other encodings count as they are.
    expect(plan.attachments[3]!.size).toBe(570);
    expect(plan.attachments[4]!.size).toBe(5000);
  });

  it('reads a single-part message as part 1', () => {
    expect(planParts(leaf(undefined as unknown as string, 'application/pdf', { disposition: 'attachment', dispositionParameters: { filename: 'label.pdf' } })).attachments).toEqual([
      { part: '1', filename: 'label.pdf', contentType: 'application/pdf', contentId: null, size: 570, inline: false },
    ]);
  });
});
