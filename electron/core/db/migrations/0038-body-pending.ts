// A message stored from its headers alone (the newest mail of a folder's first sync is listed before it is
// parsed): its text, HTML and attachments follow, and until then nothing reads its text as final.
import type { Migration } from './index.js';

export const migration0038: Migration = {
  version: 38,
  name: 'body-pending',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN body_pending INTEGER NOT NULL DEFAULT 0;
      -- Few or none at any time: found at once whatever the account's size.
      CREATE INDEX messages_body_pending ON messages(account_id) WHERE body_pending = 1;
    `);
  },
};
