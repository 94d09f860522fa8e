// The core, assembled: one profile folder (database, attachments), its accounts' connectors, the outbox runner
// and the event bus. Every transport (Electron IPC, the web host, the CLI) drives the app through this object.
import { OutgoingTranslator } from './translation/outgoing.js';
import { AutoTranslator, type AutoTranslatorOptions } from './translation/auto.js';
import { AutoResponder } from './autoreply/responder.js';
import { refreshServerRules } from './autoreply/auto-reply.js';
import { recordSurveyAnswer } from './autoreply/csat.js';
import { Notifier } from './notifications/notifier.js';
import { TRANSLATE_MESSAGE_OP } from './outbox/op-kinds.js';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './db/connection.js';
import { createStore, type Store } from './db/store.js';
import { CoreEvents } from './events.js';
import type { SecretStore } from './secrets/secret-store.js';
import type { ChannelConnector, ChannelContext } from './channels/channel.js';
import { createConnector } from './channels/registry.js';
import { OutboxRunner, defaultRunnerOptions, type RunnerOptions } from './outbox/runner.js';
import type { AccountRow } from './db/queries/accounts.js';
import type { AccountStatus } from '../../shared/domain/types.js';
import { lockProfile } from './profile-lock.js';
import { makePrivateDatabase, makePrivateDir } from './private-files.js';
import { applyRetention } from './privacy/customer-data.js';
import { OAuthFlows } from './auth/oauth2-flow.js';
import type { OAuthClients } from './auth/oauth-clients.js';
import { RawSources } from './conversations/raw-sources.js';

export interface CoreOptions {
  profileDir: string;
  secrets: SecretStore;
  version: string;
  now?: () => number;
  runner?: Partial<RunnerOptions>;
  /** Opens a file with the system's default app (Electron: shell.openPath; resolves to an error text or ''). */
  openPath?: (file: string) => Promise<string>;
  /** The app's OAuth registrations per provider preset (resources/oauth-clients.json). */
  oauthClients?: OAuthClients;
  /** Where the Telegram Bot API is, when not api.telegram.org (a self-hosted Bot API server, or a test server). */
  telegramApiUrl?: string;
  /** Where eBay's APIs are, when not api.ebay.com (the sandbox, https://api.sandbox.ebay.com, or a test server). */
  ebayApiUrl?: string;
  /** Where Meta's Graph API is, when not graph.facebook.com (a test server). */
  graphApiUrl?: string;
  /** Where Mercado Libre's API is, when not api.mercadolibre.com (a test server). */
  meliApiUrl?: string;
  /** Minutes between two checks of a new polled account (eBay, Mercado Libre; default 1). */
  pollMinutes?: number;
  /** How soon a translation that had to wait for the provider is tried again. */
  translationRetry?: Partial<AutoTranslatorOptions>;
}

export const DATABASE_FILE = 'inbox.db';

export class InboxCore {
  readonly store: Store;
  readonly events = new CoreEvents();
  readonly secrets: SecretStore;
  readonly version: string;
  readonly now: () => number;
  readonly runner: OutboxRunner;
  /** Translates new messages of the accounts the agent chose, in the background. */
  readonly autoTranslator: AutoTranslator;
  readonly autoResponder: AutoResponder;
  /** OAuth sign-ins waiting for the browser. */
  readonly oauth: OAuthFlows;
  private readonly connectors = new Map<string, ChannelConnector>();
  private readonly context: ChannelContext;
  private started = false;
  private readonly unlock: () => void;
  private wakeTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private rulesTimer: NodeJS.Timeout | null = null;

