// Whether a customer's message has been answered, by this app or from anywhere else (IMAP \Answered), so the
// team sees which conversations still wait for a reply.
import type { Migration } from './index.js';

export const migration0014: Migration = {
  version: 14,
  name: 'answered',
  up(db) {
    db.exec(`ALTER TABLE messages ADD COLUMN is_answered INTEGER NOT NULL DEFAULT 0;`);
  },
};
