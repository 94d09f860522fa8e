// The satisfaction surveys sent (few, or none where the survey is off): every batch a sync stores asks which of its
// conversations was sent one, to read the customers' answers. Without this index each ask walked the
// conversation's messages.
import type { Migration } from './index.js';

export const migration0040: Migration = {
  version: 40,
  name: 'survey-index',
  up(db) {
    db.exec(`CREATE INDEX messages_surveys ON messages(conversation_id, created_at) WHERE auto_kind = 'csat';`);
  },
};
