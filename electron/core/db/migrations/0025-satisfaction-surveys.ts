// Satisfaction surveys (CSAT): the score a customer gave a closed conversation, and customers who asked for no
// more surveys.
import type { Migration } from './index.js';

export const migration0025: Migration = {
  version: 25,
  name: 'satisfaction-surveys',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN csat_score INTEGER;
      ALTER TABLE conversations ADD COLUMN csat_at INTEGER;
      ALTER TABLE customers ADD COLUMN surveys_opt_out INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
