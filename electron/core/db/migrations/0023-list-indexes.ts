// Indexes in the conversation list's own order — per mailbox, per account and mailbox, per account — so every page
// of every mailbox (Trash, Archive, one account's inbox) and of a large folder is read straight from an index.
import type { Migration } from './index.js';

export const migration0023: Migration = {
  version: 23,
  name: 'list-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX conversations_by_mailbox ON conversations(mailbox, last_message_at DESC, id DESC);
      CREATE INDEX conversations_by_account_mailbox ON conversations(account_id, mailbox, last_message_at DESC, id DESC);
      CREATE INDEX conversations_by_account_time ON conversations(account_id, last_message_at DESC, id DESC);
    `);
  },
};
