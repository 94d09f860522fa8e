// Tags other agents set reach this app as IMAP keywords: each message remembers the tags its server copy
// carries (null while unknown, e.g. a reply not yet synced back), and a conversation's tags follow their union.
import type { Migration } from './index.js';

export const migration0013: Migration = {
  version: 13,
  name: 'server-tags',
  up(db) {
    db.exec(`ALTER TABLE messages ADD COLUMN server_tags_json TEXT;`);
  },
};
