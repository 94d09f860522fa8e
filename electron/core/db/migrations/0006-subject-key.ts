// The normalized subject of each conversation, for threading mail that carries no In-Reply-To/References.
import type { Migration } from './index.js';

export const migration0006: Migration = {
  version: 6,
  name: 'subject-key',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
      CREATE INDEX conversations_by_subject ON conversations(account_id, subject_key);
    `);
  },
};
