// A Facebook Page's Messenger or Instagram inbox as a channel. Meta delivers new messages to webhooks, which a
// desktop app does not have, so the Page's conversations are polled (most recently updated first, each with its
// latest messages) and each one updated since it was last seen is stored with that time, so a message is stored
// once however often the app stops. Replies go through the outbox inside Meta's window: RESPONSE within 24
// hours of the customer's last message, the HUMAN_AGENT tag up to 7 days where the Page may use it, else a clear
// refusal; long replies in pieces, each sent once (looked for in the conversation after a lost answer).
import { createHash } from 'node:crypto';
import type { AccountRow } from '../../db/queries/accounts.js';
import type { OutboxRecord } from '../../db/queries/outbox.js';
import type { Participant } from '../../../../shared/domain/types.js';
import { replyWindowState } from '../../../../shared/domain/reply-windows.js';
import { PermanentError } from '../../errors.js';
import { ingestMessage } from '../../conversations/ingest.js';
import { normalizeMessageId } from '../../conversations/threading.js';
import { SEND_MESSAGE_OP, payloadOf } from '../../outbox/op-kinds.js';
import type { ChannelConnector, ChannelContext, OpOutcome } from '../channel.js';
import { PolledConnector } from '../poll-loop.js';
import { downloadFromProvider } from '../download-url.js';
import { splitText } from '../split-text.js';
import { piecesOnTheirWay, sendInPieces, sentFromHere } from '../piecewise-send.js';
import { GRAPH_API, GraphApi, MAX_TEXT, OutsideWindowError, type GraphConversation } from './api.js';
import { conversationIdOf, conversationThreadKey, graphTime, mapMessage, scopedIdOf } from './mapping.js';
import { MetaSettingsSchema, metaTokenKey, type MetaSettings } from './settings.js';

const OVERLAP_MS = 10 * 60_000;
const FULL_PASS_MS = 60 * 60_000;
/** A full pass reads at most this many pages of 25 conversations (the older ones are long settled). */
const FULL_PASS_PAGES = 40;
const CLOCK_SLACK_MS = 5 * 60_000;
const SEEN_UNTIL = 'seen-until';
const FULL_PASS_AT = 'full-pass-at';
const updatedKey = (conversationId: string) => `updated:${conversationId}`;

/** Which messages the answer carried (a short digest of their ids), or null when it carried none. */
function messagesDigest(c: GraphConversation): string | null {
  const ids = (c.messages?.data ?? []).map((m) => m.id).sort();
  return ids.length === 0 ? null : createHash('sha256').update(ids.join('\n')).digest('base64url').slice(0, 16);
}

export class MetaConnector extends PolledConnector implements ChannelConnector {
  private readonly settings: MetaSettings;

  constructor(
    readonly account: AccountRow,
    private readonly ctx: ChannelContext,
  ) {
    const settings = MetaSettingsSchema.parse(account.settings);
    super(account.id, ctx.events, ctx.now, settings.pollMinutes * 60_000);
    this.settings = settings;
  }

  private get platform() {
    return this.settings.platform;
  }

  private api(): GraphApi {
    const token = this.ctx.secrets.get(metaTokenKey(this.account.id));
    if (!token) throw new PermanentError('AUTH_FAILED', 'The Page access token is missing: connect the Page again.');
    return new GraphApi(this.settings.apiUrl ?? GRAPH_API, token);
  }

  /** The Page (Messenger) or its Instagram account: messages from it are ours. */
  private get self(): Participant & { id: string } {
    const id = this.platform === 'instagram' ? (this.settings.igUserId ?? this.settings.pageId) : this.settings.pageId;
    return { id, name: this.account.name, address: this.account.address };
  }

  protected async pass(): Promise<void> {
    const { store } = this.ctx;
    const now = this.ctx.now();
    const full = now - Number(store.cursors.get(this.account.id, FULL_PASS_AT) ?? 0) >= FULL_PASS_MS;
    const seenUntil = Number(store.cursors.get(this.account.id, SEEN_UNTIL) ?? 0);
    let newest = seenUntil;
    let after: string | undefined;
    for (let page = 0; page < FULL_PASS_PAGES; page++) {
      const { data, paging } = await this.api().conversations(this.settings.pageId, this.platform, after);
      let older = false;
      for (const c of data) {
        const at = graphTime(c.updated_time);
        if (!full && at < seenUntil - OVERLAP_MS) {
          older = true;
          break;
        }
        newest = Math.max(newest, at);
        // Graph's times have whole seconds: the messages' ids tell two updates within one second apart.
        const seen = `${c.updated_time}|${messagesDigest(c) ?? ''}`;
        if (store.cursors.get(this.account.id, updatedKey(c.id)) === seen) continue;
        const withMessages = c.messages ? c : await this.api().messages(c.id);
        this.store(withMessages);
        store.cursors.set(this.account.id, updatedKey(c.id), `${c.updated_time}|${messagesDigest(withMessages) ?? ''}`);
      }
      after = paging?.cursors?.after;
      if (older || data.length === 0 || !paging?.next || !after) break;
    }
    if (newest > seenUntil) store.cursors.set(this.account.id, SEEN_UNTIL, String(newest));
    if (full) store.cursors.set(this.account.id, FULL_PASS_AT, String(now));
  }

