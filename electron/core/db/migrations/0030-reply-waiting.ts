// Since when a customer has been waiting for a reply: the conversation's oldest incoming message newer than the
// newest reply by a person (null when a person replied after everything the customer wrote). The reply timer and
// the "Breaching soon" view count the first-response target from it. Kept by the summary triggers of 0028, which
// are recreated with it: a customer message after the newest reply may start the wait (or start it earlier, as a
// backfill delivers older messages); a reply by a person newer than the newest one ends it, unless the customer
// wrote after that reply (an out-of-order backfill again).
import type { Migration } from './index.js';
import { recompute, summaryChangeTriggers, summaryInsertTrigger } from './0028-conversation-summary.js';

const OWN = 'messages INDEXED BY messages_by_conversation';
const NEW_PERSON = "(new.direction = 'out' AND new.auto_kind IS NULL)";

const WAITING_ON_INSERT = `,
          waiting_since = CASE
            WHEN ${NEW_PERSON} AND (last_reply_at IS NULL OR new.date > last_reply_at)
              THEN (SELECT min(date) FROM ${OWN} WHERE conversation_id = new.conversation_id AND direction = 'in' AND date > new.date)
            WHEN new.direction = 'in' AND (last_reply_at IS NULL OR new.date > last_reply_at) AND (waiting_since IS NULL OR new.date < waiting_since)
              THEN new.date
            ELSE waiting_since END`;

/** Recomputed from the row's newest reply (which the recompute before it has just set). */
const waitingRecompute = (id: string, rows: string) => `
  UPDATE conversations SET waiting_since = (SELECT min(date) FROM ${OWN} WHERE conversation_id = ${id} AND direction = 'in'
    AND (conversations.last_reply_at IS NULL OR date > conversations.last_reply_at)) WHERE ${rows};`;

export const migration0030: Migration = {
  version: 30,
  name: 'reply-waiting',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN waiting_since INTEGER;
      DROP TRIGGER messages_summary_insert;
      DROP TRIGGER messages_summary_change;
      DROP TRIGGER messages_summary_delete;
      ${summaryInsertTrigger(WAITING_ON_INSERT)}
      ${summaryChangeTriggers(waitingRecompute)}
      -- The conversations waiting longest first ("sort:due"), only those waiting.
      CREATE INDEX conversations_by_waiting ON conversations(waiting_since, id) WHERE waiting_since IS NOT NULL;
    `);
    db.exec(waitingRecompute('conversations.id', 'TRUE'));
  },
};
