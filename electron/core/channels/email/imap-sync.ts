// One pass of IMAP sync over a folder: detect a UIDVALIDITY change, fetch every message above the last UID we
// stored, parse it and ingest it. Each batch is committed on its own, so an interrupted sync resumes where it
// stopped instead of starting over. On the first sync of INBOX its newest mail is listed from the headers before
// it is parsed.
import type { ImapFlow, ListResponse, MessageStructureObject } from 'imapflow';
import type { Mailbox } from '../../../../shared/domain/types.js';
import type { ChannelContext } from '../channel.js';
import type { FolderState } from '../../db/queries/folders.js';
import type { Store } from '../../db/store.js';
import fs from 'node:fs';
import path from 'node:path';
import { completeMessage, ingestMessage, refreshConversationLanguages, type IncomingMessage, type PendingLanguages } from '../../conversations/ingest.js';
import { mapHeadline, mapLargeMail, unreadableMessage, type MappingContext } from './mapping.js';
import { mailParser } from './mail-parse-pool.js';
import { diskFullError } from '../../errors.js';
import type { PlacedSources } from '../../conversations/raw-sources.js';
import { downloadText, fetchAttachments, planParts } from './body-parts.js';
import { tagsOfFlags } from './keywords.js';
import { applyServerFlags, applyServerMailbox, applyServerTags } from '../../conversations/server-state.js';

export type FolderRole = 'inbox' | 'sent' | 'archive' | 'trash' | 'junk' | 'other';

export interface SyncTarget {
  path: string;
  role: FolderRole;
}

/**
 * Messages per FETCH and per transaction: the first batch small, so the newest conversations show at once; then
 * as many as fit in about 8 MB of mail, between 25 and 250 (fewer transactions while backfilling, with memory
 * bounded whatever the messages' size).
 */
const FIRST_BATCH = 60;
const MIN_BATCH = 25;
const MAX_BATCH = 250;
const BATCH_BYTES = 8 * 1024 * 1024;
/** How long storing a batch waits for the next batch to be fetched (see storeBatch). */
const NEXT_BATCH_WAIT_MS = 250;
/** Messages up to this size are fetched whole and parsed in memory; larger ones part by part. */
export const WHOLE_MESSAGE_LIMIT = 1024 * 1024;

/**
 * Special-use folders that hold no customer conversations (drafts) or only copies of other folders (Gmail's
 * All Mail, Starred, Important): never synced. Junk is synced: a buyer's first message filtered as spam must be
 * findable (the Spam view) and rescued.
 */
const SKIPPED_USES = new Set(['\\Drafts', '\\All', '\\Flagged', '\\Important']);

/** Every folder that holds conversations: INBOX, Sent, Archive, Trash, Junk and the user's own folders. */
export function pickSyncTargets(folders: ListResponse[]): SyncTarget[] {
  const sent = findSentFolder(folders);
  const targets: SyncTarget[] = [];
  for (const f of folders) {
    if (f.flags?.has('\\Noselect') || f.flags?.has('\\NonExistent')) continue;
    if (f.specialUse && SKIPPED_USES.has(f.specialUse)) continue;
    if (f.path.toUpperCase() === 'INBOX') continue;
    const role: FolderRole =
      f.path === sent
        ? 'sent'
        : f.specialUse === '\\Archive'
          ? 'archive'
          : f.specialUse === '\\Trash'
            ? 'trash'
            : f.specialUse === '\\Junk'
              ? 'junk'
              : 'other';
    targets.push({ path: f.path, role });
  }
  return [{ path: 'INBOX', role: 'inbox' }, ...targets];
}

/** Where a conversation first seen in a folder of this role is filed. */
export function mailboxOf(role: FolderRole): Mailbox | undefined {
  if (role === 'inbox') return 'inbox';
  if (role === 'archive') return 'archive';
  if (role === 'trash') return 'trash';
  if (role === 'junk') return 'spam';
  return undefined;
}

const SENT_NAMES = ['sent', 'sent items', 'sent messages', 'sent mail', '已发送', '已傳送', '送信済み', 'enviados', 'gesendet', 'envoyés'];

