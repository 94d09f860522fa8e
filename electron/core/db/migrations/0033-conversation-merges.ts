// Conversations merged by the agent (two threads of one customer about the same thing), kept so a merge can be
// undone: the merged conversation's row as it was, and which messages, notes and thread ids moved.
import type { Migration } from './index.js';

export const migration0033: Migration = {
  version: 33,
  name: 'conversation-merges',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_merges (
        id TEXT PRIMARY KEY,
        into_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        from_id TEXT NOT NULL,
        from_row_json TEXT NOT NULL,
        moved_json TEXT NOT NULL,
        at INTEGER NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX conversation_merges_by_into ON conversation_merges(into_id, at);
    `);
  },
};
