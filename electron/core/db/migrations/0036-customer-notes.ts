// What the team knows about a customer (sizes, preferences, past trouble), kept with the customer and shown beside
// every conversation of theirs, on any channel.
import type { Migration } from './index.js';

export const migration0036: Migration = {
  version: 36,
  name: 'customer-notes',
  up(db) {
    db.exec(`ALTER TABLE customers ADD COLUMN note TEXT NOT NULL DEFAULT '';`);
  },
};
