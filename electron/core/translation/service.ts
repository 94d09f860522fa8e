// Translation in the inbox: the configured provider behind the translation memory (a text goes to a provider
// once per language pair), a conversation's customer messages into the agent's language, and the agent's
// draft into the customer's. Formal address is asked for by default where a shop is expected to use it.
import type { AppSettings } from '../../../shared/domain/settings.js';
import type { ConversationTranslation } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { CoreError } from '../errors.js';
import { GlossaryGoneError, PROVIDER_NAMES, type ProviderId, type TranslationProvider, type Translated } from './provider.js';
import { DeepLProvider, deeplUrl } from './providers/deepl.js';
import { GOOGLE_URL, GoogleProvider } from './providers/google.js';
import { LibreTranslateProvider } from './providers/libretranslate.js';
import { OpenAICompatibleProvider } from './providers/openai.js';
import { glossaryVersion, protect, type GlossaryEntry } from './glossary.js';

export const TRANSLATION_KEY = 'translation-key';

/** Languages whose customers expect a shop's formal address (Sie, vous, usted, です/ます, 합니다 ...). */
export const FORMAL_BY_DEFAULT = new Set(['de', 'fr', 'it', 'es', 'pt', 'nl', 'pl', 'ru', 'ja', 'ko', 'tr']);

type TranslationSettings = AppSettings['translation'];

export function makeProvider(settings: TranslationSettings, key: string | null): TranslationProvider {
  switch (settings.provider) {
    case 'deepl':
      if (!key) throw new CoreError('INVALID_INPUT', 'DeepL needs an API key.');
      return new DeepLProvider(settings.apiUrl ?? deeplUrl(key), key);
    case 'google':
      if (!key) throw new CoreError('INVALID_INPUT', 'Google Translate needs an API key.');
      return new GoogleProvider(settings.apiUrl ?? GOOGLE_URL, key);
    case 'libretranslate':
      if (!settings.apiUrl) throw new CoreError('INVALID_INPUT', 'LibreTranslate needs the address of its server.');
      return new LibreTranslateProvider(settings.apiUrl, key);
    case 'openai':
      if (!settings.apiUrl || !settings.model) throw new CoreError('INVALID_INPUT', 'An AI model server needs its address and the model name.');
      return new OpenAICompatibleProvider(settings.apiUrl, key, settings.model);
    case null:
      throw new CoreError('INVALID_INPUT', 'No translation provider is set up: choose one in the translation settings.');
  }
}

/** The provider in use, from the settings and the key in the secret store. */
export function currentProvider(store: Store, secrets: SecretStore): TranslationProvider {
  return makeProvider(store.appSettings.get().translation, secrets.get(TRANSLATION_KEY) ?? null);
}

/** Translates texts through the memory: only texts never translated this way go to the provider, in one call. */
export async function translateTexts(store: Store, provider: TranslationProvider, texts: string[], target: string, source: string | null, now: number): Promise<Translated[]> {
  const formal = FORMAL_BY_DEFAULT.has(target) ? true : undefined;
  const glossary = store.appSettings.get().translation.glossary;
  const version = glossaryVersion(glossary, formal === true);
  const key = (text: string) => ({ text, source: source ?? 'auto', target, provider: provider.id, glossaryVersion: version });
  const out: Array<Translated | null> = texts.map((t) => {
    const hit = store.translationMemory.get(key(t));
    return hit ? { text: hit.text, detected: hit.detected } : null;
  });
  const missing = [...new Set(texts.filter((_, i) => out[i] === null))];
  if (missing.length > 0) {
    // The provider's own glossary where it keeps one for this pair; otherwise the app's markers.
    const glossaryId = source ? await providerGlossary(store, provider, source, target, glossary, version, now) : null;
    let got: Translated[];
    try {
      got = await translateProtected(provider, missing, glossaryId ? [] : glossary, { target, source, formal, glossaryId });
    } catch (err) {
      if (!(err instanceof GlossaryGoneError) || !glossaryId || !provider.glossaries) throw err;
      // Deleted at the provider, or not ready yet: made again next time; this time the app keeps the terms.
      store.providerGlossaries.forget({ provider: provider.id, account: provider.glossaries.account, source: source!, target }, glossaryId);
      got = await translateProtected(provider, missing, glossary, { target, source, formal, glossaryId: null });
    }
    const at = now;
    store.transaction(() => missing.forEach((t, i) => store.translationMemory.put(key(t), got[i]!.text, got[i]!.detected, at)));
    const byText = new Map(missing.map((t, i) => [t, got[i]!]));
    texts.forEach((t, i) => (out[i] ??= byText.get(t)!));
  }
  return out as Translated[];
}