  private store(c: GraphConversation): void {
    const { store } = this.ctx;
    const messages = (c.messages?.data ?? []).slice().sort((a, b) => graphTime(a.created_time) - graphTime(b.created_time));
    let conversationId: string | null = null;
    store.transaction(() => {
      const local = store.threadIds.conversationOf(this.account.id, normalizeMessageId(conversationThreadKey(this.platform, c.id)));
      const waiting = local ? piecesOnTheirWay(store, local, (t) => splitText(t, MAX_TEXT[this.platform])) : new Set<string>();
      for (const m of messages) {
        const incoming = mapMessage(this.platform, c.id, m, this.self);
        if (incoming.direction === 'out' && (sentFromHere(store, this.account.id, m.id) || waiting.has(incoming.text))) continue;
        conversationId = ingestMessage(store, this.ctx.attachmentsDir, this.account.id, incoming, null, this.ctx.now()).conversationId;
      }
    });
    if (conversationId) this.ctx.events.emit('conversations.changed', { ids: [conversationId] });
  }

  async perform(op: OutboxRecord): Promise<OpOutcome> {
    if (op.kind !== SEND_MESSAGE_OP) throw new PermanentError('INVALID_INPUT', `${this.platform === 'instagram' ? 'Instagram' : 'Messenger'} accounts cannot carry out "${op.kind}".`);
    const { store } = this.ctx;
    const { messageId } = payloadOf(op, SEND_MESSAGE_OP);
    const message = store.messages.get(messageId);
    if (!message) throw new PermanentError('NOT_FOUND', 'The message no longer exists.');
    const recipient = message.to[0] && scopedIdOf(this.platform, message.to[0].address);
    const graphConversation = conversationIdOf(this.platform, message.references);
    if (!recipient || !graphConversation) throw new PermanentError('INVALID_INPUT', 'This conversation has no customer to answer on Meta.');
    // The window is counted from the customer's last message, at the moment of sending (not of writing).
    const lastIn = [...store.messages.listForConversation(message.conversationId)].reverse().find((m) => m.direction === 'in')?.date ?? null;
    const window = replyWindowState(this.platform, lastIn, this.ctx.now(), this.settings.humanAgent);
    if (!window || window.kind === 'closed') {
      throw new OutsideWindowError('SEND_REJECTED', `The reply window has closed: Meta lets a Page answer within 24 hours of the customer's last message${this.settings.humanAgent ? ' (7 days for a person, with the human-agent tag)' : ''}. The customer must write again first.`);
    }
    const tag = window.kind === 'human-agent' ? 'HUMAN_AGENT' : null;
    const pieces = splitText(message.text, MAX_TEXT[this.platform]);
    if (pieces.length === 0) throw new PermanentError('INVALID_INPUT', 'Meta does not send empty messages.');
    const last = await sendInPieces({
      store,
      accountId: this.account.id,
      messageId,
      pieces,
      outcomeUnknown: op.outcomeUnknown,
      findSent: (piece) => this.findSent(graphConversation, piece, op.createdAt - CLOCK_SLACK_MS),
      send: async (piece) => (await this.api().send(this.settings.pageId, recipient, piece, tag)).message_id,
    });
    return { remoteRef: last };
  }

  private async findSent(conversationId: string, text: string, since: number): Promise<string | null> {
    const c = await this.api().messages(conversationId);
    const hit = (c.messages?.data ?? []).find((m) => m.from.id === this.self.id && m.message === text && graphTime(m.created_time) >= since);
    return hit?.id ?? null;
  }

  /** An attachment, from where Meta keeps it. */
  downloadPart(_messageId: string, part: string, file: string): Promise<number> {
    return downloadFromProvider('Meta', part, this.settings.apiUrl ?? GRAPH_API, file);
  }

}
