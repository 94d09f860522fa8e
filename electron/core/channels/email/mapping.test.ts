// Parsed mail → the core's message shape, on sample messages.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { mapParsedMail, mapRaw, parseMail, syntheticMessageId } from './mapping.js';
import { composeRaw } from './compose.js';

async function map(raw: string, over: Partial<Parameters<typeof mapParsedMail>[1]> = {}) {
  const buf = Buffer.from(raw.replace(/\n/g, '\r\n'));
  return mapParsedMail(await parseMail(buf), { ownAddresses: ['shop@example.test'], inSentFolder: false, isSeen: false, internalDate: 42, raw: buf, ...over });
}

describe('mapping parsed mail', () => {
  it('decodes encoded headers and keeps names, ids and references', async () => {
    const m = await map(`From: =?UTF-8?B?5byg5LiJ?= <Zhang.San@Example.CN>
To: "Shop" <shop@example.test>, other@example.test
Subject: =?GB2312?B?xOO6ww==?=
Message-ID: <abc@example.cn>
In-Reply-To: <p2@example.test>
References: <p1@example.test> <p2@example.test>
Date: Tue, 24 Nov 2026 09:00:00 +0800
Content-Type: text/plain; charset=utf-8

你好
`);
    expect(m).toMatchObject({
      messageIdHeader: '<abc@example.cn>',
      inReplyTo: '<p2@example.test>',
      references: ['<p1@example.test>', '<p2@example.test>'],
      direction: 'in',
      from: { name: '张三', address: 'zhang.san@example.cn' },
      to: [{ name: 'Shop', address: 'shop@example.test' }, { name: '', address: 'other@example.test' }],
      subject: '你好',
      date: Date.UTC(2026, 10, 24, 1),
      text: '你好',
      fromHtml: false,
      isRead: false,
    });
  });

  it('reduces HTML-only mail to text without scripts and says so', async () => {
    const m = await map(`From: a@example.test
Subject: html
Content-Type: text/html; charset=utf-8

<div>Order <b>#123</b> shipped<script>steal()</script><img src="http://tracker.example/p.gif"></div>
`);
    expect(m.text).toBe('Order #123 shipped');
    expect(m.fromHtml).toBe(true);
  });

  it('treats mail from the account itself, or found in Sent, as outgoing and read', async () => {
    const own = await map(`From: Shop <SHOP@example.test>\nTo: b@example.test\nSubject: x\n\nhi\n`);
    expect(own).toMatchObject({ direction: 'out', isRead: true });
    const inSent = await map(`From: alias@example.test\nTo: b@example.test\nSubject: x\n\nhi\n`, { inSentFolder: true });
    expect(inSent.direction).toBe('out');
  });

  it('gives a message without Message-ID or Date a stable id and the server date', async () => {
    const raw = `From: a@example.test\nSubject: no id\n\nbody\n`;
    const a = await map(raw);
    const b = await map(raw);
    expect(a.messageIdHeader).toBe(b.messageIdHeader);
    expect(a.messageIdHeader).toBe(syntheticMessageId(Buffer.from(raw.replace(/\n/g, '\r\n'))));
    expect(a.date).toBe(42);
  });

  it('dates a message whose Date header cannot be read by the server, not by the moment it was synced', async () => {
    for (const header of ['Date: someday soon', 'Date: 31/02/2003 25:61', 'Date:', 'Date: Thu, 31 Feb 99999']) {
      const m = await map(`From: a@example.test\nSubject: old\n${header}\n\nbody\n`);
      expect(m.date, header).toBe(42);
    }
    // A folded but readable header is still the message's own date.
    const folded = await map(`From: a@example.test\nSubject: old\nDate: Tue, 24 Nov 2026\n 09:00:00 +0800\n\nbody\n`);
    expect(folded.date).toBe(Date.UTC(2026, 10, 24, 1));
  });

  it('keeps attachments with their names and bytes', async () => {
    const m = await map(`From: a@example.test
Subject: invoice
Content-Type: multipart/mixed; boundary=XX

--XX
Content-Type: text/plain

see attached
--XX
Content-Type: application/pdf; name="=?UTF-8?B?5Y+R56WoLnBkZg==?="
Content-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjQ=
--XX--
`);
    expect(m.text).toBe('see attached');
    expect(m.attachments).toEqual([expect.objectContaining({ filename: '发票.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') })]);
  });
});

