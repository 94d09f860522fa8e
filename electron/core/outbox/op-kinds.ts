// The kinds of outbox operation every channel understands, and what their payloads carry.
import type { OutboxRecord } from '../db/queries/outbox.js';

/** Sends a stored outgoing message: payload { messageId }. */
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
 * Deletes messages from the mail server for good (erasing a customer there too): payload { messageIdHeaders },
 * matched by Message-ID in every folder, since the local rows that knew their UIDs are already gone.
 */
export const ERASE_MESSAGES_OP = 'messages.erase';

/** The outgoing message a send op carries (its state follows the op); null for every other op. */
export function sentMessageOf(op: Pick<OutboxRecord, 'kind' | 'payload'>): string | null {
  return op.kind === SEND_MESSAGE_OP && typeof op.payload.messageId === 'string' ? op.payload.messageId : null;
}
