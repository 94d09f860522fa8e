// Business hours and auto-reply rules per account, and the look-ups the auto-reply makes before it answers
// (see migration 0024).
import type { Db } from '../connection.js';
import { BusinessHoursSchema, defaultBusinessHours, type BusinessHours } from '../../../../shared/domain/business-hours.js';

/** Where an account's auto-reply runs: on the mail server (also while this app is closed), or in this app. */
export type AutoReplyServerState = 'none' | 'installing' | 'server' | 'app';

export interface AutoReplyRuleRow {
  accountId: string;
  enabled: boolean;
  cannedId: string | null;
  periodDays: number;
  /** When it was last switched on: mail that arrived before is never answered. */
  enabledAt: number;
  serverState: AutoReplyServerState;
  /** Why it runs in the app, or what the server said. */
  serverDetail: string | null;
  /** The UTC offset (minutes) the installed Sieve script was written for. */
  serverOffset: number | null;
  updatedAt: number;
}

interface RawRule {
  account_id: string;
  enabled: number;
  canned_id: string | null;
  period_days: number;
  enabled_at: number;
  server_state: AutoReplyServerState;
  server_detail: string | null;
  server_offset: number | null;
  updated_at: number;
}

const toRule = (r: RawRule): AutoReplyRuleRow => ({
  accountId: r.account_id,
  enabled: r.enabled === 1,
  cannedId: r.canned_id,
  periodDays: r.period_days,
  enabledAt: r.enabled_at,
  serverState: r.server_state,
  serverDetail: r.server_detail,
  serverOffset: r.server_offset,
  updatedAt: r.updated_at,
});

