// What the list and the reports need to know about a conversation's messages, kept on the conversation row by
// triggers on messages, so no list page or report runs a query per conversation over its messages:
//  - the list: message, unread and flagged counts, the snippet (newest message not sent automatically), the
//    newest incoming message (its time and \Answered) and the newest reply by a person, which together say
//    whether the conversation is answered;
//  - the reports: the first customer message (incoming, not automated), the first reply by a person after it
//    and who wrote it (the agent the reports filter by), how many replies a person wrote, the first
//    satisfaction survey, and when the customer wrote again after the first reply (before any survey).
// Inserts and read/flag/answered changes update the row in place; a deleted or moved message, or a changed
// date, direction, kind or text, recomputes the conversation from its messages (messages_by_conversation).
import type { Migration } from './index.js';

const CUSTOMER = "direction = 'in' AND automated IS NULL";
const PERSON = "direction = 'out' AND auto_kind IS NULL";
/** A conversation's own messages, always through its index (a date range over all messages would walk the table). */
const OWN = 'messages INDEXED BY messages_by_conversation';

/**
 * Every summary column of conversation `id` (an expression: `new.conversation_id`, `old.conversation_id`, or
 * `conversations.id` with `rows` TRUE for all of them) from its messages.
 */
type Extra = (id: string, rows: string) => string;
const none: Extra = () => '';

export const recompute = (id: string, rows = `id = ${id}`, extra: Extra = none) => `
  UPDATE conversations SET
    message_count = (SELECT count(*) FROM ${OWN} WHERE conversation_id = ${id}),
    unread_count = (SELECT count(*) FROM ${OWN} WHERE conversation_id = ${id} AND direction = 'in' AND is_read = 0),
    flagged_count = (SELECT count(*) FROM ${OWN} WHERE conversation_id = ${id} AND is_flagged != 0),
    (snippet, snippet_at) = (SELECT substr(text_body, 1, 160), date FROM ${OWN} WHERE conversation_id = ${id} AND auto_kind IS NULL ORDER BY date DESC, rowid DESC LIMIT 1),
    (last_in_at, last_in_answered) = (SELECT date, is_answered FROM ${OWN} WHERE conversation_id = ${id} AND direction = 'in' ORDER BY date DESC, rowid DESC LIMIT 1),
    last_reply_at = (SELECT max(date) FROM ${OWN} WHERE conversation_id = ${id} AND ${PERSON}),
    agent_replies = (SELECT count(*) FROM ${OWN} WHERE conversation_id = ${id} AND ${PERSON}),
    survey_at = (SELECT min(date) FROM ${OWN} WHERE conversation_id = ${id} AND auto_kind = 'csat'),
    first_in_at = (SELECT min(date) FROM ${OWN} WHERE conversation_id = ${id} AND ${CUSTOMER})
  WHERE ${rows};
  UPDATE conversations SET (first_reply_at, first_reply_by) = ${FIRST_REPLY(id)} WHERE ${rows};
  UPDATE conversations SET returned_at = ${RETURNED(id)} WHERE ${rows};${extra(id, rows)}`;

/** Who wrote a reply: the sender's name, else their address. */
const SENDER = "coalesce(nullif(from_name, ''), from_address)";
/** The first reply by a person at or after the first customer message, and who wrote it (reads the row's first_in_at). */
const FIRST_REPLY = (id: string) =>
  `(SELECT date, ${SENDER} FROM ${OWN} WHERE conversation_id = ${id} AND ${PERSON} AND date >= conversations.first_in_at ORDER BY date, rowid LIMIT 1)`;
/** The customer's first message after the first reply, before any survey (reads the row). */
const RETURNED = (id: string) => `(SELECT min(date) FROM ${OWN} WHERE conversation_id = ${id} AND ${CUSTOMER} AND date > conversations.first_reply_at
  AND (conversations.survey_at IS NULL OR date < conversations.survey_at))`;

// The new message (in the insert trigger, whose SET expressions read the row as it was).
const NEW_CUSTOMER = "(new.direction = 'in' AND new.automated IS NULL)";
const NEW_PERSON = "(new.direction = 'out' AND new.auto_kind IS NULL)";
const NEW_FIRST = `(${NEW_CUSTOMER} AND (first_in_at IS NULL OR new.date < first_in_at))`;
const NEW_FIRST_REPLY = `(${NEW_PERSON} AND new.date >= first_in_at AND (first_reply_at IS NULL OR new.date < first_reply_at))`;
const NEW_SURVEY = "(new.auto_kind = 'csat' AND (survey_at IS NULL OR new.date < survey_at))";
const FIRST_REPLY_SINCE = (at: string, what = 'date') =>
  `(SELECT ${what} FROM ${OWN} WHERE conversation_id = new.conversation_id AND ${PERSON} AND date >= ${at} ORDER BY date, rowid LIMIT 1)`;
/** The customer's first message after `after` and before `before` (none: no end). */
const RETURN_BETWEEN = (after: string, before: string) =>
  `(SELECT min(date) FROM ${OWN} WHERE conversation_id = new.conversation_id AND ${CUSTOMER} AND date > ${after} AND (${before} IS NULL OR date < ${before}))`;

/**
 * The insert trigger: every summary column updated in the one write of the row (`extraSet`: more `, column = …`
 * assignments a later migration adds, reading the row as it was).
 */
