// DeepL API v2 (developers.deepl.com: "Translate text", "Monolingual glossaries (v2 endpoints)", "Error
// handling", "Usage and quota"): POST /v2/translate with `Authorization: DeepL-Auth-Key`, `text` as an array,
// `target_lang` (EN and PT need a variant), `source_lang`, `formality`, `glossary_id` (which needs
// `source_lang`); POST /v2/glossaries with TSV entries → 201 `{glossary_id, ready}`, DELETE
// /v2/glossaries/{id} → 204. 403 bad key, 456 quota exceeded, 429 too many requests.
import { createHash } from 'node:crypto';
import { CoreError } from '../../errors.js';
import { providerFetch } from '../../channels/provider-fetch.js';
import {
  baseTag,
  GlossaryGoneError,
  retryAfterOf,
  TranslationAuthError,
  TranslationQuotaError,
  TranslationRateLimit,
  type ProviderGlossaries,
  type TranslateRequest,
  type Translated,
  type TranslationProvider,
} from '../provider.js';

/** Free keys end in ":fx" and use the api-free host. */
export const deeplUrl = (key: string) => (key.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');

const TARGETS: Record<string, string> = { en: 'EN-US', pt: 'PT-BR', zh: 'ZH-HANS' };
/** Languages DeepL accepts `formality` for. */
const FORMALITY = new Set(['de', 'fr', 'it', 'es', 'nl', 'pl', 'pt', 'ru', 'ja']);
/** Languages DeepL v2 glossaries can be made between (any two of them). */
const GLOSSARY_LANGUAGES = new Set(['da', 'de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh']);

export class DeepLProvider implements TranslationProvider {
  readonly id = 'deepl' as const;
  readonly glossaries: ProviderGlossaries;
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly key: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.glossaries = {
      account: createHash('sha256').update(`${this.base}\n${key}`).digest('hex').slice(0, 16),
      supports: (source, target) => source !== target && GLOSSARY_LANGUAGES.has(source) && GLOSSARY_LANGUAGES.has(target),
      create: (source, target, entries) => this.createGlossary(source, target, entries),
      remove: (id) => this.removeGlossary(id),
    };
  }

  /** `creates`: the request makes something on DeepL's side, so it is not repeated blindly. */
  private request(path: string, init: RequestInit, creates: boolean) {
    return providerFetch('DeepL', `${this.base}${path}`, { ...init, headers: { authorization: `DeepL-Auth-Key ${this.key}`, 'content-type': 'application/json' } }, creates);
  }

  async translate(req: TranslateRequest): Promise<Translated[]> {
    const body: Record<string, unknown> = { text: req.texts, target_lang: TARGETS[req.target] ?? req.target.toUpperCase() };
    if (req.source) body.source_lang = req.source.toUpperCase();
    if (req.formal !== undefined && FORMALITY.has(req.target)) body.formality = req.formal ? 'prefer_more' : 'prefer_less';
    if (req.glossaryId && req.source) body.glossary_id = req.glossaryId;
    const res = await this.request('/v2/translate', { method: 'POST', body: JSON.stringify(body) }, false);
    const answer = (await res.json().catch(() => ({}))) as { translations?: Array<{ text: string; detected_source_language?: string }>; message?: string };
    if (res.ok && answer.translations) return answer.translations.map((t) => ({ text: t.text, detected: baseTag(t.detected_source_language) }));
    if (body.glossary_id && (res.status === 404 || (res.status === 400 && /glossary/i.test(answer.message ?? '')))) {
      throw new GlossaryGoneError(`DeepL cannot use the shop's glossary (${answer.message ?? `HTTP ${res.status}`}).`);
    }
    throw this.failure(res, answer.message);
  }

  private async createGlossary(source: string, target: string, entries: Array<[string, string]>): Promise<string> {
    const res = await this.request(
      '/v2/glossaries',
      {
        method: 'POST',
        body: JSON.stringify({
          name: `Shop glossary ${source}→${target}`,
          source_lang: source,
          target_lang: target,
          entries: entries.map(([from, to]) => `${from}\t${to}`).join('\n'),
          entries_format: 'tsv',
        }),
      },
      true,
    );
    const answer = (await res.json().catch(() => ({}))) as { glossary_id?: string; ready?: boolean; message?: string };
    if (res.ok && answer.glossary_id) return answer.glossary_id;
    throw this.failure(res, answer.message);
  }

  private async removeGlossary(id: string): Promise<void> {
    const res = await this.request(`/v2/glossaries/${encodeURIComponent(id)}`, { method: 'DELETE' }, false);
    if (res.ok || res.status === 404) return; // already gone is what was wanted
    const answer = (await res.json().catch(() => ({}))) as { message?: string };
    throw this.failure(res, answer.message);
  }

  private failure(res: Response, message: string | undefined): CoreError {
    const detail = message ?? `HTTP ${res.status}`;
    if (res.status === 403 || res.status === 401) return new TranslationAuthError(`DeepL rejected the API key (${detail}). Check it in the translation settings.`);
    if (res.status === 456) return new TranslationQuotaError(`DeepL: this month's character quota is used up (${detail}). Raise it in your DeepL account, or choose another provider.`);
    if (res.status === 429) return new TranslationRateLimit(retryAfterOf(res), `DeepL: too many requests (${detail}); tried again shortly.`);
    if (res.status >= 500) return new CoreError('TEMPORARY', `DeepL had a problem (${detail}); tried again later.`);
    return new CoreError('INVALID_INPUT', `DeepL: ${detail}`);
  }
}
