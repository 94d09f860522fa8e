// eBay's conversations and messages → the core's. Pure: no I/O. An eBay conversation is one conversation here;
// the buyer is known by the identity `ebay:<user id>`; messages eBay itself sends (FROM_EBAY) come from "eBay"
// and cannot be answered from here.
import type { MarketplaceInfo, Participant } from '../../../../shared/domain/types.js';
import type { IncomingAttachment, IncomingMessage } from '../../conversations/ingest.js';
import type { ConversationType, EbayConversation, EbayMedia, EbayMessage } from './api.js';

/** eBay user IDs are not case-sensitive: the identity uses the lower-case form. */
export const identityOf = (username: string) => `ebay:${username.toLowerCase()}`;

/** The user ID a reply goes to, from the buyer's identity. */
export function usernameOf(identity: string): string | null {
  const m = /^ebay:(.+)$/.exec(identity);
  return m ? m[1]! : null;
}

/** Every message of one eBay conversation shares this thread key (its type is needed to address it again). */
export const conversationThreadKey = (conversationId: string, type: ConversationType) => `conv.${type}.${conversationId}@ebay.invalid`;

/** The eBay conversation back from a stored message's references. */
export function conversationRefOf(references: string[]): { id: string; type: ConversationType } | null {
  for (const r of references) {
    const m = /^conv\.(FROM_MEMBERS|FROM_EBAY)\.(.+)@ebay\.invalid$/.exec(r);
    if (m) return { type: m[1] as ConversationType, id: m[2]! };
  }
  return null;
}

export const messageKey = (messageId: string) => `${messageId}@ebay.invalid`;

/** eBay order numbers as buyers quote them (12-34567-89012). */
const ORDER_NUMBER = /\b\d{2}-\d{5}-\d{5}\b/;

const EBAY_ITSELF: Participant = { name: 'eBay', address: 'ebay:ebay' };

const MEDIA_TYPES: Record<string, string> = { IMAGE: 'image/jpeg', PDF: 'application/pdf', DOC: 'application/msword', TXT: 'text/plain' };

/** Files attached to a message: listed with where eBay keeps them, fetched when the agent opens one. */
export function mediaOf(media: EbayMedia[] | undefined): IncomingAttachment[] {
  return (media ?? [])
    .filter((m) => m.mediaUrl)
    .map((m, i) => ({
      filename: m.mediaName || `attachment-${i + 1}`,
      contentType: MEDIA_TYPES[m.mediaType ?? ''] ?? 'application/octet-stream',
      contentId: null,
      remote: { part: m.mediaUrl!, size: 0 },
    }));
}

export function marketplaceOf(conversation: EbayConversation, text: string): MarketplaceInfo & { buyerName: string | null } {
  const fromEbay = conversation.conversationType === 'FROM_EBAY';
  const itemId = conversation.referenceType === 'LISTING' && conversation.referenceId ? conversation.referenceId : null;
  return {
    id: 'ebay',
    name: 'eBay',
    orderId: ORDER_NUMBER.exec(text)?.[0] ?? null,
    itemId,
    // eBay's own notices are answered on eBay (if at all); members' messages are answered from here.
    replyBy: fromEbay ? 'marketplace' : 'email',
    replyUrl: fromEbay ? 'https://www.ebay.com/mesg' : itemId ? `https://www.ebay.com/itm/${itemId}` : null,
    registeredSenderOnly: false,
    relayedTo: null,
    buyerName: null,
  };
}

/** One eBay message as the core stores it; `seller` is the account's own user ID. */
export function mapMessage(conversation: EbayConversation, message: EbayMessage, seller: string): IncomingMessage {
  const sender = message.senderUsername ?? '';
  const mine = sender.toLowerCase() === seller.toLowerCase();
  const me: Participant = { name: seller, address: identityOf(seller) };
  const fromEbay = conversation.conversationType === 'FROM_EBAY';
  const other: Participant = fromEbay
    ? EBAY_ITSELF
    : { name: (mine ? message.recipientUsername : sender) || 'eBay member', address: identityOf((mine ? message.recipientUsername : sender) || 'unknown') };
  const text = message.messageBody ?? '';
  return {
    messageIdHeader: messageKey(message.messageId),
    inReplyTo: null,
    references: [conversationThreadKey(conversation.conversationId, conversation.conversationType)],
    direction: mine ? 'out' : 'in',
    from: mine ? me : other,
    replyTo: [],
    to: [mine ? other : me],
    cc: [],
    subject: message.subject || conversation.conversationTitle || '',
    date: Date.parse(message.createdDate) || 0,
    text,
    fromHtml: false,
    isRead: mine || message.readStatus === true,
    attachments: mediaOf(message.messageMedia),
    marketplace: marketplaceOf(conversation, text),
  };
}
