// An audit log of what was done with buyers' data and with accounts: exports, erasures, deletions by the
// retention rule, accounts added and removed. Rows can be added, never changed or deleted (triggers refuse).
import type { Migration } from './index.js';

export const migration0015: Migration = {
  version: 15,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
    `);
  },
};
