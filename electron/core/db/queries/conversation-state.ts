// Whether a conversation is answered, in SQL over the summary columns kept on the conversation row (migration
// 0028): its newest incoming message is marked \Answered, or a person replied at or after it. The list's
// "answered" and the "Needs reply" view (`is:unanswered`) read this one definition (the auto-reply's check reads
// the same newest-reply column). `c` is the conversations table's alias.

/** A person (not the app's automatic messages) answered the newest incoming message. */
export const ANSWERED_SQL = '(c.last_in_answered = 1 OR coalesce(c.last_reply_at >= c.last_in_at, 0))';

/** A customer wrote and nobody has answered yet. */
export const NEEDS_REPLY_SQL = `(c.last_in_at IS NOT NULL AND NOT ${ANSWERED_SQL})`;
