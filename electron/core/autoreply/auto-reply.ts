// An account's out-of-hours auto-reply: its settings (business hours, the canned response, the period), where it
// runs (a Sieve script on the mail server where the server keeps rules, else this app while it runs), the text
// each customer gets in their language, and the script the server is given.
import type { Store } from '../db/store.js';
import type { AccountRow } from '../db/queries/accounts.js';
import type { AutoReplyInput, AutoReplyRunsOn, AutoReplyState } from '../../../shared/domain/auto-reply.js';
import { defaultBusinessHours, isOpenAt, nextOpening, zoneOffsetMinutes, type BusinessHours } from '../../../shared/domain/business-hours.js';
import { chooseVariant, renderUnattended, type TemplateContext } from '../../../shared/templates/render.js';
import { CoreError } from '../errors.js';
import { newId } from '../ids.js';
import { CAPABILITIES } from '../channels/capabilities.js';
import { INSTALL_AUTO_REPLY_OP } from '../outbox/op-kinds.js';
import { templateContextFor } from '../templates/canned.js';
import { COUNTRY_LANGUAGE } from '../conversations/language.js';
import { marketplaceRules } from '../channels/email/marketplace-mail.js';
import type { CannedResponse } from '../../../shared/domain/types.js';
import { buildSieveScript, type SieveAutoReplyInput, type SieveVariant } from './sieve-script.js';

const DAY = 24 * 60 * 60 * 1000;
/** Customers listed by address in a server script, newest first (a script stays well inside servers' size limits). */
const SCRIPT_CUSTOMERS = 2000;

export function hoursOf(store: Store, accountId: string): BusinessHours {
  return store.autoReplies.hoursOrDefault(accountId);
}

export function autoReplyState(store: Store, accountId: string, now: number): AutoReplyState {
  const account = store.accounts.get(accountId);
  if (!account) throw new CoreError('NOT_FOUND', 'Account not found.');
  const hours = hoursOf(store, accountId);
  const rule = store.autoReplies.rule(accountId);
  let runsOn: AutoReplyRunsOn = 'off';
  let detail: string | null = null;
  if (rule?.enabled) {
    if (rule.serverState === 'server' || rule.serverState === 'installing') runsOn = rule.serverState;
    else runsOn = 'app';
    detail = rule.serverDetail;
    if (runsOn === 'app' && !detail && !CAPABILITIES[account.channel].serverRules) detail = 'This channel keeps no rules on its server: the app answers while it runs.';
  }
  return {
    accountId,
    enabled: rule?.enabled ?? false,
    cannedId: rule?.cannedId ?? null,
    periodDays: rule?.periodDays ?? 1,
    hours,
    runsOn,
    detail,
    openNow: isOpenAt(hours, now),
    nextOpening: nextOpening(hours, now),
    sentLast30Days: store.autoReplies.sentCount(accountId, now - 30 * DAY),
  };
}

/** Saves the hours and the rule; for e-mail, queues putting the rule on (or taking it off) the mail server. */
export function saveAutoReply(store: Store, input: AutoReplyInput, now: number): AutoReplyState {
  const account = store.accounts.get(input.accountId);
  if (!account) throw new CoreError('NOT_FOUND', 'Account not found.');
  if (input.enabled && !input.cannedId) throw new CoreError('INVALID_INPUT', 'Choose the canned response the auto-reply sends.');
  if (input.cannedId && !store.cannedResponses.get(input.cannedId)) throw new CoreError('NOT_FOUND', 'That canned response no longer exists.');
  store.transaction(() => {
    const before = store.autoReplies.rule(account.id);
    store.autoReplies.setHours(account.id, input.hours);
    const serverRules = CAPABILITIES[account.channel].serverRules;
    // Off with nothing ever put on the server: nothing to take off.
    const needsServer = serverRules && (input.enabled || (before !== null && before.serverState !== 'none' && before.serverState !== 'app'));
    store.autoReplies.putRule({
      accountId: account.id,
      enabled: input.enabled,
      cannedId: input.cannedId,
      periodDays: input.periodDays,
      // Switching it on starts a new period: mail that came before is not answered.
      enabledAt: input.enabled && !before?.enabled ? now : (before?.enabledAt ?? now),
      serverState: needsServer ? 'installing' : serverRules ? (before?.serverState ?? 'none') : input.enabled ? 'app' : 'none',
      serverDetail: needsServer ? null : (before?.serverDetail ?? null),
      serverOffset: before?.serverOffset ?? null,
      updatedAt: now,
    });
    if (needsServer) queueInstall(store, account.id, now);
  });
  return autoReplyState(store, account.id, now);
}