export function autoReplyQueries(db: Db) {
  const hoursOf = db.prepare<[string], { hours_json: string }>('SELECT hours_json FROM account_hours WHERE account_id = ?');
  const putHours = db.prepare('INSERT INTO account_hours (account_id, hours_json) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET hours_json = excluded.hours_json');
  const ruleOf = db.prepare<[string], RawRule>('SELECT * FROM auto_reply_rules WHERE account_id = ?');
  const rules = db.prepare<[string], RawRule>('SELECT * FROM auto_reply_rules WHERE enabled = 1 OR server_state != ?');
  const putRule = db.prepare(
    `INSERT INTO auto_reply_rules (account_id, enabled, canned_id, period_days, enabled_at, server_state, server_detail, server_offset, updated_at)
     VALUES (@accountId, @enabled, @cannedId, @periodDays, @enabledAt, @serverState, @serverDetail, @serverOffset, @updatedAt)
     ON CONFLICT (account_id) DO UPDATE SET enabled = excluded.enabled, canned_id = excluded.canned_id, period_days = excluded.period_days,
       enabled_at = excluded.enabled_at, server_state = excluded.server_state, server_detail = excluded.server_detail,
       server_offset = excluded.server_offset, updated_at = excluded.updated_at`,
  );
  const setServer = db.prepare('UPDATE auto_reply_rules SET server_state = ?, server_detail = ?, server_offset = ? WHERE account_id = ?');
  const sentInConversation = db.prepare<[string, number], { n: number }>(
    "SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND auto_kind = 'auto-reply' AND date >= ?",
  );
  // Every conversation of the customer's identity on this account (one buyer writing three times in a night is
  // answered once).
  const sentToContact = db.prepare<[string, string, number], { n: number }>(
    `SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.account_id = ? AND c.contact_id = (SELECT id FROM contacts WHERE account_id = c.account_id AND address = ?)
       AND m.auto_kind = 'auto-reply' AND m.date >= ?`,
  );
  const newestIncoming = db.prepare<[string], { id: string; date: number; created_at: number; automated: string | null; from_address: string }>(
    "SELECT id, date, created_at, automated, from_address FROM messages WHERE conversation_id = ? AND +direction = 'in' ORDER BY date DESC, created_at DESC LIMIT 1",
  );
  const agentReplyAfter = db.prepare<[string, number], { n: number }>(
    // The newest reply by a person, kept on the conversation row (migration 0028).
    'SELECT count(*) AS n FROM conversations WHERE id = ? AND last_reply_at >= ?',
  );
  const sentCount = db.prepare<[string, number], { n: number }>(
    "SELECT count(*) AS n FROM messages WHERE account_id = ? AND auto_kind = 'auto-reply' AND date >= ? AND direction = 'out'",
  );
  // Each customer's language as their newest conversation has it (bare columns follow max() in SQLite).
  const customerLanguages = db.prepare<[string, number], { address: string; language: string; t: number }>(
    `SELECT ct.address, c.language, max(c.last_message_at) AS t FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
     WHERE c.account_id = ? AND c.language IS NOT NULL AND ct.address LIKE '%@%' GROUP BY ct.address ORDER BY t DESC LIMIT ?`,
  );
  // By the time each was stored here (a Date header has whole seconds and the buyer's clock).
  const surveySent = db.prepare<[string], { created_at: number }>(
    "SELECT created_at FROM messages WHERE conversation_id = ? AND auto_kind = 'csat' ORDER BY created_at DESC LIMIT 1",
  );
  // The first survey's time is kept on the conversation row (migration 0028).
  const surveyedAmong = db.prepare<[string], string>(
    'SELECT id FROM conversations WHERE id IN (SELECT value FROM json_each(?)) AND survey_at IS NOT NULL',
  ).pluck();
  const incomingAfter = db.prepare<[string, number], { id: string; text_body: string; automated: string | null }>(
    "SELECT id, text_body, automated FROM messages WHERE conversation_id = ? AND +direction = 'in' AND created_at > ? ORDER BY created_at, date LIMIT 3",
  );
  const csatOf = db.prepare<[string], { csat_score: number | null; csat_at: number | null }>('SELECT csat_score, csat_at FROM conversations WHERE id = ?');
  const setCsat = db.prepare('UPDATE conversations SET csat_score = ?, csat_at = ? WHERE id = ? AND csat_score IS NULL');
  const optedOut = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM customers cu JOIN contacts ct ON ct.customer_id = cu.id JOIN conversations c ON c.contact_id = ct.id
     WHERE c.id = ? AND cu.surveys_opt_out = 1`,
  );
  const optOut = db.prepare(
    'UPDATE customers SET surveys_opt_out = 1 WHERE id = (SELECT ct.customer_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = ?)',
  );
  return {
    /** When the conversation's satisfaction survey was queued (the newest), or null. */
    surveySentAt: (conversationId: string): number | null => surveySent.get(conversationId)?.created_at ?? null,
    /** Which of these conversations were sent a satisfaction survey (one read for a sync's whole batch). */
    surveyedAmong: (conversationIds: string[]): Set<string> => new Set(surveyedAmong.all(JSON.stringify(conversationIds))),
    /** The customer's first three messages stored after a time, oldest first. */
    incomingAfter: (conversationId: string, after: number) =>
      incomingAfter.all(conversationId, after).map((r) => ({ id: r.id, text: r.text_body, automated: r.automated })),
    csat(conversationId: string): { score: number; at: number } | null {
      const r = csatOf.get(conversationId);
      return r?.csat_score != null && r.csat_at != null ? { score: r.csat_score, at: r.csat_at } : null;
    },
    /** Records the first answer only. */
    setCsat: (conversationId: string, score: number, at: number): boolean => setCsat.run(score, at, conversationId).changes > 0,
    surveysOptedOut: (conversationId: string): boolean => optedOut.get(conversationId)!.n > 0,
    optOutOfSurveys(conversationId: string): void {
      optOut.run(conversationId);
    },
    /** The most recent customers' addresses with the language they write, newest first. */
    customerLanguages: (accountId: string, limit: number): Array<{ address: string; language: string }> =>
      customerLanguages.all(accountId, limit).map((r) => ({ address: r.address, language: r.language })),
    hours(accountId: string): BusinessHours | null {
      const r = hoursOf.get(accountId);
      if (!r) return null;
      const parsed = BusinessHoursSchema.safeParse(JSON.parse(r.hours_json));
      return parsed.success ? parsed.data : null;
    },
    /** The account's hours, or the default ones (Monday to Friday, 09:00–18:00 in this computer's zone). */
    hoursOrDefault(accountId: string): BusinessHours {
      return this.hours(accountId) ?? defaultBusinessHours(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    },
    setHours(accountId: string, hours: BusinessHours): void {
      putHours.run(accountId, JSON.stringify(hours));
    },
    rule(accountId: string): AutoReplyRuleRow | null {
      const r = ruleOf.get(accountId);
      return r ? toRule(r) : null;
    },
    /** Rules that are on, or whose server script may still need removing. */
    activeRules(): AutoReplyRuleRow[] {
      return rules.all('none').map(toRule);
    },
    putRule(rule: AutoReplyRuleRow): void {
      putRule.run({ ...rule, enabled: rule.enabled ? 1 : 0 });
    },
    setServerState(accountId: string, state: AutoReplyServerState, detail: string | null, offset: number | null): void {
      setServer.run(state, detail, offset, accountId);
    },
    sentInConversationSince: (conversationId: string, since: number): boolean => sentInConversation.get(conversationId, since)!.n > 0,
    sentToCustomerSince: (accountId: string, address: string, since: number): boolean => sentToContact.get(accountId, address, since)!.n > 0,
    newestIncoming(conversationId: string) {
      const r = newestIncoming.get(conversationId);
      return r ? { id: r.id, date: r.date, createdAt: r.created_at, automated: r.automated, fromAddress: r.from_address } : null;
    },
    agentRepliedSince: (conversationId: string, since: number): boolean => agentReplyAfter.get(conversationId, since)!.n > 0,
    /** Auto-replies this app sent for an account since a time. */
    sentCount: (accountId: string, since: number): number => sentCount.get(accountId, since)!.n,
  };
}
