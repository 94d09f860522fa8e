// One interface for every machine-translation provider the app can use (DeepL, Google Cloud Translation v2,
// LibreTranslate, any OpenAI-compatible chat-completions server), and the errors they share.
import { CoreError } from '../errors.js';

export const PROVIDER_IDS = ['deepl', 'google', 'libretranslate', 'openai'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  deepl: 'DeepL',
  google: 'Google Translate',
  libretranslate: 'LibreTranslate',
  openai: 'AI model',
};

export interface TranslateRequest {
  texts: string[];
  /** BCP 47 base tag (en, zh, pt ...) */
  target: string;
  /** Known source language, or undefined to let the provider detect it. */
  source?: string;
  /** Formal address (Sie, vous, です/ます ...) where the provider can be told. */
  formal?: boolean;
  /** A glossary the provider holds for this language pair (needs `source`). */
  glossaryId?: string;
}

/** A provider that keeps glossaries of its own (DeepL): the shop's terms sent once per language pair. */
export interface ProviderGlossaries {
  /** Which account at the provider glossaries belong to (they are not visible with another key). */
  readonly account: string;
  supports(source: string, target: string): boolean;
  /** Creates a glossary of [term, wording in the target language] pairs and returns its id. */
  create(source: string, target: string, entries: Array<[string, string]>): Promise<string>;
  remove(id: string): Promise<void>;
}

/** The glossary a translation named is gone from the provider (deleted elsewhere, or not ready): make it again. */
export class GlossaryGoneError extends CoreError {
  constructor(message: string) {
    super('TEMPORARY', message);
  }
}

export interface Translated {
  text: string;
  /** The source language the provider found (base tag), when it says. */
  detected: string | null;
}

export interface TranslationProvider {
  readonly id: ProviderId;
  translate(req: TranslateRequest): Promise<Translated[]>;
  readonly glossaries?: ProviderGlossaries;
}

/** The provider refused the key: fix it in the settings (never retried). */
export class TranslationAuthError extends CoreError {
  constructor(message: string) {
    super('AUTH_FAILED', message);
  }
}

/** The account's quota or credit is used up: waiting a minute will not help. */
export class TranslationQuotaError extends CoreError {
  constructor(message: string) {
    super('SEND_REJECTED', message);
  }
}

/** Too many requests: try again after `retryAfterMs`. */
export class TranslationRateLimit extends CoreError {
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super('RATE_LIMITED', message);
  }
}

/** A base tag from whatever a provider answers (EN-US, pt-BR, zh-CN, ZH-HANS → en, pt, zh). */
export const baseTag = (code: string | null | undefined): string | null => (code ? code.toLowerCase().split(/[-_]/)[0]! : null);

export function retryAfterOf(res: Response, fallbackMs = 30_000): number {
  const s = Number(res.headers.get('retry-after'));
  return Number.isFinite(s) && s > 0 ? s * 1000 : fallbackMs;
}
