// Reports: when a conversation was closed (for resolution times), customer messages by time (every volume and
// content figure reads a date range of them), and satisfaction answers by time.
import type { Migration } from './index.js';

export const migration0026: Migration = {
  version: 26,
  name: 'reports',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN closed_at INTEGER;
      CREATE INDEX messages_by_direction_date ON messages(direction, date);
      CREATE INDEX conversations_by_csat_time ON conversations(csat_at) WHERE csat_score IS NOT NULL;
    `);
  },
};
