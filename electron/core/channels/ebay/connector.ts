// An eBay seller account as a channel: buyers' messages (and eBay's own notices) are fetched with the Message
// API. eBay cannot push to a desktop app, so the account is polled: conversations are listed newest first and
// each one whose latest message is new to us is read in full; a conversation is stored together with the
// cursor that says it was, so a message is stored once however often the app stops. Replies, read marks and
// archiving go out through the outbox; a long reply goes in 2000-character pieces, each sent once (after a
// crash mid-send, eBay is asked whether the piece arrived before it is sent again).
import type { AccountRow } from '../../db/queries/accounts.js';
import type { OutboxRecord } from '../../db/queries/outbox.js';
import { PermanentError } from '../../errors.js';
import { ingestMessage } from '../../conversations/ingest.js';
import { MOVE_CONVERSATION_OP, SEND_MESSAGE_OP, SET_CONVERSATION_READ_OP, payloadOf } from '../../outbox/op-kinds.js';
import type { ChannelConnector, ChannelContext, OpOutcome } from '../channel.js';
import { PolledConnector } from '../poll-loop.js';
import { downloadFromProvider } from '../download-url.js';
import { splitText } from '../split-text.js';
import { piecesOnTheirWay, sendInPieces, sentFromHere } from '../piecewise-send.js';
import { EbayApi, EBAY_API, MAX_TEXT, type ConversationType, type EbayConversation, type EbayMessage } from './api.js';
import { conversationRefOf, conversationThreadKey, mapMessage } from './mapping.js';
import { normalizeMessageId } from '../../conversations/threading.js';
import { EbaySettingsSchema, ebayAccessTokenKey, ebayClientSecretKey, ebayRefreshTokenKey, type EbaySettings } from './settings.js';

const TYPES: ConversationType[] = ['FROM_MEMBERS', 'FROM_EBAY'];
/** How far before the newest message already seen a quick pass still looks (eBay's clock, late writes). */
const OVERLAP_MS = 10 * 60_000;
/** A full pass over every conversation in the window, whatever their order, this often. */
const FULL_PASS_MS = 60 * 60_000;
/** A sent piece is looked for among messages this long before the op was queued (clocks differ). */
const CLOCK_SLACK_MS = 5 * 60_000;

const latestKey = (conversationId: string) => `latest:${conversationId}`;
const seenUntilKey = (type: ConversationType) => `seen-until:${type}`;
const FULL_PASS_AT = 'full-pass-at';
const WINDOW_START = 'window-start';


export class EbayConnector extends PolledConnector implements ChannelConnector {
  private readonly settings: EbaySettings;
  private client: EbayApi | null = null;

  constructor(
    readonly account: AccountRow,
    private readonly ctx: ChannelContext,
  ) {
    const settings = EbaySettingsSchema.parse(account.settings);
    super(account.id, ctx.events, ctx.now, settings.pollMinutes * 60_000);
    this.settings = settings;
  }

  private api(): EbayApi {
    if (this.client) return this.client;
    const { secrets } = this.ctx;
    const clientSecret = secrets.get(ebayClientSecretKey(this.account.id));
    const refreshToken = secrets.get(ebayRefreshTokenKey(this.account.id));
    if (!clientSecret || !refreshToken) throw new PermanentError('AUTH_FAILED', 'The eBay credentials are missing: connect the eBay account again.');
    const tokenKey = ebayAccessTokenKey(this.account.id);
    this.client = new EbayApi(
      this.settings.apiUrl ?? EBAY_API,
      { clientId: this.settings.clientId, clientSecret, refreshToken },
      {
        load: () => {
          try {
            const saved = secrets.get(tokenKey);
            return saved ? (JSON.parse(saved) as { token: string; expiresAt: number }) : null;
          } catch {
            return null;
          }
        },
        save: (token) => secrets.set(tokenKey, JSON.stringify(token)),
      },
      this.ctx.now,
    );
    return this.client;
  }

  protected async pass(): Promise<void> {
    const { store } = this.ctx;
    const now = this.ctx.now();
    let windowStart = store.cursors.get(this.account.id, WINDOW_START);
    if (!windowStart) {
      windowStart = new Date(now - this.settings.backfillDays * 86_400_000).toISOString();
      store.cursors.set(this.account.id, WINDOW_START, windowStart);
    }
    const full = now - Number(store.cursors.get(this.account.id, FULL_PASS_AT) ?? 0) >= FULL_PASS_MS;
    for (const type of TYPES) await this.passType(type, windowStart, full);
    if (full) store.cursors.set(this.account.id, FULL_PASS_AT, String(now));
  }

  /**
   * Lists one type's conversations page by page. A quick pass stops at the first conversation older than what
   * was already seen (eBay lists the most recent first); the hourly full pass reads the whole window.
   */
  private async passType(type: ConversationType, windowStart: string, full: boolean): Promise<void> {
    const { store } = this.ctx;
    const seenUntil = Number(store.cursors.get(this.account.id, seenUntilKey(type)) ?? 0);
    let newest = seenUntil;
    let offset = 0;
    for (;;) {
      const page = await this.api().getConversations(type, offset, { startTime: windowStart });
      const conversations = page.conversations ?? [];
      let older = false;
      for (const c of conversations) {
        const at = Date.parse(c.latestMessage?.createdDate ?? c.createdDate ?? '') || 0;
        if (!full && at < seenUntil - OVERLAP_MS) {
          older = true;
          break;
        }
        newest = Math.max(newest, at);
        if (c.latestMessage && store.cursors.get(this.account.id, latestKey(c.conversationId)) === c.latestMessage.messageId) continue;
        await this.readConversation(c);
      }
      offset += conversations.length;
      if (older || conversations.length === 0 || !page.next) break;
    }
    if (newest > seenUntil) store.cursors.set(this.account.id, seenUntilKey(type), String(newest));
  }

