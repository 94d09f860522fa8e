// Queries on messages, their server locations and their attachments.
import type { Db } from '../connection.js';
import { foldForIndex, segmentForIndex } from '../../search/segment.js';
import type { AttachmentInfo, Direction, Message, Participant, SendState } from '../../../../shared/domain/types.js';

export interface NewMessage {
  id: string;
  conversationId: string;
  accountId: string;
  direction: Direction;
  messageIdHeader: string | null;
  inReplyTo: string | null;
  references: string[];
  from: Participant;
  replyTo: Participant[];
  to: Participant[];
  cc: Participant[];
  subject: string;
  date: number;
  text: string;
  fromHtml: boolean;
  /** The HTML body as sent, when the message has one (shown sanitized). */
  html?: string | null;
  isRead: boolean;
  sendState: SendState | null;
  createdAt: number;
  /** Incoming: why a machine sent it (RFC 3834: auto-submitted, a list, a no-reply sender ...), never auto-answered. */
  automated?: string | null;
  /** Outgoing: the app sent it by itself (an out-of-hours acknowledgement), not an agent. */
  autoKind?: AutoKind | null;
  /** The sender's offset from UTC in minutes, as their Date header wrote it (their local time then). */
  dateOffset?: number | null;
  /** Outgoing e-mail: blind copies (in the envelope only). */
  bcc?: Participant[];
  /** The tags the provider's copy carries (IMAP keywords), when that copy is known. */
  serverTags?: string[] | null;
  /** Stored from its headers alone: its text, HTML and attachments follow (`completeBody`). */
  bodyPending?: boolean;
}

/** What a message stored from its headers alone gets once it has been read in full. */
export type CompletedBody = Pick<
  NewMessage,
  'inReplyTo' | 'references' | 'from' | 'replyTo' | 'to' | 'cc' | 'subject' | 'date' | 'dateOffset' | 'text' | 'fromHtml' | 'html' | 'automated'
>;

/** Messages the app sends by itself: an out-of-hours acknowledgement, a satisfaction survey. */
export type AutoKind = 'auto-reply' | 'csat';

export interface NewAttachment {
  id: string;
  messageId: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  /** Relative to the attachments folder; empty while the attachment is still only on the server. */
  path: string;
  /** The IMAP body part (e.g. "2.1"), for an attachment that can be downloaded later. */
  part?: string | null;
  downloaded?: boolean;
  /** An image the HTML body shows (cid:), not listed as an attachment. */
  inline?: boolean;
}

export interface AttachmentRow extends NewAttachment {
  part: string | null;
  downloaded: boolean;
}

interface RawMessage {
  original_text?: string | null;
  original_language?: string | null;
  id: string;
  conversation_id: string;
  account_id: string;
  direction: Direction;
  message_id_header: string | null;
  in_reply_to: string | null;
  references_json: string;
  from_name: string;
  from_address: string;
  reply_to_json: string;
  to_json: string;
  cc_json: string;
  bcc_json?: string;
  subject: string;
  date: number;
  text_body: string;
  from_html: number;
  html: string | null;
  is_read: number;
  is_flagged: number;
  send_state: SendState | null;
  send_error: string | null;
  auto_kind: AutoKind | null;
  body_pending?: number;
}

/** What sending and threading need to know about a stored message. */
export type StoredMessage = Omit<NewMessage, 'fromHtml' | 'isRead' | 'createdAt'> & {
  /** A reply sent translated: what the agent wrote, in their language. */
  original?: { text: string; language: string };
};

const originalOf = (r: RawMessage) => (r.original_text ? { original: { text: r.original_text, language: r.original_language ?? '' } } : {});