export function findSentFolder(folders: ListResponse[]): string | undefined {
  const bySpecialUse = folders.find((f) => f.specialUse === '\\Sent');
  if (bySpecialUse) return bySpecialUse.path;
  return folders.find((f) => SENT_NAMES.includes(f.name.toLowerCase()))?.path;
}

export interface FolderSyncResult {
  created: string[];
  conversationIds: Set<string>;
  /**
   * Conversations already reported (`conversations.changed`) batch by batch as they were stored, so the inbox
   * shows the newest mail while the rest of a large folder is still coming; changed again since, they are not.
   */
  announced: Set<string>;
  /** Messages that left this folder and, as far as the folders synced so far know, are nowhere else. */
  orphaned: Set<string>;
}

export async function syncFolder(
  client: ImapFlow,
  ctx: ChannelContext,
  accountId: string,
  ownAddresses: string[],
  target: SyncTarget,
  onProgress: (done: number, total: number) => void,
): Promise<FolderSyncResult> {
  const { store } = ctx;
  const result: FolderSyncResult = { created: [], conversationIds: new Set(), announced: new Set(), orphaned: new Set() };
  // With QRESYNC, opening the folder with what we knew last time makes the server list the UIDs expunged since
  // (VANISHED (EARLIER)); imapflow reports each as an 'expunge' event while the folder opens.
  const state = store.folders.get(accountId, target.path);
  const alreadyOpen = client.mailbox && client.mailbox.path === target.path;
  const vanished = new Set<number>();
  const onExpunge = (e: { path: string; uid?: number; vanished?: boolean }) => {
    if (e.path === target.path && e.vanished && e.uid) vanished.add(e.uid);
  };
  client.on('expunge', onExpunge);
  const resync = state.uidvalidity !== null && state.highestModseq !== null && !alreadyOpen
    ? { uidValidity: BigInt(state.uidvalidity), changedSince: BigInt(state.highestModseq) }
    : {};
  let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
  try {
    lock = await client.getMailboxLock(target.path, resync);
  } catch (err) {
    client.off('expunge', onExpunge);
    throw err;
  }
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`Folder ${target.path} could not be opened.`);
    const uidValidity = String(mailbox.uidValidity);
    if (state.uidvalidity !== null && state.uidvalidity !== uidValidity) {
      // The server renumbered this folder; our UIDs there mean nothing now. Messages stay (matched again
      // by Message-ID), only their locations are dropped.
      store.transaction(() => store.folders.forgetLocations(accountId, target.path));
      state.lastUid = 0;
      state.highestModseq = null;
      state.backfillUid = null;
    }
    state.uidvalidity = uidValidity;
    state.role = target.role;

    let done = 0;
    let total = 0;
    let mayBePending = false;
    const limitBytes = ctx.store.appSettings.get().attachmentDownloadLimitMb * 1024 * 1024;
    const stagingDir = path.join(ctx.attachmentsDir, '.staging');
    let batchSize = FIRST_BATCH;
    type Meta = { uid: number; size: number; seen: boolean; answered: boolean; internalDate: number; tags: string[] };
    const mappingFor = (m: Meta, raw: Buffer): MappingContext => ({
      ownAddresses,
      inSentFolder: target.role === 'sent',
      isSeen: m.seen,
      internalDate: m.internalDate,
      raw,
    });
    type Parsing = { raw: Buffer; mapped: Promise<IncomingMessage> };
    const parsing = (m: Meta, raw: Buffer): Parsing => ({ raw, mapped: mailParser.map(raw, mappingFor(m, raw)) });
    type Headline = { meta: Meta; raw: Buffer; message: IncomingMessage | null };
    type Fetched = { batch: number[]; meta: Meta[]; parsed: Map<number, Parsing>; unparsed: Headline[] };
    /**
     * One FETCH for a batch (UIDs, or a range of message numbers): flags, size and the first megabyte of each
     * message, which is all of it for ordinary mail; each such message goes to the parser thread as it arrives (or,
     * with `headlines`, has its header block read as it arrives and is parsed once that is stored). Larger messages
     * are fetched again later, by parts.
     */
    const fetchBatch = async (range: number[] | { numbers: string }, headlines: boolean): Promise<Fetched> => {
      const meta: Meta[] = [];
      const parsed = new Map<number, Parsing>();
      const unparsed: Headline[] = [];
      const fetchQuery = { uid: true, flags: true, size: true, internalDate: true, source: { start: 0, maxLength: WHOLE_MESSAGE_LIMIT } };
      const byUid = Array.isArray(range);
      for await (const msg of client.fetch(byUid ? range.join(',') : range.numbers, fetchQuery, { uid: byUid })) {
        const internal = msg.internalDate instanceof Date ? msg.internalDate.getTime() : Date.now();
        const m: Meta = {
          uid: msg.uid,
          size: msg.size ?? 0,
          seen: msg.flags?.has('\\Seen') ?? false,
          answered: msg.flags?.has('\\Answered') ?? false,
          internalDate: internal,
          tags: tagsOfFlags(msg.flags ?? []),
        };
        meta.push(m);
        if (msg.source && m.size <= WHOLE_MESSAGE_LIMIT) {
          if (headlines) unparsed.push({ meta: m, raw: msg.source, message: headlineOf(m, msg.source) });
          else parsed.set(m.uid, parsing(m, msg.source));
        }
      }
      return { batch: byUid ? range : meta.map((m) => m.uid), meta, parsed, unparsed };
    };
    /** A message from its header block alone; null when even that cannot be read (it is stored in full next). */
    const headlineOf = (m: Meta, raw: Buffer): IncomingMessage | null => {
      try {
        return { ...mapHeadline(raw, mappingFor(m, raw)), mailbox: mailboxOf(target.role), serverTags: m.tags, isAnswered: m.answered };
      } catch {
        return null;
      }
    };
    /**
     * The newest mail of a first sync, listed before it is parsed: each message stored from its header block
     * (sender, subject, date, threading), its conversation shown at once; its text, HTML and attachments are read
     * and stored next (`completeMessage`). Progress is not committed: a sync stopped in between fetches these
     * again and completes them. A message whose headers cannot be stored is simply stored in full next.
     */
    const storeHeadlines = (headlines: Headline[]) => {
      const listed = new Set<string>();
      store.transaction(() => {
        for (const { meta: m, message } of headlines) {
          if (!message) continue;
          try {
            const r = store.transaction(() => ingestMessage(store, ctx.attachmentsDir, accountId, message, { folder: target.path, uid: m.uid }, ctx.now()));
            listed.add(r.conversationId);
          } catch (err) {
            if (diskFullError(err)) throw err;
          }
        }
      });
      if (listed.size > 0) ctx.events.emit('conversations.changed', { ids: [...listed], bodiesPending: true });
    };
    const rawWrites: Array<Promise<void>> = [];
    /** Fetches and stores `uids` batch by batch, after `first` when given (a batch already fetched). */
    const runBatches = async (uids: number[], commit: (batch: number[]) => void, first?: Fetched) => {
      let next = 0;
      /** Starts fetching the next batch (sized by the last one's bytes); it and its parsing run while this one is stored. */
      const fetchNext = () => {
        if (next >= uids.length) return null;
        const batch = uids.slice(next, next + batchSize);
        next += batch.length;
        const fetching = fetchBatch(batch, false);
        fetching.catch(() => {}); // awaited below; a failure surfaces there
        return fetching;
      };
      let pending = first ? Promise.resolve(first) : fetchNext();
      let stored = false;
      try {
        while (pending) {
          const { batch, meta, parsed } = await pending;
          const bytes = meta.reduce((sum, m) => sum + Math.min(m.size, WHOLE_MESSAGE_LIMIT), 0);
          batchSize = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.floor(BATCH_BYTES / Math.max(1, bytes / Math.max(1, meta.length)))));
          // The next batch is fetched while this one is parsed and stored, except after the first of a pass: the
          // newest mail has the main thread to itself (receiving the next batch would slow its parsing down).
          const first = done === 0;
          if (!first) pending = fetchNext();
          await storeBatch(batch, meta, parsed, commit, first ? null : pending);
          if (first) {
            pending = fetchNext();
            // More to come (a backfill): parsing moves to its own thread, beside fetching and storing. Started
            // sooner (once the first batch is parsed), it made the newest mail readable a tenth of a second later.
            if (pending) mailParser.startThread();
          }
          done += batch.length;
          onProgress(done, total);
        }
        stored = true;
      } finally {
        // A batch stopped part-way: the fetch already under way ends before the folder is released, and the
        // raw sources being written are on disk.
        if (pending) await pending.catch(() => {});
        const written = await Promise.allSettled(rawWrites.splice(0));
        // Every raw source on disk before the folder counts as synced; a full disk stops the sync here.
        const failed = written.find((w): w is PromiseRejectedResult => w.status === 'rejected');
        if (failed && stored) throw failed.reason;
      }
    };
    const storeBatch = async (
      batch: number[],
      meta: Meta[],
      parsed: Map<number, Parsing>,
      commit: (batch: number[]) => void,
      following: Promise<unknown> | null,
    ) => {
      const languages: PendingLanguages = new Map();
      const ready: Array<{ uid: number; mapped: IncomingMessage; raw: Buffer; tags: string[]; answered: boolean }> = [];
      const staged: string[] = [];
      try {
        // Ordinary mail, parsed on the parser thread (here, before it is started: the newest mail).
        const small = meta.filter((m) => parsed.has(m.uid));
        const mapped = await Promise.all(small.map((m) => parsed.get(m.uid)!.mapped));
        // The next batch read in before this one is stored: storing holds this thread for a long stretch in which
        // nothing fetched is read, and the parser thread would run out of mail meanwhile (it idled 1 s of 7 that
        // way). Not for long on a slow connection, where the fetch goes on while this batch is stored.
        if (following) await settledWithin(following, NEXT_BATCH_WAIT_MS);
        small.forEach((m, i) => ready.push({ uid: m.uid, raw: parsed.get(m.uid)!.raw, tags: m.tags, answered: m.answered, mapped: mapped[i]! }));
        // Large mail: headers and structure first, then each part streamed (never the whole in memory).
        const large = meta.filter((m) => m.size > WHOLE_MESSAGE_LIMIT);
        const shapes = new Map<number, { headers: Buffer; structure: MessageStructureObject }>();
        if (large.length > 0) {
          for await (const msg of client.fetch(large.map((m) => m.uid).join(','), { uid: true, headers: true, bodyStructure: true }, { uid: true })) {
            if (msg.headers && msg.bodyStructure) shapes.set(msg.uid, { headers: msg.headers, structure: msg.bodyStructure });
          }
        }
        for (const m of large) {
          const shape = shapes.get(m.uid);
          if (!shape?.structure) continue; // expunged meanwhile
          const note = Buffer.from(`\r\n[Only the headers of this ${(m.size / 1048576).toFixed(1)} MB message are kept here; its text and attachments are listed in the conversation.]\r\n`);
          const raw = Buffer.concat([shape.headers, note]);
          let message: IncomingMessage;
          try {
            const plan = planParts(shape.structure);
            const body: { plain?: string; html?: string } = {};
            for (const t of plan.text) body[t.type === 'text/plain' ? 'plain' : 'html'] = await downloadText(client, m.uid, t.part);
            const attachments = await fetchAttachments(client, m.uid, plan, stagingDir, limitBytes);
            for (const a of attachments) if ('file' in a) staged.push(a.file.path);
            message = await mapLargeMail(shape.headers, body, attachments, mappingFor(m, shape.headers));
          } catch (err) {
            // Hostile or broken mail makes a placeholder of that message only; a full disk or a lost connection
            // fails the batch, which is fetched again: nothing is lost.
            if (diskFullError(err) || !client.usable) throw err;
            message = unreadableMessage(raw, mappingFor(m, raw), err);
          }
          ready.push({ uid: m.uid, raw, tags: m.tags, answered: m.answered, mapped: message });
        }
        const sources: Array<{ messageId: string; raw: Buffer }> = [];
        const batchConversations = new Set<string>();
        const placed = store.transaction((): PlacedSources | null => {
          for (const item of ready) {
            const r = ingestIsolated(store, ctx, accountId, target, item, languages, mayBePending);
            if (!r) continue;
            if (r.created) {
              result.created.push(r.messageId);
              sources.push({ messageId: r.messageId, raw: item.raw });
              if (item.tags.length > 0) applyServerTags(store, r.conversationId);
            }
            batchConversations.add(r.conversationId);
          }
          // Where each source goes is recorded with its message; the bytes follow once this commits.
          const here = ctx.rawSources.place(sources);
          commit(batch);
          store.folders.save(state);
          return here;
        });
        // Once the messages listed from their headers are complete, the rest of the folder is not looked up.
        if (mayBePending) mayBePending = store.messages.anyPending(accountId);
        // Raw sources once the batch is stored, written while the next batch is parsed and stored.
        if (placed) {
          const writing = ctx.rawSources.write(placed);
          writing.catch(() => {}); // awaited at the end of the folder
          rawWrites.push(writing);
        }
        // Languages once per conversation of the batch, from its newest customer messages.
        if (languages.size > 0) store.transaction(() => refreshConversationLanguages(store, languages));
        for (const id of batchConversations) {
          result.conversationIds.add(id);
          result.announced.add(id);
        }
        if (batchConversations.size > 0) ctx.events.emit('conversations.changed', { ids: [...batchConversations] });
      } finally {
        // Files of a batch that failed before it was stored; the batch is fetched again next time.
        for (const file of staged) fs.rmSync(file, { force: true });
      }
    };
    // The first sync of INBOX shows its newest mail at once: fetched by position before the folder's UIDs are
    // even listed, stored from the headers (`storeHeadlines`), then read in full as the first batch.
    let newest: Fetched | undefined;
    if (state.lastUid === 0 && target.role === 'inbox' && mailbox.exists > 0) {
      newest = await fetchBatch({ numbers: `${Math.max(1, mailbox.exists - FIRST_BATCH + 1)}:*` }, true);
      storeHeadlines(newest.unparsed);
      for (const { meta: m, raw } of newest.unparsed) newest.parsed.set(m.uid, parsing(m, raw));
    }
    // Messages here may wait for their body: from the headlines above, or a sync stopped after storing them.
    mayBePending = newest !== undefined || store.messages.anyPending(accountId);

    // New mail above what we have, oldest first; on a folder's first sync, everything, newest first, so the
    // inbox is usable within seconds. Each batch commits with its progress, so a stopped sync resumes.
    let fresh: number[] = [];
    let older: number[] = [];
    if (mailbox.exists > 0) {
      const found = ((await client.search({ uid: `${state.lastUid + 1}:*` }, { uid: true })) || []).filter((u) => u > state.lastUid);
      if (state.lastUid === 0 && found.length > 0) {
        // First sync: remember the top, then fetch downward from it (the newest, fetched already, first).
        state.lastUid = highestUid(found);
        state.backfillUid = state.lastUid + 1;
        store.folders.save(state);
        const fetched = new Set(newest?.batch);
        older = found.filter((u) => !fetched.has(u));
      } else {
        fresh = found.sort((a, b) => a - b);
        if (state.backfillUid !== null) {
          const below = state.backfillUid - 1;
          older = below >= 1 ? ((await client.search({ uid: `1:${below}` }, { uid: true })) || []).filter((u) => u <= below) : [];
        }
      }
      older.sort((a, b) => b - a);
    }
    total = fresh.length + older.length + (newest?.batch.length ?? 0);
    onProgress(0, total);
    await runBatches(fresh, (batch) => {
      state.lastUid = Math.max(state.lastUid, ...batch);
    });
    await runBatches(
      older,
      (batch) => {
        state.backfillUid = Math.min(...batch);
      },
      newest,
    );
    if (state.backfillUid !== null) state.backfillUid = null; // everything below is stored
    // Only a fresh QRESYNC open of this folder lists every expunge since our MODSEQ; otherwise compare UIDs.
    const qresync = !alreadyOpen && !!client.mailbox && (client.mailbox as { qresync?: boolean }).qresync === true;
    await reconcile(client, ctx, accountId, target.path, state, result, qresync ? vanished : null);
    store.folders.save(state);
  } finally {
    client.off('expunge', onExpunge);
    lock.release();
  }
  return result;
}

