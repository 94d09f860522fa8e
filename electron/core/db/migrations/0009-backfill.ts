// Newest-first initial sync: per folder, the lowest UID fetched so far while older mail is still being
// fetched (null once the folder is complete).
import type { Migration } from './index.js';

export const migration0009: Migration = {
  version: 9,
  name: 'backfill',
  up(db) {
    db.exec(`ALTER TABLE folders ADD COLUMN backfill_uid INTEGER;`);
  },
};
