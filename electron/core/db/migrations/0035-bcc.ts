// Blind copies of an outgoing e-mail: kept with the message (for its envelope and the agent's view), never written
// in its headers.
import type { Migration } from './index.js';

export const migration0035: Migration = {
  version: 35,
  name: 'bcc',
  up(db) {
    db.exec(`ALTER TABLE messages ADD COLUMN bcc_json TEXT NOT NULL DEFAULT '[]';`);
  },
};
