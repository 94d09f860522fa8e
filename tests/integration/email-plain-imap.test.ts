// A server without CONDSTORE and QRESYNC (many older and hosted IMAP servers): Dovecot told to announce only
// the basics. The app falls back to comparing the flags of the UID range it holds and the UIDs still there, and
// ends up with the same picture of the mailbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailServers, type MailServers } from '../harness/mail-servers.js';
import { emailAccountOn, openCore } from '../support/core-fixture.js';
import { rfc822, withImap } from '../support/mailbox.js';

let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers({ imapCapability: 'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT UIDPLUS MOVE SPECIAL-USE' });
}, 60_000);
afterAll(async () => {
  await servers?.stop();
});

describe('an IMAP server without CONDSTORE/QRESYNC', () => {
  it('still follows flags and expunges made by another client', async () => {
    const seller = 'plain-seller@example.test';
    await servers.addUser(seller, 'pw');
    const caps = await withImap(servers.imapPort, seller, 'pw', async (c) => [...c.capabilities.keys()]);
    expect(caps).not.toContain('CONDSTORE');
    expect(caps).not.toContain('QRESYNC');
    for (const tag of ['a', 'b', 'c']) {
      await servers.deliver(seller, rfc822({ From: `${tag}@buyer.example.test`, To: seller, Subject: `Order ${tag}`, 'Message-ID': `<plain-${tag}@buyer.example.test>` }, tag));
    }
    const f = openCore();
    try {
      await f.call('accounts.addEmail', emailAccountOn(servers, seller));
      await f.core.syncOnce();
      expect((await f.call('conversations.list', {})).map((c) => c.subject).sort()).toEqual(['Order a', 'Order b', 'Order c']);

      await servers.doveadm('flags', 'add', '-u', seller, '\\Seen \\Flagged', 'mailbox', 'INBOX', 'header', 'message-id', '<plain-a@buyer.example.test>');
      await servers.doveadm('expunge', '-u', seller, 'mailbox', 'INBOX', 'header', 'message-id', '<plain-b@buyer.example.test>');
      await f.core.syncOnce();
      const list = Object.fromEntries((await f.call('conversations.list', {})).map((c) => [c.subject, c]));
      expect(Object.keys(list).sort()).toEqual(['Order a', 'Order c']);
      expect(list['Order a']).toMatchObject({ unreadCount: 0, flagged: true });
      expect(list['Order c']).toMatchObject({ unreadCount: 1, flagged: false });
      // The folder was never given a modification sequence to rely on.
      expect(f.core.store.folders.get((await f.call('accounts.list', {}))[0]!.id, 'INBOX').highestModseq).toBeNull();
    } finally {
      await f.close();
    }
  });
});
