// The highest CONDSTORE modification sequence seen per folder, to fetch only flags changed since.
import type { Migration } from './index.js';

export const migration0008: Migration = {
  version: 8,
  name: 'folder-modseq',
  up(db) {
    db.exec(`ALTER TABLE folders ADD COLUMN highest_modseq TEXT;`);
  },
};
