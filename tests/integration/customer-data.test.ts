// A buyer's data rights against real Dovecot: export everything about one customer as an archive, erase it here
// and on the mail server, delete old resolved conversations by the retention rule; all of it in an audit log
// that nothing can edit.
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { useMailServers } from '../support/mail-suite.js';
import { emailAccountOn, openCore, rawFilesHolding } from '../support/core-fixture.js';
import { readMailbox, rfc822 } from '../support/mailbox.js';

const suite = useMailServers();
const seller = () => suite.mailbox('gdpr-seller');

const withPhoto = (to: string, from: string, id: string) =>
  [`From: Ana Souza <${from}>`, `To: ${to}`, 'Subject: Foto do defeito', `Message-ID: <${id}@buyer.example.test>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'A lâmpada chegou quebrada.', '--b',
    'Content-Type: image/jpeg; name="defeito.jpg"', 'Content-Disposition: attachment; filename="defeito.jpg"', 'Content-Transfer-Encoding: base64', '',
    Buffer.from('jpeg bytes of the damage').toString('base64'), '--b--', ''].join('\r\n');

describe("a customer's data", () => {
  it('exports every conversation, message, note and attachment of one customer, and only theirs', async () => {
    const shop = await seller();
    await suite.servers.deliver(shop, withPhoto(shop, 'ana@buyer.example.test', 'ana-1'));
    await suite.servers.deliver(shop, rfc822({ From: 'Ana Souza <ana@buyer.example.test>', To: shop, Subject: 'Outro pedido', 'Message-ID': '<ana-2@buyer.example.test>' }, 'E o pedido 2?'));
    await suite.servers.deliver(shop, rfc822({ From: 'Other <other@buyer.example.test>', To: shop, Subject: 'Not Ana', 'Message-ID': '<other-1@buyer.example.test>' }, 'someone else'));
    const f = openCore();
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, shop));
      await f.core.syncOnce();
      const ana = (await f.call('conversations.list', {})).filter((c) => c.customerAddress === 'ana@buyer.example.test');
      expect(ana).toHaveLength(2);
      await f.call('notes.add', { conversationId: ana[0]!.id, text: 'VIP buyer, refund approved' });
      await f.call('messages.reply', { conversationId: ana[0]!.id, text: 'Desculpe! Enviamos outra hoje.' });

      const exported = await f.call('customers.export', { address: 'Ana@Buyer.example.test' });
      expect(exported).toMatchObject({ conversations: 2, messages: 3, attachments: 1 });
      expect(fs.statSync(exported.file).mode & 0o777).toBe(0o600);
      const files = unzipSync(fs.readFileSync(exported.file));
      const doc = JSON.parse(strFromU8(files['customer.json']!)) as {
        customer: { address: string; names: string[]; notes: string[] };
        conversations: Array<{ subject: string; notes: Array<{ text: string }>; messages: Array<{ text: string; rawSource: string | null; attachments: Array<{ file: string | null }> }> }>;
      };
      expect(doc.customer).toEqual({ address: 'ana@buyer.example.test', names: ['Ana Souza'], notes: [] });
      expect(doc.conversations.map((c) => c.subject).sort()).toEqual(['Foto do defeito', 'Outro pedido']);
      const texts = doc.conversations.flatMap((c) => c.messages.map((m) => m.text));
      expect(texts).toEqual(expect.arrayContaining(['A lâmpada chegou quebrada.', 'E o pedido 2?', 'Desculpe! Enviamos outra hoje.']));
      expect(texts.join()).not.toContain('someone else');
      expect(doc.conversations.flatMap((c) => c.notes.map((x) => x.text))).toEqual(['VIP buyer, refund approved']);
      const photo = doc.conversations.flatMap((c) => c.messages.flatMap((m) => m.attachments))[0]!;
      expect(strFromU8(files[photo.file!]!)).toBe('jpeg bytes of the damage');
      const raw = doc.conversations.flatMap((c) => c.messages).find((m) => m.text === 'E o pedido 2?')!.rawSource!;
      expect(strFromU8(files[raw]!)).toContain('Message-ID: <ana-2@buyer.example.test>');

      const unknown = await f.raw('customers.export', { address: 'nobody@example.test' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await f.close();
    }
  });

  it('erases one customer here and on the mail server, keeps others, and logs it where it cannot be edited', async () => {
    const shop = await seller();
    await suite.servers.deliver(shop, withPhoto(shop, 'ana@buyer.example.test', 'erase-1'));
    await suite.servers.deliver(shop, rfc822({ From: 'Other <other@buyer.example.test>', To: shop, Subject: 'Keep me', 'Message-ID': '<keep-1@buyer.example.test>' }, 'stay'));
    const f = openCore(undefined, { baseDelayMs: 50, maxDelayMs: 200 });
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, shop));
      await f.core.syncOnce();
      const [ana] = (await f.call('conversations.list', {})).filter((c) => c.customerAddress === 'ana@buyer.example.test');
      const attachmentId = (await f.call('conversations.get', { id: ana!.id })).messages[0]!.attachments[0]!.id;
      const file = (await f.call('attachments.open', { id: attachmentId })).path;
      const kept = (await f.call('conversations.list', {})).find((c) => c.subject === 'Keep me')!;
      const keptMessage = (await f.call('conversations.get', { id: kept.id })).messages[0]!;
      expect(rawFilesHolding(f, 'erase-1@buyer.example.test')).toHaveLength(1);
      // A reply still waiting is dropped with the conversation, never sent afterwards.
      await f.call('messages.reply', { conversationId: ana!.id, text: 'This must never leave.' });

      expect(await f.call('customers.erase', { address: 'ana@buyer.example.test', onServer: true })).toEqual({ conversations: 1, messages: 2, serverDeletions: 2 });
      expect((await f.call('conversations.list', {})).map((c) => c.subject)).toEqual(['Keep me']);
      expect(fs.existsSync(file)).toBe(false);
      // Her raw source is overwritten on disk; the other customer's, kept beside it, still reads.
      expect(rawFilesHolding(f, 'erase-1@buyer.example.test')).toEqual([]);
      expect((await f.call('messages.source', { id: keptMessage.id })).source).toContain('keep-1@buyer.example.test');
      expect(f.core.store.customers.contacts('ana@buyer.example.test')).toEqual([]);
      // The waiting reply went with the conversation: only the server deletion waits now.
      expect((await f.call('outbox.list', {})).map((o) => o.kind)).toEqual(['messages.erase']);

      f.core.start();
      await eventually(async () => (await f.call('outbox.list', {})).length === 0, 'the server deletion done');
      expect((await readMailbox(suite.servers.imapPort, shop, 'pw')).map((m) => m.subject)).toEqual(['Keep me']);

      const log = await f.call('audit.list', {});
      expect(log.map((e) => [e.action, e.subject])).toEqual([['customer.erased', 'ana@buyer.example.test'], ['account.added', shop]]);
      expect(log[0]!.detail).toMatchObject({ conversations: 1, messages: 2, onServer: true });
      // Not even a direct write to the database changes it.
      expect(() => f.core.store.db.prepare("UPDATE audit_log SET subject = 'someone'").run()).toThrow('The audit log cannot be changed.');
      expect(() => f.core.store.db.prepare('DELETE FROM audit_log').run()).toThrow('The audit log cannot be changed.');
    } finally {
      await f.close();
    }
  });

  it('deletes local copies of resolved conversations older than the retention setting, and only those', async () => {
    const shop = await seller();
    const old = new Date(Date.now() - 400 * 24 * 3600 * 1000).toUTCString();
    await suite.servers.deliver(shop, rfc822({ From: 'a <a@buyer.example.test>', To: shop, Subject: 'Old and resolved', 'Message-ID': '<r1@b>', Date: old }, 'old'));
    await suite.servers.deliver(shop, rfc822({ From: 'b <b@buyer.example.test>', To: shop, Subject: 'Old but open', 'Message-ID': '<r2@b>', Date: old }, 'old open'));
    await suite.servers.deliver(shop, rfc822({ From: 'c <c@buyer.example.test>', To: shop, Subject: 'Recent and resolved', 'Message-ID': '<r3@b>' }, 'new'));
    const f = openCore();
    try {
      await f.call('accounts.addEmail', emailAccountOn(suite.servers, shop));
      await f.core.syncOnce();
      for (const c of await f.call('conversations.list', {})) if (c.subject !== 'Old but open') await f.call('conversations.setStatus', { id: c.id, status: 'closed' });
      expect((await f.call('settings.get', {})).retentionMonths).toBeNull(); // off unless the seller turns it on
      await f.call('settings.set', { retentionMonths: 12 });
      expect((await f.call('conversations.list', {})).map((c) => c.subject).sort()).toEqual(['Old but open', 'Recent and resolved']);
      expect((await f.call('audit.list', {}))[0]).toMatchObject({ action: 'retention.deleted', detail: { conversations: 1 } });
      expect((await readMailbox(suite.servers.imapPort, shop, 'pw')).length).toBe(3); // the server keeps its copy
    } finally {
      await f.close();
    }
  });
});
