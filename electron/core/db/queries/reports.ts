// The SQL behind the reports: customer messages of a date range (read through messages_by_direction_date) and
// each conversation begun in it, with the times its figures need. Filters by account, channel, marketplace and
// language are the same clause everywhere.
import type { Db } from '../connection.js';

export interface ReportFilter {
  from: number;
  to: number;
  account: string | null;
  channel: string | null;
  marketplace: string | null;
  language: string | null;
  /** Conversations first answered by this person (their name, else their address). */
  agent: string | null;
}

/** Every filter but the agent's (the conversations of a range are read whole, to list the agents who answered them). */
const SCOPE = `(@account IS NULL OR c.account_id = @account)
  AND (@channel IS NULL OR a.channel = @channel)
  AND (@marketplace IS NULL OR json_extract(c.marketplace_json, '$.id') = @marketplace)
  AND (@language IS NULL OR c.language = @language)`;
const FILTER = `${SCOPE} AND (@agent IS NULL OR c.first_reply_by = @agent)`;

/** A customer's own message: incoming and not sent by a machine. */
const CUSTOMER = "m.direction = 'in' AND m.automated IS NULL";

export interface VolumeRow {
  /** The UTC quarter hour (date / 900000): any zone's local day and hour are whole quarters of it. */
  quarter: number;
  channel: string;
  marketplace: string | null;
  language: string | null;
  urgency: string;
  n: number;
}

export interface ConversationFacts {
  id: string;
  accountId: string;
  firstIn: number;
  firstReply: number | null;
  agentReplies: number;
  /** The customer's first message after the first reply, before any satisfaction survey. */
  returnedAt: number | null;
  status: 'open' | 'closed';
  closedAt: number | null;
  /** Who wrote the first reply. */
  firstReplyBy: string | null;
}

export function reportQueries(db: Db) {
  const volume = db.prepare<ReportFilter, VolumeRow>(
    `SELECT m.date / 900000 AS quarter, a.channel, json_extract(c.marketplace_json, '$.id') AS marketplace, c.language, c.urgency, count(*) AS n
     FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = c.account_id
     WHERE ${CUSTOMER} AND m.date >= @from AND m.date < @to AND ${FILTER}
     GROUP BY quarter, a.channel, marketplace, c.language, c.urgency`,
  );
  // Conversations whose first customer message ever falls in the range, with the facts kept on their row
  // (migration 0028). Found from the range's customer messages (messages_by_direction_date): an index on the
  // conversations' first message would cost every first message of a sync a slow index write.
  const conversations = db.prepare<ReportFilter, { id: string; account_id: string; first_in: number; first_reply: number | null; first_reply_by: string | null; agent_replies: number; returned_at: number | null; status: 'open' | 'closed'; closed_at: number | null }>(
    `SELECT DISTINCT c.id, c.account_id, c.first_in_at AS first_in, c.first_reply_at AS first_reply, c.first_reply_by, c.agent_replies, c.returned_at, c.status, c.closed_at
     FROM messages m INDEXED BY messages_by_direction_date JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = c.account_id
     WHERE ${CUSTOMER} AND m.date >= @from AND m.date < @to AND c.first_in_at = m.date AND ${SCOPE}`,
  );
  const csat = db.prepare<ReportFilter, { score: number; n: number }>(
    `SELECT c.csat_score AS score, count(*) AS n FROM conversations c JOIN accounts a ON a.id = c.account_id
     WHERE c.csat_score IS NOT NULL AND c.csat_at >= @from AND c.csat_at < @to AND ${FILTER} GROUP BY c.csat_score`,
  );
  const automatic = db.prepare<ReportFilter, { kind: string; n: number }>(
    `SELECT m.auto_kind AS kind, count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = c.account_id
     WHERE m.direction = 'out' AND m.auto_kind IS NOT NULL AND m.date >= @from AND m.date < @to AND ${FILTER} GROUP BY m.auto_kind`,
  );
  const texts = db.prepare<ReportFilter & { limit: number }, { conversation_id: string; text_body: string; language: string | null }>(
    `SELECT m.conversation_id, m.text_body, c.language FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = c.account_id
     WHERE ${CUSTOMER} AND m.date >= @from AND m.date < @to AND ${FILTER} ORDER BY m.date DESC LIMIT @limit`,
  );
  return {
    volume: (f: ReportFilter) => volume.all(f),
    /** Every conversation begun in the range within the scope, whoever answered it (the caller filters by agent). */
    conversations: (f: ReportFilter): ConversationFacts[] =>
      conversations.all(f).map((r) => ({
        id: r.id,
        accountId: r.account_id,
        firstIn: r.first_in,
        firstReply: r.first_reply,
        agentReplies: r.agent_replies,
        returnedAt: r.returned_at,
        status: r.status,
        closedAt: r.closed_at,
        firstReplyBy: r.first_reply_by,
      })),
    csat: (f: ReportFilter) => csat.all(f),
    automatic: (f: ReportFilter) => automatic.all(f),
    /** The newest customer messages of the range, for what they write about. */
    texts: (f: ReportFilter, limit: number) => texts.all({ ...f, limit }).map((r) => ({ conversationId: r.conversation_id, text: r.text_body, language: r.language })),
  };
}
