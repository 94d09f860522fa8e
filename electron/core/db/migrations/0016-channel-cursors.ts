// Where each channel's incremental sync stopped, in its own terms (Telegram's update offset, a marketplace's
// last seen time...): one named value per account, written in the same transaction as what it covers.
import type { Migration } from './index.js';

export const migration0016: Migration = {
  version: 16,
  name: 'channel-cursors',
  up(db) {
    db.exec(`
      CREATE TABLE channel_cursors (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account_id, name)
      );
    `);
  },
};
