// Who handles a conversation (an agent's name), for the Mine and Unassigned views.
import type { Migration } from './index.js';

export const migration0034: Migration = {
  version: 34,
  name: 'assignee',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN assignee TEXT;
      CREATE INDEX conversations_by_assignee ON conversations(assignee, last_message_at DESC) WHERE assignee IS NOT NULL;
    `);
  },
};
