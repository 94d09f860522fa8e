// One customer, several identities: an e-mail address, a Telegram user, later a marketplace user name. Each
// contact row (an identity as one account sees it) belongs to a customer; an agent can merge two customers and
// undo it, so merges are recorded with the identities they moved.
import type { Migration } from './index.js';

export const migration0017: Migration = {
  version: 17,
  name: 'customers',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      );
      ALTER TABLE contacts ADD COLUMN customer_id TEXT REFERENCES customers(id) ON DELETE SET NULL;
      CREATE INDEX contacts_by_customer ON contacts(customer_id);
      CREATE INDEX contacts_by_address ON contacts(address);
      -- Until now a customer was an address: one customer per address, across accounts.
      INSERT INTO customers (id, name, created_at) SELECT 'cu-' || address, max(name), 0 FROM contacts GROUP BY address;
      UPDATE contacts SET customer_id = 'cu-' || address;
      CREATE TABLE customer_merges (
        id TEXT PRIMARY KEY,
        into_id TEXT NOT NULL,
        from_id TEXT NOT NULL,
        from_name TEXT NOT NULL,
        contact_ids_json TEXT NOT NULL,
        at INTEGER NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};
