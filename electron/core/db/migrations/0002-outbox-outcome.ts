// Records, per outbox op, whether an earlier attempt may have reached the server (the process died while
// sending, or the connection broke after the data was handed over). Such an op is checked remotely before it
// is sent again.
import type { Migration } from './index.js';

export const migration0002: Migration = {
  version: 2,
  name: 'outbox-outcome',
  up(db) {
    db.exec(`ALTER TABLE outbox ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0;`);
  },
};
