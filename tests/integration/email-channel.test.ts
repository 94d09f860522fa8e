// The email channel against real Dovecot and Postfix: adding an account, syncing delivered mail into
// conversations, replying (threading headers, delivery, Sent copy) and new mail arriving while IDLE.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startMailServers, type MailServers } from '../harness/mail-servers.js';
import { openCore, rawFilesHolding, type CoreFixture } from '../support/core-fixture.js';
import type { ImapFlow } from 'imapflow';
import { readMailbox, rfc822, searchFolder, withImap } from '../support/mailbox.js';

let servers: MailServers;
let n = 0;

/** A fresh seller and buyer mailbox per test, so tests never see each other's mail. */
async function mailboxes() {
  n += 1;
  const seller = `seller${n}@example.test`;
  const buyer = `buyer${n}@example.test`;
  await servers.addUser(seller, 'seller-pw');
  await servers.addUser(buyer, 'buyer-pw');
  return { seller, buyer };
}

function accountInput(email: string, password = 'seller-pw', imapPort = servers.imapPort) {
  return {
    email,
    displayName: 'Test Shop',
    imap: { host: '127.0.0.1', port: imapPort, tls: 'off' as const },
    smtp: { host: '127.0.0.1', port: servers.smtpPort, tls: 'off' as const },
    user: email,
    signIn: { kind: 'password' as const, password },
  };
}

beforeAll(async () => {
  servers = await startMailServers();
});
afterAll(async () => {
  await servers?.stop();
});