  constructor(readonly options: CoreOptions) {
    makePrivateDir(options.profileDir);
    this.unlock = lockProfile(options.profileDir);
    for (const dir of ['attachments', 'raw']) makePrivateDir(path.join(options.profileDir, dir));
    const databaseFile = path.join(options.profileDir, DATABASE_FILE);
    makePrivateDatabase(databaseFile);
    this.store = createStore(openDatabase(databaseFile));
    this.secrets = options.secrets;
    this.version = options.version;
    this.now = options.now ?? (() => Date.now());
    this.oauth = new OAuthFlows(this.now);
    this.context = {
      store: this.store,
      events: this.events,
      secrets: this.secrets,
      attachmentsDir: path.join(options.profileDir, 'attachments'),
      rawSources: new RawSources(path.join(options.profileDir, 'raw'), this.store.rawSources),
      now: this.now,
    };
    const translator = new OutgoingTranslator(this.store, this.secrets, this.now);
    this.runner = new OutboxRunner(this.store, this.events, (op) => (op.kind === TRANSLATE_MESSAGE_OP ? translator : this.connectorFor(op.accountId)), {
      ...defaultRunnerOptions,
      now: this.now,
      ...options.runner,
    });
    this.autoTranslator = new AutoTranslator(this.store, this.secrets, this.now, this.events, options.translationRetry);
    // What reads the customers' words (translation, auto-replies, notifications, survey scores) waits for mail
    // listed from its headers alone until its text is in (the conversations.changed that follows).
    const onWordsChanged = (listener: (ids: string[]) => void) =>
      this.events.on('conversations.changed', ({ ids, bodiesPending }) => {
        if (!bodiesPending) listener(ids);
      });
    onWordsChanged((ids) => this.autoTranslator.changed(ids));
    this.autoResponder = new AutoResponder(this.store, this.now, (ids) => {
      this.outboxChanged();
      queueMicrotask(() => this.events.emit('conversations.changed', { ids }));
    });
    onWordsChanged((ids) => this.autoResponder.changed(ids));
    const notifier = new Notifier(this.store, this.now, (notices) => this.events.emit('notifications.new', { notices }));
    onWordsChanged((ids) => {
      try {
        notifier.changed(ids);
      } catch (err) {
        console.warn(`notifications: ${(err as Error).message}`);
      }
    });
    // A customer's reply to the satisfaction survey is read as their score (or their STOP): in conversations that
    // were sent one (few, or none where the survey is off).
    onWordsChanged((ids) => {
      let surveyed: Set<string>;
      try {
        surveyed = this.store.autoReplies.surveyedAmong(ids);
      } catch (err) {
        console.warn(`survey answer: ${(err as Error).message}`);
        return;
      }
      for (const id of ids) {
        if (!surveyed.has(id)) continue;
        try {
          recordSurveyAnswer(this.store, id, this.now());
        } catch (err) {
          console.warn(`survey answer: ${(err as Error).message}`);
        }
      }
    });
    // Back online: what was waiting for this account goes out now, not at the end of its backoff.
    this.events.on('account.status', (s) => {
      if (s.state !== 'online' || !this.started) return;
      this.store.outbox.makeDueNow(s.accountId, this.now());
      this.runner.kick();
    });
  }

  get attachmentsDir(): string {
    return this.context.attachmentsDir;
  }

  get rawSources(): RawSources {
    return this.context.rawSources;
  }

  /** Connects every account, watches for new mail and replays the outbox, until close(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const account of this.store.accounts.list()) this.connectorFor(account.id)?.start();
    this.runner.start();
    this.scheduleWake();
    this.scheduleRetention();
    this.scheduleServerRules();
  }

  /**
   * Auto-reply rules on mail servers are written for a fixed UTC offset: checked at start and hourly, and
   * installed again after a clock change.
   */
  private scheduleServerRules(): void {
    const run = () => {
      try {
        if (refreshServerRules(this.store, this.now()) > 0) this.outboxChanged();
      } catch (err) {
        console.warn(`auto-reply rules: ${(err as Error).message}`);
      }
    };
    run();
    this.rulesTimer = setInterval(run, 60 * 60 * 1000);
    this.rulesTimer.unref?.();
  }

  /** The retention setting, applied at start and then twice a day while the app runs. */
  private scheduleRetention(): void {
    const run = () => {
      try {
        applyRetention(this);
      } catch (err) {
        console.warn(`retention: ${(err as Error).message}`);
      }
    };
    run();
    this.retentionTimer = setInterval(run, 12 * 60 * 60 * 1000);
    this.retentionTimer.unref?.();
  }

  /** Snoozed conversations reappear on their own: the list is told to refresh when the next one wakes. */
  scheduleWake(): void {
    if (!this.started) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const next = this.store.conversations.nextWake(this.now());
    if (next === null) return;
    this.wakeTimer = setTimeout(() => {
      this.events.emit('conversations.changed', { ids: [] });
      this.scheduleWake();
    }, Math.min(next - this.now() + 50, 2 ** 31 - 1));
    this.wakeTimer.unref?.();
  }

