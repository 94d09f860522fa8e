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
  const resolvedBefore = db.prepare<[number], { id: string }>("SELECT id FROM conversations WHERE status = 'closed' AND last_message_at < ?");
  return {
    conversationIds: (address: string): string[] => conversations.all(address, address).map((r) => r.id),
    contacts: (address: string) => contacts.all(address).map((r) => ({ accountId: r.account_id, name: r.name })),
    removeContacts: (address: string): number => removeContacts.run(address).changes,
    /** Resolved conversations whose last message is older than `before` (the retention rule). */
    resolvedBefore: (before: number): string[] => resolvedBefore.all(before).map((r) => r.id),
  };
}
