// A buyer's rights over their data (GDPR access and erasure, CCPA know and delete): everything the app keeps
// about one customer exported as one archive, or erased from this computer and, if asked, from the mail
// server. Both are written to the audit log. Local conversations older than the retention setting are deleted
// the same way (the server keeps its copy).
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import type { CustomerErasure, CustomerExport } from '../../../shared/domain/types.js';
import type { InboxCore } from '../inbox-core.js';
import { CoreError } from '../errors.js';
import { newId } from '../ids.js';
import { safeFileName } from '../conversations/ingest.js';
import { removeMessageFiles } from '../conversations/attachments.js';
import { ERASE_MESSAGES_OP } from '../outbox/op-kinds.js';
import { makePrivateDir } from '../private-files.js';

export const EXPORTS_DIR = 'exports';

const normalize = (address: string) => address.trim().toLowerCase();

function conversationsOf(core: InboxCore, address: string): string[] {
  const ids = core.store.customers.conversationIds(address);
  if (ids.length === 0) throw new CoreError('NOT_FOUND', `Nothing about ${address} is stored here.`);
  return ids;
}

/**
 * Writes `<profile>/exports/customer-<address>-<time>.zip`: customer.json (the customer, every conversation
 * with its messages, notes and tags), each message's raw source under raw/, and each attachment kept here
 * under attachments/ (one still on the server is listed, marked as not included).
 */
export async function exportCustomer(core: InboxCore, rawAddress: string): Promise<CustomerExport> {
  const address = normalize(rawAddress);
  const { store } = core;
  const ids = conversationsOf(core, address);
  const zip = new yazl.ZipFile();
  let messageCount = 0;
  let attachmentCount = 0;
  const conversations = ids.map((id) => {
    const summary = store.conversations.get(id)!;
    const account = store.accounts.get(summary.accountId);
    const messages = store.messages.listForConversation(id).map((m) => {
      messageCount += 1;
      const raw = core.rawSources.read(m.id);
      if (raw) zip.addBuffer(raw, `raw/${m.id}.eml`);
      const attachments = m.attachments.map((a) => {
        const row = store.messages.attachment(a.id);
        const file = row?.downloaded ? path.join(core.attachmentsDir, row.path) : null;
        let archived: string | null = null;
        if (file && fs.existsSync(file)) {
          archived = `attachments/${a.id}-${safeFileName(a.filename)}`;
          zip.addFile(file, archived);
          attachmentCount += 1;
        }
        return { filename: a.filename, contentType: a.contentType, size: a.size, file: archived, note: archived ? undefined : 'still on the mail server, not included' };
      });
      return {
        direction: m.direction,
        date: new Date(m.date).toISOString(),
        from: m.from,
        to: m.to,
        cc: m.cc,
        subject: m.subject,
        text: m.text,
        html: store.messages.html(m.id),
        sendState: m.sendState ?? null,
        rawSource: raw ? `raw/${m.id}.eml` : null,
        attachments,
      };
    });
    return {
      account: account ? { channel: account.channel, address: account.address } : null,
      subject: summary.subject,
      status: summary.status,
      language: summary.language ?? null,
      tags: store.conversations.tags(id),
      notes: store.notes.list(id).map((n) => ({ text: n.text, createdAt: new Date(n.createdAt).toISOString() })),
      messages,
    };
  });
  const document = {
    format: 'crossborder-inbox customer export, version 1',
    exportedAt: new Date(core.now()).toISOString(),
    customer: { address, names: [...new Set(store.customers.contacts(address).map((c) => c.name).filter(Boolean))], notes: store.customers.notesOfAddress(address) },
    conversations,
  };
  zip.addBuffer(Buffer.from(JSON.stringify(document, null, 2)), 'customer.json');

  const dir = path.join(core.options.profileDir, EXPORTS_DIR);
  makePrivateDir(dir);
  const stamp = new Date(core.now()).toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, safeFileName(`customer-${address}-${stamp}.zip`));
  const partial = `${file}.part`;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(partial, { mode: 0o600 });
      out.once('error', reject);
      out.once('close', resolve);
      zip.outputStream.once('error', reject);
      zip.outputStream.pipe(out);
      zip.end();
    });
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  store.audit.add(core.now(), 'customer.exported', address, { conversations: ids.length, messages: messageCount, attachments: attachmentCount, file });
  return { file, conversations: ids.length, messages: messageCount, attachments: attachmentCount };
}

/**
 * Removes every conversation of the customer from this computer (messages, notes, tags, attachments, raw
 * sources, contact rows, replies still waiting). With `onServer`, their e-mail messages are also queued for
 * deletion on the mail server, through the outbox, so it happens once the server is reachable.
 */
export function eraseCustomer(core: InboxCore, rawAddress: string, onServer: boolean): CustomerErasure {
  const address = normalize(rawAddress);
  const ids = conversationsOf(core, address);
  const result = removeConversations(core, ids, onServer, address);
  core.store.audit.add(core.now(), 'customer.erased', address, { ...result, onServer });
  return result;
}

/** The retention rule: resolved conversations older than the setting, removed here only. */
export function applyRetention(core: InboxCore): number {
  const months = core.store.appSettings.get().retentionMonths;
  if (months === null) return 0;
  const before = new Date(core.now());
  before.setMonth(before.getMonth() - months);
  const ids = core.store.customers.resolvedBefore(before.getTime());
  if (ids.length === 0) return 0;
  const { conversations, messages } = removeConversations(core, ids, false);
  core.store.audit.add(core.now(), 'retention.deleted', `${months} months`, { conversations, messages });
  return conversations;
}

function removeConversations(core: InboxCore, ids: string[], onServer: boolean, contactAddress?: string): CustomerErasure {
  const { store } = core;
  const messageIds: string[] = [];
  let serverDeletions = 0;
  store.transaction(() => {
    const headersByAccount = new Map<string, string[]>();
    for (const id of ids) {
      for (const m of store.messages.idsIn(id).map((mid) => store.messages.get(mid)!)) {
        messageIds.push(m.id);
        // Their words are in the translation memory too (keyed by the text): gone with the messages.
        store.translationMemory.forget([m.text, ...(m.original ? [m.original.text] : [])]);
        if (onServer && m.messageIdHeader && store.accounts.get(m.accountId)?.channel === 'email') {
          headersByAccount.set(m.accountId, [...(headersByAccount.get(m.accountId) ?? []), m.messageIdHeader]);
        }
      }
      store.outbox.discardForConversation(id);
      store.conversations.remove(id);
    }
    for (const [accountId, messageIdHeaders] of headersByAccount) {
      store.outbox.enqueue({ id: newId(), kind: ERASE_MESSAGES_OP, accountId, conversationId: null, payload: { messageIdHeaders } }, core.now());
      serverDeletions += messageIdHeaders.length;
    }
    if (contactAddress) store.customers.removeContacts(contactAddress);
  });
  removeMessageFiles(core, messageIds);
  core.events.emit('conversations.changed', { ids });
  core.outboxChanged();
  return { conversations: ids.length, messages: messageIds.length, serverDeletions };
}
