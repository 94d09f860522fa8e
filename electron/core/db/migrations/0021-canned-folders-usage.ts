// Canned responses in folders, how often each is used (the picker offers the agent's usual ones first), and
// which language variants the app machine-translated and a person has not yet read over.
import type { Migration } from './index.js';

export const migration0021: Migration = {
  version: 21,
  name: 'canned-folders-usage',
  up(db) {
    db.exec(`
      ALTER TABLE canned_responses ADD COLUMN folder TEXT NOT NULL DEFAULT '';
      ALTER TABLE canned_responses ADD COLUMN use_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE canned_responses ADD COLUMN last_used_at INTEGER;
      ALTER TABLE canned_responses ADD COLUMN review_json TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
