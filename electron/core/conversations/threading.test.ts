// Grouping messages into conversations, whatever order they arrive in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import { createStore, type Store } from '../db/store.js';
import { ingestMessage, type IncomingMessage } from './ingest.js';
import { normalizeMessageId, threadKeys } from './threading.js';

let store: Store;
let dir: string;
const ACCOUNT = 'acc-1';

function msg(id: string, refs: string[] = [], over: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    messageIdHeader: `<${id}@example.test>`,
    inReplyTo: refs.length ? `<${refs[refs.length - 1]}@example.test>` : null,
    references: refs.map((r) => `<${r}@example.test>`),
    direction: 'in',
    from: { name: 'Buyer', address: 'buyer@example.test' },
    replyTo: [],
    to: [{ name: '', address: 'shop@example.test' }],
    cc: [],
    subject: `Subject of ${id}`,
    date: Date.UTC(2026, 10, 1) + Number(id.replace(/\D/g, '') || 0) * 60_000,
    text: `text ${id}`,
    fromHtml: false,
    isRead: false,
    attachments: [],
    ...over,
  };
}

const ingest = (m: IncomingMessage) => store.transaction(() => ingestMessage(store, path.join(dir, 'att'), ACCOUNT, m, null, Date.now()));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threading-'));
  store = createStore(openDatabase(path.join(dir, 'db.sqlite')));
  store.accounts.insert({ id: ACCOUNT, channel: 'email', name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: 0 });
});

describe('message ids', () => {
  it('normalizes brackets, spaces and the host case', () => {
    expect(normalizeMessageId(' <Abc.1@Mail.EXAMPLE.test> ')).toBe('Abc.1@mail.example.test');
  });
  it('keys a message by its own id first, then in-reply-to and references, without duplicates', () => {
    expect(threadKeys('<c@x>', '<b@x>', ['<a@x>', '<b@x>'])).toEqual(['c@x', 'b@x', 'a@x']);
  });
});

describe('grouping', () => {
  it('puts a reply in its parent conversation', () => {
    const a = ingest(msg('m1'));
    const b = ingest(msg('m2', ['m1']));
    expect(b.conversationId).toBe(a.conversationId);
    expect(store.conversations.get(a.conversationId)).toMatchObject({ messageCount: 2, subject: 'Subject of m1' });
  });

  it('keeps unrelated messages apart', () => {
    expect(ingest(msg('m1')).conversationId).not.toBe(ingest(msg('m2')).conversationId);
  });

  it('joins a reply that arrives before its parent', () => {
    const child = ingest(msg('m2', ['m1']));
    const parent = ingest(msg('m1'));
    expect(parent.conversationId).toBe(child.conversationId);
  });

  it('merges two threads when a message links them, keeping every message', () => {
    const a = ingest(msg('m1'));
    const b = ingest(msg('m5'));
    const link = ingest(msg('m6', ['m1', 'm5']));
    expect(link.conversationId).toBe(a.conversationId);
    expect(store.conversations.get(b.conversationId)).toBeUndefined();
    expect(store.messages.listForConversation(a.conversationId).map((m) => m.text)).toEqual(['text m1', 'text m5', 'text m6']);
  });

  it('stores a message seen twice (INBOX and Sent) once', () => {
    const first = ingest(msg('m1'));
    const second = ingest(msg('m1'));
    expect(second).toEqual({ ...first, created: false });
    expect(store.conversations.get(first.conversationId)!.messageCount).toBe(1);
  });

  it('names the customer from Reply-To when a relay sets it', () => {
    const r = ingest(msg('m1', [], { replyTo: [{ name: 'Jonas', address: 'relay-123@marketplace.example.test' }] }));
    expect(store.conversations.get(r.conversationId)).toMatchObject({ customerName: 'Jonas', customerAddress: 'relay-123@marketplace.example.test' });
  });

  it('writes attachments to disk under the profile and lists them with the message', () => {
    const r = ingest(msg('m1', [], { attachments: [{ filename: '../../invoice?.pdf', contentType: 'application/pdf', contentId: null, content: Buffer.from('%PDF-1.4') }] }));
    const [m] = store.messages.listForConversation(r.conversationId);
    expect(m!.attachments).toEqual([expect.objectContaining({ filename: '../../invoice?.pdf', size: 8, contentType: 'application/pdf' })]);
    // A hostile name cannot escape the message's folder or hide as a dot-file.
    const files = fs.readdirSync(path.join(dir, 'att', r.messageId));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^0-[^/\\]+invoice_\.pdf$/);
    expect(fs.readFileSync(path.join(dir, 'att', r.messageId, files[0]!), 'utf8')).toBe('%PDF-1.4');
  });

  it('threads mail without references by subject within the same correspondent', () => {
    const first = ingest(msg('m1', [], { subject: 'Bestellung 302-4417823', messageIdHeader: '<a1@web.example>' }));
    const reply = ingest(msg('m2', [], { subject: 'AW: Bestellung 302-4417823', messageIdHeader: '<a2@web.example>', inReplyTo: null, references: [] }));
    expect(reply.conversationId).toBe(first.conversationId);
    expect(store.conversations.get(first.conversationId)!.subject).toBe('Bestellung 302-4417823');
    // Our own answer to that customer, sent from another client without references, joins too.
    const ours = ingest(msg('m3', [], { subject: 'Re: Bestellung 302-4417823', direction: 'out', from: { name: 'Shop', address: 'shop@example.test' }, to: [{ name: '', address: 'buyer@example.test' }] }));
    expect(ours.conversationId).toBe(first.conversationId);
  });

  it('keeps the same subject from another customer, an empty subject, or a stale thread apart', () => {
    const a = ingest(msg('m1', [], { subject: 'Where is my order?' }));
    const otherCustomer = ingest(msg('m2', [], { subject: 'Re: Where is my order?', from: { name: 'X', address: 'someone@else.test' } }));
    expect(otherCustomer.conversationId).not.toBe(a.conversationId);
    const e1 = ingest(msg('m3', [], { subject: '' }));
    const e2 = ingest(msg('m4', [], { subject: 'Re:' }));
    expect(e2.conversationId).not.toBe(e1.conversationId);
    const later = ingest(msg('m5', [], { subject: 'Where is my order?', date: Date.UTC(2027, 5, 1) }));
    expect(later.conversationId).not.toBe(a.conversationId);
  });
});
