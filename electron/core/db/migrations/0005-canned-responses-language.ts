// Canned responses (a name and one text per language) and each conversation's detected customer language.
import type { Migration } from './index.js';

export const migration0005: Migration = {
  version: 5,
  name: 'canned-responses-language',
  up(db) {
    db.exec(`
      CREATE TABLE canned_responses (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        variants_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      ALTER TABLE conversations ADD COLUMN language TEXT;
    `);
  },
};
