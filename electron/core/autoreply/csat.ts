// The satisfaction survey (CSAT): one question sent when the agent closes a conversation, answered by a plain
// reply (1–5 or an emoji, in any language), so no web server is needed. Sent at most once per conversation,
// never to a customer who asked for no more surveys (or whose conversation no person answered), through the
// outbox like any reply; the first answer is recorded on the conversation for the reports.
import type { Store } from '../db/store.js';
import { exactVariant } from '../../../shared/templates/render.js';
import { queueReply } from '../conversations/reply.js';
import { CoreError } from '../errors.js';
import { autoReplyContext, autoReplyText } from './auto-reply.js';
import { readSurveyAnswer } from './survey-answer.js';

export type SurveyOutcome = { sent: string } | { skipped: string };

/** Must run inside the transaction that closes the conversation, so closing and the survey are one change. */
export function queueSurvey(store: Store, conversationId: string, now: number): SurveyOutcome {
  const settings = store.appSettings.get();
  if (!settings.csat.enabled || !settings.csat.cannedId) return { skipped: 'off' };
  const c = store.conversations.get(conversationId);
  if (!c) return { skipped: 'no such conversation' };
  if (store.autoReplies.surveySentAt(conversationId) !== null) return { skipped: 'already surveyed' };
  if (store.autoReplies.surveysOptedOut(conversationId)) return { skipped: 'the customer asked for no surveys' };
  const incoming = store.autoReplies.newestIncoming(conversationId);
  if (!incoming || incoming.automated) return { skipped: 'no customer wrote' };
  if (!store.autoReplies.agentRepliedSince(conversationId, incoming.date - 366 * 24 * 60 * 60 * 1000)) return { skipped: 'no one answered' };
  const canned = store.cannedResponses.get(settings.csat.cannedId);
  const account = store.accounts.get(c.accountId);
  if (!canned || !account) return { skipped: 'no survey to send' };
  const chosen = autoReplyText(canned, autoReplyContext(store, account, conversationId), c.language);
  if (!chosen) return { skipped: 'the survey text is empty' };
  const translate = c.language && !exactVariant(canned.variants, c.language) && settings.translation.provider ? { from: chosen.language } : undefined;
  try {
    return { sent: queueReply(store, account, conversationId, chosen.text, now, { translate, autoKind: 'csat' }).messageId };
  } catch (err) {
    // A marketplace conversation that only takes replies on the marketplace, a closed window: no survey.
    if (err instanceof CoreError) return { skipped: err.message };
    throw err;
  }
}

/** The survey answer a conversation's customer gave: the first of their (first three) messages after it that reads as one. */
function surveyAnswerIn(store: Store, conversationId: string) {
  const sentAt = store.autoReplies.surveySentAt(conversationId);
  if (sentAt === null) return null;
  for (const reply of store.autoReplies.incomingAfter(conversationId, sentAt)) {
    const answer = reply.automated ? null : readSurveyAnswer(reply.text);
    if (answer) return { messageId: reply.id, answer };
  }
  return null;
}

/** Whether a message is the customer's answer to the survey (not a question to acknowledge). */
export function isSurveyAnswer(store: Store, conversationId: string, messageId: string): boolean {
  return surveyAnswerIn(store, conversationId)?.messageId === messageId;
}

/**
 * Reads the customer's answer to the survey: a score is kept on the conversation, a STOP keeps every later
 * survey from this customer. Returns whether anything was recorded.
 */
export function recordSurveyAnswer(store: Store, conversationId: string, now: number): boolean {
  return store.transaction(() => {
    if (store.autoReplies.csat(conversationId)) return false;
    const found = surveyAnswerIn(store, conversationId);
    if (!found) return false;
    if ('optOut' in found.answer) {
      if (store.autoReplies.surveysOptedOut(conversationId)) return false;
      store.autoReplies.optOutOfSurveys(conversationId);
      return true;
    }
    return store.autoReplies.setCsat(conversationId, found.answer.score, now);
  });
}