  /** Every message of one conversation, stored with the cursor that says it is done. */
  private async readConversation(c: EbayConversation): Promise<void> {
    const { store } = this.ctx;
    const messages: EbayMessage[] = [];
    let offset = 0;
    for (;;) {
      const page = await this.api().getConversation(c.conversationId, c.conversationType, offset);
      const got = page.messages ?? [];
      messages.push(...got);
      offset += got.length;
      if (got.length === 0 || !page.next) break;
    }
    messages.sort((a, b) => (Date.parse(a.createdDate) || 0) - (Date.parse(b.createdDate) || 0));
    const archived = /^ARCHIVE/.test(c.conversationStatus ?? '');
    let conversationId: string | null = null;
    store.transaction(() => {
      const local = store.threadIds.conversationOf(this.account.id, normalizeMessageId(conversationThreadKey(c.conversationId, c.conversationType)));
      const waiting = local ? piecesOnTheirWay(store, local, (t) => splitText(t, MAX_TEXT)) : new Set<string>();
      for (const m of messages) {
        const incoming = mapMessage(c, m, this.settings.username);
        // Our own replies come back from eBay: they are in the thread already (or about to be recorded as sent).
        if (incoming.direction === 'out' && (sentFromHere(store, this.account.id, m.messageId) || waiting.has(incoming.text))) continue;
        const r = ingestMessage(store, this.ctx.attachmentsDir, this.account.id, archived ? { ...incoming, mailbox: 'archive' } : incoming, null, this.ctx.now());
        conversationId = r.conversationId;
      }
      const latest = c.latestMessage?.messageId ?? messages[messages.length - 1]?.messageId;
      if (latest) store.cursors.set(this.account.id, latestKey(c.conversationId), latest);
    });
    if (conversationId) this.ctx.events.emit('conversations.changed', { ids: [conversationId] });
  }

  async perform(op: OutboxRecord): Promise<OpOutcome> {
    switch (op.kind) {
      case SEND_MESSAGE_OP:
        return this.send(op);
      case SET_CONVERSATION_READ_OP: {
        const { read } = payloadOf(op, SET_CONVERSATION_READ_OP);
        const ref = this.refOf(op.conversationId);
        await this.api().setRead(ref.id, ref.type, read);
        return { remoteRef: null };
      }
      case MOVE_CONVERSATION_OP: {
        const target = payloadOf(op, MOVE_CONVERSATION_OP);
        const ref = this.refOf(op.conversationId);
        // eBay has no spam folder: marking spam stays in this app.
        if ('to' in target && target.to === 'spam') return { remoteRef: null };
        const status = 'folder' in target || target.to === 'archive' ? 'ARCHIVE' : target.to === 'trash' ? 'DELETE' : 'ACTIVE';
        await this.api().setStatus(ref.id, ref.type, status);
        return { remoteRef: null };
      }
      default:
        throw new PermanentError('INVALID_INPUT', `eBay accounts cannot carry out "${op.kind}".`);
    }
  }

  /** The eBay conversation (id and type) a local conversation mirrors. */
  private refOf(conversationId: string | null): { id: string; type: ConversationType } {
    const { store } = this.ctx;
    const first = conversationId ? store.messages.listForConversation(conversationId)[0] : undefined;
    const message = first && store.messages.get(first.id);
    const ref = message && conversationRefOf(message.references);
    if (!ref) throw new PermanentError('NOT_FOUND', 'This conversation is not on eBay (or no longer exists here).');
    return ref;
  }

  private async send(op: OutboxRecord): Promise<OpOutcome> {
    const { store } = this.ctx;
    const { messageId } = payloadOf(op, SEND_MESSAGE_OP);
    const message = store.messages.get(messageId);
    if (!message) throw new PermanentError('NOT_FOUND', 'The message no longer exists.');
    const ref = conversationRefOf(message.references) ?? this.refOf(op.conversationId);
    if (ref.type !== 'FROM_MEMBERS') throw new PermanentError('REPLY_ON_MARKETPLACE', 'Messages from eBay itself cannot be answered from here.');
    const pieces = splitText(message.text, MAX_TEXT);
    if (pieces.length === 0) throw new PermanentError('INVALID_INPUT', 'eBay does not send empty messages.');
    const last = await sendInPieces({
      store,
      accountId: this.account.id,
      messageId,
      pieces,
      outcomeUnknown: op.outcomeUnknown,
      findSent: (piece) => this.findSent(ref, piece, op.createdAt - CLOCK_SLACK_MS),
      send: async (piece) => (await this.api().sendMessage(ref.id, piece)).messageId,
    });
    return { remoteRef: last };
  }

  /** A message of ours with this text in the conversation, sent since `since`: its eBay id, or null. */
  private async findSent(ref: { id: string; type: ConversationType }, text: string, since: number): Promise<string | null> {
    const me = this.settings.username.toLowerCase();
    let offset = 0;
    for (;;) {
      const page = await this.api().getConversation(ref.id, ref.type, offset);
      const got = page.messages ?? [];
      const hit = got.find((m) => (m.senderUsername ?? '').toLowerCase() === me && m.messageBody === text && (Date.parse(m.createdDate) || 0) >= since);
      if (hit) return hit.messageId;
      offset += got.length;
      if (got.length === 0 || !page.next) return null;
    }
  }

  /** An attachment, from where eBay keeps it. */
  downloadPart(_messageId: string, part: string, file: string): Promise<number> {
    return downloadFromProvider('eBay', part, this.settings.apiUrl ?? EBAY_API, file);
  }

}
