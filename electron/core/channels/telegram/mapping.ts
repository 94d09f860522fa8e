// Telegram's data → the core's, and back. Pure: no I/O. A private chat with the bot is one conversation; the
// customer is the Telegram user, known by the identity `telegram:<user id>`.
import type { Participant } from '../../../../shared/domain/types.js';
import type { IncomingAttachment, IncomingMessage } from '../../conversations/ingest.js';
import type { TgMessage, TgUser } from './api.js';

/** The customer's identity in the core (a contact's address). */
export const identityOf = (userId: number | string) => `telegram:${userId}`;

/** The chat id a reply goes to, from the customer's identity. */
export function chatIdOf(identity: string): string | null {
  const m = /^telegram:(-?\d+)$/.exec(identity);
  return m ? m[1]! : null;
}

/** Every message of one chat shares this thread key, so the core files them into one conversation. */
export const chatThreadKey = (chatId: number) => `chat-${chatId}@telegram.invalid`;

/** The message's key for de-duplication (unique per bot: chat + message id). */
export const messageKey = (chatId: number, messageId: number) => `${chatId}.${messageId}@telegram.invalid`;

export function participantOf(user: TgUser): Participant {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || (user.username ? `@${user.username}` : String(user.id));
  return { name, address: identityOf(user.id) };
}

/** The files a message carries, to fetch before it is stored: the largest size of a photo, or the document. */
export function filesOf(message: TgMessage): Array<{ fileId: string; filename: string; contentType: string; size: number }> {
  const out: Array<{ fileId: string; filename: string; contentType: string; size: number }> = [];
  // Telegram lists a photo in several sizes: the largest has the most pixels.
  const photo = message.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  if (photo) out.push({ fileId: photo.file_id, filename: `photo-${message.message_id}.jpg`, contentType: 'image/jpeg', size: photo.file_size ?? 0 });
  if (message.document) {
    out.push({
      fileId: message.document.file_id,
      filename: message.document.file_name || `document-${message.message_id}`,
      contentType: message.document.mime_type || 'application/octet-stream',
      size: message.document.file_size ?? 0,
    });
  }
  return out;
}

/** A message a customer sent the bot, as the core stores it. */
export function mapMessage(message: TgMessage, bot: Participant, attachments: IncomingAttachment[]): IncomingMessage {
  const from = message.from ? participantOf(message.from) : { name: message.chat.title ?? '', address: identityOf(message.chat.id) };
  const replyTo = message.reply_to_message ? messageKey(message.chat.id, message.reply_to_message.message_id) : null;
  return {
    messageIdHeader: messageKey(message.chat.id, message.message_id),
    inReplyTo: replyTo,
    references: [chatThreadKey(message.chat.id)],
    direction: 'in',
    from,
    replyTo: [],
    to: [bot],
    cc: [],
    subject: '',
    date: message.date * 1000,
    text: message.text ?? message.caption ?? '',
    fromHtml: false,
    isRead: false,
    attachments,
    languageHint: message.from?.language_code ? message.from.language_code.toLowerCase().split('-')[0]! : null,
  };
}
