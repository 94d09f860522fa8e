// Recognises buyer messages that marketplaces deliver as e-mail (relay addresses and notifications), from
// rules kept as data (marketplaces/<id>.json, one file per marketplace, each naming the pages it follows).
import amazon from './marketplaces/amazon.json' with { type: 'json' };
import ebay from './marketplaces/ebay.json' with { type: 'json' };
import etsy from './marketplaces/etsy.json' with { type: 'json' };
import aliexpress from './marketplaces/aliexpress.json' with { type: 'json' };
import type { IncomingMessage } from '../../conversations/ingest.js';
import type { MarketplaceInfo } from '../../../../shared/domain/types.js';

export interface MarketplaceRule {
  id: string;
  name: string;
  sources: string[];
  /** Domains of per-buyer relay addresses: mail from (or Reply-To) such an address is a buyer message. */
  relayDomains: string[];
  /** Domains the marketplace's own notifications come from. */
  senderDomains?: string[];
  /** Order (or item) number; the first capture group if there is one, else the whole match. */
  orderId: string;
  /** Removed from the relay sender's display name to leave the buyer's name. */
  nameSuffix?: string;
  /** Buyer name from the subject of a notification (first capture group). */
  subjectBuyer?: string;
  /** 'email': answer the relay address; 'marketplace': answers only reach the buyer on the marketplace. */
  replyBy: 'email' | 'marketplace';
  replyUrl?: string;
  /** The marketplace accepts replies only from the seller's registered address. */
  registeredSenderOnly: boolean;
}

export const marketplaceRules: readonly MarketplaceRule[] = [amazon, ebay, etsy, aliexpress] as MarketplaceRule[];

export interface MarketplaceMatch extends MarketplaceInfo {
  buyerName: string | null;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
const inDomains = (address: string, domains: string[] | undefined) => {
  if (!domains) return false;
  const domain = domainOf(address);
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
};

/**
 * Mail from a marketplace itself (a notification, not a buyer's message through a relay address): whatever it
 * says, replies to it reach no buyer, so nothing answers it automatically.
 */
export function isMarketplaceNotice(msg: Pick<IncomingMessage, 'from' | 'replyTo'>): boolean {
  return marketplaceRules.some(
    (rule) => inDomains(msg.from.address, rule.senderDomains) && ![msg.from, ...msg.replyTo].some((p) => inDomains(p.address, rule.relayDomains)),
  );
}

export function recognizeMarketplace(msg: IncomingMessage): MarketplaceMatch | null {
  if (msg.direction !== 'in') return null;
  const addresses = [msg.from, ...msg.replyTo];
  for (const rule of marketplaceRules) {
    const relay = addresses.find((p) => inDomains(p.address, rule.relayDomains));
    const notice = !relay && inDomains(msg.from.address, rule.senderDomains);
    if (!relay && !notice) continue;

    const haystack = `${msg.subject}\n${msg.text.slice(0, 5000)}`;
    const order = new RegExp(rule.orderId, 'iu').exec(haystack);
    let buyerName: string | null = null;
    if (relay && rule.nameSuffix && relay.name) buyerName = relay.name.replace(new RegExp(rule.nameSuffix, 'iu'), '').trim() || null;
    if (!buyerName && rule.subjectBuyer) buyerName = new RegExp(rule.subjectBuyer, 'iu').exec(msg.subject)?.[1]?.trim() ?? null;
    return {
      id: rule.id,
      name: rule.name,
      orderId: order ? (order.slice(1).find((g) => g !== undefined) ?? order[0]) : null,
      buyerName,
      replyBy: rule.replyBy,
      replyUrl: rule.replyUrl ?? null,
      registeredSenderOnly: rule.registeredSenderOnly,
      relayedTo: msg.to[0]?.address ?? null,
    };
  }
  return null;
}

/**
 * The order numbers a text mentions, each with the marketplace whose numbering it has (Amazon's 123-1234567-1234567,
 * eBay's 12-12345-12345, Etsy's and AliExpress's next to the word "order"), in order of appearance.
 */
export function orderNumbersIn(text: string): Array<{ orderId: string; marketplace: { id: string; name: string } }> {
  const found: Array<{ at: number; orderId: string; marketplace: { id: string; name: string } }> = [];
  for (const rule of marketplaceRules) {
    for (const m of text.matchAll(new RegExp(rule.orderId, 'giu'))) {
      found.push({ at: m.index, orderId: m.slice(1).find((g) => g !== undefined) ?? m[0], marketplace: { id: rule.id, name: rule.name } });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ orderId, marketplace }) => ({ orderId, marketplace }));
}
