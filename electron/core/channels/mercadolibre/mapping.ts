// Mercado Libre's post-sale messages → the core's. Pure: no I/O. A pack (one or several orders of one buyer)
// is one conversation; the buyer is known by the identity `mercadolibre:<user id>`.
import type { MarketplaceInfo, Participant } from '../../../../shared/domain/types.js';
import type { IncomingAttachment, IncomingMessage } from '../../conversations/ingest.js';
import { BLOCKED_REASONS, type ConversationStatus, type MeliMessage } from './api.js';

export const identityOf = (userId: number | string) => `mercadolibre:${userId}`;

export function userIdOf(identity: string): string | null {
  const m = /^mercadolibre:(\d+)$/.exec(identity);
  return m ? m[1]! : null;
}

export const packThreadKey = (packId: string) => `pack-${packId}@mercadolibre.invalid`;

export function packIdOf(references: string[]): string | null {
  for (const r of references) {
    const m = /^pack-(\d+)@mercadolibre\.invalid$/.exec(r);
    if (m) return m[1]!;
  }
  return null;
}

export const messageKey = (id: string) => `${id}@mercadolibre.invalid`;

/** The pack and seller of an unread-list resource (`/packs/<pack>/sellers/<seller>`, or `/packs/<pack>`). */
export function resourceOf(resource: string): { packId: string; sellerId: string | null } | null {
  const m = /^\/packs\/(\d+)(?:\/sellers?\/(\d+))?/.exec(resource);
  return m ? { packId: m[1]!, sellerId: m[2] ?? null } : null;
}

/** The country of each Mercado Libre site, by its id in the API (`site_id`: MLB is Mercado Livre Brasil). */
const SITE_COUNTRY: Readonly<Record<string, string>> = {
  MLA: 'AR', MLB: 'BR', MLM: 'MX', MLC: 'CL', MCO: 'CO', MLU: 'UY', MPE: 'PE', MEC: 'EC', MLV: 'VE', MBO: 'BO',
  MPY: 'PY', MCR: 'CR', MPA: 'PA', MRD: 'DO', MGT: 'GT', MHN: 'HN', MNI: 'NI', MSV: 'SV', MCU: 'CU',
};

/** The marketplace side of a pack; `site` is the site its messages were written on (the seller's). */
export function marketplaceOf(packId: string, status: ConversationStatus | undefined, site?: string | null): MarketplaceInfo & { buyerName: string | null } {
  const blocked = status?.status === 'blocked' ? (status.substatus ?? 'blocked') : null;
  const country = site ? SITE_COUNTRY[site.toUpperCase()] : undefined;
  return {
    id: 'mercadolibre',
    name: 'Mercado Libre',
    ...(country ? { country } : {}),
    orderId: packId,
    itemId: null,
    replyBy: 'email',
    replyUrl: null,
    registeredSenderOnly: false,
    relayedTo: null,
    blocked: blocked ? { code: blocked, reason: BLOCKED_REASONS[blocked] ?? `closed by Mercado Libre (${blocked})` } : null,
    buyerName: null,
  };
}

function attachmentsOf(m: MeliMessage): IncomingAttachment[] {
  return (m.message_attachments ?? []).map((a) => ({
    filename: a.original_filename || a.filename,
    contentType: a.type || 'application/octet-stream',
    contentId: null,
    remote: { part: a.filename, size: a.size ?? 0 },
  }));
}

export function mapMessage(packId: string, m: MeliMessage, seller: Participant & { id: string }, buyer: Participant, status: ConversationStatus | undefined): IncomingMessage {
  const mine = String(m.from.user_id) === seller.id;
  const me: Participant = { name: seller.name, address: seller.address };
  const date = m.message_date.created ?? m.message_date.received ?? m.message_date.available ?? '';
  return {
    messageIdHeader: messageKey(m.id),
    inReplyTo: null,
    references: [packThreadKey(packId)],
    direction: mine ? 'out' : 'in',
    from: mine ? me : buyer,
    replyTo: [],
    to: [mine ? buyer : me],
    cc: [],
    subject: m.subject ?? '',
    date: Date.parse(date) || 0,
    text: m.text ?? '',
    fromHtml: false,
    isRead: mine || Boolean(m.message_date.read),
    attachments: attachmentsOf(m),
    marketplace: marketplaceOf(packId, status, m.site_id),
  };
}