describe('awkward MIME', () => {
  it('shows a text part that stands beside an HTML part (not as its alternative) in the HTML version too', async () => {
    const m = await map(`From: buyer@example.test
Subject: Order 1234
Content-Type: multipart/mixed; boundary=MIX

--MIX
Content-Type: text/plain; charset=utf-8

Hello, the lamp <arrived> broken.
--MIX
Content-Type: text/html; charset=utf-8

<p>Photo description: <b>cracked base</b></p>
--MIX--
`);
    expect(m.html).toContain('Hello, the lamp &lt;arrived&gt; broken.');
    expect(m.html).toContain('<b>cracked base</b>');
    expect(m.text).toContain('Hello, the lamp <arrived> broken.');
  });

  it('HTML of an ordinary message is exactly its HTML part', async () => {
    const m = await map(`From: buyer@example.test
Subject: Order 1234
Content-Type: multipart/alternative; boundary=ALT

--ALT
Content-Type: text/plain; charset=utf-8

Where is my order?
--ALT
Content-Type: text/html; charset=utf-8

<p>Where is my <i>order</i>?</p>
--ALT--
`);
    expect(m.html).toBe('<p>Where is my <i>order</i>?</p>');
    expect(m.text).toBe('Where is my order?');
  });

  it('shows a forwarded message (message/rfc822) and keeps it as an attachment', async () => {
    const m = await map(`From: agent@example.test
Subject: Fwd: complaint
Content-Type: multipart/mixed; boundary=OUT

--OUT
Content-Type: text/plain; charset=utf-8

See below.
--OUT
Content-Type: message/rfc822

From: buyer@example.test
Subject: Broken vase
Content-Type: text/plain; charset=utf-8

The vase arrived broken.
--OUT--
`);
    expect(m.text).toContain('See below.');
    expect(m.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
    const forwarded = m.attachments[0]!;
    expect('content' in forwarded && forwarded.content.toString()).toContain('The vase arrived broken.');
  });

  it('keeps calendar invites and winmail.dat as attachments, and inline cid images out of the list', async () => {
    const m = await map(`From: buyer@example.test
Subject: Pickup appointment
Content-Type: multipart/mixed; boundary=M

--M
Content-Type: multipart/related; boundary=R

--R
Content-Type: text/html; charset=utf-8

<p>See the map <img src="cid:map1"></p>
--R
Content-Type: image/png
Content-ID: <map1>
Content-Disposition: inline
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--R--
--M
Content-Type: text/calendar; method=REQUEST; charset=utf-8; name=invite.ics
Content-Disposition: attachment; filename=invite.ics

BEGIN:VCALENDAR
END:VCALENDAR
--M
Content-Type: application/ms-tnef; name=winmail.dat
Content-Disposition: attachment; filename=winmail.dat
Content-Transfer-Encoding: base64

eJ8+IgAAAQ==
--M--
`);
    expect(m.text).toBe('See the map');
    expect(m.attachments.filter((a) => !a.inline).map((a) => a.filename)).toEqual(['invite.ics', 'winmail.dat']);
    // The map image is kept for the HTML body, marked inline.
    expect(m.attachments.filter((a) => a.inline).map((a) => a.contentId)).toHaveLength(1);
    expect(m.html).toContain('cid:');
  });

  it('reads what it can of broken MIME (unterminated multipart, unknown charset)', async () => {
    const m = await map(`From: buyer@example.test
Subject: broken
Content-Type: multipart/alternative; boundary=NEVER-CLOSED

--NEVER-CLOSED
Content-Type: text/plain; charset=x-unknown-charset

Where is my parcel?
`);
    expect(m.text).toContain('Where is my parcel?');
  });

  it('keeps a message the parser cannot read, with its headers and bytes', async () => {
    const raw = Buffer.from('From: Buyer <BUYER@example.test>\r\nSubject: =?bogus\r\nMessage-ID: <x1@example.test>\r\n\r\nbody bytes\r\n');
    const m = await mapRaw(raw, { ownAddresses: [], inSentFolder: false, isSeen: false, internalDate: 7, raw }, async () => {
      throw new Error('parser exploded');
    });
    expect(m).toMatchObject({ messageIdHeader: '<x1@example.test>', from: { address: 'buyer@example.test' }, subject: '=?bogus', date: 7, direction: 'in' });
    expect(m.text).toContain('This message could not be read (parser exploded)');
    expect(m.text).toContain('body bytes');
  });
});

describe('marketplace mail', () => {
  it('recognises an Amazon buyer message through its relay address, with buyer name and order id', async () => {
    const m = await map(`From: "Jonas Becker - Amazon Marketplace" <2f9k7xq0lmz8wrd@marketplace.amazon.de>
To: shop@example.test
Subject: Frage zur Bestellung 302-4417823-5590312
Message-ID: <amz1@marketplace.amazon.de>
Content-Type: text/plain; charset=utf-8

Bestellnummer: 302-4417823-5590312
Ich habe die falsche Farbe erhalten.
`);
    expect(m.marketplace).toEqual({
      id: 'amazon', name: 'Amazon', orderId: '302-4417823-5590312', buyerName: 'Jonas Becker', replyBy: 'email',
      replyUrl: null, registeredSenderOnly: true, relayedTo: 'shop@example.test',
    });
  });

  it('recognises an eBay member message and its buyer from the subject, replying to the member alias', async () => {
    const m = await map(`From: "eBay" <ebay@ebay.com>
Reply-To: 63ae59ac280fe0fa69@members.ebay.com
To: shop@example.test
Subject: Other: kathy_1987 sent a message about Hand-woven rattan lamp #125567812345
Message-ID: <ebay1@ebay.com>

Hi, does the lamp come with a bulb?
`);
    expect(m.marketplace).toMatchObject({ id: 'ebay', orderId: '125567812345', buyerName: 'kathy_1987', replyBy: 'email' });
    expect(m.replyTo[0]!.address).toBe('63ae59ac280fe0fa69@members.ebay.com');
  });

  it('marks Etsy and AliExpress notifications as answered on the marketplace', async () => {
    const etsy = await map(`From: Etsy <transaction@etsy.com>
To: shop@example.test
Subject: New message from Camille D: question about order #2847561930
Message-ID: <etsy1@etsy.com>

Camille D sent you a message.
`);
    expect(etsy.marketplace).toMatchObject({ id: 'etsy', orderId: '2847561930', buyerName: 'Camille D', replyBy: 'marketplace', replyUrl: 'https://www.etsy.com/messages' });
    const ali = await map(`From: AliExpress <notice@notice.aliexpress.com>
To: shop@example.test
Subject: =?UTF-8?B?5Lmw5a6255WZ6KiA77ya6K6i5Y2VIDgxMjM0NTY3ODkwMTIzNDU=?=
Message-ID: <ali1@aliexpress.com>

订单 8123456789012345 的买家给您留言了。
`);
    expect(ali.marketplace).toMatchObject({ id: 'aliexpress', orderId: '8123456789012345', replyBy: 'marketplace' });
  });

  it('leaves ordinary mail and our own mail alone', async () => {
    expect((await map(`From: a@example.test\nSubject: 123-1234567-1234567\n\nhi\n`)).marketplace).toBeUndefined();
    expect((await map(`From: shop@example.test\nTo: x@marketplace.amazon.de\nSubject: Re: x\n\nhi\n`)).marketplace).toBeUndefined();
  });
});

describe('composing a reply', () => {
  it('writes fixed Message-ID, Date and threading headers, so every attempt is the same message', async () => {
    const message = {
      id: 'm', conversationId: 'c', accountId: 'a', direction: 'out' as const, messageIdHeader: 'fixed-1@example.test',
      inReplyTo: 'p2@example.test', references: ['p1@example.test', 'p2@example.test'],
      from: { name: 'Lumen Crafts', address: 'shop@example.test' }, replyTo: [], to: [{ name: 'Jonas Becker', address: 'jonas@example.test' }], cc: [],
      subject: 'Re: Rücksendung', date: Date.UTC(2026, 10, 25, 8), text: 'Guten Tag — 🙂', sendState: 'queued' as const,
    };
    const a = (await composeRaw(message)).toString();
    const b = (await composeRaw(message)).toString();
    expect(a).toBe(b);
    const parsed = await simpleParser(a);
    expect(parsed.messageId).toBe('<fixed-1@example.test>');
    expect(parsed.inReplyTo).toBe('<p2@example.test>');
    expect(parsed.references).toEqual(['<p1@example.test>', '<p2@example.test>']);
    expect(parsed.subject).toBe('Re: Rücksendung');
    expect(parsed.text?.trim()).toBe('Guten Tag — 🙂');
    expect(parsed.date?.getTime()).toBe(Date.UTC(2026, 10, 25, 8));
  });
});