/** Resolves once `promise` settles (a failure surfaces where it is awaited) or `ms` have passed. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise.then(() => {}, () => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Stores one message inside the batch's transaction, in a savepoint of its own: a message the store refuses is
 * stored again as a placeholder, and if even that fails it is skipped (reported), never the whole batch. A full
 * disk is not the message's fault: it fails the batch, which is fetched again later.
 */
function ingestIsolated(
  store: Store,
  ctx: ChannelContext,
  accountId: string,
  target: SyncTarget,
  item: { uid: number; mapped: IncomingMessage; raw: Buffer; tags: string[]; answered: boolean },
  languages: PendingLanguages,
  mayBePending: boolean,
): ReturnType<typeof ingestMessage> | null {
  const location = { folder: target.path, uid: item.uid };
  // Stored from its headers alone before: completed now, in the conversation its headers chose.
  const pending = mayBePending ? store.messages.pendingAt(accountId, target.path, item.uid) : undefined;
  const store1 = (mapped: IncomingMessage) =>
    store.transaction(() => {
      const full = { ...mapped, mailbox: mailboxOf(target.role), serverTags: item.tags, isAnswered: item.answered };
      return pending
        ? completeMessage(store, ctx.attachmentsDir, accountId, pending, full, location, languages)
        : ingestMessage(store, ctx.attachmentsDir, accountId, full, location, ctx.now(), languages);
    });
  try {
    return store1(item.mapped);
  } catch (err) {
    if (diskFullError(err)) throw err;
    try {
      const ctxOf = { ownAddresses: [], inSentFolder: target.role === 'sent', isSeen: item.mapped.isRead, internalDate: item.mapped.date, raw: item.raw };
      return store1(unreadableMessage(item.raw, ctxOf, err));
    } catch (again) {
      if (diskFullError(again)) throw again;
      console.warn(`message ${target.path}/${item.uid} could not be stored: ${(again as Error).message}`);
      return null;
    }
  }
}