describe('adding an email account', () => {
  let f: CoreFixture;
  beforeAll(() => {
    f = openCore();
  });
  afterAll(() => f.close());

  it('rejects a wrong password with AUTH_FAILED and saves nothing', async () => {
    const { seller } = await mailboxes();
    const r = await f.raw('accounts.addEmail', accountInput(seller, 'wrong'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('AUTH_FAILED');
    expect(await f.call('accounts.list', {})).toHaveLength(0);
  });

  it('reports an unreachable host as UNREACHABLE', async () => {
    const { seller } = await mailboxes();
    const r = await f.raw('accounts.addEmail', accountInput(seller, 'seller-pw', 1));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNREACHABLE');
      expect(r.error.message).toContain('127.0.0.1:1');
    }
  });

  it('saves a working account once and refuses a duplicate', async () => {
    const { seller } = await mailboxes();
    const account = await f.call('accounts.addEmail', accountInput(seller));
    expect(account.address).toBe(seller);
    const again = await f.raw('accounts.addEmail', accountInput(seller));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('DUPLICATE_ACCOUNT');
    // The password is kept in the secret store, not in the database.
    const row = f.core.store.db.prepare('SELECT settings_json FROM accounts WHERE id = ?').get(account.id) as { settings_json: string };
    expect(row.settings_json).not.toContain('seller-pw');
  });

  it('after a password change elsewhere: says so, keeps replies queued, and takes the new password', async () => {
    const { seller, buyer } = await mailboxes();
    const g = openCore();
    try {
      const account = await g.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Size?', 'Message-ID': '<pwchange-1@buyer.example.test>' }, 'Which size?'));
      await g.core.syncOnce();
      const [conversation] = await g.call('conversations.list', {});
      await servers.addUser(seller, 'new-seller-pw'); // the seller changed the password in webmail
      await g.call('messages.reply', { conversationId: conversation!.id, text: 'Size M fits.' });
      const [result] = await g.core.syncEach();
      expect(result!.error).toMatchObject({ code: 'AUTH_FAILED' });
      expect((await g.call('outbox.list', {})).map((o) => o.status)).toEqual(['pending']);

      // A wrong new password is refused and the account keeps what it had.
      const wrong = await g.raw('accounts.updateSignIn', { id: account.id, signIn: { kind: 'password', password: 'typo' } });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
      await g.call('accounts.updateSignIn', { id: account.id, signIn: { kind: 'password', password: 'new-seller-pw' } });
      await g.core.syncOnce();
      const mail = await eventually(async () => {
        const m = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
        return m.length > 0 ? m : undefined;
      }, 'the queued reply');
      expect(mail[0]!.text).toContain('Size M fits.');
      expect(await g.call('outbox.list', {})).toEqual([]);
    } finally {
      await g.close();
    }
  });
});

describe('sync and reply', () => {
  it('groups delivered mail into conversations by Message-ID and References', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({
        From: `"Lucía Fernández" <${buyer}>`, To: seller, Subject: '=?UTF-8?B?wr9Ew7NuZGUgZXN0w6EgbWkgcGVkaWRvPw==?=',
        'Message-ID': '<q1@buyer.example.test>', Date: 'Mon, 23 Nov 2026 10:00:00 +0100', 'Content-Type': 'text/plain; charset=utf-8',
      }, 'Hola, ¿dónde está mi pedido?'));
      await servers.deliver(seller, rfc822({
        From: `"Lucía Fernández" <${buyer}>`, To: seller, Subject: 'Re: ¿Dónde está mi pedido?',
        'Message-ID': '<q2@buyer.example.test>', 'In-Reply-To': '<q1@buyer.example.test>', References: '<q1@buyer.example.test>',
        Date: 'Mon, 23 Nov 2026 12:00:00 +0100', 'Content-Type': 'text/plain; charset=utf-8',
      }, 'Sigo esperando.'));
      await servers.deliver(seller, rfc822({
        From: `"王磊" <other@example.test>`, To: seller, Subject: '=?UTF-8?B?5YWz5LqO5Y+R6LSn?=',
        'Message-ID': '<w1@other.example.test>', Date: 'Tue, 24 Nov 2026 09:00:00 +0800', 'Content-Type': 'text/html; charset=utf-8',
      }, '<p>您好，<b>请问</b>什么时候发货？</p><script>alert(1)</script>'));

      await f.core.syncOnce();
      const list = await f.call('conversations.list', {});
      expect(list).toHaveLength(2);
      const lucia = list.find((c) => c.customerAddress === buyer)!;
      expect(lucia).toMatchObject({ subject: '¿Dónde está mi pedido?', customerName: 'Lucía Fernández', messageCount: 2, unreadCount: 2 });
      const wang = list.find((c) => c.customerName === '王磊')!;
      expect(wang.subject).toBe('关于发货');
      // Newest first.
      expect(list[0]!.id).toBe(wang.id);

      const detail = await f.call('conversations.get', { id: wang.id });
      expect(detail.messages[0]!.text).toContain('您好，请问什么时候发货？');
      expect(detail.messages[0]!.text).not.toContain('alert');
      expect(detail.messages[0]!.fromHtml).toBe(true);
      // The raw source is kept, byte for byte as the server had it, for "View source" (offline too).
      const source = await f.call('messages.source', { id: detail.messages[0]!.id });
      expect(source.source).toContain('Message-ID: <w1@other.example.test>');
      expect(source.source).toContain('<script>alert(1)</script>');

      // A second sync of the same mailbox adds nothing.
      await f.core.syncOnce();
      expect((await f.call('conversations.list', {})).map((c) => c.messageCount).sort()).toEqual([1, 2]);
    } finally {
      await f.close();
    }
  });

  it('sends a reply that reaches the buyer with threading headers and lands in Sent once', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({
        From: `"Jonas Becker" <${buyer}>`, To: seller, Subject: 'Rücksendung', 'Message-ID': '<r1@buyer.example.test>',
        References: '<r0@buyer.example.test>', Date: 'Mon, 23 Nov 2026 10:00:00 +0100', 'Content-Type': 'text/plain; charset=utf-8',
      }, 'Wie kann ich den Artikel zurücksenden?'));
      await f.core.syncOnce();
      const [convo] = await f.call('conversations.list', {});

      const queued = await f.call('messages.reply', { conversationId: convo!.id, text: 'Guten Tag Jonas — here is your return label. 🙂' });
      // The reply is in the thread at once, before any network work.
      const before = await f.call('conversations.get', { id: convo!.id });
      expect(before.messages.at(-1)).toMatchObject({ id: queued.messageId, direction: 'out', sendState: 'queued' });
      expect(before.conversation.answered).toBe(true);
      expect(before.conversation.unreadCount).toBe(0);

      await f.core.syncOnce();

      const received = await eventually(async () => {
        const inbox = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
        return inbox.length > 0 ? inbox : undefined;
      }, 'the reply in the buyer mailbox');
      expect(received).toHaveLength(1);
      const reply = received[0]!;
      expect(reply.subject).toBe('Re: Rücksendung');
      expect(reply.inReplyTo).toBe('<r1@buyer.example.test>');
      expect(reply.references).toEqual(['<r0@buyer.example.test>', '<r1@buyer.example.test>']);
      expect(reply.text).toContain('here is your return label. 🙂');
      expect(reply.from?.value[0]).toMatchObject({ address: seller, name: 'Test Shop' });

      const sent = await readMailbox(servers.imapPort, seller, 'seller-pw', 'Sent');
      expect(sent.map((m) => m.messageId)).toEqual([reply.messageId]);
      // Other mail clients show the customer's message as answered.
      expect(await searchFolder(servers.imapPort, seller, 'seller-pw', 'INBOX', { answered: true, header: { 'message-id': '<r1@buyer.example.test>' } })).toHaveLength(1);

      // The Sent copy synced back is the same message, not a second one.
      await f.core.syncOnce();
      const after = await f.call('conversations.get', { id: convo!.id });
      expect(after.messages).toHaveLength(2);
      expect(after.messages[1]).toMatchObject({ id: queued.messageId, sendState: 'sent' });
      expect(await f.call('outbox.list', {})).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('replies to all, with a copy and a blind copy (no header names it), and with a file from disk', async () => {
    const { seller, buyer } = await mailboxes();
    const partner = `partner${n}@example.test`;
    const boss = `boss${n}@example.test`;
    await servers.addUser(partner, 'partner-pw');
    await servers.addUser(boss, 'boss-pw');
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      // The buyer wrote to the shop and copied their business partner.
      await servers.deliver(seller, rfc822({
        From: `"Ana Lima" <${buyer}>`, To: seller, Cc: `"Bruno" <${partner}>`, Subject: 'Atacado', 'Message-ID': '<all-1@buyer.example.test>',
        'Content-Type': 'text/plain; charset=utf-8',
      }, 'Vocês vendem no atacado?'));
      await f.core.syncOnce();
      const [convo] = await f.call('conversations.list', {});
      const refused = await f.raw('messages.reply', { conversationId: convo!.id, text: 'x', cc: ['not an address'] });
      expect(refused.ok ? null : refused.error.code).toBe('INVALID_INPUT');

      const queued = await f.call('messages.reply', { conversationId: convo!.id, text: 'Sim, a partir de 50 peças.', replyAll: true, bcc: [boss] });
      const mine = (await f.call('conversations.get', { id: convo!.id })).messages.find((m) => m.id === queued.messageId)!;
      expect(mine.to.map((p) => p.address)).toEqual([buyer]);
      expect(mine.cc).toEqual([{ name: 'Bruno', address: partner }]);
      expect(mine.bcc.map((p) => p.address)).toEqual([boss]);
      await f.core.syncOnce();

      const got = async (user: string, pw: string) =>
        eventually(async () => {
          const inbox = await readMailbox(servers.imapPort, user, pw);
          return inbox.length > 0 ? inbox : undefined;
        }, `the reply in ${user}'s mailbox`);
      for (const [user, pw] of [[buyer, 'buyer-pw'], [partner, 'partner-pw'], [boss, 'boss-pw']] as const) {
        const inbox = await got(user, pw);
        expect(inbox).toHaveLength(1);
        expect(inbox[0]!.text).toContain('a partir de 50 peças');
        expect(inbox[0]!.headers.has('bcc')).toBe(false);
        expect((Array.isArray(inbox[0]!.cc) ? inbox[0]!.cc[0] : inbox[0]!.cc)?.value.map((v) => v.address)).toEqual([partner]);
      }
      const sent = await readMailbox(servers.imapPort, seller, 'seller-pw', 'Sent');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers.has('bcc')).toBe(false);

      // A file from the agent's disk goes with the next reply, to the buyer and into Sent, byte for byte.
      const label = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 7)]);
      await f.call('messages.reply', {
        conversationId: convo!.id,
        text: 'A etiqueta segue em anexo.',
        attachments: [{ fileName: 'etiqueta devolução.pdf', contentType: 'application/pdf', dataBase64: label.toString('base64') }],
      });
      const shown = (await f.call('conversations.get', { id: convo!.id })).messages.at(-1)!;
      expect(shown.attachments.map((a) => [a.filename, a.size])).toEqual([['etiqueta devolução.pdf', label.length]]);
      await f.core.syncOnce();
      const withFile = await eventually(async () => {
        const inbox = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
        return inbox.length > 1 ? inbox[1] : undefined;
      }, 'the reply with the file');
      expect(withFile.attachments.map((a) => [a.filename, a.contentType])).toEqual([['etiqueta devolução.pdf', 'application/pdf']]);
      expect(withFile.attachments[0]!.content.equals(label)).toBe(true);
      const sentWithFile = (await readMailbox(servers.imapPort, seller, 'seller-pw', 'Sent')).find((m) => m.messageId === withFile.messageId)!;
      expect(sentWithFile.attachments[0]!.content.equals(label)).toBe(true);
      // Files go by e-mail only, and a reply's files are capped.
      const tooBig = await f.raw('messages.reply', { conversationId: convo!.id, text: 'x', attachments: [{ fileName: 'a.bin', contentType: '', dataBase64: 'A'.repeat(36 * 1024 * 1024) }] });
      expect(tooBig.ok ? null : tooBig.error.code).toBe('INVALID_INPUT');
    } finally {
      await f.close();
    }
  });

  it('starts a conversation with a new e-mail, which the customer’s answer joins, and forwards a message with its file', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      const started = await f.call('messages.compose', { accountId: account.id, to: buyer, toName: 'Ana Lima', subject: 'Seu pedido #4417 foi enviado', text: 'Olá Ana, o pedido saiu hoje.' });
      const convo = await f.call('conversations.get', { id: started.conversationId });
      expect(convo.conversation).toMatchObject({ subject: 'Seu pedido #4417 foi enviado', customerAddress: buyer, customerName: 'Ana Lima', answered: false, waitingSince: null });
      expect(convo.messages.map((m) => [m.direction, m.subject])).toEqual([['out', 'Seu pedido #4417 foi enviado']]);
      await f.core.syncOnce();
      const [received] = await eventually(async () => {
        const inbox = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
        return inbox.length > 0 ? inbox : undefined;
      }, 'the new e-mail in the buyer mailbox');
      expect(received!.subject).toBe('Seu pedido #4417 foi enviado');
      expect(received!.inReplyTo).toBeUndefined();
      // Her answer threads into the conversation the e-mail started.
      await servers.deliver(seller, rfc822({
        From: `"Ana Lima" <${buyer}>`, To: seller, Subject: 'Re: Seu pedido #4417 foi enviado', 'Message-ID': '<new-1@buyer.example.test>',
        'In-Reply-To': received!.messageId!, References: received!.messageId!, Date: new Date(Date.now() + 60_000).toUTCString(), 'Content-Type': 'text/plain; charset=utf-8',
      }, 'Obrigada!'));
      await f.core.syncOnce();
      const after = await f.call('conversations.get', { id: started.conversationId });
      expect(after.messages.map((m) => m.direction)).toEqual(['out', 'in']);
      expect((await f.call('conversations.list', {})).filter((c) => c.customerAddress === buyer)).toHaveLength(1);

      // Her photo of the damage goes to the warehouse with the file: a conversation with them, hers untouched.
      const warehouse = `warehouse${n}@example.test`;
      await servers.addUser(warehouse, 'warehouse-pw');
      const photo = Buffer.alloc(30_000, 3);
      await servers.deliver(seller, rfc822({
        From: `"Ana Lima" <${buyer}>`, To: seller, Subject: 'Chegou quebrado', 'Message-ID': '<new-2@buyer.example.test>',
        'Content-Type': 'multipart/mixed; boundary="b1"',
      }, ['--b1', 'Content-Type: text/plain; charset=utf-8', '', 'A caneca chegou quebrada, veja a foto.', '--b1',
        'Content-Type: image/jpeg; name="foto.jpg"', 'Content-Disposition: attachment; filename="foto.jpg"', 'Content-Transfer-Encoding: base64', '',
        photo.toString('base64'), '--b1--', ''].join('\r\n')));
      await f.core.syncOnce();
      const complaint = (await f.call('conversations.list', {})).find((c) => c.subject === 'Chegou quebrado')!;
      const message = (await f.call('conversations.get', { id: complaint.id })).messages[0]!;
      const forwarded = await f.call('messages.forward', { messageId: message.id, to: warehouse, note: 'Please send a replacement mug.' });
      expect(forwarded.filesLeftOut).toBe(0);
      await f.core.syncOnce();
      const [atWarehouse] = await eventually(async () => {
        const inbox = await readMailbox(servers.imapPort, warehouse, 'warehouse-pw');
        return inbox.length > 0 ? inbox : undefined;
      }, 'the forward at the warehouse');
      expect(atWarehouse!.subject).toBe('Fwd: Chegou quebrado');
      expect(atWarehouse!.text).toMatch(/^Please send a replacement mug\.\n\n---------- Forwarded message ----------\nFrom: Ana Lima <buyer\d+@example\.test>\n/);
      expect(atWarehouse!.text).toContain('A caneca chegou quebrada, veja a foto.');
      expect(atWarehouse!.attachments.map((a) => a.filename)).toEqual(['foto.jpg']);
      expect(atWarehouse!.attachments[0]!.content.equals(photo)).toBe(true);
      // Ana still waits for an answer.
      expect((await f.call('conversations.get', { id: complaint.id })).conversation).toMatchObject({ answered: false, messageCount: 1 });
      expect((await f.call('conversations.get', { id: forwarded.conversationId })).conversation).toMatchObject({ customerAddress: warehouse, subject: 'Fwd: Chegou quebrado' });
    } finally {
      await f.close();
    }
  });

  it('shows the newest conversations of a large first sync while older mail is still being fetched', async () => {
    const { seller, buyer } = await mailboxes();
    const total = 200; // more than the first batch (60) and the one fetched while it is stored
    for (let i = 0; i < total; i++) {
      await servers.deliver(seller, rfc822({ From: `"Buyer ${i}" <${i}-${buyer}>`, To: seller, Subject: `Order ${i}`, 'Message-ID': `<first-${i}@buyer.example.test>` }, `Where is order ${i}?`));
    }
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      // What the inbox has to show each time it is told something changed, and how far INBOX had got then.
      const shown: Array<{ subjects: string[]; done: number }> = [];
      let done = 0;
      f.core.events.on('sync.progress', (p) => {
        if (p.folder === 'INBOX' && !p.finished) done = p.done;
      });
      f.core.events.on('conversations.changed', () => {
        const rows = f.core.store.db.prepare<[], { subject: string }>("SELECT subject FROM conversations WHERE mailbox = 'inbox'").all();
        shown.push({ subjects: rows.map((r) => r.subject), done });
      });
      await f.core.syncOnce();
      const first = shown[0]!;
      expect(first.done).toBeLessThan(total); // told before INBOX was done
      expect(first.subjects.length).toBeGreaterThanOrEqual(50);
      expect(first.subjects.length).toBeLessThan(total);
      // Newest first: the first to show are the latest mail.
      const numbers = first.subjects.map((subject) => Number(/Order (\d+)/.exec(subject)![1])).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => total - numbers.length + i));
      expect(await f.call('conversations.list', { limit: 500 })).toHaveLength(total);
    } finally {
      await f.close();
    }
  });

  it("judges a conversation's language by the newest customer message that says enough, in a first sync's backfill and after it", async () => {
    const { seller, buyer } = await mailboxes();
    const thread = (i: number, date: string, text: string) =>
      servers.deliver(seller, rfc822({
        From: `"Ana Souza" <${buyer}>`, To: seller, Subject: i === 1 ? 'Bestellung 4411' : 'Re: Bestellung 4411', Date: date,
        'Message-ID': `<lang-${i}@buyer.example.test>`, ...(i > 1 ? { 'In-Reply-To': `<lang-${i - 1}@buyer.example.test>`, References: `<lang-${i - 1}@buyer.example.test>` } : {}),
        'Content-Type': 'text/plain; charset=utf-8',
      }, text));
    await thread(1, 'Mon, 02 Nov 2026 09:00:00 +0000', 'Guten Tag, ich habe vor zwei Wochen bestellt und das Paket ist immer noch nicht angekommen.');
    await thread(2, 'Tue, 03 Nov 2026 09:00:00 +0000', 'Hola, escribo otra vez porque todavía no he recibido el paquete que pedí hace dos semanas.');
    await thread(3, 'Wed, 04 Nov 2026 09:00:00 +0000', 'Ok!');
    // Newer mail from others fills the first batch, so the thread is stored by the backfill that follows it.
    for (let i = 0; i < 70; i++) {
      await servers.deliver(seller, rfc822({ From: `filler${i}@example.test`, To: seller, Subject: `Question ${i}`, Date: 'Thu, 05 Nov 2026 09:00:00 +0000', 'Message-ID': `<filler-${i}@example.test>` }, `Is item ${i} in stock?`));
    }
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      const ana = async () => (await f.call('conversations.list', { limit: 500 })).find((c) => c.customerAddress === buyer)!;
      await f.core.syncOnce();
      // "Ok!" says too little; the Spanish message before it decides, not the German one that began the thread.
      expect(await ana()).toMatchObject({ messageCount: 3, language: 'es' });

      // Later syncs: a short answer keeps what was known, a message that says enough changes it.
      await thread(4, 'Fri, 06 Nov 2026 09:00:00 +0000', 'Danke');
      await f.core.syncOnce();
      expect(await ana()).toMatchObject({ messageCount: 4, language: 'es' });
      await thread(5, 'Sat, 07 Nov 2026 09:00:00 +0000', 'Olá, o pacote finalmente chegou hoje, mas a caixa estava amassada e um dos itens veio quebrado.');
      await f.core.syncOnce();
      expect(await ana()).toMatchObject({ messageCount: 5, language: 'pt' });
    } finally {
      await f.close();
    }
  });

  it('lists the newest mail of a first sync from its headers before reading it, and completes it after a stop', async () => {
    const { seller, buyer } = await mailboxes();
    const relay = `q8w2e5r1t4${n}@marketplace.amazon.de`;
    await servers.deliver(seller, rfc822({ From: `"Ana Buyer" <${buyer}>`, To: seller, Subject: 'Parcel', 'Message-ID': `<parcel-${n}@buyer.example.test>` }, 'My parcel never arrived.'));
    await servers.deliver(seller, rfc822({
      From: `"Ana Buyer" <${buyer}>`, To: seller, Subject: 'Re: Parcel', 'Message-ID': `<parcel2-${n}@buyer.example.test>`, 'In-Reply-To': `<parcel-${n}@buyer.example.test>`,
    }, 'Any news?'));
    await servers.deliver(seller, rfc822({
      From: `"Jonas Becker - Amazon Marketplace" <${relay}>`, To: seller, Subject: 'Frage vom Kaeufer', 'Message-ID': `<amz-h-${n}@marketplace.amazon.de>`,
      'Content-Type': 'multipart/mixed; boundary="b1"',
    }, ['--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Bestellnummer 302-4417823-5590312: falsche Farbe.', '--b1',
      'Content-Type: text/plain; name="photo.txt"', 'Content-Disposition: attachment; filename="photo.txt"', '', 'a photo', '--b1--'].join('\r\n')));
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      // The first time the inbox is told about new mail, what it can show; then the app stops (a listener that
      // throws stands in for a crash between listing the mail and reading it).
      let listed: Array<{ subject: string; customer: string | null; messages: Array<{ text: string; bodyPending?: boolean }> }> | undefined;
      let stop = true;
      f.core.events.on('conversations.changed', (e) => {
        if (!e.bodiesPending || !stop) return;
        stop = false;
        const rows = f.core.store.db.prepare<[], { id: string; subject: string; customer: string | null }>(
          "SELECT c.id, c.subject, (SELECT name FROM contacts WHERE id = c.contact_id) AS customer FROM conversations c WHERE c.mailbox = 'inbox' ORDER BY c.subject",
        ).all();
        listed = rows.map((r) => ({ subject: r.subject, customer: r.customer, messages: f.core.store.messages.listForConversation(r.id).map((m) => ({ text: m.text, bodyPending: m.bodyPending })) }));
        throw new Error('stopped after listing');
      });
      await expect(f.core.syncOnce()).rejects.toThrow('stopped after listing');
      expect(listed).toEqual([
        { subject: 'Frage vom Kaeufer', customer: 'Jonas Becker', messages: [{ text: '', bodyPending: true }] },
        { subject: 'Parcel', customer: 'Ana Buyer', messages: [{ text: '', bodyPending: true }, { text: '', bodyPending: true }] },
      ]);

      // The next sync reads them in full, in the conversations their headers chose: nothing twice, nothing lost.
      await f.core.syncOnce();
      const list = await f.call('conversations.list', {});
      expect(list.map((c) => c.subject).sort()).toEqual(['Frage vom Kaeufer', 'Parcel']);
      const parcel = await f.call('conversations.get', { id: list.find((c) => c.subject === 'Parcel')!.id });
      expect(parcel.messages.map((m) => [m.text, m.bodyPending ?? false])).toEqual([['My parcel never arrived.', false], ['Any news?', false]]);
      // Its urgency is read from what the buyer wrote, not from the empty text it was listed with.
      expect(parcel.conversation.urgency).toBe('urgent');
      const amazon = await f.call('conversations.get', { id: list.find((c) => c.subject === 'Frage vom Kaeufer')!.id });
      expect(amazon.conversation).toMatchObject({ customerName: 'Jonas Becker', marketplace: { id: 'amazon', orderId: '302-4417823-5590312' } });
      expect(amazon.messages[0]).toMatchObject({ text: 'Bestellnummer 302-4417823-5590312: falsche Farbe.', attachments: [{ filename: 'photo.txt' }] });
      expect((await f.call('messages.source', { id: amazon.messages[0]!.id })).source).toContain('Bestellnummer 302-4417823-5590312');
      expect((await f.call('search.conversations', { query: 'Farbe' })).map((c) => c.id)).toEqual([amazon.conversation.id]);
    } finally {
      await f.close();
    }
  });

  it('shows mail delivered while watching INBOX (IDLE) without another sync', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      f.core.start();
      await eventually(() => f.core.statusOf(account.id).state === 'online', 'the account to come online');
      const changed = new Promise<string[]>((resolve) => f.core.events.on('conversations.changed', (e) => resolve(e.ids)));
      await servers.deliver(seller, rfc822({
        From: `"佐藤 美咲" <${buyer}>`, To: seller, Subject: '=?UTF-8?B?5ZCN5YWl44KM?=', 'Message-ID': '<idle1@buyer.example.test>',
        'Content-Type': 'text/plain; charset=utf-8',
      }, 'こんにちは'));
      const ids = await changed;
      const list = await f.call('conversations.list', {});
      expect(list).toHaveLength(1);
      expect(ids).toContain(list[0]!.id);
      expect(list[0]).toMatchObject({ customerName: '佐藤 美咲', subject: '名入れ', unreadCount: 1 });
    } finally {
      await f.close();
    }
  });

  it('carries read state, star and tags to the server as flags and keywords', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Flags', 'Message-ID': '<flags1@buyer.example.test>' }, 'hello'));
      await f.core.syncOnce();
      const [convo] = await f.call('conversations.list', {});
      await f.call('conversations.markRead', { id: convo!.id, read: true });
      await f.call('conversations.setFlagged', { id: convo!.id, flagged: true });
      await f.call('conversations.setTags', { id: convo!.id, tags: ['VIP', '紧急'] });
      await f.core.syncOnce();
      const flags = () =>
        withImap(servers.imapPort, seller, 'seller-pw', async (client) => {
          const lock = await client.getMailboxLock('INBOX');
          try {
            const msg = await client.fetchOne('1', { flags: true });
            return msg ? [...(msg.flags ?? [])].sort() : [];
          } finally {
            lock.release();
          }
        });
      expect(await flags()).toEqual(['$Tag_VIP', '$Tag__7d27__6025_', '\\Flagged', '\\Seen']);
      await f.call('conversations.setTags', { id: convo!.id, tags: ['VIP'] });
      await f.call('conversations.markRead', { id: convo!.id, read: false });
      await f.core.syncOnce();
      expect(await flags()).toEqual(['$Tag_VIP', '\\Flagged']);
      expect(await f.call('outbox.list', {})).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('archives and deletes conversations on the server, and a new customer message brings one back', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Keep', 'Message-ID': '<arch1@buyer.example.test>' }, 'one'));
      await servers.deliver(seller, rfc822({ From: `other-${buyer}`, To: seller, Subject: 'Spam offer', 'Message-ID': '<trash1@buyer.example.test>' }, 'two'));
      await f.core.syncOnce();
      const list = await f.call('conversations.list', {});
      const keep = list.find((c) => c.subject === 'Keep')!;
      const spam = list.find((c) => c.subject === 'Spam offer')!;

      await f.call('conversations.move', { id: keep.id, to: 'archive' });
      await f.call('conversations.move', { id: spam.id, to: 'trash' });
      // Filed locally at once.
      expect(await f.call('conversations.list', {})).toEqual([]);
      expect((await f.call('conversations.list', { mailbox: 'archive' })).map((c) => c.id)).toEqual([keep.id]);
      expect((await f.call('conversations.list', { mailbox: 'trash' })).map((c) => c.id)).toEqual([spam.id]);

      await f.core.syncOnce();
      expect(await readMailbox(servers.imapPort, seller, 'seller-pw', 'INBOX')).toEqual([]);
      expect((await readMailbox(servers.imapPort, seller, 'seller-pw', 'Archive')).map((m) => m.subject)).toEqual(['Keep']);
      expect((await readMailbox(servers.imapPort, seller, 'seller-pw', 'Trash')).map((m) => m.subject)).toEqual(['Spam offer']);

      // The customer writes again in the archived thread: it is back in the inbox.
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Re: Keep', 'Message-ID': '<arch2@buyer.example.test>', 'In-Reply-To': '<arch1@buyer.example.test>' }, 'again'));
      await f.core.syncOnce();
      const back = await f.call('conversations.list', {});
      expect(back.map((c) => [c.id, c.messageCount])).toEqual([[keep.id, 2]]);

      // Moving it back to the inbox moves the archived copy back too.
      await f.call('conversations.move', { id: keep.id, to: 'inbox' });
      await f.core.syncOnce();
      expect((await readMailbox(servers.imapPort, seller, 'seller-pw', 'INBOX')).map((m) => m.subject).sort()).toEqual(['Keep', 'Re: Keep']);
      expect(await f.call('outbox.list', {})).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('answers an Amazon buyer at the relay address and marks the conversation with its order', async () => {
    const { seller } = await mailboxes();
    const relay = `k3v9x0q2r7${n}@marketplace.amazon.de`;
    await servers.addUser(relay, 'relay-pw');
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({
        From: `"Jonas Becker - Amazon Marketplace" <${relay}>`, To: seller, Subject: 'Frage zu Bestellung 302-4417823-5590312',
        'Message-ID': `<amz-${n}@marketplace.amazon.de>`, 'Content-Type': 'text/plain; charset=utf-8',
      }, 'Bestellnummer 302-4417823-5590312: falsche Farbe.'));
      await f.core.syncOnce();
      const [convo] = await f.call('conversations.list', {});
      expect(convo).toMatchObject({ customerName: 'Jonas Becker', customerAddress: relay, marketplace: { id: 'amazon', orderId: '302-4417823-5590312', registeredSenderOnly: true, relayedTo: seller } });
      await f.call('messages.reply', { conversationId: convo!.id, text: 'Hallo Jonas, wir senden die richtige Farbe.' });
      await f.core.syncOnce();
      const got = await eventually(async () => {
        const mail = await readMailbox(servers.imapPort, relay, 'relay-pw');
        return mail.length ? mail : undefined;
      }, 'the reply at the Amazon relay address');
      expect(got[0]).toMatchObject({ subject: 'Re: Frage zu Bestellung 302-4417823-5590312', inReplyTo: `<amz-${n}@marketplace.amazon.de>` });
    } finally {
      await f.close();
    }
  });

  it('reflects flags and expunges made by another client, but never overwrites a change still waiting to be sent', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      for (const tag of ['a', 'b', 'c']) {
        await servers.deliver(seller, rfc822({ From: `${tag}-${buyer}`, To: seller, Subject: `Order ${tag}`, 'Message-ID': `<ext-${tag}@buyer.example.test>` }, `about ${tag}`));
      }
      await f.core.syncOnce();
      const byTag = async () => Object.fromEntries((await f.call('conversations.list', {})).map((c) => [c.subject.slice(-1), c]));
      const before = await byTag();
      expect(Object.keys(before).sort()).toEqual(['a', 'b', 'c']);
      expect(rawFilesHolding(f, 'ext-b@buyer.example.test')).toHaveLength(1);

      // The agent reads C here, offline from the runner's point of view (the op is still queued)...
      await f.call('conversations.markRead', { id: before.c!.id, read: true });
      // ...while another client reads A, stars C's copy, and deletes B for good.
      await servers.doveadm('flags', 'add', '-u', seller, '\\Seen \\Answered', 'mailbox', 'INBOX', 'header', 'message-id', '<ext-a@buyer.example.test>');
      await servers.doveadm('flags', 'add', '-u', seller, '\\Flagged', 'mailbox', 'INBOX', 'header', 'message-id', '<ext-c@buyer.example.test>');
      await servers.doveadm('expunge', '-u', seller, 'mailbox', 'INBOX', 'header', 'message-id', '<ext-b@buyer.example.test>');

      await f.core.connectorFor(account.id)!.syncOnce(); // sync only: the outbox has not run
      const after = await byTag();
      expect(Object.keys(after).sort()).toEqual(['a', 'c']);
      // Deleted for good elsewhere: its raw source goes too.
      expect(rawFilesHolding(f, 'ext-b@buyer.example.test')).toEqual([]);
      expect(rawFilesHolding(f, 'ext-a@buyer.example.test')).toHaveLength(1);
      expect(after.a!.unreadCount).toBe(0);
      // Answered from the other client: the team sees it no longer waits for a reply.
      expect([after.a!.answered, after.c!.answered]).toEqual([true, false]);
      expect(after.c).toMatchObject({ unreadCount: 0, flagged: true }); // local read kept; the server's star applied

      await f.core.syncOnce(); // now the queued read goes out
      const seen = await searchFolder(servers.imapPort, seller, 'seller-pw', 'INBOX', { seen: true, header: { 'message-id': '<ext-c@buyer.example.test>' } });
      expect(seen).toHaveLength(1);
    } finally {
      await f.close();
    }
  });

  it('syncs every folder: mail filed by another client into Archive or a folder of its own appears where it belongs', async () => {
    const { seller, buyer } = await mailboxes();
    await withImap(servers.imapPort, seller, 'seller-pw', async (client) => {
      await client.mailboxCreate('Orders/2026');
      await client.append('Orders/2026', rfc822({ From: buyer, To: seller, Subject: 'Invoice request', 'Message-ID': '<fold-1@buyer.example.test>' }, 'Please send an invoice.'));
      await client.append('Archive', rfc822({ From: `old-${buyer}`, To: seller, Subject: 'Old question', 'Message-ID': '<fold-2@buyer.example.test>' }, 'Answered long ago.'));
      await client.append('Drafts', rfc822({ From: seller, To: buyer, Subject: 'Half-written', 'Message-ID': '<fold-3@example.test>' }, 'draft'));
    });
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await f.core.syncOnce();
      expect((await f.call('conversations.list', {})).map((c) => c.subject)).toEqual(['Invoice request']);
      expect((await f.call('conversations.list', { mailbox: 'archive' })).map((c) => c.subject)).toEqual(['Old question']);
      // Drafts are not conversations.
      expect((await f.call('conversations.list', { mailbox: 'trash' })).map((c) => c.subject)).toEqual([]);
      // The folder tree, and a folder's conversations.
      const account = (await f.call('accounts.list', {}))[0]!;
      const folders = await f.call('accounts.folders', { id: account.id });
      expect(folders.map((x) => [x.path, x.role, x.messages])).toEqual([
        ['INBOX', 'inbox', 0], ['Archive', 'archive', 1], ['Orders/2026', 'other', 1], ['Sent', 'sent', 0], ['Trash', 'trash', 0],
      ]);
      expect((await f.call('conversations.list', { accountId: account.id, folder: 'Orders/2026' })).map((c) => c.subject)).toEqual(['Invoice request']);
    } finally {
      await f.close();
    }
  });

  it('follows what another client does while the app watches: moves (into a new folder too), expunges, flags', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      for (const tag of ['move', 'archive', 'gone', 'star']) {
        await servers.deliver(seller, rfc822({ From: `${tag}-${buyer}`, To: seller, Subject: `Case ${tag}`, 'Message-ID': `<w-${tag}@buyer.example.test>` }, `about ${tag}`));
      }
      f.core.start();
      await eventually(async () => (await f.call('conversations.list', {})).length === 4 && f.core.statusOf(account.id).state === 'online', 'the four conversations');
      const notes = async () => Object.fromEntries((await f.call('conversations.list', {})).map((c) => [c.subject.slice(5), c]));
      const before = await notes();
      // The agent has worked on the one that will move: its note and tag must survive the move.
      await f.call('notes.add', { conversationId: before.move!.id, text: 'Wholesale lead' });
      await f.call('conversations.setTags', { id: before.move!.id, tags: ['wholesale'] });
      await f.core.runner.drain();

      await servers.doveadm('mailbox', 'create', '-u', seller, 'Wholesale');
      await servers.doveadm('move', '-u', seller, 'Wholesale', 'mailbox', 'INBOX', 'header', 'message-id', '<w-move@buyer.example.test>');
      await servers.doveadm('move', '-u', seller, 'Archive', 'mailbox', 'INBOX', 'header', 'message-id', '<w-archive@buyer.example.test>');
      await servers.doveadm('expunge', '-u', seller, 'mailbox', 'INBOX', 'header', 'message-id', '<w-gone@buyer.example.test>');
      await servers.doveadm('flags', 'add', '-u', seller, '\\Flagged', 'mailbox', 'INBOX', 'header', 'message-id', '<w-star@buyer.example.test>');

      // No sync call from here on: IDLE reports the changes and the app follows.
      await eventually(async () => {
        const inbox = await notes();
        const archived = (await f.call('conversations.list', { mailbox: 'archive' })).map((c) => c.subject);
        if (!inbox.gone && inbox.star?.flagged && archived.includes('Case archive') && !inbox.archive && inbox.move) return true;
        throw new Error(`inbox ${JSON.stringify(Object.keys(inbox))}, star flagged ${inbox.star?.flagged}, archive ${JSON.stringify(archived)}`);
      }, 'the app to follow the other client');
      const after = await notes();
      // Moved, not deleted: the same conversation, with its note and tag, now listed under the new folder.
      expect(after.move!.id).toBe(before.move!.id);
      expect(after.move!.tags).toEqual(['wholesale']);
      expect((await f.call('conversations.get', { id: after.move!.id })).notes.map((x) => x.text)).toEqual(['Wholesale lead']);
      expect((await f.call('conversations.list', { accountId: account.id, folder: 'Wholesale' })).map((c) => c.id)).toEqual([before.move!.id]);
      expect((await f.call('accounts.folders', { id: account.id })).map((x) => x.path)).toContain('Wholesale');
    } finally {
      await f.close();
    }
  });

  it('files a conversation into a folder of the account, reports spam into Junk and takes it back', async () => {
    const { seller, buyer } = await mailboxes();
    await withImap(servers.imapPort, seller, 'seller-pw', (c) => c.mailboxCreate('Suppliers').then(() => undefined));
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Bulk fabric offer', 'Message-ID': '<sup-1@buyer.example.test>' }, 'We sell fabric.'));
      await servers.deliver(seller, rfc822({ From: `win-${buyer}`, To: seller, Subject: 'You won a prize', 'Message-ID': '<spam-1@buyer.example.test>' }, 'Click here.'));
      await f.core.syncOnce();
      const bySubject = Object.fromEntries((await f.call('conversations.list', {})).map((c) => [c.subject, c.id]));
      const inFolder = (folder: string, id: string) => searchFolder(servers.imapPort, seller, 'seller-pw', folder, { header: { 'message-id': id } });

      expect(await f.call('conversations.move', { id: bySubject['Bulk fabric offer']!, folder: 'Suppliers' })).toEqual({ mailbox: 'archive' });
      expect(await f.call('conversations.move', { id: bySubject['You won a prize']!, to: 'spam' })).toEqual({ mailbox: 'spam' });
      // Local at once: both left the inbox.
      expect(await f.call('conversations.list', {})).toEqual([]);
      expect((await f.call('conversations.list', { mailbox: 'spam' })).map((c) => c.subject)).toEqual(['You won a prize']);

      await f.core.syncOnce();
      expect(await inFolder('Suppliers', '<sup-1@buyer.example.test>')).toHaveLength(1);
      expect(await inFolder('Junk', '<spam-1@buyer.example.test>')).toHaveLength(1);
      expect(await inFolder('INBOX', '<spam-1@buyer.example.test>')).toHaveLength(0);
      // The next pass keeps them where the agent put them (Junk is not synced, and nothing was lost).
      await f.core.syncOnce();
      expect((await f.call('conversations.list', { accountId: account.id, folder: 'Suppliers' })).map((c) => c.subject)).toEqual(['Bulk fabric offer']);
      expect((await f.call('conversations.list', { mailbox: 'spam' })).map((c) => c.subject)).toEqual(['You won a prize']);

      // Not spam after all: back to the inbox, on the server too.
      await f.call('conversations.move', { id: bySubject['You won a prize']!, to: 'inbox' });
      await f.core.syncOnce();
      expect(await inFolder('INBOX', '<spam-1@buyer.example.test>')).toHaveLength(1);
      expect(await inFolder('Junk', '<spam-1@buyer.example.test>')).toHaveLength(0);
      expect((await f.call('conversations.list', {})).map((c) => c.subject)).toEqual(['You won a prize']);

      // The provider's filter put a real buyer into Junk: the Spam view shows it, and it can be rescued.
      await withImap(servers.imapPort, seller, 'seller-pw', (c) =>
        c.append('Junk', rfc822({ From: `"Olga Petrova" <olga-${buyer}>`, To: seller, Subject: 'Оптовый заказ', 'Message-ID': '<junk-1@buyer.example.test>' }, 'Хочу заказать 50 штук.')).then(() => undefined),
      );
      await f.core.syncOnce();
      const spam = await f.call('conversations.list', { mailbox: 'spam' });
      expect(spam.map((c) => c.customerName)).toEqual(['Olga Petrova']);
      await f.call('conversations.move', { id: spam[0]!.id, to: 'inbox' });
      await f.core.syncOnce();
      expect(await inFolder('INBOX', '<junk-1@buyer.example.test>')).toHaveLength(1);
      expect((await f.call('conversations.list', {})).map((c) => c.customerName).sort()).toEqual(['', 'Olga Petrova']);
    } finally {
      await f.close();
    }
  });

  it('blocks a sender: their conversations and their next mail go to Junk, here and on the server, until unblocked', async () => {
    const { seller, buyer } = await mailboxes();
    const pest = `pest-${buyer}`;
    const f = openCore();
    try {
      await f.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({ From: pest, To: seller, Subject: 'Cheap followers', 'Message-ID': '<pest-1@buyer.example.test>' }, 'Buy followers now.'));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Order 1234', 'Message-ID': '<good-1@buyer.example.test>' }, 'Where is my parcel?'));
      await f.core.syncOnce();
      const inFolder = (folder: string, id: string) => searchFolder(servers.imapPort, seller, 'seller-pw', folder, { header: { 'message-id': id } });
      const subjects = async (mailbox: 'inbox' | 'spam') => (await f.call('conversations.list', { mailbox })).map((c) => c.subject).sort();
      const first = (await f.call('conversations.list', {})).find((c) => c.subject === 'Cheap followers')!;

      expect(await f.call('senders.block', { conversationId: first.id })).toEqual({ address: pest, moved: [first.id] });
      expect((await f.call('conversations.get', { id: first.id })).senderBlocked).toBe(true);
      expect(await subjects('inbox')).toEqual(['Order 1234']);
      await f.core.syncOnce();
      expect(await inFolder('Junk', '<pest-1@buyer.example.test>')).toHaveLength(1);
      expect(await inFolder('INBOX', '<pest-1@buyer.example.test>')).toHaveLength(0);

      // They write again: straight to Spam, and out of the server's INBOX.
      await servers.deliver(seller, rfc822({ From: pest, To: seller, Subject: 'Last chance', 'Message-ID': '<pest-2@buyer.example.test>' }, 'Only today.'));
      await f.core.syncOnce();
      await f.core.syncOnce();
      expect(await subjects('spam')).toEqual(['Cheap followers', 'Last chance']);
      expect(await subjects('inbox')).toEqual(['Order 1234']);
      expect(await inFolder('Junk', '<pest-2@buyer.example.test>')).toHaveLength(1);
      expect(await inFolder('INBOX', '<pest-2@buyer.example.test>')).toHaveLength(0);

      // Unblocked: both conversations back in the inbox, on the server too; the good buyer was never touched.
      const unblocked = await f.call('senders.unblock', { conversationId: first.id });
      expect(unblocked.moved).toHaveLength(2);
      expect((await f.call('conversations.get', { id: first.id })).senderBlocked).toBe(false);
      await f.core.syncOnce();
      expect(await inFolder('INBOX', '<pest-1@buyer.example.test>')).toHaveLength(1);
      expect(await inFolder('INBOX', '<pest-2@buyer.example.test>')).toHaveLength(1);
      expect(await subjects('inbox')).toEqual(['Cheap followers', 'Last chance', 'Order 1234']);
      expect(await inFolder('INBOX', '<good-1@buyer.example.test>')).toHaveLength(1);
    } finally {
      await f.close();
    }
  });

  it('shares tags between two agents on the same mailbox, and picks up keywords another client sets', async () => {
    const { seller, buyer } = await mailboxes();
    const agentA = openCore();
    const agentB = openCore();
    try {
      await agentA.call('accounts.addEmail', accountInput(seller));
      await agentB.call('accounts.addEmail', accountInput(seller));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Bulk order', 'Message-ID': '<tagshare-1@buyer.example.test>' }, '200 units?'));
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Re: Bulk order', 'Message-ID': '<tagshare-2@buyer.example.test>', 'In-Reply-To': '<tagshare-1@buyer.example.test>' }, 'And 300?'));
      await agentA.core.syncOnce();
      await agentB.core.syncOnce();
      const idOf = async (f: CoreFixture) => (await f.call('conversations.list', {}))[0]!.id;
      const tagsOf = async (f: CoreFixture) => (await f.call('conversations.list', {}))[0]!.tags;

      await agentA.call('conversations.setTags', { id: await idOf(agentA), tags: ['wholesale', '紧急'] });
      await agentA.core.syncOnce();
      await agentB.core.syncOnce();
      expect(await tagsOf(agentB)).toEqual(['wholesale', '紧急']);

      await agentB.call('conversations.setTags', { id: await idOf(agentB), tags: ['wholesale'] });
      await agentB.core.syncOnce();
      await agentA.core.syncOnce();
      expect(await tagsOf(agentA)).toEqual(['wholesale']);

      // A keyword set by another mail client on one message adds the tag; the pending change of an agent wins.
      await servers.doveadm('flags', 'add', '-u', seller, '$Tag_VIP', 'mailbox', 'INBOX', 'header', 'message-id', '<tagshare-2@buyer.example.test>');
      await agentB.call('conversations.setTags', { id: await idOf(agentB), tags: ['wholesale', 'quoted'] });
      await agentA.core.connectorFor((await agentA.call('accounts.list', {}))[0]!.id)!.syncOnce();
      await agentB.core.connectorFor((await agentB.call('accounts.list', {}))[0]!.id)!.syncOnce();
      expect(await tagsOf(agentA)).toEqual(['VIP', 'wholesale']);
      expect(await tagsOf(agentB)).toEqual(['quoted', 'wholesale']);
    } finally {
      await agentA.close();
      await agentB.close();
    }
  });

  it('follows a folder renamed or deleted by another client', async () => {
    const { seller, buyer } = await mailboxes();
    await withImap(servers.imapPort, seller, 'seller-pw', async (c) => {
      await c.mailboxCreate('Returns');
      await c.mailboxCreate('Old promos');
      await c.append('Returns', rfc822({ From: buyer, To: seller, Subject: 'Return label', 'Message-ID': '<ren-1@buyer.example.test>' }, 'Label?'));
      await c.append('Old promos', rfc822({ From: `promo-${buyer}`, To: seller, Subject: 'Promo', 'Message-ID': '<del-1@buyer.example.test>' }, 'Sale!'));
    });
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      await f.core.syncOnce();
      const before = Object.fromEntries((await f.call('conversations.list', {})).map((c) => [c.subject, c.id]));
      await f.call('notes.add', { conversationId: before['Return label']!, text: 'Label sent by post' });

      await servers.doveadm('mailbox', 'rename', '-u', seller, 'Returns', 'Returns 2026');
      await servers.doveadm('mailbox', 'delete', '-u', seller, '-r', 'Old promos');
      await f.core.syncOnce();

      const after = await f.call('conversations.list', {});
      expect(after.map((c) => [c.subject, c.id])).toEqual([['Return label', before['Return label']]]);
      expect((await f.call('conversations.get', { id: before['Return label']! })).notes.map((x) => x.text)).toEqual(['Label sent by post']);
      const folders = (await f.call('accounts.folders', { id: account.id })).map((x) => x.path);
      expect(folders).toContain('Returns 2026');
      expect(folders).not.toContain('Returns');
      expect(folders).not.toContain('Old promos');
    } finally {
      await f.close();
    }
  });

  it('runs several accounts at once, each with its own connection and error state', async () => {
    const shop = await mailboxes();
    const other = await mailboxes();
    const f = openCore();
    try {
      const a = await f.call('accounts.addEmail', accountInput(shop.seller));
      const b = await f.call('accounts.addEmail', accountInput(other.seller));
      await servers.addUser(other.seller, 'changed-elsewhere'); // B's password no longer works
      f.core.start();
      await eventually(() => f.core.statusOf(a.id).state === 'online' && f.core.statusOf(b.id).state === 'error', 'A online and B in error');
      expect(f.core.statusOf(b.id)).toMatchObject({ errorCode: 'AUTH_FAILED' });
      // A keeps working: new mail arrives through its own IDLE connection.
      await servers.deliver(shop.seller, rfc822({ From: shop.buyer, To: shop.seller, Subject: 'Still works', 'Message-ID': '<multi-1@buyer.example.test>' }, 'Hi'));
      await eventually(async () => (await f.call('conversations.list', { accountId: a.id })).length === 1, 'mail for A');
      expect(f.core.statusOf(b.id).state).toBe('error');
    } finally {
      await f.close();
    }
  });

  it('survives a UIDVALIDITY reset (folder recreated elsewhere) without duplicates or loss', async () => {
    const { seller, buyer } = await mailboxes();
    const imap = (fn: (c: ImapFlow) => Promise<void>) => withImap(servers.imapPort, seller, 'seller-pw', fn);
    const mail = (i: number) => rfc822({ From: `b${i}-${buyer}`, To: seller, Subject: `Case ${i}`, 'Message-ID': `<uv-${i}@buyer.example.test>` }, `case ${i}`);
    await imap(async (c) => {
      await c.mailboxCreate('Cases');
      for (const i of [1, 2]) await c.append('Cases', mail(i));
    });
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      await f.core.syncOnce();
      const before = f.core.store.folders.get(account.id, 'Cases');
      await imap(async (c) => {
        await c.mailboxDelete('Cases');
        await c.mailboxCreate('Cases');
        for (const i of [2, 1, 3]) await c.append('Cases', mail(i));
      });
      await f.core.syncOnce();
      expect(f.core.store.folders.get(account.id, 'Cases').uidvalidity).not.toBe(before.uidvalidity);
      const list = await f.call('conversations.list', { accountId: account.id, folder: 'Cases' });
      expect(list.map((c) => [c.subject, c.messageCount]).sort()).toEqual([['Case 1', 1], ['Case 2', 1], ['Case 3', 1]]);
      expect((await f.call('accounts.folders', { id: account.id })).find((x) => x.path === 'Cases')!.messages).toBe(3);
    } finally {
      await f.close();
    }
  });
});

