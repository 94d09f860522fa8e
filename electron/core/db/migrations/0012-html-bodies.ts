// HTML mail is kept as sent (shown sanitized in a sandboxed frame), and the images it shows inline (cid:) are
// stored as attachments marked inline, kept out of the attachment list.
import type { Migration } from './index.js';

export const migration0012: Migration = {
  version: 12,
  name: 'html-bodies',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN html TEXT;
      ALTER TABLE attachments ADD COLUMN inline INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
