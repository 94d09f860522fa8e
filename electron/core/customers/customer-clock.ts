// The customer's local time, so an agent knows whether it is 3 a.m. where the buyer is: the time zone the agent
// set; else the offset the customer's own mail program wrote in their newest message's Date header (as a time
// zone of their address's country when that zone had that offset then, so summer time is followed); else the
// country of their address's domain, or of the marketplace site they bought on (Mercado Libre's buyers write
// without an address), when one zone covers it (or one dominates: most of Spain, China, Brazil, Mexico ...).
// Country and zone data: countries-and-timezones.
import ct from 'countries-and-timezones';
import type { CustomerClock } from '../../../shared/domain/types.js';
import { isTimeZone, zoneOffsetMinutes } from '../../../shared/domain/business-hours.js';
import type { Store } from '../db/store.js';

/** Countries whose zones differ, where one holds most people (others stay unknown until the mail or agent says). */
const MAIN_ZONE: Record<string, string> = {
  BR: 'America/Sao_Paulo',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  NZ: 'Pacific/Auckland',
  PT: 'Europe/Lisbon',
  UA: 'Europe/Kyiv',
};

/** Country-code top-level domains that are not the ISO code. */
const TLD_COUNTRY: Record<string, string> = { uk: 'GB' };

/** The country of an e-mail address's domain (maria@correo.es → ES); null for .com and other generic ones. */
export function countryOfAddress(address: string): string | null {
  const tld = /@[^@]+\.([a-z]{2})$/i.exec(address.trim())?.[1]?.toLowerCase();
  if (!tld) return null;
  const code = TLD_COUNTRY[tld] ?? tld.toUpperCase();
  return ct.getCountry(code) ? code : null;
}

/** The zone a country's clocks mostly follow, or null when it has several (the United States, Russia ...). */
export function zoneOfCountry(country: string): string | null {
  const zones = (ct.getTimezonesForCountry(country) ?? []).filter((z) => !z.aliasOf && isTimeZone(z.name));
  if (zones.length === 0) return null;
  if (new Set(zones.map((z) => z.utcOffset)).size > 1) return MAIN_ZONE[country] ?? null;
  return (zones.find((z) => z.countries[0] === country) ?? zones[0]!).name;
}

export function customerClock(store: Store, conversationId: string, now: number): CustomerClock | null {
  const customerId = store.customers.customerOf(conversationId);
  if (!customerId) return null;
  const ofAddress = store.customers
    .identities(customerId)
    .map((i) => countryOfAddress(i.address))
    .find((c) => c !== null);
  const country = ofAddress ?? store.conversations.marketplaceOf(conversationId)?.country ?? null;
  const set = store.customers.timeZoneOf(customerId);
  if (set && isTimeZone(set)) return { timeZone: set, offsetMinutes: zoneOffsetMinutes(set, now), source: 'agent', country };
  const countryZone = country ? zoneOfCountry(country) : null;
  const mail = store.customers.newestOffset(customerId);
  if (mail) {
    // Their country's zone, if it agrees with what their mail said: it knows when summer time starts.
    const zone = countryZone && zoneOffsetMinutes(countryZone, mail.at) === mail.offset ? countryZone : null;
    return zone ? { timeZone: zone, offsetMinutes: zoneOffsetMinutes(zone, now), source: 'mail', country } : { timeZone: null, offsetMinutes: mail.offset, source: 'mail', country };
  }
  if (countryZone) return { timeZone: countryZone, offsetMinutes: zoneOffsetMinutes(countryZone, now), source: ofAddress ? 'country' : 'site', country };
  return null;
}
