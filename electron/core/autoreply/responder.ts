// The auto-reply this app sends while it runs, for accounts whose rule is not on their mail server (channels
// without server rules, servers without ManageSieve, or while the rule waits to be installed). A customer's new
// message outside business hours gets the acknowledgement in their language, through the outbox (offline too,
// exactly once), at most once per conversation and per customer in the rule's period; automated mail, mail
// from before the rule was switched on and old mail found by a first sync are never answered.
import type { Store } from '../db/store.js';
import { isOpenAt } from '../../../shared/domain/business-hours.js';
import { exactVariant } from '../../../shared/templates/render.js';
import { queueReply } from '../conversations/reply.js';
import { CoreError } from '../errors.js';
import { autoReplyContext, autoReplyText, hoursOf } from './auto-reply.js';
import { isSurveyAnswer } from './csat.js';

const DAY = 24 * 60 * 60 * 1000;
/** A message older than this when the app first sees it is answered by a person, not acknowledged. */
export const FRESH_FOR_MS = 12 * 60 * 60 * 1000;

export type AutoReplyOutcome = { sent: string } | { skipped: string };

/**
 * Answers a conversation's newest customer message if the rule says so: returns the queued message's id, or why
 * not. The checks and the queued reply are one transaction, so two calls never answer twice.
 */
export function autoReply(store: Store, conversationId: string, now: number): AutoReplyOutcome {
  return store.transaction((): AutoReplyOutcome => {
    const c = store.conversations.get(conversationId);
    if (!c) return { skipped: 'no such conversation' };
    const rule = store.autoReplies.rule(c.accountId);
    if (!rule?.enabled || !rule.cannedId) return { skipped: 'off' };
    if (rule.serverState === 'server') return { skipped: 'the mail server answers' };
    if (isOpenAt(hoursOf(store, c.accountId), now)) return { skipped: 'open' };
    if (c.mailbox !== 'inbox') return { skipped: `filed in ${c.mailbox}` };
    if (c.marketplace?.replyBy === 'marketplace' || c.marketplace?.blocked) return { skipped: 'replies go through the marketplace' };
    const incoming = store.autoReplies.newestIncoming(conversationId);
    if (!incoming) return { skipped: 'no customer message' };
    if (incoming.automated) return { skipped: `automated (${incoming.automated})` };
    if (isSurveyAnswer(store, conversationId, incoming.id)) return { skipped: 'an answer to the satisfaction survey' };
    if (incoming.createdAt < rule.enabledAt) return { skipped: 'arrived before the rule was on' };
    if (incoming.date < now - FRESH_FOR_MS) return { skipped: 'old' };
    if (store.autoReplies.agentRepliedSince(conversationId, incoming.date)) return { skipped: 'answered' };
    const since = now - rule.periodDays * DAY;
    if (store.autoReplies.sentInConversationSince(conversationId, since)) return { skipped: 'already acknowledged' };
    if (c.customerAddress && store.autoReplies.sentToCustomerSince(c.accountId, c.customerAddress, since)) return { skipped: 'customer already acknowledged' };
    const canned = store.cannedResponses.get(rule.cannedId);
    const account = store.accounts.get(c.accountId);
    if (!canned || !account) return { skipped: 'no reply to send' };
    const chosen = autoReplyText(canned, autoReplyContext(store, account, conversationId), c.language);
    if (!chosen) return { skipped: 'the canned response is empty' };
    // No variant in the customer's language: the default one goes out translated where a provider is set up.
    const translate = c.language && !exactVariant(canned.variants, c.language) && store.appSettings.get().translation.provider ? { from: chosen.language } : undefined;
    try {
      const { messageId } = queueReply(store, account, conversationId, chosen.text, now, { translate, autoKind: 'auto-reply' });
      return { sent: messageId };
    } catch (err) {
      if (err instanceof CoreError) return { skipped: err.message };
      throw err;
    }
  });
}

/** Listens for changed conversations and acknowledges what needs it; tells the outbox to send. */
export class AutoResponder {
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly queued: (conversationIds: string[]) => void,
  ) {}

  changed(ids: string[]): void {
    if (this.stopped || ids.length === 0 || this.store.autoReplies.activeRules().every((r) => !r.enabled)) return;
    const sent: string[] = [];
    for (const id of ids) {
      try {
        if ('sent' in autoReply(this.store, id, this.now())) sent.push(id);
      } catch (err) {
        console.warn(`auto-reply: ${(err as Error).message}`);
      }
    }
    if (sent.length > 0) this.queued(sent);
  }

  stop(): void {
    this.stopped = true;
  }
}
