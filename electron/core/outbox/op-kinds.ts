// The kinds of outbox operation, and what each one's payload carries: a schema per kind, checked when an op is
// queued (a malformed op is a bug, refused at once) and again when it is carried out (an op written by another
// version of the app, or damaged on disk, fails with a reason instead of doing something else). Payloads carry
// their schema version `v`; rows written before versions existed are version 1.
import { z } from 'zod';
import type { OutboxRecord } from '../db/queries/outbox.js';
import { CoreError, PermanentError } from '../errors.js';
import { MailboxSchema, UrgencySchema, type Urgency } from '../../../shared/domain/types.js';

/**
 * Sends a stored outgoing message: payload { messageId, settled? } (settled: the urgency the agent's reply set back
 * to normal, put back if the reply is taken back before it leaves).
 */
export const SEND_MESSAGE_OP = 'message.send';
/**
 * Sets or clears one flag of a message on the server: payload { key, messageId, flag, on }. Absolute, so the
 * newest op for a (message, flag) replaces older pending ones. Flags: seen, flagged, or a tag.
 */
export const SET_FLAG_OP = 'message.set-flag';
/**
 * Files a conversation's messages on the server: payload { key, to: inbox | archive | trash | spam } or
 * { key, folder: path }, newest wins.
 */
export const MOVE_CONVERSATION_OP = 'conversation.move';

/**
 * Marks a whole conversation read or unread where the provider keeps read state per conversation (eBay):
 * payload { key: conversation id, read }, newest wins.
 */
export const SET_CONVERSATION_READ_OP = 'conversation.set-read';

/**
 * Deletes messages from the mail server for good (erasing a customer there too): payload { messageIdHeaders },
 * matched by Message-ID in every folder, since the local rows that knew their UIDs are already gone.
 */
export const ERASE_MESSAGES_OP = 'messages.erase';

/**
 * Translates a reply the agent wrote in their language into the customer's, then queues its send (in the same
 * transaction that marks this op done): payload { messageId, settled? } as a send's. Carried out by the core, not a
 * channel.
 */
export const TRANSLATE_MESSAGE_OP = 'message.translate';

/** E-mail: appends the very bytes sent to the Sent folder (if not already there): payload { messageId }. */
export const APPEND_SENT_OP = 'email.append-sent';

/**
 * Puts an account's out-of-hours auto-reply on its mail server as it stands when carried out (a Sieve script
 * over ManageSieve), or takes it off when the rule is off: payload { key: account id }, newest wins.
 */
export const INSTALL_AUTO_REPLY_OP = 'auto-reply.install';

/** The payload version this app writes and reads. */
export const OP_VERSION = 1;

const MessageRef = z.object({ messageId: z.string().min(1) });
const ReplyRef = MessageRef.extend({ settled: UrgencySchema.optional() });
const OP_SCHEMAS = {
  [SEND_MESSAGE_OP]: ReplyRef,
  [APPEND_SENT_OP]: MessageRef,
  [TRANSLATE_MESSAGE_OP]: ReplyRef,
  [SET_FLAG_OP]: z.object({
    key: z.string().min(1),
    messageId: z.string().min(1),
    flag: z.enum(['seen', 'flagged', 'answered', 'tag']),
    on: z.boolean(),
    tag: z.string().min(1).optional(),
  }),
  [MOVE_CONVERSATION_OP]: z.union([
    z.object({ key: z.string().min(1), to: MailboxSchema }),
    z.object({ key: z.string().min(1), folder: z.string().min(1) }),
  ]),
  [SET_CONVERSATION_READ_OP]: z.object({ key: z.string().min(1), read: z.boolean() }),
  [INSTALL_AUTO_REPLY_OP]: z.object({ key: z.string().min(1) }),
  [ERASE_MESSAGES_OP]: z.object({ messageIdHeaders: z.array(z.string().min(1)) }),
} as const;

export type OpKind = keyof typeof OP_SCHEMAS;
export type OpPayload<K extends OpKind> = z.infer<(typeof OP_SCHEMAS)[K]>;

const isOpKind = (kind: string): kind is OpKind => Object.prototype.hasOwnProperty.call(OP_SCHEMAS, kind);

/** A payload as it is written: checked against its kind's schema and stamped with the version. */
export function payloadToWrite(kind: string, payload: object): Record<string, unknown> {
  if (!isOpKind(kind)) throw new CoreError('INTERNAL', `Unknown outbox operation "${kind}".`);
  const parsed = OP_SCHEMAS[kind].safeParse(payload);
  if (!parsed.success) throw new CoreError('INTERNAL', `Outbox operation "${kind}" is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return { ...payload, v: OP_VERSION };
}

/** A stored op's payload, checked before it is carried out; a PermanentError says why it cannot be. */
export function payloadOf<K extends OpKind>(op: Pick<OutboxRecord, 'kind' | 'payload'>, kind: K): OpPayload<K> {
  if (op.kind !== kind) throw new PermanentError('INVALID_INPUT', `Expected a "${kind}" operation, got "${op.kind}".`);
  const version = typeof op.payload.v === 'number' ? op.payload.v : 1;
  if (version > OP_VERSION) {
    throw new PermanentError('INVALID_INPUT', `This "${kind}" operation was queued by a newer version of the app (payload version ${version}); update the app to send it.`);
  }
  const parsed = OP_SCHEMAS[kind].safeParse(op.payload);
  if (!parsed.success) throw new PermanentError('INVALID_INPUT', `This "${kind}" operation is damaged and cannot be carried out: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data as OpPayload<K>;
}

/** The outgoing message a send op carries (its state follows the op); null for every other op. */
export function sentMessageOf(op: Pick<OutboxRecord, 'kind' | 'payload'>): string | null {
  return op.kind === SEND_MESSAGE_OP && typeof op.payload.messageId === 'string' ? op.payload.messageId : null;
}

/** The urgency a reply an op carries set back to normal (see SEND_MESSAGE_OP); null when it changed none. */
export function settledUrgencyOf(op: Pick<OutboxRecord, 'kind' | 'payload'>): Urgency | null {
  if (op.kind !== SEND_MESSAGE_OP && op.kind !== TRANSLATE_MESSAGE_OP) return null;
  const settled = UrgencySchema.safeParse(op.payload.settled);
  return settled.success ? settled.data : null;
}

/** The outgoing message an op carries on its way out (sending it, or translating it first); null otherwise. */
export function carriedMessageOf(op: Pick<OutboxRecord, 'kind' | 'payload'>): string | null {
  return (op.kind === SEND_MESSAGE_OP || op.kind === TRANSLATE_MESSAGE_OP) && typeof op.payload.messageId === 'string' ? op.payload.messageId : null;
}
