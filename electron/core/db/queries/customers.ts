// A customer across every account: the conversations filed under their address (as the customer, or where they
// wrote a message), and their contact rows. Used to export and erase everything about one buyer.
import type { Db } from '../connection.js';

export function customerQueries(db: Db) {
  const conversations = db.prepare<[string, string], { id: string }>(
    `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.address = ?
     UNION SELECT conversation_id FROM messages WHERE from_address = ?`,
  );
  const contacts = db.prepare<[string], { account_id: string; name: string }>('SELECT account_id, name FROM contacts WHERE address = ?');
  const removeContacts = db.prepare('DELETE FROM contacts WHERE address = ?');
  // Customers (and merges naming them) left without any identity: nothing about them may stay.
  const removeOrphans = db.prepare('DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM contacts WHERE customer_id IS NOT NULL)');
  const removeOrphanMerges = db.prepare('DELETE FROM customer_merges WHERE into_id NOT IN (SELECT id FROM customers) OR from_id NOT IN (SELECT id FROM customers)');
  const customerOfConversation = db.prepare<[string], { customer_id: string | null }>(
    'SELECT ct.customer_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = ?',
  );
  const customer = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM customers WHERE id = ?');
  const identities = db.prepare<[string], { id: string; address: string; name: string; account_id: string; channel: string }>(
    `SELECT ct.id, ct.address, ct.name, ct.account_id, a.channel FROM contacts ct JOIN accounts a ON a.id = ct.account_id
     WHERE ct.customer_id = ? ORDER BY a.channel, ct.address`,
  );
  const search = db.prepare<[string, string, string], { id: string }>(
    `SELECT DISTINCT ct.customer_id AS id FROM contacts ct
     WHERE ct.customer_id IS NOT NULL AND ct.customer_id != ? AND (ct.name LIKE ? ESCAPE '\\' OR ct.address LIKE ? ESCAPE '\\') LIMIT 20`,
  );
  const move = db.prepare('UPDATE contacts SET customer_id = ? WHERE customer_id = ?');
  const moveBack = db.prepare('UPDATE contacts SET customer_id = ? WHERE id = ? AND customer_id = ?');
  const contactIdsOf = db.prepare<[string], { id: string }>('SELECT id FROM contacts WHERE customer_id = ?');
  const recordMerge = db.prepare('INSERT INTO customer_merges (id, into_id, from_id, from_name, contact_ids_json, at) VALUES (?, ?, ?, ?, ?, ?)');
  const merge = db.prepare<[string], { id: string; into_id: string; from_id: string; from_name: string; contact_ids_json: string; undone: number }>('SELECT * FROM customer_merges WHERE id = ?');
  const lastMerge = db.prepare<[string], { id: string; from_name: string }>('SELECT id, from_name FROM customer_merges WHERE into_id = ? AND undone = 0 ORDER BY at DESC LIMIT 1');
  const markUndone = db.prepare('UPDATE customer_merges SET undone = 1 WHERE id = ?');
  const notesOfAddress = db.prepare<[string], { note: string }>(
    "SELECT DISTINCT cu.note FROM customers cu JOIN contacts ct ON ct.customer_id = cu.id WHERE ct.address = ? AND cu.note != ''",
  );
  const noteOf = db.prepare<[string], { note: string }>('SELECT note FROM customers WHERE id = ?');
  const setNote = db.prepare('UPDATE customers SET note = ? WHERE id = ?');
  // The newest messages the customer wrote, in any of their conversations (to find order numbers in).
  const recentTexts = db.prepare<[string, number], { conversation_id: string; subject: string; text_body: string }>(
    `SELECT m.conversation_id, m.subject, m.text_body FROM messages m
     WHERE m.conversation_id IN (SELECT c.id FROM conversations c WHERE c.contact_id IN (SELECT id FROM contacts WHERE customer_id = ?))
       AND +m.direction = 'in'
     ORDER BY m.date DESC LIMIT ?`,
  );
  const timeZoneOf = db.prepare<[string], { time_zone: string | null }>('SELECT time_zone FROM customers WHERE id = ?');
  const setTimeZone = db.prepare('UPDATE customers SET time_zone = ? WHERE id = ?');
  // The offset their own mail program wrote, in the newest message of theirs that has one (a person's, not a
  // machine's: notifications are sent from servers' clocks).
  const newestOffset = db.prepare<[string], { date_offset: number; date: number }>(
    `SELECT m.date_offset, m.date FROM messages m
     WHERE m.conversation_id IN (SELECT c.id FROM conversations c WHERE c.contact_id IN (SELECT id FROM contacts WHERE customer_id = ?))
       AND +m.direction = 'in' AND m.automated IS NULL AND m.date_offset IS NOT NULL
     ORDER BY m.date DESC LIMIT 1`,
  );
  const resolvedBefore = db.prepare<[number], { id: string }>("SELECT id FROM conversations WHERE status = 'closed' AND last_message_at < ?");
  return {
    conversationIds: (address: string): string[] => conversations.all(address, address).map((r) => r.id),
    contacts: (address: string) => contacts.all(address).map((r) => ({ accountId: r.account_id, name: r.name })),
    removeContacts(address: string): number {
      const n = removeContacts.run(address).changes;
      removeOrphans.run();
      removeOrphanMerges.run();
      return n;
    },
    /** What the team wrote about the customer(s) an address belongs to. */
    notesOfAddress: (address: string): string[] => notesOfAddress.all(address).map((r) => r.note),
    /** What the team wrote about the customer ('' for nothing). */
    noteOf: (customerId: string): string => noteOf.get(customerId)?.note ?? '',
    setNote(customerId: string, note: string): boolean {
      return setNote.run(note, customerId).changes > 0;
    },
    /** Their newest `limit` messages: conversation, subject and text. */
    recentTexts: (customerId: string, limit: number) => recentTexts.all(customerId, limit).map((r) => ({ conversationId: r.conversation_id, subject: r.subject, text: r.text_body })),
    /** The time zone the agent set for the customer (null: none). */
    timeZoneOf: (customerId: string): string | null => timeZoneOf.get(customerId)?.time_zone ?? null,
    setTimeZone(customerId: string, timeZone: string | null): boolean {
      return setTimeZone.run(timeZone, customerId).changes > 0;
    },
    /** The UTC offset in the newest of their messages whose Date header gave one, and that message's time. */
    newestOffset: (customerId: string): { offset: number; at: number } | null => {
      const r = newestOffset.get(customerId);
      return r ? { offset: r.date_offset, at: r.date } : null;
    },
    customerOf: (conversationId: string): string | null => customerOfConversation.get(conversationId)?.customer_id ?? null,
    get: (id: string) => customer.get(id),
    identities: (customerId: string) =>
      identities.all(customerId).map((r) => ({ contactId: r.id, address: r.address, name: r.name, accountId: r.account_id, channel: r.channel })),
    /** Other customers whose name or address contains the text. */
    search(text: string, except: string): string[] {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return search.all(except, like, like).map((r) => r.id);
    },
    /** Moves every identity of `fromId` to `intoId`, recording which, so it can be undone. */
    merge(mergeId: string, intoId: string, fromId: string, at: number): void {
      const contactIds = contactIdsOf.all(fromId).map((r) => r.id);
      recordMerge.run(mergeId, intoId, fromId, customer.get(fromId)?.name ?? '', JSON.stringify(contactIds), at);
      move.run(intoId, fromId);
    },
    /** Puts the identities a merge moved back with their customer; false when it was already undone or unknown. */
    unmerge(mergeId: string): { intoId: string; fromId: string } | null {
      const m = merge.get(mergeId);
      if (!m || m.undone) return null;
      for (const id of JSON.parse(m.contact_ids_json) as string[]) moveBack.run(m.from_id, id, m.into_id);
      markUndone.run(mergeId);
      return { intoId: m.into_id, fromId: m.from_id };
    },
    lastMerge: (customerId: string) => lastMerge.get(customerId) ?? null,
    /** Resolved conversations whose last message is older than `before` (the retention rule). */
    resolvedBefore: (before: number): string[] => resolvedBefore.all(before).map((r) => r.id),
  };
}