export const summaryInsertTrigger = (extraSet = '') => `
      CREATE TRIGGER messages_summary_insert AFTER INSERT ON messages BEGIN
        UPDATE conversations SET
          message_count = message_count + 1,
          unread_count = unread_count + (new.direction = 'in' AND new.is_read = 0),
          flagged_count = flagged_count + (new.is_flagged != 0),
          snippet = CASE WHEN new.auto_kind IS NULL AND (snippet_at IS NULL OR new.date >= snippet_at) THEN substr(new.text_body, 1, 160) ELSE snippet END,
          snippet_at = CASE WHEN new.auto_kind IS NULL AND (snippet_at IS NULL OR new.date >= snippet_at) THEN new.date ELSE snippet_at END,
          last_in_answered = CASE WHEN new.direction = 'in' AND (last_in_at IS NULL OR new.date >= last_in_at) THEN new.is_answered ELSE last_in_answered END,
          last_in_at = CASE WHEN new.direction = 'in' AND (last_in_at IS NULL OR new.date >= last_in_at) THEN new.date ELSE last_in_at END,
          last_reply_at = CASE WHEN ${NEW_PERSON} AND (last_reply_at IS NULL OR new.date > last_reply_at) THEN new.date ELSE last_reply_at END,
          agent_replies = agent_replies + ${NEW_PERSON},
          survey_at = CASE WHEN ${NEW_SURVEY} THEN new.date ELSE survey_at END,
          first_in_at = CASE WHEN ${NEW_FIRST} THEN new.date ELSE first_in_at END,
          first_reply_at = CASE
            WHEN ${NEW_FIRST} THEN ${FIRST_REPLY_SINCE('new.date')}
            WHEN ${NEW_FIRST_REPLY} THEN new.date
            ELSE first_reply_at END,
          first_reply_by = CASE
            WHEN ${NEW_FIRST} THEN ${FIRST_REPLY_SINCE('new.date', SENDER)}
            WHEN ${NEW_FIRST_REPLY} THEN coalesce(nullif(new.from_name, ''), new.from_address)
            ELSE first_reply_by END,
          returned_at = CASE
            WHEN ${NEW_FIRST} THEN ${RETURN_BETWEEN(FIRST_REPLY_SINCE('new.date'), 'survey_at')}
            WHEN ${NEW_CUSTOMER} AND new.date > first_reply_at AND (survey_at IS NULL OR new.date < survey_at) AND (returned_at IS NULL OR new.date < returned_at) THEN new.date
            WHEN ${NEW_FIRST_REPLY} THEN ${RETURN_BETWEEN('new.date', 'survey_at')}
            WHEN ${NEW_SURVEY} THEN ${RETURN_BETWEEN('first_reply_at', 'new.date')}
            ELSE returned_at END${extraSet}
        WHERE id = new.conversation_id;
      END;
`;

/** The triggers that recompute a conversation (a changed or deleted message); `extra`: statements added after. */
export const summaryChangeTriggers = (extra: Extra = none) => `
      CREATE TRIGGER messages_summary_change AFTER UPDATE OF conversation_id, date, direction, auto_kind, automated, text_body ON messages
      WHEN old.conversation_id IS NOT new.conversation_id OR old.date IS NOT new.date OR old.direction IS NOT new.direction
        OR old.auto_kind IS NOT new.auto_kind OR old.automated IS NOT new.automated OR old.text_body IS NOT new.text_body BEGIN
        ${recompute('old.conversation_id', undefined, extra)}
        ${recompute('new.conversation_id', 'id = new.conversation_id AND new.conversation_id IS NOT old.conversation_id', extra)}
      END;

      CREATE TRIGGER messages_summary_delete AFTER DELETE ON messages BEGIN
        ${recompute('old.conversation_id', undefined, extra)}
      END;
`;

export const migration0028: Migration = {
  version: 28,
  name: 'conversation-summary',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN flagged_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN snippet TEXT;
      ALTER TABLE conversations ADD COLUMN snippet_at INTEGER;
      ALTER TABLE conversations ADD COLUMN last_in_at INTEGER;
      ALTER TABLE conversations ADD COLUMN last_in_answered INTEGER;
      ALTER TABLE conversations ADD COLUMN last_reply_at INTEGER;
      ALTER TABLE conversations ADD COLUMN agent_replies INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN first_in_at INTEGER;
      ALTER TABLE conversations ADD COLUMN first_reply_at INTEGER;
      ALTER TABLE conversations ADD COLUMN first_reply_by TEXT;
      ALTER TABLE conversations ADD COLUMN survey_at INTEGER;
      ALTER TABLE conversations ADD COLUMN returned_at INTEGER;

      -- One write of the conversation per new message (each write of the row costs): the counts, the snippet,
      -- the newest messages, and the response facts, which only move when this message moves them. A customer
      -- message earlier than the first is the first (the first reply and the return are looked for again) and a
      -- later one may be the return; a reply by a person before the first known one (and after the customer's
      -- first message) is the first reply; the first survey ends the time in which a customer message is a return.
      ${summaryInsertTrigger()}

      CREATE TRIGGER messages_summary_state AFTER UPDATE OF is_read, is_flagged ON messages BEGIN
        UPDATE conversations SET
          unread_count = unread_count + (new.direction = 'in' AND new.is_read = 0) - (old.direction = 'in' AND old.is_read = 0),
          flagged_count = flagged_count + (new.is_flagged != 0) - (old.is_flagged != 0)
        WHERE id = new.conversation_id;
      END;

      CREATE TRIGGER messages_summary_answered AFTER UPDATE OF is_answered ON messages
      WHEN new.direction = 'in' AND old.is_answered IS NOT new.is_answered BEGIN
        UPDATE conversations SET
          last_in_answered = (SELECT is_answered FROM ${OWN} WHERE conversation_id = new.conversation_id AND direction = 'in' ORDER BY date DESC, rowid DESC LIMIT 1)
        WHERE id = new.conversation_id;
      END;

      ${summaryChangeTriggers()}
    `);
    // Conversations already stored get their columns once.
    db.exec(recompute('conversations.id', 'TRUE'));
  },
};
