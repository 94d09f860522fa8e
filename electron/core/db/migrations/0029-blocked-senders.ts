// Senders the agent blocked, per account: their messages are filed as spam (on the mail server too) until unblocked.
import type { Migration } from './index.js';

export const migration0029: Migration = {
  version: 29,
  name: 'blocked-senders',
  up(db) {
    db.exec(`
      CREATE TABLE blocked_senders (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, address)
      ) WITHOUT ROWID;
      -- A sender's conversations, found without reading every conversation.
      CREATE INDEX conversations_by_contact ON conversations(contact_id);
    `);
  },
};