  /** One pass for scripts: replay the outbox, sync every account, replay again. Waiting ops are tried now. */
  async syncOnce(accountIds?: string[]): Promise<void> {
    const results = await this.syncEach(accountIds);
    const failed = results.find((r) => r.error);
    if (failed) throw failed.error;
  }

  /** The same pass, reporting each account's outcome instead of stopping at the first failure. */
  async syncEach(accountIds?: string[]): Promise<Array<{ accountId: string; error?: unknown }>> {
    const ids = accountIds ?? this.store.accounts.list().map((a) => a.id);
    for (const id of ids) this.store.outbox.makeDueNow(id, this.now());
    await this.runner.drain();
    const results: Array<{ accountId: string; error?: unknown }> = [];
    for (const id of ids) {
      try {
        await this.connectorFor(id)?.syncOnce();
        results.push({ accountId: id });
      } catch (error) {
        results.push({ accountId: id, error });
      }
    }
    await this.runner.drain();
    return results;
  }

  /** "Sync now" in the running app: reconnect at once where waiting to retry, retry waiting ops, fetch. */
  syncNow(accountIds?: string[]): number {
    const ids = accountIds ?? this.store.accounts.list().map((a) => a.id);
    for (const id of ids) {
      this.store.outbox.makeDueNow(id, this.now());
      const c = this.connectorFor(id);
      if (!c) continue;
      if (this.started) c.wake();
      else void c.syncOnce().catch(() => undefined);
    }
    this.runner.kick();
    return ids.length;
  }

  connectorFor(accountId: string): ChannelConnector | undefined {
    let c = this.connectors.get(accountId);
    if (!c) {
      const account = this.store.accounts.get(accountId);
      if (!account) return undefined;
      c = createConnector(account, this.context);
      this.connectors.set(accountId, c);
    }
    return c;
  }

  /** Registers a just-created account and, when the app is running, connects it. */
  accountAdded(account: AccountRow): void {
    const c = this.connectorFor(account.id);
    if (this.started) c?.start();
    this.events.emit('accounts.changed', { ids: [account.id] });
  }

  /** The account signs in differently now (new password, new OAuth sign-in): reconnect with it, retry its ops. */
  async accountSignInChanged(accountId: string): Promise<void> {
    const old = this.connectors.get(accountId);
    this.connectors.delete(accountId);
    await old?.stop();
    const c = this.connectorFor(accountId);
    if (this.started) c?.start();
    this.store.outbox.makeDueNow(accountId, this.now());
    this.runner.kick();
    this.events.emit('accounts.changed', { ids: [accountId] });
  }

  async accountRemoved(accountId: string): Promise<void> {
    const c = this.connectors.get(accountId);
    this.connectors.delete(accountId);
    await c?.stop();
    this.events.emit('accounts.changed', { ids: [accountId] });
    this.events.emit('conversations.changed', { ids: [] });
    this.events.emit('outbox.changed', this.store.outbox.counts());
  }

  /** A local action changed a conversation: tell the UI, and (when it queued ops) the outbox. */
  conversationChanged(id: string, queuedOps = true): void {
    this.events.emit('conversations.changed', { ids: [id] });
    if (queuedOps) this.outboxChanged();
  }

  /** After the outbox changed: tell the UI the new counts and let the runner look. */
  outboxChanged(): void {
    this.events.emit('outbox.changed', this.store.outbox.counts());
    this.runner.kick();
  }

  statusOf(accountId: string): AccountStatus {
    return this.connectorFor(accountId)?.status() ?? { accountId, state: 'idle' };
  }

  async close(): Promise<void> {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.rulesTimer) clearInterval(this.rulesTimer);
    this.autoResponder.stop();
    this.oauth.cancelAll();
    this.runner.stop();
    await Promise.all([...this.connectors.values()].map((c) => c.stop()));
    this.connectors.clear();
    await this.autoTranslator.stop();
    await this.context.rawSources.settled();
    this.store.db.close();
    this.unlock();
  }
}
