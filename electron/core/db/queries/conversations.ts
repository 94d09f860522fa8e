// Queries on conversations: the inbox list (with unread and message counts, kept on the conversation row by the
// triggers of migration 0028), one conversation, read state.
import type { Db } from '../connection.js';
import type { ChannelKind, ConversationSummary, Mailbox, MarketplaceInfo, Urgency } from '../../../../shared/domain/types.js';
import { ANSWERED_SQL, NEEDS_REPLY_SQL } from './conversation-state.js';
import { addBusinessMinutes, type BusinessHours } from '../../../../shared/domain/business-hours.js';

/** What the reply timer counts against: the first-response target and each account's business hours. */
export interface ReplyTargets {
  minutes(): number;
  hours(accountId: string): BusinessHours;
}

interface RawSummary {
  id: string;
  account_id: string;
  channel: ChannelKind;
  subject: string;
  customer_name: string | null;
  customer_address: string | null;
  last_message_at: number;
  snippet: string | null;
  unread_count: number;
  message_count: number;
  status: 'open' | 'closed';
  tags: string | null;
  flagged: number;
  mailbox: Mailbox;
  snoozed_until: number | null;
  language: string | null;
  language_set_by_agent: number;
  marketplace_json: string | null;
  urgency: Urgency;
  urgency_by_agent: number;
  answered: number | null;
  waiting_since: number | null;
  has_draft: number;
  assignee: string | null;
}

// Conversations first, always (CROSS JOIN keeps SQLite from putting the few accounts outside and then sorting
// every conversation once statistics say the accounts table is small).
const SUMMARY_SELECT = `
  SELECT c.id, c.account_id, a.channel, c.subject, ct.name AS customer_name, ct.address AS customer_address,
    c.last_message_at,
    c.snippet, c.unread_count, c.message_count, c.status,
    (SELECT group_concat(t.tag, char(31)) FROM (SELECT tag FROM conversation_tags WHERE conversation_id = c.id ORDER BY tag) t) AS tags,
    c.flagged_count > 0 AS flagged, c.last_in_at IS NOT NULL AND ${ANSWERED_SQL} AS answered,
    CASE WHEN c.status = 'open' AND ${NEEDS_REPLY_SQL} THEN c.waiting_since END AS waiting_since,
    EXISTS (SELECT 1 FROM drafts d WHERE d.conversation_id = c.id) AS has_draft, c.assignee,
    c.mailbox, c.snoozed_until, c.language, c.language_set_by_agent, c.marketplace_json, c.urgency, c.urgency_by_agent
  FROM conversations c
  CROSS JOIN accounts a ON a.id = c.account_id
  LEFT JOIN contacts ct ON ct.id = c.contact_id`;

/**
 * The rows' reply due times, with the target and each account's hours read once per call (a page of rows
 * shares them).
 */
function dueTimes(targets: ReplyTargets) {
  let minutes: number | undefined;
  const hours = new Map<string, BusinessHours>();
  return (accountId: string, waitingSince: number | null): number | null => {
    if (waitingSince === null) return null;
    minutes ??= targets.minutes();
    let h = hours.get(accountId);
    if (!h) hours.set(accountId, (h = targets.hours(accountId)));
    return addBusinessMinutes(h, waitingSince, minutes);
  };
}

const toSummary = (r: RawSummary, due: (accountId: string, waitingSince: number | null) => number | null): ConversationSummary => ({
  id: r.id,
  accountId: r.account_id,
  channel: r.channel,
  subject: r.subject,
  customerName: r.customer_name ?? '',
  customerAddress: r.customer_address ?? '',
  lastMessageAt: r.last_message_at,
  snippet: (r.snippet ?? '').replace(/\s+/g, ' ').trim(),
  unreadCount: r.unread_count,
  messageCount: r.message_count,
  status: r.status,
  // Tags cannot contain control characters, so the unit separator cannot occur inside one.
  tags: r.tags ? r.tags.split('\u001f') : [],
  flagged: r.flagged === 1,
  answered: r.answered === 1,
  mailbox: r.mailbox,
  snoozedUntil: r.snoozed_until,
  language: r.language,
  languageSetByAgent: r.language_set_by_agent === 1,
  marketplace: r.marketplace_json ? (JSON.parse(r.marketplace_json) as MarketplaceInfo) : null,
  urgency: r.urgency,
  urgencySetByAgent: r.urgency_by_agent === 1,
  waitingSince: r.waiting_since,
  replyDueAt: due(r.account_id, r.waiting_since),
  hasDraft: r.has_draft === 1,
  assignee: r.assignee,
});

