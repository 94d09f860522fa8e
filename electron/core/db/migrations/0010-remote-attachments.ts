// Attachments above the download limit stay on the server until the agent opens them: each remembers its IMAP
// body part, and its file path is empty until downloaded. App-wide settings (the download limit) get a table.
import type { Migration } from './index.js';

export const migration0010: Migration = {
  version: 10,
  name: 'remote-attachments',
  up(db) {
    db.exec(`
      ALTER TABLE attachments ADD COLUMN part TEXT;
      ALTER TABLE attachments ADD COLUMN downloaded INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
    `);
  },
};
