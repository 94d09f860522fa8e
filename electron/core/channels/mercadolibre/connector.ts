// A Mercado Libre seller account as a channel: post-sale conversations (one per pack) arrive through the list of
// packs with unread messages, polled; each pack whose unread count changed is read in full without marking it
// read there, and stored with the counts that say so, so a message is stored once however the app stops.
// Replies go out through the outbox in 350-character pieces, each sent once (looked for in the pack first after
// a lost answer); marking a conversation read here marks it read there. A conversation Mercado Libre has closed
// (blocked by the buyer, a mediation, Fulfillment ...) carries the reason, shown before the agent writes.
import fs from 'node:fs';
import path from 'node:path';
import type { AccountRow } from '../../db/queries/accounts.js';
import type { OutboxRecord } from '../../db/queries/outbox.js';
import type { Participant } from '../../../../shared/domain/types.js';
import { PermanentError } from '../../errors.js';
import { ingestMessage } from '../../conversations/ingest.js';
import { normalizeMessageId } from '../../conversations/threading.js';
import { SEND_MESSAGE_OP, SET_CONVERSATION_READ_OP, payloadOf } from '../../outbox/op-kinds.js';
import type { ChannelConnector, ChannelContext, OpOutcome } from '../channel.js';
import { PolledConnector } from '../poll-loop.js';
import { splitText } from '../split-text.js';
import { piecesOnTheirWay, sendInPieces, sentFromHere } from '../piecewise-send.js';
import { MAX_TEXT, MELI_API, MeliApi, type MeliMessage, type MeliTokens, type PackPage } from './api.js';
import { identityOf, mapMessage, marketplaceOf, packIdOf, packThreadKey, resourceOf, userIdOf } from './mapping.js';
import { MeliSettingsSchema, meliClientSecretKey, meliTokensKey, type MeliSettings } from './settings.js';

const UNREAD_COUNTS = 'unread-counts';
const nicknameKey = (userId: string) => `nickname:${userId}`;
const CLOCK_SLACK_MS = 5 * 60_000;

/** The token pair in the secret store; saving it writes the file through to disk before returning. */
export function secretTokenStore(secrets: ChannelContext['secrets'], key: string) {
  return {
    load(): MeliTokens {
      const raw = secrets.get(key);
      if (!raw) throw new PermanentError('AUTH_FAILED', 'The Mercado Libre tokens are missing: connect the account again.');
      return JSON.parse(raw) as MeliTokens;
    },
    save(tokens: MeliTokens): void {
      secrets.set(key, JSON.stringify(tokens));
    },
  };
}

export class MercadoLibreConnector extends PolledConnector implements ChannelConnector {
  private readonly settings: MeliSettings;
  private client: MeliApi | null = null;

  constructor(
    readonly account: AccountRow,
    private readonly ctx: ChannelContext,
  ) {
    const settings = MeliSettingsSchema.parse(account.settings);
    super(account.id, ctx.events, ctx.now, settings.pollMinutes * 60_000);
    this.settings = settings;
  }

  private api(): MeliApi {
    if (this.client) return this.client;
    const clientSecret = this.ctx.secrets.get(meliClientSecretKey(this.account.id));
    if (!clientSecret) throw new PermanentError('AUTH_FAILED', 'The Mercado Libre app secret is missing: connect the account again.');
    this.client = new MeliApi(this.settings.apiUrl ?? MELI_API, { clientId: this.settings.clientId, clientSecret }, secretTokenStore(this.ctx.secrets, meliTokensKey(this.account.id)), this.ctx.now);
    return this.client;
  }

  private get seller(): Participant & { id: string } {
    return { id: this.settings.sellerId, name: this.settings.nickname, address: identityOf(this.settings.sellerId) };
  }

  protected async pass(): Promise<void> {
    const { store } = this.ctx;
    const before = JSON.parse(store.cursors.get(this.account.id, UNREAD_COUNTS) ?? '{}') as Record<string, number>;
    const now: Record<string, number> = {};
    const { results } = await this.api().unread();
    for (const r of results ?? []) {
      const res = resourceOf(r.resource);
      if (!res) continue;
      now[res.packId] = r.count;
      if (before[res.packId] === r.count) continue;
      await this.readPack(res.packId);
      // Recorded pack by pack: a pass cut short reads only what it had not finished.
      store.cursors.set(this.account.id, UNREAD_COUNTS, JSON.stringify({ ...before, ...now }));
    }
    store.cursors.set(this.account.id, UNREAD_COUNTS, JSON.stringify(now));
  }

  /** A buyer's nickname (asked once, then remembered); their id when Mercado Libre will not say. */
  private async buyerOf(userId: string): Promise<Participant> {
    const { store } = this.ctx;
    let name = store.cursors.get(this.account.id, nicknameKey(userId));
    if (!name) {
      name = (await this.api().user(userId).catch(() => null))?.nickname ?? '';
      if (name) store.cursors.set(this.account.id, nicknameKey(userId), name);
    }
    return { name: name || `Buyer ${userId}`, address: identityOf(userId) };
  }

