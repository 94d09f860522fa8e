// The email channel: keeps one IMAP connection per account (sync, then IDLE on INBOX), reconnects with backoff,
// and carries out outbox ops: sending over SMTP, then appending the same bytes to the Sent folder.
import path from 'node:path';
import type { ImapFlow, ListResponse } from 'imapflow';
import type { AccountStatus } from '../../../../shared/domain/types.js';
import type { AccountRow } from '../../db/queries/accounts.js';
import type { OutboxRecord } from '../../db/queries/outbox.js';
import { CoreError, PermanentError, UncertainError } from '../../errors.js';
import type { ChannelConnector, ChannelContext, OpOutcome } from '../channel.js';
import { APPEND_SENT_OP, ERASE_MESSAGES_OP, INSTALL_AUTO_REPLY_OP, MOVE_CONVERSATION_OP, SEND_MESSAGE_OP, SET_FLAG_OP, payloadOf } from '../../outbox/op-kinds.js';
import type { MoveTarget, SetFlagPayload } from '../../conversations/actions.js';
import { imapFlagFor } from './keywords.js';
import { normalizeMessageId } from '../../conversations/threading.js';
import { classifyMailError, createImapClient, createSmtpTransport } from './client.js';
import { EmailCredentials, type Credentials } from './credentials.js';
import { composeRaw, envelopeOf, type OutgoingFile } from './compose.js';
import { dropVanishedFolders, findSentFolder, pickSyncTargets, settleAfterFullPass, syncFolder, type SyncTarget } from './imap-sync.js';
import { downloadPart } from './body-parts.js';
import { removeMessageFiles } from '../../conversations/attachments.js';
import { EmailSettingsSchema, sieveEndpoint, type EmailSettings } from './settings.js';
import { installAutoReply } from './sieve-rules.js';


/**
 * Selects a folder on the work connection and brings its view up to date: a folder left selected there does not
 * see messages another session added since, and UID commands on them would do nothing.
 */
async function openFolder(client: ImapFlow, folder: string) {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.noop();
  } catch (err) {
    lock.release();
    throw err;
  }
  return lock;
}

/** Where archive, trash and spam live on the server: the special-use folder, else one of this name. */
const SPECIAL_FOLDERS = {
  archive: ['\\Archive', 'Archive'],
  trash: ['\\Trash', 'Trash'],
  spam: ['\\Junk', 'Junk'],
} as const;

/** SMTP stages before the message data: a failure there means the server has certainly not accepted it. */
const BEFORE_DATA = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH', 'AUTH PLAIN', 'AUTH LOGIN', 'AUTH XOAUTH2', 'MAIL FROM', 'RCPT TO']);

function mayHaveBeenAccepted(err: unknown): boolean {
  const command = (err as { command?: string }).command;
  if (command && BEFORE_DATA.has(command)) return false;
  const code = (err as { code?: string }).code;
  // Refused or unresolvable before any conversation: nothing was handed over.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAUTH' || code === 'ECONNECTION') {
    return command === 'DATA';
  }
  return true;
}

const RECONNECT_BASE_MS = 2_000;
const RECONNECT_MAX_MS = 30_000;
/** INBOX is watched with IDLE; the other folders are checked this often. */
const FOLDER_CHECK_MS = 5 * 60_000;
const WORK_IDLE_MS = 60_000;

export class EmailConnector implements ChannelConnector {
  private readonly settings: EmailSettings;
  private readonly credentials: EmailCredentials;
  private live: ImapFlow | null = null;
  private work: ImapFlow | null = null;
  private workChain: Promise<unknown> = Promise.resolve();
  private workIdleTimer: NodeJS.Timeout | null = null;
  private folderCheck: NodeJS.Timeout | null = null;
  private stopped = true;
  private chain: Promise<unknown> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Messages that left a folder and were not seen elsewhere yet; settled after the next pass over all folders. */
  private readonly orphans = new Set<string>();
  private readonly queued = new Set<'inbox' | 'all'>();
  private current: AccountStatus;

