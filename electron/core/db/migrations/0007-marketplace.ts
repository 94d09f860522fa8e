// Which marketplace a conversation came through (relay or notification mail), its order id and reply rules.
import type { Migration } from './index.js';

export const migration0007: Migration = {
  version: 7,
  name: 'marketplace',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN marketplace_json TEXT;
      CREATE INDEX conversations_by_order ON conversations(json_extract(marketplace_json, '$.orderId'));
    `);
  },
};