/**
 * Applies what changed on the server since the last pass, made by another client or agent: flags (with
 * CONDSTORE, only messages changed since the stored modification sequence) and expunges (UIDs we know that the
 * server no longer has). A local flag change still waiting in the outbox wins over the server's state, and a
 * message removed everywhere on the server is removed here (its conversation too, once empty).
 */
async function reconcile(
  client: ImapFlow,
  ctx: ChannelContext,
  accountId: string,
  path: string,
  state: FolderState,
  result: FolderSyncResult,
  vanished: Set<number> | null,
) {
  const { store } = ctx;
  const mailbox = client.mailbox;
  if (!mailbox) return;
  const serverModseq = mailbox.highestModseq ? BigInt(mailbox.highestModseq) : null;

  const changed: Array<{ uid: number; flags: Set<string> }> = [];
  if (serverModseq !== null && state.highestModseq !== null && serverModseq > BigInt(state.highestModseq) && mailbox.exists > 0) {
    // CONDSTORE: only the messages whose flags changed since the last pass.
    for await (const msg of client.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: BigInt(state.highestModseq) })) {
      if (msg.uid <= state.lastUid && msg.flags) changed.push({ uid: msg.uid, flags: msg.flags });
    }
  } else if (serverModseq === null && mailbox.exists > 0 && state.lastUid > 0) {
    // A server without CONDSTORE: the flags of the whole UID range we hold, compared with ours below.
    for await (const msg of client.fetch(`1:${state.lastUid}`, { uid: true, flags: true }, { uid: true })) {
      if (msg.flags) changed.push({ uid: msg.uid, flags: msg.flags });
    }
  }
  if (changed.length > 0) {
    const byUid = new Map(store.folders.localUids(accountId, path).map((l) => [l.uid, l.message_id]));
    store.transaction(() => {
      const tagged = new Set<string>(); // conversations whose messages' server tags were read
      for (const { uid, flags } of changed) {
        const messageId = byUid.get(uid);
        const message = messageId && store.messages.get(messageId);
        if (!message) continue;
        const differs = applyServerFlags(store, message.id, {
          read: flags.has('\\Seen'),
          starred: flags.has('\\Flagged'),
          answered: flags.has('\\Answered'),
          tags: tagsOfFlags(flags),
        });
        tagged.add(message.conversationId);
        if (differs) changedSince(result, message.conversationId);
      }
      // Once per conversation, after all of its messages' tags are in.
      for (const id of tagged) if (applyServerTags(store, id)) changedSince(result, id);
    });
  }
  if (serverModseq !== null) state.highestModseq = String(serverModseq);

  const local = store.folders.localUids(accountId, path);
  if (local.length === 0) return;
  let gone: typeof local;
  if (vanished) {
    gone = local.filter((l) => vanished.has(l.uid));
  } else {
    const onServer = new Set(mailbox.exists > 0 ? ((await client.search({ all: true }, { uid: true })) || []) : []);
    gone = local.filter((l) => !onServer.has(l.uid));
  }
  if (gone.length === 0) return;
  store.transaction(() => {
    for (const { uid, message_id } of gone) {
      store.messages.removeLocation(accountId, path, uid);
      const message = store.messages.get(message_id);
      if (!message) continue;
      changedSince(result, message.conversationId);
      // Maybe moved to a folder synced later in the pass: decided once every folder has been seen.
      if (store.messages.locations(message_id).length === 0) result.orphaned.add(message_id);
    }
  });
}

