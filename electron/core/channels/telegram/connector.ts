// A Telegram bot as a channel: customers write to the bot in a private chat; the bot's updates are fetched by
// long polling (getUpdates with the stored offset), each batch stored together with the new offset, so an
// update is stored once however often the app stops; replies go out through the outbox with sendMessage,
// longer ones in pieces, each piece sent once.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AccountStatus } from '../../../../shared/domain/types.js';
import type { AccountRow } from '../../db/queries/accounts.js';
import type { OutboxRecord } from '../../db/queries/outbox.js';
import { CoreError, PermanentError, diskFullError } from '../../errors.js';
import { ingestMessage, type IncomingAttachment } from '../../conversations/ingest.js';
import { SEND_MESSAGE_OP, payloadOf } from '../../outbox/op-kinds.js';
import type { ChannelConnector, ChannelContext, OpOutcome } from '../channel.js';
import { TelegramApi, TelegramRateLimit, TELEGRAM_API, splitText, type TgUpdate } from './api.js';
import { chatIdOf, filesOf, mapMessage } from './mapping.js';
import { sendInPieces } from '../piecewise-send.js';
import { TelegramSettingsSchema, telegramTokenKey } from './settings.js';

/** Seconds a long poll waits for news before asking again. */
const POLL_TIMEOUT_S = 25;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 60_000;
const OFFSET = 'offset';

export class TelegramConnector implements ChannelConnector {
  private current: AccountStatus;
  private running = false;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private failures = 0;
  private readonly settings;

  constructor(
    readonly account: AccountRow,
    private readonly ctx: ChannelContext,
  ) {
    this.settings = TelegramSettingsSchema.parse(account.settings);
    this.current = { accountId: account.id, state: 'idle' };
  }

  private api(): TelegramApi {
    const token = this.ctx.secrets.get(telegramTokenKey(this.account.id));
    if (!token) throw new PermanentError('AUTH_FAILED', 'The bot token is missing: add the Telegram bot again.');
    return new TelegramApi(this.settings.apiUrl ?? TELEGRAM_API, token);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  wake(): void {
    this.wakeUp?.();
  }

  async syncOnce(): Promise<void> {
    // Short polls until Telegram has nothing more.
    while ((await this.pollOnce(0)) > 0);
  }

  status(): AccountStatus {
    return this.current;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // After a start or a failure, a short poll first: it answers at once, so the account shows online (or
        // the reason it is not) without waiting out a long poll.
        const settled = this.current.state === 'online';
        if (!settled) this.setStatus({ state: 'syncing' });
        await this.pollOnce(settled ? POLL_TIMEOUT_S : 0);
        this.failures = 0;
        if (this.current.state !== 'online') this.setStatus({ state: 'online' });
      } catch (err) {
        if (!this.running) break;
        const e = err instanceof CoreError ? err : (diskFullError(err) ?? new CoreError('INTERNAL', (err as Error).message));
        this.failures += 1;
        const delay = e instanceof TelegramRateLimit ? e.retryAfterMs : e.code === 'AUTH_FAILED' ? RETRY_MAX_MS * 5 : Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.failures - 1));
        this.setStatus({ state: 'error', errorCode: e.code, errorDetail: e.message, retryAt: this.ctx.now() + delay });
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** One getUpdates from the stored offset; stores what came with the new offset. Returns how many came. */
  private async pollOnce(timeoutS: number): Promise<number> {
    const { store } = this.ctx;
    const offset = Number(store.cursors.get(this.account.id, OFFSET) ?? 0);
    this.abort = new AbortController();
    let updates: TgUpdate[];
    try {
      updates = await this.api().getUpdates(offset, timeoutS, this.abort.signal);
    } catch (err) {
      if (this.abort.signal.aborted) return 0;
      throw err;
    }
    if (updates.length === 0) return 0;
    const bot = { name: this.account.name, address: this.account.address };
    // Files first (outside the transaction): a photo or document the customer sent, into staging files.
    const prepared: Array<{ update: TgUpdate; attachments: IncomingAttachment[] }> = [];
    const staged: string[] = [];
    try {
      for (const update of updates) {
        const message = update.message;
        if (!message || message.chat.type !== 'private' || message.from?.is_bot) {
          prepared.push({ update, attachments: [] });
          continue;
        }
        const attachments: IncomingAttachment[] = [];
        for (const f of filesOf(message)) attachments.push(await this.fetchFile(f, staged));
        prepared.push({ update, attachments });
      }
      const touched = new Set<string>();
      store.transaction(() => {
        for (const { update, attachments } of prepared) {
          const message = update.message;
          if (!message || message.chat.type !== 'private' || message.from?.is_bot) continue;
          const incoming = mapMessage(message, bot, attachments);
          const r = ingestMessage(store, this.ctx.attachmentsDir, this.account.id, incoming, null, this.ctx.now());
          touched.add(r.conversationId);
        }
        store.cursors.set(this.account.id, OFFSET, String(Math.max(...updates.map((u) => u.update_id)) + 1));
      });
      staged.length = 0; // moved into place by ingest
      if (touched.size > 0) this.ctx.events.emit('conversations.changed', { ids: [...touched] });
      return updates.length;
    } finally {
      for (const file of staged) fs.rmSync(file, { force: true });
    }
  }