export function queueInstall(store: Store, accountId: string, now: number): void {
  store.outbox.enqueueLatest({ id: newId(), kind: INSTALL_AUTO_REPLY_OP, accountId, conversationId: null, payload: { key: accountId } }, now);
}

/**
 * Rules on a server written for another UTC offset than the zone has now (a clock change), or for a canned
 * response since edited: installed again. Run at start, daily, and when a canned response is saved.
 */
export function refreshServerRules(store: Store, now: number, changedCannedId?: string): number {
  let queued = 0;
  for (const rule of store.autoReplies.activeRules()) {
    if (!rule.enabled || rule.serverState !== 'server') continue;
    const hours = hoursOf(store, rule.accountId);
    const stale = rule.serverOffset !== zoneOffsetMinutes(hours.timeZone, now) || (changedCannedId !== undefined && rule.cannedId === changedCannedId);
    if (!stale) continue;
    store.transaction(() => {
      store.autoReplies.setServerState(rule.accountId, 'installing', null, rule.serverOffset);
      queueInstall(store, rule.accountId, now);
    });
    queued++;
  }
  return queued;
}

/** Variables for an auto-reply: the conversation's when there is one, else the account's alone (a server script). */
export function autoReplyContext(store: Store, account: AccountRow, conversationId: string | null): TemplateContext {
  const hours = hoursOf(store, account.id);
  if (conversationId) return { ...templateContextFor(store, conversationId), businessHours: hours };
  const shop = store.appSettings.get().shop;
  return { customerName: '', agentName: account.name, subject: '', storeName: shop.name ?? account.name, storeUrl: shop.url, businessHours: hours };
}

/** The text a customer writing in `language` gets, and the language it is written in. */
export function autoReplyText(canned: CannedResponse, ctx: TemplateContext, language: string | null): { language: string; text: string } | null {
  const variant = chooseVariant(canned.variants, language);
  if (!variant) return null;
  const text = renderUnattended(variant.text, ctx, variant.language);
  return text ? { language: variant.language, text } : null;
}

/** The Sieve script's content for an account, or null when its rule is off (or has nothing to send). */
export function sieveInputFor(store: Store, account: AccountRow, now: number): SieveAutoReplyInput | null {
  const rule = store.autoReplies.rule(account.id);
  if (!rule?.enabled || !rule.cannedId) return null;
  const canned = store.cannedResponses.get(rule.cannedId);
  if (!canned) return null;
  const ctx = autoReplyContext(store, account, null);
  const fallback = autoReplyText(canned, ctx, null);
  if (!fallback) return null;
  const hours = hoursOf(store, account.id);

  const variants = new Map<string, SieveVariant>();
  const variantFor = (language: string): SieveVariant | null => {
    const base = language.split('-')[0]!.toLowerCase();
    const chosen = autoReplyText(canned, ctx, base);
    if (!chosen || chosen.language.split('-')[0] !== base || chosen.text === fallback.text) return null;
    let v = variants.get(base);
    if (!v) variants.set(base, (v = { language: base, text: chosen.text, addresses: [], countryDomains: [] }));
    return v;
  };
  for (const c of store.autoReplies.customerLanguages(account.id, SCRIPT_CUSTOMERS)) variantFor(c.language)?.addresses.push(c.address);
  for (const [tld, language] of Object.entries(COUNTRY_LANGUAGE)) variantFor(language)?.countryDomains.push(tld);
  return {
    hours,
    offsetMinutes: zoneOffsetMinutes(hours.timeZone, now),
    periodDays: rule.periodDays,
    ownAddresses: [account.address],
    from: { name: account.name, address: account.address },
    variants: [...variants.values()],
    fallback: fallback.text,
    noticeDomains: marketplaceRules.flatMap((r) => r.senderDomains ?? []),
  };
}

export function sieveScriptFor(store: Store, account: AccountRow, now: number): string | null {
  const input = sieveInputFor(store, account, now);
  return input ? buildSieveScript(input) : null;
}