/** A conversation changed after its batch was reported: reported again at the end of the folder. */
function changedSince(result: FolderSyncResult, conversationId: string): void {
  result.conversationIds.add(conversationId);
  result.announced.delete(conversationId);
}

/**
 * Folders we synced that the server no longer lists (deleted, or renamed: a renamed one is synced under its new
 * name in the same pass, its messages matched by Message-ID). Their messages become orphans, settled below.
 */
export function dropVanishedFolders(store: Store, accountId: string, listed: SyncTarget[], orphans: Set<string>, touched: Set<string>): void {
  const current = new Set(listed.map((t) => t.path));
  store.transaction(() => {
    for (const path of store.folders.paths(accountId)) {
      if (current.has(path)) continue;
      for (const { message_id } of store.folders.localUids(accountId, path)) {
        orphans.add(message_id);
        const message = store.messages.get(message_id);
        if (message) touched.add(message.conversationId);
      }
      store.folders.remove(accountId, path);
    }
  });
}

/**
 * After a pass over every folder: a message that left its folder and turned up in none is gone for good
 * (removed here, its conversation too once empty), except our own reply not yet sent. A conversation whose
 * messages another client moved follows them: in INBOX → inbox; in Archive → archive; only in Trash → trash;
 * only in Junk → spam; unless a move made here is still waiting to reach the server. Returns the messages removed
 * (their files are the caller's to remove once this has committed).
 */