async function translateProtected(
  provider: TranslationProvider,
  texts: string[],
  terms: GlossaryEntry[],
  o: { target: string; source: string | null; formal: boolean | undefined; glossaryId: string | null },
): Promise<Translated[]> {
  // Canned responses' {{variables}} travel like glossary terms: never translated, put back as written.
  const protectedTexts = texts.map((t) => protect(t, [...terms, ...[...new Set(t.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? [])].map((v) => ({ term: v, fixed: {} }))]));
  const raw = await provider.translate({
    texts: protectedTexts.map((p) => p.text),
    target: o.target,
    ...(o.source ? { source: o.source } : {}),
    ...(o.formal !== undefined ? { formal: o.formal } : {}),
    ...(o.glossaryId ? { glossaryId: o.glossaryId } : {}),
  });
  return raw.map((r, i) => ({ ...r, text: protectedTexts[i]!.restore(r.text, o.target) }));
}

/**
 * The id of the glossary the provider holds for this pair, made (and the outdated one removed) when the shop's
 * glossary changed; null where the provider has none for the pair or could not make one (the app's markers
 * keep the terms then).
 */
async function providerGlossary(store: Store, provider: TranslationProvider, source: string, target: string, glossary: GlossaryEntry[], version: number, now: number): Promise<string | null> {
  const g = provider.glossaries;
  const entries = glossary.filter((e) => !/[\t\r\n]/.test(e.term)).map((e): [string, string] => [e.term, (e.fixed[target] ?? e.term).replace(/[\t\r\n]+/g, ' ')]);
  if (!g || entries.length === 0 || !g.supports(source, target)) return null;
  const k = { provider: provider.id, account: g.account, source, target };
  const held = store.providerGlossaries.get(k);
  if (held?.version === version) return held.id;
  let id: string;
  try {
    id = await g.create(source, target, entries);
  } catch {
    return null;
  }
  store.providerGlossaries.put(k, version, id, now);
  if (held) await g.remove(held.id).catch(() => undefined); // an outdated glossary left behind costs nothing but a slot
  return id;
}

/**
 * A conversation's customer messages in `to` (the agent's language by default). Messages already in that
 * language get no translation. A provider that fails leaves every message readable, with the reason.
 */
export async function translateConversation(store: Store, secrets: SecretStore, conversationId: string, to: string | undefined, now: number): Promise<ConversationTranslation> {
  const conversation = store.conversations.get(conversationId);
  if (!conversation) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  const target = to ?? store.appSettings.get().translation.agentLanguage;
  const source = conversation.language;
  const messages = store.messages.listForConversation(conversationId);
  const wanted = messages.filter((m) => m.direction === 'in' && m.text.trim() !== '' && source !== target);
  const base = messages.map((m) => ({ id: m.id, language: m.direction === 'in' ? source : (m.original ? conversation.language : null), text: m.text }));
  if (wanted.length === 0) return { target, messages: base.map((m) => ({ ...m, translation: null, state: 'done' as const })) };
  let provider: TranslationProvider;
  let translated: Translated[];
  try {
    provider = currentProvider(store, secrets);
    translated = await translateTexts(store, provider, wanted.map((m) => m.text), target, source, now);
  } catch (err) {
    const e = err instanceof CoreError ? err : new CoreError('INTERNAL', (err as Error).message);
    const state = e.code === 'UNREACHABLE' || e.code === 'TIMEOUT' || e.code === 'TEMPORARY' || e.code === 'RATE_LIMITED' ? ('queued' as const) : ('failed' as const);
    const ids = new Set(wanted.map((m) => m.id));
    return { target, messages: base.map((m) => (ids.has(m.id) ? { ...m, translation: null, state, error: e.message } : { ...m, translation: null, state: 'done' as const })) };
  }
  const byId = new Map(wanted.map((m, i) => [m.id, translated[i]!]));
  const name = PROVIDER_NAMES[provider.id as ProviderId];
  return {
    target,
    messages: base.map((m) => {
      const t = byId.get(m.id);
      return { ...m, language: t?.detected ?? m.language, translation: t ? { language: target, text: t.text, provider: name } : null, state: 'done' as const };
    }),
  };
}

/** The agent's draft in the customer's language, to check and edit before sending. */
export async function translateDraft(store: Store, secrets: SecretStore, conversationId: string, text: string, now: number): Promise<{ text: string; language: string; provider: string }> {
  const conversation = store.conversations.get(conversationId);
  if (!conversation) throw new CoreError('NOT_FOUND', 'Conversation not found.');
  const target = conversation.language;
  if (!target) throw new CoreError('INVALID_INPUT', "The customer's language is not known yet: set it on the conversation, or reply in your own words.");
  const agent = store.appSettings.get().translation.agentLanguage;
  const provider = currentProvider(store, secrets);
  const [t] = await translateTexts(store, provider, [text], target, agent === target ? null : agent, now);
  return { text: t!.text, language: target, provider: PROVIDER_NAMES[provider.id] };
}
