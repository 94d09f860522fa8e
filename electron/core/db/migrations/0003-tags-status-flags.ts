// Conversation tags and a per-message flag (star). Conversation status (open/closed) exists since 0001.
import type { Migration } from './index.js';

export const migration0003: Migration = {
  version: 3,
  name: 'tags-status-flags',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_tags (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (conversation_id, tag)
      );
      CREATE INDEX conversation_tags_by_tag ON conversation_tags(tag);
      ALTER TABLE messages ADD COLUMN is_flagged INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