export function conversationQueries(db: Db, targets: ReplyTargets) {
  const summaries = (rows: RawSummary[]) => {
    const due = dueTimes(targets);
    return rows.map((r) => toSummary(r, due));
  };
  // One statement per shape (all accounts, one account), so each walks its index in the list's order: no scan
  // of every conversation, no sort (query plans checked in tests/integration/query-plans.test.ts).
  type ListParams = { account: string | null; mailbox: Mailbox; now: number; limit: number; before: number | null; beforeId: string | null };
  /** Past the last row of the previous page (its time, then its id for rows of the same instant). */
  // The first term bounds the index range, so a page deep in the list starts where it begins, not at the top.
  const keyset = `c.last_message_at <= coalesce(@before, ${Number.MAX_SAFE_INTEGER})
    AND (@before IS NULL OR c.last_message_at < @before OR (c.last_message_at = @before AND @beforeId IS NOT NULL AND c.id < @beforeId))`;
  const listWhere = (account: boolean) => `${SUMMARY_SELECT}
     WHERE c.mailbox = @mailbox ${account ? 'AND c.account_id = @account' : ''} AND c.last_message_at > 0
       AND ${keyset}
       AND (@mailbox != 'inbox' OR c.snoozed_until IS NULL OR c.snoozed_until <= @now)
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT @limit`;
  const listAll = db.prepare<[Omit<ListParams, 'account'>], RawSummary>(listWhere(false));
  const listAccount = db.prepare<[ListParams], RawSummary>(listWhere(true));
  // A folder's conversations, two ways: a small folder (most) from its own messages, whatever the account's size;
  // a large one by walking the account's conversations newest first until a page is found (stops early).
  type FolderParams = { account: string; folder: string; limit: number; before: number | null; beforeId: string | null };
  const inSmallFolder = db.prepare<[FolderParams], RawSummary>(
    `${SUMMARY_SELECT}
     WHERE c.id IN (SELECT m.conversation_id FROM message_locations l JOIN messages m ON m.id = l.message_id
                    WHERE l.account_id = @account AND l.folder = @folder)
       AND c.last_message_at > 0 AND ${keyset}
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT @limit`,
  );
  const inLargeFolder = db.prepare<[FolderParams], RawSummary>(
    `${SUMMARY_SELECT}
     WHERE c.account_id = @account AND c.last_message_at > 0 AND EXISTS (
       SELECT 1 FROM messages m JOIN message_locations l ON l.message_id = m.id
       WHERE m.conversation_id = c.id AND l.folder = @folder)
       AND ${keyset}
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT @limit`,
  );
  const SMALL_FOLDER = 20_000;
  const folderSize = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM message_locations WHERE account_id = ? AND folder = ? LIMIT ${SMALL_FOLDER})`,
  );
  const inFolder = (p: FolderParams) => (folderSize.get(p.account, p.folder)!.n < SMALL_FOLDER ? inSmallFolder : inLargeFolder).all(p);
  // Updates that change nothing write nothing (each rewrite of an indexed column touches the list indexes).
  const setMailbox = db.prepare('UPDATE conversations SET mailbox = @v WHERE id = @id AND mailbox IS NOT @v');
  const mailboxOf = db.prepare<[string], { mailbox: Mailbox }>('SELECT mailbox FROM conversations WHERE id = ?');
  const withMessageSince = db.prepare<[string, number], string>(
    'SELECT id FROM conversations WHERE id IN (SELECT value FROM json_each(?)) AND last_message_at >= ?',
  ).pluck();
  const setLanguage = db.prepare('UPDATE conversations SET language = @v WHERE id = @id AND language_set_by_agent = 0 AND language IS NOT @v');
  const setAgentLanguage = db.prepare('UPDATE conversations SET language = ?, language_set_by_agent = ? WHERE id = ?');
  const languageOf = db.prepare<[string], { language: string | null }>('SELECT language FROM conversations WHERE id = ?');
  const agentLanguageOf = db.prepare<[string], { language_set_by_agent: number }>('SELECT language_set_by_agent FROM conversations WHERE id = ?');
  const setMarketplace = db.prepare('UPDATE conversations SET marketplace_json = @v WHERE id = @id AND marketplace_json IS NOT @v');
  const marketplaceOf = db.prepare<[string], { marketplace_json: string | null }>('SELECT marketplace_json FROM conversations WHERE id = ?');
  const readMarketplace = (id: string): MarketplaceInfo | null => {
    const current = marketplaceOf.get(id)?.marketplace_json;
    return current ? (JSON.parse(current) as MarketplaceInfo) : null;
  };
  const setSnooze = db.prepare('UPDATE conversations SET snoozed_until = @v WHERE id = @id AND snoozed_until IS NOT @v');
  const nextWake = db.prepare<[number], { t: number | null }>('SELECT min(snoozed_until) AS t FROM conversations WHERE snoozed_until > ?');
  const one = db.prepare<[string], RawSummary>(`${SUMMARY_SELECT} WHERE c.id = ?`);
  const insert = db.prepare(
    'INSERT INTO conversations (id, account_id, contact_id, subject, subject_key, last_message_at, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
  );
  const bySubject = db.prepare<[string, string, string, number], { id: string }>(
    // Through the subject's index, always: the account's time index would walk every recent conversation.
    `SELECT c.id FROM conversations c INDEXED BY conversations_by_subject JOIN contacts ct ON ct.id = c.contact_id
     WHERE c.account_id = ? AND c.subject_key = ? AND ct.address = ? AND c.last_message_at >= ?
     ORDER BY c.last_message_at DESC LIMIT 1`,
  );
  const refresh = db.prepare(
    `UPDATE conversations SET last_message_at = coalesce((SELECT max(date) FROM messages WHERE conversation_id = @id), 0)
     WHERE id = @id AND last_message_at IS NOT coalesce((SELECT max(date) FROM messages WHERE conversation_id = @id), 0)`,
  );
  const setContact = db.prepare('UPDATE conversations SET contact_id = ? WHERE id = ? AND contact_id IS NULL');
  const setSubjectIfEmpty = db.prepare("UPDATE conversations SET subject = ? WHERE id = ? AND subject = ''");
  const markRead = db.prepare(
    "UPDATE messages SET is_read = ? WHERE conversation_id = ? AND +direction = 'in' AND is_read != ?",
  );
  const upsertContact = db.prepare(
    `INSERT INTO contacts (id, account_id, address, name) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, address) DO UPDATE SET name = excluded.name WHERE excluded.name != '' AND excluded.name IS NOT name`,
  );
  const remove = db.prepare('DELETE FROM conversations WHERE id = ?');
  const ofCorrespondent = db.prepare<[string, string], { id: string; mailbox: Mailbox }>(
    'SELECT c.id, c.mailbox FROM contacts ct JOIN conversations c ON c.contact_id = ct.id WHERE ct.account_id = ? AND ct.address = ?',
  );
  // Closing records when (for resolution times); reopening clears it.
  // A customer's message raises the conversation's urgency (never lowers it) unless the agent set it; the
  // first message of a conversation sets it, low included.
  const raiseUrgency = db.prepare(
    `UPDATE conversations SET urgency = @u WHERE id = @id AND urgency_by_agent = 0
       AND (@first = 1 OR (CASE urgency WHEN 'urgent' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) < (CASE @u WHEN 'urgent' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END))`,
  );
  const answeredUrgency = db.prepare("UPDATE conversations SET urgency = 'normal' WHERE id = ? AND urgency_by_agent = 0 AND urgency != 'normal'");
  const unanswered = db.prepare("UPDATE conversations SET urgency = ? WHERE id = ? AND urgency_by_agent = 0 AND urgency = 'normal'");
  const setUrgency = db.prepare('UPDATE conversations SET urgency = ?, urgency_by_agent = ? WHERE id = ?');
  const setStatus = db.prepare(
    "UPDATE conversations SET closed_at = CASE WHEN @status = 'closed' THEN (CASE WHEN status = 'closed' THEN closed_at ELSE @at END) ELSE NULL END, status = @status WHERE id = @id",
  );
  // A customer's message newer than the closing opens the conversation again, its reply timer starting from that
  // message (what they wrote before the closing was dealt with) — unless it is their survey score.
  const reopen = db.prepare(
    `UPDATE conversations SET status = 'open', closed_at = NULL, waiting_since = CASE WHEN waiting_since IS NOT NULL THEN @date END
     WHERE id = @id AND status = 'closed' AND @date > coalesce(closed_at, last_message_at)
       AND NOT (@score = 1 AND survey_at IS NOT NULL AND @date > survey_at)`,
  );
  const assign = db.prepare('UPDATE conversations SET assignee = ? WHERE id = ? AND assignee IS NOT ?');
  const statusOf = db.prepare<[string], { status: string }>('SELECT status FROM conversations WHERE id = ?');
  const clearTags = db.prepare('DELETE FROM conversation_tags WHERE conversation_id = ?');
  const addTag = db.prepare('INSERT OR IGNORE INTO conversation_tags (conversation_id, tag) VALUES (?, ?)');
  const tagsOf = db.prepare<[string], { tag: string }>('SELECT tag FROM conversation_tags WHERE conversation_id = ? ORDER BY tag');
  const contactId = db.prepare<[string, string], { id: string; customer_id: string | null }>('SELECT id, customer_id FROM contacts WHERE account_id = ? AND address = ?');
  // A new identity joins the customer that already has it (the same address in another account), else a new one.
  const customerByAddress = db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM contacts WHERE address = ? AND customer_id IS NOT NULL LIMIT 1');
  const newCustomer = db.prepare('INSERT INTO customers (id, name, created_at) VALUES (?, ?, ?)');
  const joinCustomer = db.prepare('UPDATE contacts SET customer_id = ? WHERE id = ?');
  // Through the customer's identities and conversations_by_contact: a customer has few conversations, the
  // profile may have a million.
  const ofCustomer = db.prepare<[string], RawSummary>(
    `${SUMMARY_SELECT} WHERE c.contact_id IN (SELECT id FROM contacts WHERE customer_id = ?) ORDER BY c.last_message_at DESC LIMIT 200`,
  );

  return {
    /** Newest first; `before` (a lastMessageAt) pages on past what an earlier call returned. */
    list(o: { limit: number; accountId?: string; mailbox?: Mailbox; folder?: string; now: number; before?: number; beforeId?: string }): ConversationSummary[] {
      if (o.folder && o.accountId) return summaries(inFolder({ account: o.accountId, folder: o.folder, limit: o.limit, before: o.before ?? null, beforeId: o.beforeId ?? null }));
      const params = { mailbox: o.mailbox ?? 'inbox', now: o.now, limit: o.limit, before: o.before ?? null, beforeId: o.beforeId ?? null };
      return summaries(o.accountId ? listAccount.all({ ...params, account: o.accountId }) : listAll.all(params));
    },
    /** The marketplace a conversation is on, read alone (not the whole summary). */
    marketplaceOf: readMarketplace,
    /** Keeps an order id found earlier when a later message does not repeat it. */
    setMarketplace(id: string, info: MarketplaceInfo): void {
      const before = readMarketplace(id);
      setMarketplace.run({ v: JSON.stringify({ ...info, orderId: info.orderId ?? before?.orderId ?? null, itemId: info.itemId ?? before?.itemId ?? null }), id });
    },
    /** The detected language; a language the agent set stays. */
    setLanguage(id: string, language: string): void {
      setLanguage.run({ v: language, id });
    },
    /** The agent's choice (null: detect again from now on, starting from `detected`). */
    setLanguageByAgent(id: string, language: string | null, detected: string | null): void {
      setAgentLanguage.run(language ?? detected, language ? 1 : 0, id);
    },
    /** The conversation's language alone (cheap: no counts), for ingest. */
    languageOf: (id: string): string | null => languageOf.get(id)?.language ?? null,
    languageSetByAgent(id: string): boolean {
      return agentLanguageOf.get(id)?.language_set_by_agent === 1;
    },
    /** Where the conversation is filed (one column, for hot paths), or undefined when it does not exist. */
    mailboxOf: (id: string): Mailbox | undefined => mailboxOf.get(id)?.mailbox,
    setMailbox(id: string, mailbox: Mailbox): void {
      setMailbox.run({ v: mailbox, id });
    },
    setSnooze(id: string, until: number | null): void {
      setSnooze.run({ v: until, id });
    },
    /** The next time a snoozed conversation wakes, after `now`. */
    nextWake: (now: number): number | null => nextWake.get(now)?.t ?? null,
    get(id: string): ConversationSummary | undefined {
      const r = one.get(id);
      return r && summaries([r])[0];
    },
    /**
     * These conversations, in the order given (those gone left out). The reply target and each account's hours
     * are read once for all of them: read per conversation, they made a view's page of 50 take 10–20 ms.
     */
    getMany(ids: readonly string[]): ConversationSummary[] {
      return summaries(ids.flatMap((id) => one.get(id) ?? []));
    },
    /** Which of these conversations have a message dated `since` or later (one read for a sync's whole batch). */
    withMessageSince(ids: readonly string[], since: number): Set<string> {
      return new Set(withMessageSince.all(JSON.stringify(ids), since));
    },
    create(id: string, accountId: string, subject: string, subjectKey: string, now: number): void {
      insert.run(id, accountId, null, subject, subjectKey, now);
    },
    /** The latest conversation with this correspondent under this subject key, active since `since`. */
    findBySubject(accountId: string, subjectKey: string, correspondent: string, since: number): string | undefined {
      return bySubject.get(accountId, subjectKey, correspondent.toLowerCase(), since)?.id;
    },
    /** Recomputes the denormalized last-message time after messages were added or moved. */
    refresh(id: string): void {
      refresh.run({ id });
    },
    setSubjectIfEmpty(id: string, subject: string): void {
      setSubjectIfEmpty.run(subject, id);
    },
    /** Records who the customer is, the first time it becomes known. */
    setCustomer(conversationId: string, accountId: string, newContactId: string, address: string, name: string): void {
      const key = address.toLowerCase();
      upsertContact.run(newContactId, accountId, key, name);
      const c = contactId.get(accountId, key);
      if (!c) return;
      if (!c.customer_id) {
        let customer = customerByAddress.get(key)?.customer_id;
        if (!customer) {
          customer = `cu-${c.id}`;
          newCustomer.run(customer, name, Date.now());
        }
        joinCustomer.run(customer, c.id);
      }
      setContact.run(c.id, conversationId);
    },
    /** Every conversation of a customer, across their identities, accounts and channels, newest first. */
    ofCustomer: (customerId: string): ConversationSummary[] => summaries(ofCustomer.all(customerId)),
    /** The conversations with one correspondent of an account, and where each is filed. */
    ofCorrespondent: (accountId: string, address: string): Array<{ id: string; mailbox: Mailbox }> => ofCorrespondent.all(accountId, address.toLowerCase()),
    remove(id: string): void {
      remove.run(id);
    },
    raiseUrgency(id: string, urgency: Urgency, first: boolean): void {
      raiseUrgency.run({ u: urgency, id, first: first ? 1 : 0 });
    },
    /** A person answered: what made it urgent is dealt with (an urgency the agent set stays). */
    answered(id: string): void {
      answeredUrgency.run(id);
    },
    /** That answer was taken back: the urgency it settled returns (unless the agent or a newer message set one). */
    unanswered(id: string, urgency: Urgency): void {
      unanswered.run(urgency, id);
    },
    /** The agent's choice; null gives it back to the messages (normal until the next one says otherwise). */
    setUrgency(id: string, urgency: Urgency | null): void {
      setUrgency.run(urgency ?? 'normal', urgency ? 1 : 0, id);
    },
    setStatus(id: string, status: 'open' | 'closed', at: number | null = null): void {
      setStatus.run({ status, at, id });
    },
    /**
     * A customer wrote at `date` to a conversation that may be closed (`score`: whether their message reads as a
     * survey answer, asked only then); returns whether it reopened.
     */
    reopenOnCustomer(id: string, date: number, score: () => boolean): boolean {
      if (statusOf.get(id)?.status !== 'closed') return false;
      return reopen.run({ id, date, score: score() ? 1 : 0 }).changes > 0;
    },
    /** Returns whether it changed. */
    assign: (id: string, assignee: string | null): boolean => assign.run(assignee, id, assignee).changes > 0,
    tags: (id: string): string[] => tagsOf.all(id).map((r) => r.tag),
    /** Replaces the tag set; returns the new set. */
    setTags(id: string, tags: string[]): string[] {
      clearTags.run(id);
      for (const t of tags) addTag.run(id, t);
      return tagsOf.all(id).map((r) => r.tag);
    },
    markRead(id: string, read: boolean): number {
      const v = read ? 1 : 0;
      return markRead.run(v, id, v).changes;
    },
  };
}