  /**
   * A file the customer sent, into a staging file. One Telegram will not hand over (too big for the Bot API,
   * gone) is listed as still on Telegram, to fetch when opened: the message is stored either way.
   */
  private async fetchFile(f: { fileId: string; filename: string; contentType: string; size: number }, staged: string[]): Promise<IncomingAttachment> {
    const base = { filename: f.filename, contentType: f.contentType, contentId: null };
    try {
      const file = path.join(this.ctx.attachmentsDir, '.staging', crypto.randomUUID());
      const size = await this.downloadFile(f.fileId, file);
      staged.push(file);
      return { ...base, file: { path: file, size } };
    } catch (err) {
      if (!(err instanceof PermanentError) && !(err instanceof CoreError && err.code === 'NOT_FOUND')) throw err;
      return { ...base, remote: { part: f.fileId, size: f.size } };
    }
  }

  private async downloadFile(fileId: string, file: string): Promise<number> {
    const api = this.api();
    const info = await api.getFile(fileId);
    if (!info.file_path) throw new CoreError('NOT_FOUND', 'Telegram no longer has this file.');
    const bytes = await api.download(info.file_path);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    return bytes.length;
  }

  /** An attachment left on Telegram (its file id as the part), fetched when the agent opens it. */
  downloadPart(_messageId: string, part: string, file: string): Promise<number> {
    return this.downloadFile(part, file);
  }

  async perform(op: OutboxRecord): Promise<OpOutcome> {
    if (op.kind !== SEND_MESSAGE_OP) throw new PermanentError('INVALID_INPUT', `Telegram bots cannot carry out "${op.kind}".`);
    const { store } = this.ctx;
    const { messageId } = payloadOf(op, SEND_MESSAGE_OP);
    const message = store.messages.get(messageId);
    if (!message) throw new PermanentError('NOT_FOUND', 'The message no longer exists.');
    const chatId = message.to[0] && chatIdOf(message.to[0].address);
    if (!chatId) throw new PermanentError('INVALID_INPUT', 'This conversation has no Telegram chat to reply to.');
    const replyTo = message.inReplyTo ? Number(/\.(\d+)@telegram\.invalid$/.exec(message.inReplyTo)?.[1]) || undefined : undefined;
    // A long reply goes in pieces; each piece sent is recorded at once, so a retry never sends it again.
    // Telegram cannot be asked whether a piece went out: one whose answer was lost is sent again.
    const api = this.api();
    const last = await sendInPieces({
      store,
      accountId: this.account.id,
      messageId,
      pieces: splitText(message.text),
      outcomeUnknown: op.outcomeUnknown,
      findSent: null,
      send: async (piece, index) => `${chatId}.${(await api.sendMessage(chatId, piece, index === 0 ? replyTo : undefined)).message_id}`,
    });
    return { remoteRef: last };
  }

  private setStatus(s: Omit<AccountStatus, 'accountId'>): void {
    this.current = { accountId: this.account.id, ...s };
    this.ctx.events.emit('account.status', this.current);
  }
}