describe('removing an account', () => {
  it('removes its conversations, attachments, raw sources, waiting replies and password here, and nothing on the server', async () => {
    const { seller, buyer } = await mailboxes();
    await servers.deliver(seller, [
      `From: Buyer <${buyer}>`, `To: ${seller}`, 'Subject: Photo of the damage', 'Message-ID: <rm-1@buyer.example.test>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'See the photo.', '--b',
      'Content-Type: image/png; name="damage.png"', 'Content-Disposition: attachment; filename="damage.png"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from('not really a png').toString('base64'), '--b--', '',
    ].join('\r\n'));
    const f = openCore();
    try {
      const account = await f.call('accounts.addEmail', accountInput(seller));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      const [message] = (await f.call('conversations.get', { id: conversation!.id })).messages;
      const attachment = await f.call('attachments.open', { id: message!.attachments[0]!.id });
      expect(fs.existsSync(attachment.path)).toBe(true);
      expect((await f.call('messages.source', { id: message!.id })).source).toContain('rm-1@buyer.example.test');
      expect(rawFilesHolding(f, 'rm-1@buyer.example.test')).toHaveLength(1);
      await f.call('messages.reply', { conversationId: conversation!.id, text: 'Sorry, a new one ships today.' });

      expect(await f.call('accounts.remove', { id: account.id })).toEqual({ removed: true });
      expect(await f.call('accounts.list', {})).toEqual([]);
      expect(await f.call('conversations.list', {})).toEqual([]);
      expect(await f.call('outbox.list', {})).toEqual([]);
      expect(fs.existsSync(attachment.path)).toBe(false);
      // Its raw source is gone from disk, not merely forgotten.
      expect(rawFilesHolding(f, 'rm-1@buyer.example.test')).toEqual([]);
      expect(fs.readFileSync(path.join(f.profileDir, 'secrets.json'), 'utf8')).not.toContain('seller-pw');
      // The server still has the mail.
      expect((await readMailbox(servers.imapPort, seller, 'seller-pw')).map((m) => m.subject)).toEqual(['Photo of the damage']);
    } finally {
      await f.close();
    }
  });
});
