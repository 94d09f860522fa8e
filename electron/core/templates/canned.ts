// Canned responses in use: saved (editing a machine-translated variant counts as reading it over), and made
// ready for one conversation — the variables filled from what the app knows of it (customer, order, agent, shop,
// the tracking number found in its messages), in the customer's language. A language without a variant of its
// own gets one machine-translated from the default variant, kept on the response and marked for review, so the
// provider is asked once per language.
import type { CannedInsert, CannedResponse } from '../../../shared/domain/types.js';
import { chooseVariant, exactVariant, missingVariables, renderTemplate, type TemplateContext } from '../../../shared/templates/render.js';
import type { Store } from '../db/store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { CoreError } from '../errors.js';
import { findTrackingNumber, trackingLink } from '../conversations/tracking.js';
import { currentProvider, translateTexts } from '../translation/service.js';
import { baseTag } from '../translation/provider.js';

export interface CannedInput {
  id?: string | undefined;
  name: string;
  folder: string;
  variants: Record<string, string>;
  review?: string[] | undefined;
}

/**
 * The response as it will be stored. Without an explicit review list, variants still marked stay marked unless
 * their text changed (the agent read and edited it).
 */
export function cannedToSave(input: CannedInput, previous: CannedResponse | undefined, id: string, now: number): CannedResponse {
  const review = (input.review ?? (previous?.review ?? []).filter((l) => previous?.variants[l] === input.variants[l])).filter((l) => (input.variants[l] ?? '').trim() !== '');
  return {
    id,
    name: input.name,
    folder: input.folder,
    variants: input.variants,
    review: [...new Set(review)],
    useCount: previous?.useCount ?? 0,
    lastUsedAt: previous?.lastUsedAt ?? null,
    updatedAt: now,
  };
}

/** What the variables of a canned response stand for in this conversation. */
export function templateContextFor(store: Store, conversationId: string): TemplateContext {
  const c = store.conversations.get(conversationId);
  if (!c) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  const account = store.accounts.get(c.accountId);
  const shop = store.appSettings.get().shop;
  const texts = store.messages.listForConversation(conversationId).map((m) => m.text).reverse();
  const tracking = findTrackingNumber(texts);
  return {
    customerName: c.customerName,
    customerAddress: c.customerAddress,
    agentName: account?.name ?? '',
    subject: c.subject,
    orderId: c.marketplace?.orderId ?? null,
    marketplace: c.marketplace?.name ?? null,
    storeName: shop.name ?? account?.name ?? null,
    storeUrl: shop.url,
    trackingNumber: tracking,
    trackingLink: tracking ? trackingLink(shop.trackingUrl, tracking) : null,
  };
}

/** A canned response made ready for a conversation (see CannedInsert); `use` counts it and may translate. */
export async function prepareCanned(
  store: Store,
  secrets: SecretStore,
  input: { id: string; conversationId: string; translate: boolean; use: boolean },
  now: number,
): Promise<CannedInsert> {
  const canned = store.cannedResponses.get(input.id);
  if (!canned) throw new CoreError('NOT_FOUND', 'This canned response no longer exists.');
  const conversation = store.conversations.get(input.conversationId);
  if (!conversation) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  const ctx = templateContextFor(store, input.conversationId);
  const agentLanguage = store.appSettings.get().translation.agentLanguage;
  const customerLanguage = conversation.language;
  const translating = input.translate && !!customerLanguage && baseTag(customerLanguage) !== agentLanguage;

  let customer: CannedInsert['customer'] = null;
  let notice: string | undefined;
  const written = customerLanguage ? exactVariant(canned.variants, customerLanguage) : null;
  if (written) {
    customer = { language: written, text: canned.variants[written]!, machine: canned.review.includes(written) };
  } else if (customerLanguage && input.use && store.appSettings.get().translation.provider) {
    try {
      customer = { language: customerLanguage, text: await machineVariant(store, secrets, canned, customerLanguage, agentLanguage, now), machine: true };
    } catch (err) {
      notice = `No ${customerLanguage} version could be made: ${(err as Error).message}`;
    }
  }

  // The reply box holds the agent's language when the reply will be translated, else the customer's.
  const draft = translating ? chooseVariant(canned.variants, agentLanguage)! : customer ?? chooseVariant(canned.variants, customerLanguage)!;
  const render = (text: string, language: string) => renderTemplate(text, ctx, language);
  const out: CannedInsert = {
    name: canned.name,
    draft: { language: draft.language, text: render(draft.text, draft.language) },
    customer: translating && customer ? { ...customer, text: render(customer.text, customer.language) } : null,
    customerVariantMissing: !written,
    missing: [...new Set([...missingVariables(draft.text, ctx, draft.language), ...(translating && customer ? missingVariables(customer.text, ctx, customer.language) : [])])],
    ...(notice ? { notice } : {}),
  };
  if (input.use) store.cannedResponses.markUsed(canned.id, now);
  return out;
}

/** The response's text machine-translated into `language`, kept on the response and marked for review. */
async function machineVariant(store: Store, secrets: SecretStore, canned: CannedResponse, language: string, agentLanguage: string, now: number): Promise<string> {
  // From the English variant when there is one (the best-supported source), else the agent's, else the first.
  const source = exactVariant(canned.variants, 'en') ?? exactVariant(canned.variants, agentLanguage) ?? chooseVariant(canned.variants, null)!.language;
  const provider = currentProvider(store, secrets);
  const [t] = await translateTexts(store, provider, [canned.variants[source]!], baseTag(language)!, baseTag(source), now);
  const latest = store.cannedResponses.get(canned.id) ?? canned;
  store.cannedResponses.save({
    ...latest,
    variants: { ...latest.variants, [language]: t!.text },
    review: [...new Set([...latest.review, language])],
    updatedAt: now,
  });
  return t!.text;
}
