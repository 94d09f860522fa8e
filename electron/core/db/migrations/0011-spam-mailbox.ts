// Conversations can be filed as spam (the server's Junk folder). SQLite cannot change a CHECK constraint in
// place: the mailbox column is rebuilt with the wider one, values kept.
import type { Migration } from './index.js';

export const migration0011: Migration = {
  version: 11,
  name: 'spam-mailbox',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN filed TEXT NOT NULL DEFAULT 'inbox' CHECK (filed IN ('inbox', 'archive', 'trash', 'spam'));
      UPDATE conversations SET filed = mailbox;
      ALTER TABLE conversations DROP COLUMN mailbox;
      ALTER TABLE conversations RENAME COLUMN filed TO mailbox;
    `);
  },
};