const toStored = (r: RawMessage): StoredMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  accountId: r.account_id,
  direction: r.direction,
  messageIdHeader: r.message_id_header,
  inReplyTo: r.in_reply_to,
  references: JSON.parse(r.references_json) as string[],
  from: { name: r.from_name, address: r.from_address },
  replyTo: JSON.parse(r.reply_to_json) as Participant[],
  to: JSON.parse(r.to_json) as Participant[],
  cc: JSON.parse(r.cc_json) as Participant[],
  bcc: JSON.parse(r.bcc_json ?? '[]') as Participant[],
  subject: r.subject,
  date: r.date,
  text: r.text_body,
  sendState: r.send_state,
  autoKind: r.auto_kind,
  ...originalOf(r),
  ...(r.body_pending ? { bodyPending: true } : {}),
});

export function messageQueries(db: Db) {
  const setOriginal = db.prepare('UPDATE messages SET original_text = ?, original_language = ? WHERE id = ?');
  const setText = db.prepare('UPDATE messages SET text_body = ? WHERE id = ?');
  const rowidOf = db.prepare<[string], { rowid: number }>('SELECT rowid FROM messages WHERE id = ?');
  const indexSearch = db.prepare('INSERT OR REPLACE INTO message_search (rowid, body, subject, sender) VALUES (?, ?, ?, ?)');
  const indexNow = (id: string, text: string, subject: string, sender: string) => {
    const row = rowidOf.get(id); // gone when its savepoint was rolled back
    if (!row) return;
    indexSearch.run(row.rowid, segmentForIndex(text), segmentForIndex(subject), sender);
    if (wordsBeginning.size > 0) {
      const folded = foldForIndex(`${subject} ${sender} ${text}`);
      for (const prefix of [...wordsBeginning.keys()]) if (folded.includes(prefix)) wordsBeginning.delete(prefix);
    }
  };
  /**
   * The index's words beginning with a prefix, as last read (listing them reads every hit of each: 20 ms for a
   * word in every message at a million). Forgotten for a prefix as soon as a message whose text contains it is
   * indexed, so a listed prefix never misses a word; a message that does not contain it cannot add one.
   */
  const wordsBeginning = new Map<string, string[] | null>();
  const listTerms = db.prepare<[string, string, number], string>('SELECT term FROM message_search_terms WHERE term >= ? AND term < ? LIMIT ?').pluck();
  /**
   * Index writes held until the end of the store's transaction. FTS5 writes what it holds in memory to disk at
   * every savepoint that follows a change to it, and every statement that checks a foreign key opens one: a
   * message indexed as it is stored made a new index segment per message (a third of a first sync's store).
   */
  let held: Array<[id: string, text: string, subject: string, sender: string]> | null = null;
  /** The message in the full-text index, in the caller's transaction. */
  const index = (id: string, text: string, subject: string, sender: string) => {
    if (held) held.push([id, text, subject, sender]);
    else indexNow(id, text, subject, sender);
  };
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, account_id, direction, message_id_header, in_reply_to, references_json,
       from_name, from_address, reply_to_json, to_json, cc_json, subject, date, text_body, from_html, html, is_read, send_state, created_at, automated, auto_kind, date_offset, bcc_json, server_tags_json, body_pending)
     VALUES (@id, @conversationId, @accountId, @direction, @messageIdHeader, @inReplyTo, @references, @fromName,
       @fromAddress, @replyTo, @to, @cc, @subject, @date, @text, @fromHtml, @html, @isRead, @sendState, @createdAt, @automated, @autoKind, @dateOffset, @bcc, @serverTags, @bodyPending)`,
  );
  const completeBody = db.prepare(
    `UPDATE messages SET in_reply_to = @inReplyTo, references_json = @references, from_name = @fromName, from_address = @fromAddress,
       reply_to_json = @replyTo, to_json = @to, cc_json = @cc, subject = @subject, date = @date, date_offset = @dateOffset,
       text_body = @text, from_html = @fromHtml, html = @html, automated = @automated, body_pending = 0
     WHERE id = @id`,
  );
  const othersReadInFull = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE conversation_id = ? AND id != ? AND body_pending = 0 LIMIT 1)',
  );
  const anyPending = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE account_id = ? AND body_pending = 1 LIMIT 1)');
  const pendingAt = db.prepare<[string, string, number], { id: string; conversationId: string }>(
    'SELECT m.id, m.conversation_id AS conversationId FROM message_locations l JOIN messages m ON m.id = l.message_id WHERE l.account_id = ? AND l.folder = ? AND l.uid = ? AND m.body_pending = 1',
  );
  const byHeader = db.prepare<[string, string], RawMessage>(
    'SELECT * FROM messages WHERE account_id = ? AND message_id_header = ?',
  );
  const one = db.prepare<[string], RawMessage>('SELECT * FROM messages WHERE id = ?');
  const inConversation = db.prepare<[string], RawMessage & { outbox_id: string | null }>(
    `SELECT m.*, (SELECT o.id FROM outbox o WHERE o.kind IN ('message.send', 'message.translate') AND o.status != 'sent'
         AND json_extract(o.payload_json, '$.messageId') = m.id ORDER BY o.id DESC LIMIT 1) AS outbox_id
     FROM messages m WHERE m.conversation_id = ? ORDER BY m.date, m.created_at`,
  );
  const attachmentsOf = db.prepare<[string], { id: string; filename: string; content_type: string; size: number; downloaded: number }>(
    'SELECT id, filename, content_type, size, downloaded FROM attachments WHERE message_id = ? AND inline = 0 ORDER BY rowid',
  );
  const insertAttachment = db.prepare(
    'INSERT INTO attachments (id, message_id, filename, content_type, size, content_id, path, part, downloaded, inline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  type RawAttachment = { id: string; message_id: string; filename: string; content_type: string; size: number; content_id: string | null; path: string; part: string | null; downloaded: number };
  const htmlOf = db.prepare<[string], { html: string | null }>('SELECT html FROM messages WHERE id = ?');
  const attachmentCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM attachments WHERE message_id = ? AND inline = 0');
  const filesOf = db.prepare<[string], { filename: string; content_type: string; path: string }>(
    "SELECT filename, content_type, path FROM attachments WHERE message_id = ? AND inline = 0 AND downloaded = 1 AND path != '' ORDER BY rowid",
  );
  const imagesOf = db.prepare<[string], { content_id: string; content_type: string; path: string; size: number }>(
    `SELECT content_id, content_type, path, size FROM attachments
       WHERE message_id = ? AND content_id IS NOT NULL AND downloaded = 1 AND content_type LIKE 'image/%'`,
  );
  const oneAttachment = db.prepare<[string], RawAttachment>('SELECT * FROM attachments WHERE id = ?');
  const markDownloaded = db.prepare('UPDATE attachments SET path = ?, size = ?, downloaded = 1 WHERE id = ?');
  const addLocation = db.prepare(
    'INSERT OR REPLACE INTO message_locations (message_id, account_id, folder, uid) VALUES (?, ?, ?, ?)',
  );
  const removeLocation = db.prepare('DELETE FROM message_locations WHERE account_id = ? AND folder = ? AND uid = ?');
  const locationsOf = db.prepare<[string], { folder: string; uid: number }>(
    'SELECT folder, uid FROM message_locations WHERE message_id = ?',
  );
  const newestIncoming = db.prepare<[string, number], { text_body: string }>(
    "SELECT text_body FROM messages WHERE conversation_id = ? AND +direction = 'in' ORDER BY date DESC LIMIT ?",
  );
  const incomingCount = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND +direction = 'in'");
  const setSendState = db.prepare('UPDATE messages SET send_state = ?, send_error = ? WHERE id = ?');
  const setRead = db.prepare('UPDATE messages SET is_read = ? WHERE id = ?');
  const setAnswered = db.prepare('UPDATE messages SET is_answered = ? WHERE id = ?');
  const answeredOf = db.prepare<[string], { is_answered: number }>('SELECT is_answered FROM messages WHERE id = ?');
  const setServerTags = db.prepare('UPDATE messages SET server_tags_json = ? WHERE id = ?');
  const serverTagsIn = db.prepare<[string], { server_tags_json: string }>(
    'SELECT server_tags_json FROM messages WHERE conversation_id = ? AND server_tags_json IS NOT NULL',
  );
  const stateOf = db.prepare<[string], { is_read: number; is_flagged: number }>('SELECT is_read, is_flagged FROM messages WHERE id = ?');
  const toMark = db.prepare<[string, number], { id: string }>(
    "SELECT id FROM messages WHERE conversation_id = ? AND +direction = 'in' AND is_read != ?",
  );
  const removeOne = db.prepare('DELETE FROM messages WHERE id = ?');
  const flaggedIn = db.prepare<[string], { id: string }>('SELECT id FROM messages WHERE conversation_id = ? AND is_flagged = 1');
  const latestIn = db.prepare<[string], { id: string }>(
    "SELECT id FROM messages WHERE conversation_id = ? ORDER BY direction = 'in' DESC, date DESC LIMIT 1",
  );
  const setFlagged = db.prepare('UPDATE messages SET is_flagged = ? WHERE id = ?');
  const idsIn = db.prepare<[string], { id: string }>('SELECT id FROM messages WHERE conversation_id = ? ORDER BY date');
  const idsOfAccount = db.prepare<[string], { id: string }>('SELECT id FROM messages WHERE account_id = ?');
  const moveConversation = db.prepare('UPDATE messages SET conversation_id = ? WHERE conversation_id = ?');

  return {
    insert(m: NewMessage): void {
      insert.run({
        ...columnsOf(m),
        id: m.id,
        conversationId: m.conversationId,
        accountId: m.accountId,
        direction: m.direction,
        messageIdHeader: m.messageIdHeader,
        isRead: m.isRead ? 1 : 0,
        sendState: m.sendState,
        createdAt: m.createdAt,
        autoKind: m.autoKind ?? null,
        bcc: JSON.stringify(m.bcc ?? []),
        serverTags: m.serverTags ? serverTagsJson(m.serverTags) : null,
        bodyPending: m.bodyPending ? 1 : 0,
      });
      index(m.id, m.text, m.subject, `${m.from.name} ${m.from.address}`);
    },
    /** A message stored from its headers alone, read in full now: its fields as the full read has them. */
    completeBody(id: string, m: CompletedBody): void {
      completeBody.run({ ...columnsOf(m), id });
      index(id, m.text, m.subject, `${m.from.name} ${m.from.address}`);
    },
    /** Whether a conversation has a message, other than this one, that was not stored from its headers alone. */
    othersReadInFull: (conversationId: string, messageId: string): boolean => othersReadInFull.get(conversationId, messageId)!.n > 0,
    /** Whether any of an account's messages was stored from its headers alone and waits for its body. */
    anyPending: (accountId: string): boolean => anyPending.get(accountId)!.n > 0,
    /** The message at this server location when it was stored from its headers alone and waits for its body. */
    pendingAt: (accountId: string, folder: string, uid: number): { id: string; conversationId: string } | undefined => pendingAt.get(accountId, folder, uid),
    /**
     * The indexed words that begin with `prefix` (lower-case ASCII, as the index stores it), or null when there
     * are more than `max` of them.
     */
    indexedWordsBeginning(prefix: string, max: number): string[] | null {
      const known = wordsBeginning.get(prefix);
      if (known !== undefined) return known;
      const terms = listTerms.all(prefix, `${prefix}\u{10FFFF}`, max + 1);
      const found = terms.length > max ? null : terms;
      if (wordsBeginning.size >= 256) wordsBeginning.delete(wordsBeginning.keys().next().value!);
      wordsBeginning.set(prefix, found);
      return found;
    },
    /** From now until `writeHeldSearchIndex`, index writes wait (the store's transaction calls both). */
    holdSearchIndex(): void {
      held ??= [];
    },
    /** Writes the held index entries, in order; with `discard`, drops them (the transaction rolled back). */
    writeHeldSearchIndex(discard = false): void {
      const entries = held ?? [];
      held = null;
      if (!discard) for (const [id, text, subject, sender] of entries) indexNow(id, text, subject, sender);
    },
    get(id: string): StoredMessage | undefined {
      const r = one.get(id);
      return r && toStored(r);
    },
    findByHeader(accountId: string, messageIdHeader: string): StoredMessage | undefined {
      const r = byHeader.get(accountId, messageIdHeader);
      return r && toStored(r);
    },
    /** An outgoing message's text once translated (before it is sent). */
    setText(id: string, text: string): void {
      setText.run(text, id);
      const m = one.get(id);
      if (m) index(id, text, m.subject, `${m.from_name} ${m.from_address}`);
    },
    /** A reply sent translated keeps the agent's own words. */
    setOriginal(id: string, text: string, language: string): void {
      setOriginal.run(text, language, id);
    },
    listForConversation(conversationId: string): Message[] {
      return inConversation.all(conversationId).map(
        (r): Message => ({
          id: r.id,
          conversationId: r.conversation_id,
          direction: r.direction,
          from: { name: r.from_name, address: r.from_address },
          to: JSON.parse(r.to_json) as Participant[],
          cc: JSON.parse(r.cc_json) as Participant[],
          bcc: JSON.parse(r.bcc_json ?? '[]') as Participant[],
          date: r.date,
          subject: r.subject,
          text: r.text_body,
          fromHtml: r.from_html === 1,
          hasHtml: r.html !== null,
          isRead: r.is_read === 1,
          isFlagged: r.is_flagged === 1,
          ...(r.send_state ? { sendState: r.send_state } : {}),
          ...originalOf(r),
          ...(r.send_error ? { sendError: r.send_error } : {}),
          ...(r.auto_kind ? { autoKind: r.auto_kind } : {}),
          ...(r.outbox_id ? { outboxId: r.outbox_id } : {}),
          ...(r.body_pending ? { bodyPending: true } : {}),
          attachments: attachmentsOf.all(r.id).map(
            (a): AttachmentInfo => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, downloaded: a.downloaded === 1 }),
          ),
        }),
      );
    },
    addAttachment(a: NewAttachment): void {
      insertAttachment.run(a.id, a.messageId, a.filename, a.contentType, a.size, a.contentId, a.path, a.part ?? null, a.downloaded === false ? 0 : 1, a.inline ? 1 : 0);
    },
    /** Sets \Answered as known here; returns whether it changed. */
    setAnswered(id: string, answered: boolean): boolean {
      const now = answeredOf.get(id);
      if (!now || (now.is_answered === 1) === answered) return false;
      setAnswered.run(answered ? 1 : 0, id);
      return true;
    },
    /** The tags the server copy of a message carries (as IMAP keywords). */
    setServerTags(id: string, tags: string[]): void {
      setServerTags.run(serverTagsJson(tags), id);
    },
    /** The server tags of a conversation's messages whose server copy is known; empty when none is. */
    serverTagsIn: (conversationId: string): string[][] => serverTagsIn.all(conversationId).map((r) => JSON.parse(r.server_tags_json) as string[]),
    /** Read and starred, as stored here. */
    state(id: string): { isRead: boolean; isFlagged: boolean } | undefined {
      const r = stateOf.get(id);
      return r && { isRead: r.is_read === 1, isFlagged: r.is_flagged === 1 };
    },
    html(messageId: string): string | null {
      return htmlOf.get(messageId)?.html ?? null;
    },
    /** Downloaded images a message's HTML can refer to by Content-ID. */
    imagesByContentId: (messageId: string) => imagesOf.all(messageId),
    /** A message's attachment files on disk (paths relative to the attachments folder), in order. */
    filesOf: (messageId: string): Array<{ filename: string; contentType: string; path: string }> =>
      filesOf.all(messageId).map((r) => ({ filename: r.filename, contentType: r.content_type, path: r.path })),
    /** How many files (not inline images) a message has, downloaded or not. */
    attachmentCount: (messageId: string): number => attachmentCount.get(messageId)!.n,
    attachment(id: string): AttachmentRow | undefined {
      const r = oneAttachment.get(id);
      return (
        r && {
          id: r.id,
          messageId: r.message_id,
          filename: r.filename,
          contentType: r.content_type,
          size: r.size,
          contentId: r.content_id,
          path: r.path,
          part: r.part,
          downloaded: r.downloaded === 1,
        }
      );
    },
    attachmentDownloaded(id: string, relativePath: string, size: number): void {
      markDownloaded.run(relativePath, size, id);
    },
    addLocation(messageId: string, accountId: string, folder: string, uid: number): void {
      addLocation.run(messageId, accountId, folder, uid);
    },
    /** The texts of a conversation's newest incoming messages, newest first. */
    /** How many messages the customer sent in the conversation. */
    incomingCount: (conversationId: string): number => incomingCount.get(conversationId)!.n,
    newestIncomingTexts: (conversationId: string, limit: number): string[] => newestIncoming.all(conversationId, limit).map((r) => r.text_body ?? ''),
    locations: (messageId: string) => locationsOf.all(messageId),
    removeLocation(accountId: string, folder: string, uid: number): void {
      removeLocation.run(accountId, folder, uid);
    },
    setSendState(id: string, state: SendState, error: string | null = null): void {
      setSendState.run(state, error, id);
    },
    setRead(id: string, read: boolean): void {
      setRead.run(read ? 1 : 0, id);
    },
    /** Incoming messages of a conversation whose read state differs from `read`. */
    idsToMark(conversationId: string, read: boolean): string[] {
      return toMark.all(conversationId, read ? 1 : 0).map((r) => r.id);
    },
    remove(id: string): void {
      removeOne.run(id);
    },
    setFlagged(id: string, flagged: boolean): void {
      setFlagged.run(flagged ? 1 : 0, id);
    },
    /**
     * Stars or unstars a conversation: starring flags its latest incoming message, unstarring clears every flag.
     * Returns the messages whose flag changed.
     */
    setConversationFlagged(conversationId: string, flagged: boolean): string[] {
      const ids = flagged ? (flaggedIn.all(conversationId).length ? [] : latestIn.all(conversationId)) : flaggedIn.all(conversationId);
      for (const { id } of ids) setFlagged.run(flagged ? 1 : 0, id);
      return ids.map((r) => r.id);
    },
    idsIn: (conversationId: string): string[] => idsIn.all(conversationId).map((r) => r.id),
    idsOfAccount: (accountId: string): string[] => idsOfAccount.all(accountId).map((r) => r.id),
    /** Moves every message of one conversation into another (when two threads turn out to be one). */
    moveAll(fromConversationId: string, toConversationId: string): void {
      moveConversation.run(toConversationId, fromConversationId);
    },
  };
}

/** The columns a message's headers and body fill, as the statements' parameters. */
function columnsOf(m: CompletedBody) {
  return {
    inReplyTo: m.inReplyTo,
    references: JSON.stringify(m.references),
    fromName: m.from.name,
    fromAddress: m.from.address,
    replyTo: JSON.stringify(m.replyTo),
    to: JSON.stringify(m.to),
    cc: JSON.stringify(m.cc),
    subject: m.subject,
    date: m.date,
    dateOffset: m.dateOffset ?? null,
    text: m.text,
    fromHtml: m.fromHtml ? 1 : 0,
    html: m.html ?? null,
    automated: m.automated ?? null,
  };
}

/** Server tags as stored: each once, sorted. */
function serverTagsJson(tags: string[]): string {
  return JSON.stringify([...new Set(tags)].sort());
}
