// Where each message's raw source lies: appended to a pack file under the profile's raw/ folder (a file per
// message cost a first sync more CPU in the kernel than its parsing saved), at this offset and length. Messages
// synced before this are read from their own files, raw/<id prefix>/<id>.eml, as before.
import type { Migration } from './index.js';

export const migration0039: Migration = {
  version: 39,
  name: 'raw-source-packs',
  up(db) {
    db.exec(`
      CREATE TABLE raw_sources (
        message_id TEXT PRIMARY KEY,
        pack INTEGER NOT NULL,
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- A pack none of whose messages are left is deleted.
      CREATE INDEX raw_sources_by_pack ON raw_sources(pack);
    `);
  },
};
