// The first schema: accounts, their folders and sync state, contacts, conversations, messages, attachments
// (bytes on disk, rows here), the thread index used for grouping, and the durable outbox.
import type { Migration } from './index.js';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        name TEXT NOT NULL,
        address TEXT NOT NULL,
        settings_json TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        UNIQUE (channel, address)
      );

      CREATE TABLE folders (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        role TEXT,
        uidvalidity TEXT,
        last_uid INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, path)
      );

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        UNIQUE (account_id, address)
      );

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        subject TEXT NOT NULL DEFAULT '',
        last_message_at INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open',
        created_at INTEGER NOT NULL
      );
      CREATE INDEX conversations_by_time ON conversations(last_message_at DESC);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        message_id_header TEXT,
        in_reply_to TEXT,
        references_json TEXT NOT NULL DEFAULT '[]',
        from_name TEXT NOT NULL DEFAULT '',
        from_address TEXT NOT NULL DEFAULT '',
        reply_to_json TEXT NOT NULL DEFAULT '[]',
        to_json TEXT NOT NULL DEFAULT '[]',
        cc_json TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL DEFAULT '',
        date INTEGER NOT NULL,
        text_body TEXT NOT NULL DEFAULT '',
        from_html INTEGER NOT NULL DEFAULT 0,
        is_read INTEGER NOT NULL DEFAULT 0,
        send_state TEXT CHECK (send_state IN ('queued', 'sending', 'sent', 'failed')),
        send_error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages(conversation_id, date);
      CREATE UNIQUE INDEX messages_by_header ON messages(account_id, message_id_header) WHERE message_id_header IS NOT NULL;

      -- Where a message lives on the server (one message may be in several folders).
      CREATE TABLE message_locations (
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        folder TEXT NOT NULL,
        uid INTEGER NOT NULL,
        PRIMARY KEY (account_id, folder, uid)
      );
      CREATE INDEX message_locations_by_message ON message_locations(message_id);

      -- Every Message-ID a conversation contains or refers to: grouping looks here first.
      CREATE TABLE thread_ids (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id_header TEXT NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        PRIMARY KEY (account_id, message_id_header)
      );
      CREATE INDEX thread_ids_by_conversation ON thread_ids(conversation_id);

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        content_id TEXT,
        path TEXT NOT NULL
      );
      CREATE INDEX attachments_by_message ON attachments(message_id);

      -- The durable outbox: every action bound for a server, written in the same transaction as its local effect.
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        conversation_id TEXT,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        remote_ref TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    `);
  },
};
