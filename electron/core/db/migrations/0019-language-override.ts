// The customer's language as the agent set it: it wins over detection and stays until the agent clears it.
import type { Migration } from './index.js';

export const migration0019: Migration = {
  version: 19,
  name: 'language-override',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN language_set_by_agent INTEGER NOT NULL DEFAULT 0');
  },
};
