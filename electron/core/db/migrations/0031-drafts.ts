// The agent's unsent text per conversation, kept as they type: it survives switching conversations, closing the
// app and a crash, offline too. A sent reply or note takes it away (in the same transaction).
import type { Migration } from './index.js';

export const migration0031: Migration = {
  version: 31,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('reply', 'note')),
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
