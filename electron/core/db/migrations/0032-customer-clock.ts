// The customer's local time: the offset from UTC their own mail program wrote in a message's Date header (kept
// per message), and a time zone the agent set for the customer (which wins over any guess).
import type { Migration } from './index.js';

export const migration0032: Migration = {
  version: 32,
  name: 'customer-clock',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN date_offset INTEGER;
      ALTER TABLE customers ADD COLUMN time_zone TEXT;
    `);
  },
};