export function settleAfterFullPass(store: Store, orphans: Set<string>, conversationIds: Set<string>): string[] {
  const removed: string[] = [];
  store.transaction(() => {
    for (const id of orphans) {
      const message = store.messages.get(id);
      if (!message || store.messages.locations(id).length > 0) continue;
      if (message.sendState && message.sendState !== 'sent') continue;
      store.messages.remove(id);
      removed.push(id);
      conversationIds.add(message.conversationId);
      if (store.messages.idsIn(message.conversationId).length === 0) store.conversations.remove(message.conversationId);
      else store.conversations.refresh(message.conversationId);
    }
    for (const id of conversationIds) {
      const roles = new Set(store.folders.rolesOf(id));
      const only = (role: string) => roles.has(role) && [...roles].every((r) => r === role || r === 'sent');
      const filed: Mailbox | null = roles.has('inbox') ? 'inbox' : roles.has('archive') ? 'archive' : only('trash') ? 'trash' : only('junk') ? 'spam' : null;
      if (filed) applyServerMailbox(store, id, filed);
    }
  });
  orphans.clear();
  return removed;
}

/**
 * The highest of a folder's UIDs, in one pass: spreading 150,000 of them into Math.max's arguments overflows
 * the call stack.
 */
export function highestUid(uids: readonly number[]): number {
  let top = 0;
  for (const u of uids) if (u > top) top = u;
  return top;
}
