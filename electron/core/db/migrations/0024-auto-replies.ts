// Out-of-hours auto-replies: each account's business hours, its auto-reply rule (and whether the mail server
// carries it as a Sieve script), which incoming messages a machine sent (never answered automatically, RFC 3834)
// and which of our own messages the app sent by itself.
import type { Migration } from './index.js';

export const migration0024: Migration = {
  version: 24,
  name: 'auto-replies',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN automated TEXT;
      ALTER TABLE messages ADD COLUMN auto_kind TEXT;
      CREATE INDEX messages_auto_sent ON messages(conversation_id, date) WHERE auto_kind IS NOT NULL;
      CREATE TABLE account_hours (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        hours_json TEXT NOT NULL
      );
      CREATE TABLE auto_reply_rules (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL,
        canned_id TEXT REFERENCES canned_responses(id) ON DELETE SET NULL,
        period_days INTEGER NOT NULL,
        enabled_at INTEGER NOT NULL,
        server_state TEXT NOT NULL DEFAULT 'none',
        server_detail TEXT,
        server_offset INTEGER,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
