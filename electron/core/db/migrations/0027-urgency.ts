// How urgently each conversation needs an answer (from its customer's messages, or set by the agent), listed
// urgent first in the Urgent view.
import type { Migration } from './index.js';

export const migration0027: Migration = {
  version: 27,
  name: 'urgency',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN urgency TEXT NOT NULL DEFAULT 'normal';
      ALTER TABLE conversations ADD COLUMN urgency_by_agent INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX conversations_urgent ON conversations(last_message_at DESC, id DESC) WHERE urgency = 'urgent';
    `);
  },
};