  constructor(
    readonly account: AccountRow,
    private readonly ctx: ChannelContext,
  ) {
    this.settings = EmailSettingsSchema.parse(account.settings);
    this.credentials = new EmailCredentials(account.id, this.settings, ctx.secrets, ctx.now);
    this.current = { accountId: account.id, state: 'idle' };
  }

  status(): AccountStatus {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connectAndWatch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.folderCheck) clearInterval(this.folderCheck);
    this.folderCheck = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.live;
    this.live = null;
    await this.chain.catch(() => undefined);
    if (client) await client.logout().catch(() => client.close());
    await this.workChain.catch(() => undefined);
    await this.closeWorkClient();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.live?.usable) {
      const client = this.live;
      void this.exclusive(() => this.syncAll(client)).catch(() => undefined);
      return;
    }
    if (this.reconnectTimer || this.current.state === 'error') {
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      void this.connectAndWatch();
    }
  }

  async syncOnce(): Promise<void> {
    if (this.live?.usable) {
      await this.exclusive(() => this.syncAll(this.live!));
      return;
    }
    const client = await this.connect();
    try {
      await this.exclusive(() => this.syncAll(client));
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async perform(op: OutboxRecord): Promise<OpOutcome> {
    if (op.kind === MOVE_CONVERSATION_OP) {
      const p = payloadOf(op, MOVE_CONVERSATION_OP);
      await this.moveConversation(op.conversationId ?? '', 'folder' in p ? { folder: p.folder } : { to: p.to });
      return { remoteRef: null };
    }
    if (op.kind === ERASE_MESSAGES_OP) {
      await this.eraseMessages(payloadOf(op, ERASE_MESSAGES_OP).messageIdHeaders);
      return { remoteRef: null };
    }
    if (op.kind === INSTALL_AUTO_REPLY_OP) {
      payloadOf(op, INSTALL_AUTO_REPLY_OP);
      await installAutoReply(this.ctx.store, this.account, sieveEndpoint(this.settings), await this.credentials.current(), this.ctx.now());
      return { remoteRef: null };
    }
    if (op.kind !== SEND_MESSAGE_OP && op.kind !== SET_FLAG_OP && op.kind !== APPEND_SENT_OP) {
      throw new PermanentError('INVALID_INPUT', `Email accounts cannot carry out "${op.kind}".`);
    }
    const { messageId } = payloadOf(op, op.kind);
    const message = this.ctx.store.messages.get(messageId);
    if (!message || !message.messageIdHeader) throw new PermanentError('NOT_FOUND', 'The message no longer exists.');
    if (op.kind === SEND_MESSAGE_OP) {
      if (message.to.length === 0) throw new PermanentError('INVALID_INPUT', 'The message has no recipient.');
      // An earlier attempt may have gone through: if the server already filed it in Sent, it was sent.
      if (op.outcomeUnknown && (await this.findInSent(message.messageIdHeader))) {
        return { remoteRef: message.messageIdHeader };
      }
      const raw = await composeRaw(message, this.filesOf(messageId));
      await this.sendSmtp(envelopeOf(message), raw);
      const followUps: NonNullable<OpOutcome['followUps']> = [{ kind: APPEND_SENT_OP, payload: { messageId } }];
      // The message answered gets \Answered on the server, as every mail client shows it.
      const answered = message.inReplyTo ? this.ctx.store.messages.findByHeader(this.account.id, normalizeMessageId(message.inReplyTo)) : undefined;
      // An automatic acknowledgement answers no one's question: the buyer's message stays unanswered (and unread).
      if (answered && answered.direction === 'in' && !message.autoKind) {
        // Replying marked the thread read here; the answered message is read on the server too, so the flag
        // change coming back from the server does not make it unread again.
        for (const flag of ['answered', 'seen'] as const) {
          const payload: SetFlagPayload = { key: `${answered.id}:${flag}:`, messageId: answered.id, flag, on: true };
          followUps.push({ kind: SET_FLAG_OP, payload });
        }
      }
      return { remoteRef: message.messageIdHeader, followUps };
    }
    if (op.kind === SET_FLAG_OP) {
      const p = payloadOf(op, SET_FLAG_OP);
      await this.setFlag(messageId, imapFlagFor(p as SetFlagPayload), p.on);
      return { remoteRef: null };
    }
    await this.appendToSent(message.messageIdHeader, await composeRaw(message, this.filesOf(messageId)));
    return { remoteRef: message.messageIdHeader };
  }

  async downloadPart(messageId: string, part: string, file: string): Promise<number> {
    const locations = this.ctx.store.messages.locations(messageId);
    if (locations.length === 0) throw new CoreError('NOT_FOUND', 'The message is no longer on the server, so this attachment cannot be downloaded.');
    return this.withWorkClient(async (client) => {
      const { folder, uid } = locations[0]!;
      const lock = await openFolder(client, folder);
      try {
        return await downloadPart(client, uid, part, file);
      } finally {
        lock.release();
      }
    });
  }

  /** The files sent with a message, where they are on disk. */
  private filesOf(messageId: string): OutgoingFile[] {
    return this.ctx.store.messages.filesOf(messageId).map((f) => ({ ...f, path: path.join(this.ctx.attachmentsDir, f.path) }));
  }

  private async sendSmtp(envelope: { from: string; to: string[] }, raw: Buffer): Promise<void> {
    await this.signedIn('SMTP', async (creds) => {
      const transport = createSmtpTransport(this.settings.smtp, creds);
      try {
        await transport.sendMail({ envelope, raw });
      } catch (err) {
        const e = classifyMailError(err, 'SMTP', this.settings.smtp);
        if (e instanceof PermanentError || !mayHaveBeenAccepted(err)) throw e;
        throw new UncertainError(e.code, e.message);
      } finally {
        transport.close();
      }
    });
  }

  /**
   * Runs a login with the account's credentials. When the server rejects an OAuth access token (expired early,
   * or revoked and reissued), it is refreshed once and the login tried again; a second rejection, or a refresh
   * the sign-in server refuses, means the user has to sign in again.
   */
  private async signedIn<T>(server: 'IMAP' | 'SMTP', attempt: (creds: Credentials) => Promise<T>): Promise<T> {
    try {
      return await attempt(await this.credentials.current());
    } catch (err) {
      if (!(err instanceof CoreError) || err.code !== 'AUTH_FAILED') throw err;
      const renewed = await this.credentials.renew();
      if (!renewed) throw err;
      try {
        return await attempt(renewed);
      } catch (again) {
        if (again instanceof CoreError && again.code === 'AUTH_FAILED') {
          throw new CoreError('AUTH_EXPIRED', `${server} ${this.settings[server === 'IMAP' ? 'imap' : 'smtp'].host} rejected the sign-in even with a new token: ${again.message}`);
        }
        throw again;
      }
    }
  }

  /**
   * Deletes messages for good wherever they are on the server (flagged deleted, then expunged), found by Message-ID in
   * every folder. Already gone is fine: running this twice changes nothing.
   */
  private async eraseMessages(messageIdHeaders: string[]): Promise<void> {
    if (messageIdHeaders.length === 0) return;
    await this.withWorkClient(async (client) => {
      const folders = (await client.list()).filter((f) => !f.flags?.has('\\Noselect') && !f.flags?.has('\\NonExistent'));
      for (const folder of folders) {
        const lock = await openFolder(client, folder.path);
        try {
          if (!client.mailbox || client.mailbox.exists === 0) continue;
          const uids = new Set<number>();
          for (const header of messageIdHeaders) {
            for (const uid of (await client.search({ header: { 'message-id': `<${header}>` } }, { uid: true })) || []) uids.add(uid);
          }
          if (uids.size > 0) await client.messageDelete([...uids].join(','), { uid: true });
        } finally {
          lock.release();
        }
      }
    });
  }

  private async findInSent(messageIdHeader: string): Promise<boolean> {
    return this.withWorkClient(async (client) => {
      const sent = findSentFolder(await client.list());
      return sent ? this.hasMessageId(client, sent, messageIdHeader) : false;
    });
  }

  private async hasMessageId(client: ImapFlow, folder: string, messageIdHeader: string): Promise<boolean> {
    const lock = await openFolder(client, folder);
    try {
      const found = await client.search({ header: { 'message-id': `<${messageIdHeader}>` } }, { uid: true });
      return !!found && found.length > 0;
    } finally {
      lock.release();
    }
  }

  /** Sets or clears a flag where the message lives on the server; a message no longer there has nothing to update. */
  private async setFlag(messageId: string, flag: string, on: boolean): Promise<void> {
    const locations = this.ctx.store.messages.locations(messageId);
    if (locations.length === 0) return;
    await this.withWorkClient(async (client) => {
      for (const { folder, uid } of locations) {
        const lock = await openFolder(client, folder);
        try {
          if (on) await client.messageFlagsAdd(String(uid), [flag], { uid: true });
          else await client.messageFlagsRemove(String(uid), [flag], { uid: true });
        } finally {
          lock.release();
        }
      }
    });
  }

  /**
   * Moves the conversation's copies outside Sent into INBOX, the Archive, Trash or Junk folder (found by special
   * use, created when the server has none) or the folder the agent chose, and records their new UIDs. Copies
   * already there stay.
   */
  private async moveConversation(conversationId: string, target: MoveTarget): Promise<void> {
    const { store } = this.ctx;
    await this.withWorkClient(async (client) => {
      const folders = await client.list();
      const sent = findSentFolder(folders);
      const destination = await this.destinationFolder(client, folders, target);
      for (const messageId of store.messages.idsIn(conversationId)) {
        for (const { folder, uid } of store.messages.locations(messageId)) {
          if (folder === sent || folder === destination) continue;
          const lock = await openFolder(client, folder);
          try {
            const moved = await client.messageMove(String(uid), destination, { uid: true });
            const newUid = moved && moved.uidMap ? moved.uidMap.get(uid) : undefined;
            // Not moved, yet still there: try again later rather than lose track of it. (Not there: it was
            // expunged or moved elsewhere by another client; the next sync finds it wherever it is.)
            if (newUid === undefined && (((await client.search({ uid: String(uid) }, { uid: true })) || []) as number[]).includes(uid)) {
              throw new CoreError('TEMPORARY', `The server did not move message ${uid} out of ${folder}.`);
            }
            store.transaction(() => {
              store.messages.removeLocation(this.account.id, folder, uid);
              if (newUid !== undefined) store.messages.addLocation(messageId, this.account.id, destination, newUid);
            });
          } finally {
            lock.release();
          }
        }
      }
    });
  }

  private async destinationFolder(client: ImapFlow, folders: ListResponse[], target: MoveTarget): Promise<string> {
    if ('folder' in target) {
      // Chosen from the folder tree; deleted by another client since? Recreate it rather than lose the move.
      if (!folders.some((f) => f.path === target.folder)) await client.mailboxCreate(target.folder);
      return target.folder;
    }
    if (target.to === 'inbox') return 'INBOX';
    const [use, name] = SPECIAL_FOLDERS[target.to];
    const found = folders.find((f) => f.specialUse === use);
    if (found) return found.path;
    if (!folders.some((f) => f.path === name)) await client.mailboxCreate(name);
    return name;
  }

  /** Appends unless a copy with this Message-ID is already there (a retry after an unknown outcome). */
  private async appendToSent(messageIdHeader: string, raw: Buffer): Promise<void> {
    await this.withWorkClient(async (client) => {
      let sent = findSentFolder(await client.list());
      if (!sent) {
        sent = 'Sent';
        await client.mailboxCreate(sent);
      }
      if (await this.hasMessageId(client, sent, messageIdHeader)) return;
      await client.append(sent, raw, ['\\Seen']);
    });
  }

  /**
   * Runs outbox work (appends, flag changes, Sent look-ups) on one reused connection, separate from the one
   * watching INBOX (selecting another folder there would take IDLE away from INBOX). Closed after a minute idle.
   */
  private withWorkClient<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.workIdleTimer) clearTimeout(this.workIdleTimer);
      if (!this.work?.usable) this.work = await this.connect();
      const client = this.work;
      try {
        return await fn(client);
      } catch (err) {
        if (!client.usable) this.work = null;
        throw classifyMailError(err, 'IMAP', this.settings.imap);
      } finally {
        this.workIdleTimer = setTimeout(() => void this.closeWorkClient(), WORK_IDLE_MS);
        this.workIdleTimer.unref?.();
      }
    };
    const next = this.workChain.then(run, run);
    this.workChain = next.catch(() => undefined);
    return next;
  }

  private async closeWorkClient(): Promise<void> {
    if (this.workIdleTimer) clearTimeout(this.workIdleTimer);
    this.workIdleTimer = null;
    const client = this.work;
    this.work = null;
    if (client) await client.logout().catch(() => client.close());
  }

  private connect(): Promise<ImapFlow> {
    return this.signedIn('IMAP', async (creds) => {
      const client = createImapClient(this.settings.imap, creds);
      client.on('error', () => undefined); // a 'close' follows every fatal error; handled there
      try {
        await client.connect();
      } catch (err) {
        client.close();
        throw classifyMailError(err, 'IMAP', this.settings.imap);
      }
      return client;
    });
  }

  private async connectAndWatch(): Promise<void> {
    if (this.stopped) return;
    this.setStatus({ state: 'connecting' });
    let client: ImapFlow;
    try {
      client = await this.connect();
    } catch (err) {
      this.scheduleReconnect(err as CoreError);
      return;
    }
    if (this.stopped) {
      await client.logout().catch(() => client.close());
      return;
    }
    this.live = client;
    this.failures = 0;
    if (this.folderCheck) clearInterval(this.folderCheck);
    this.folderCheck = setInterval(() => {
      if (this.live === client && client.usable) void this.exclusive(() => this.syncAll(client)).catch(() => undefined);
    }, FOLDER_CHECK_MS);
    this.folderCheck.unref?.();
    client.on('close', () => {
      if (this.live !== client) return;
      this.live = null;
      this.scheduleReconnect(new CoreError('UNREACHABLE', 'The connection to the mail server was lost.'));
    });
    // New mail while IDLE: imapflow reports it as 'exists' on the selected mailbox (INBOX).
    // Messages removed or re-flagged in INBOX by another client: 'expunge' and 'flags' while IDLE.
    const inboxChanged = () => this.queueSync(client, 'inbox');
    client.on('exists', inboxChanged);
    // A message gone from INBOX may have been moved to another folder (maybe a new one): look at them all.
    // (VANISHED (EARLIER) is the answer to a pass's own QRESYNC open of a folder, and that pass handles it.)
    client.on('expunge', (e: { path?: string; earlier?: boolean }) => {
      if (this.live === client && e.path === 'INBOX' && !e.earlier) this.queueSync(client, 'all');
    });
    client.on('flags', (e: { path?: string }) => {
      if (this.live === client && e.path === 'INBOX') inboxChanged();
    });
    try {
      await this.exclusive(() => this.syncAll(client));
    } catch {
      // syncAll reported the error in the account status; the connection's 'close' drives the retry.
    }
  }

  /**
   * A sync pass because the server reported a change. A burst of notifications (a thousand flags changed at
   * once) queues one pass of each kind, not one per notification.
   */
  private queueSync(client: ImapFlow, kind: 'inbox' | 'all'): void {
    if (this.queued.has(kind)) return;
    this.queued.add(kind);
    void this.exclusive(() => {
      this.queued.delete(kind);
      return kind === 'all' ? this.syncAll(client) : this.syncTargets(client, [{ path: 'INBOX', role: 'inbox' }]);
    }).catch(() => undefined);
  }

  private scheduleReconnect(error: CoreError): void {
    if (this.stopped) return;
    // A rejected password or an expired sign-in will not get better by retrying; wait for the user.
    if (error.code === 'AUTH_FAILED' || error.code === 'AUTH_EXPIRED') {
      this.setStatus({ state: 'error', errorCode: error.code, errorDetail: error.message });
      return;
    }
    this.failures += 1;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** (this.failures - 1));
    this.setStatus({ state: 'error', errorCode: error.code, errorDetail: error.message, retryAt: this.ctx.now() + delay });
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connectAndWatch();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  /** One sync at a time per account; IDLE notifications and "sync now" queue behind each other. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async syncAll(client: ImapFlow): Promise<void> {
    try {
      // INBOX first, before even listing the folders (a round trip, long on an account with many), so on a first
      // sync the agent sees the inbox before the archive and Sent are fetched; and a short pass over it again at
      // the end (what came meanwhile), which leaves it selected for IDLE to watch.
      const inbox: SyncTarget = { path: 'INBOX', role: 'inbox' };
      await this.syncTargets(client, [inbox], true, async () => {
        const others = pickSyncTargets(await client.list()).filter((t) => t.role !== 'inbox');
        return others.length > 0 ? [...others, inbox] : [];
      });
    } catch (err) {
      const e = classifyMailError(err, 'IMAP', this.settings.imap);
      this.setStatus({ state: 'error', errorCode: e.code, errorDetail: e.message });
      throw e;
    }
  }

  /** Syncs `targets`, then those `more` names once they are synced (with `allFolders`, every folder there is). */
  private async syncTargets(client: ImapFlow, targets: SyncTarget[], allFolders = false, more?: () => Promise<SyncTarget[]>): Promise<void> {
    this.setStatus({ state: 'syncing' });
    const { events } = this.ctx;
    const own = [this.account.address];
    const touched = new Set<string>();
    const seen = new Set<string>();
    const visit = async (target: SyncTarget) => {
      // A folder passed over again (INBOX at the end) reports progress only if it found new mail.
      const again = seen.has(target.path);
      seen.add(target.path);
      const result = await syncFolder(client, this.ctx, this.account.id, own, target, (done, total) => {
        if (!again || total > 0) events.emit('sync.progress', { accountId: this.account.id, folder: target.path, done, total, finished: false });
      });
      for (const id of result.orphaned) this.orphans.add(id);
      if (allFolders) for (const id of result.conversationIds) touched.add(id);
      const unannounced = [...result.conversationIds].filter((id) => !result.announced.has(id));
      if (unannounced.length > 0) events.emit('conversations.changed', { ids: unannounced });
    };
    for (const target of targets) await visit(target);
    if (more) {
      const rest = await more();
      for (const target of rest) await visit(target);
      targets = [...targets, ...rest];
    }
    if (allFolders) {
      dropVanishedFolders(this.ctx.store, this.account.id, targets, this.orphans, touched);
      const removed = settleAfterFullPass(this.ctx.store, this.orphans, touched);
      // Gone from the server for good: their files go too.
      removeMessageFiles(this.ctx, removed);
      if (touched.size > 0) events.emit('conversations.changed', { ids: [...touched] });
    }
    events.emit('sync.progress', { accountId: this.account.id, folder: '', done: 0, total: 0, finished: true });
    this.setStatus({ state: this.live === client ? 'online' : 'idle' });
  }

  private setStatus(s: Omit<AccountStatus, 'accountId'>): void {
    this.current = { accountId: this.account.id, ...s };
    this.ctx.events.emit('account.status', this.current);
  }
}