  private async allMessages(packId: string): Promise<PackPage & { all: MeliMessage[] }> {
    const all: MeliMessage[] = [];
    let first: PackPage | null = null;
    for (let offset = 0; ; ) {
      const page = await this.api().pack(packId, this.settings.sellerId, offset);
      first ??= page;
      all.push(...page.messages);
      offset += page.messages.length;
      if (page.messages.length === 0 || offset >= page.paging.total) break;
    }
    return { ...first!, all };
  }

  private async readPack(packId: string): Promise<void> {
    const { store } = this.ctx;
    const page = await this.allMessages(packId);
    const messages = page.all.slice().sort((a, b) => (Date.parse(a.message_date.created ?? '') || 0) - (Date.parse(b.message_date.created ?? '') || 0));
    const buyerId = messages.map((m) => String(String(m.from.user_id) === this.settings.sellerId ? m.to.user_id : m.from.user_id))[0];
    if (!buyerId) return;
    const buyer = await this.buyerOf(buyerId);
    let conversationId: string | null = null;
    store.transaction(() => {
      const local = store.threadIds.conversationOf(this.account.id, normalizeMessageId(packThreadKey(packId)));
      const waiting = local ? piecesOnTheirWay(store, local, (t) => splitText(t, MAX_TEXT)) : new Set<string>();
      for (const m of messages) {
        const incoming = mapMessage(packId, m, this.seller, buyer, page.conversation_status);
        if (incoming.direction === 'out' && (sentFromHere(store, this.account.id, m.id) || waiting.has(incoming.text))) continue;
        conversationId = ingestMessage(store, this.ctx.attachmentsDir, this.account.id, incoming, null, this.ctx.now()).conversationId;
      }
      conversationId ??= local ?? null;
      // Blocked or open again: the reason follows Mercado Libre's state even without a new message.
      if (conversationId) {
        const site = messages.find((m) => m.site_id)?.site_id ?? this.settings.siteId;
        store.conversations.setMarketplace(conversationId, (({ buyerName: _b, ...info }) => info)(marketplaceOf(packId, page.conversation_status, site)));
      }
    });
    if (conversationId) this.ctx.events.emit('conversations.changed', { ids: [conversationId] });
  }

  async perform(op: OutboxRecord): Promise<OpOutcome> {
    const { store } = this.ctx;
    if (op.kind === SET_CONVERSATION_READ_OP) {
      const { read } = payloadOf(op, SET_CONVERSATION_READ_OP);
      // Reading a pack without mark_as_read=false marks it read; Mercado Libre has no "unread again" for sellers.
      if (read) await this.api().pack(this.packOf(op.conversationId), this.settings.sellerId, 0, true, 1);
      return { remoteRef: null };
    }
    if (op.kind !== SEND_MESSAGE_OP) throw new PermanentError('INVALID_INPUT', `Mercado Libre accounts cannot carry out "${op.kind}".`);
    const { messageId } = payloadOf(op, SEND_MESSAGE_OP);
    const message = store.messages.get(messageId);
    if (!message) throw new PermanentError('NOT_FOUND', 'The message no longer exists.');
    const packId = packIdOf(message.references) ?? this.packOf(op.conversationId);
    const buyerId = message.to[0] && userIdOf(message.to[0].address);
    if (!buyerId) throw new PermanentError('INVALID_INPUT', 'This conversation has no Mercado Libre buyer to answer.');
    const pieces = splitText(message.text, MAX_TEXT);
    if (pieces.length === 0) throw new PermanentError('INVALID_INPUT', 'Mercado Libre does not send empty messages.');
    const last = await sendInPieces({
      store,
      accountId: this.account.id,
      messageId,
      pieces,
      outcomeUnknown: op.outcomeUnknown,
      findSent: (piece) => this.findSent(packId, piece, op.createdAt - CLOCK_SLACK_MS),
      send: async (piece) => (await this.api().send(packId, this.settings.sellerId, buyerId, piece)).id,
    });
    return { remoteRef: last };
  }

  private packOf(conversationId: string | null): string {
    const { store } = this.ctx;
    const first = conversationId ? store.messages.listForConversation(conversationId)[0] : undefined;
    const message = first && store.messages.get(first.id);
    const packId = message && packIdOf(message.references);
    if (!packId) throw new PermanentError('NOT_FOUND', 'This conversation is not on Mercado Libre (or no longer exists here).');
    return packId;
  }

  private async findSent(packId: string, text: string, since: number): Promise<string | null> {
    const { all } = await this.allMessages(packId);
    const hit = all.find((m) => String(m.from.user_id) === this.settings.sellerId && m.text === text && (Date.parse(m.message_date.created ?? '') || 0) >= since);
    return hit?.id ?? null;
  }

  async downloadPart(_messageId: string, part: string, file: string): Promise<number> {
    const bytes = await this.api().attachment(part);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    return bytes.length;
  }
}
