// Internal notes on conversations, snoozing, and where a conversation is filed (inbox, archive, trash).
import type { Migration } from './index.js';

export const migration0004: Migration = {
  version: 4,
  name: 'notes-snooze-mailbox',
  up(db) {
    db.exec(`
      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX notes_by_conversation ON notes(conversation_id, created_at);
      ALTER TABLE conversations ADD COLUMN snoozed_until INTEGER;
      ALTER TABLE conversations ADD COLUMN mailbox TEXT NOT NULL DEFAULT 'inbox' CHECK (mailbox IN ('inbox', 'archive', 'trash'));
    `);
  },
};
