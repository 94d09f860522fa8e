// DeepL API v2 (developers.deepl.com: "Translate text", "Error handling", "Usage and quota"): POST /v2/translate
// with `Authorization: DeepL-Auth-Key`, `text` as an array, `target_lang` (EN and PT need a variant),
// `source_lang`, `formality`. 403 bad key, 456 quota exceeded, 429 too many requests.
import { CoreError } from '../../errors.js';
import { providerFetch } from '../../channels/provider-fetch.js';
import { baseTag, retryAfterOf, TranslationAuthError, TranslationQuotaError, TranslationRateLimit, type TranslateRequest, type Translated, type TranslationProvider } from '../provider.js';

/** Free keys end in ":fx" and use the api-free host. */
export const deeplUrl = (key: string) => (key.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');

const TARGETS: Record<string, string> = { en: 'EN-US', pt: 'PT-BR', zh: 'ZH-HANS' };
/** Languages DeepL accepts `formality` for. */
const FORMALITY = new Set(['de', 'fr', 'it', 'es', 'nl', 'pl', 'pt', 'ru', 'ja']);

export class DeepLProvider implements TranslationProvider {
  readonly id = 'deepl' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  async translate(req: TranslateRequest): Promise<Translated[]> {
    const body: Record<string, unknown> = { text: req.texts, target_lang: TARGETS[req.target] ?? req.target.toUpperCase() };
    if (req.source) body.source_lang = req.source.toUpperCase();
    if (req.formal !== undefined && FORMALITY.has(req.target)) body.formality = req.formal ? 'prefer_more' : 'prefer_less';
    const res = await providerFetch('DeepL', `${this.baseUrl.replace(/\/+$/, '')}/v2/translate`, {
      method: 'POST',
      headers: { authorization: `DeepL-Auth-Key ${this.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, false);
    const answer = (await res.json().catch(() => ({}))) as { translations?: Array<{ text: string; detected_source_language?: string }>; message?: string };
    if (res.ok && answer.translations) return answer.translations.map((t) => ({ text: t.text, detected: baseTag(t.detected_source_language) }));
    const detail = answer.message ?? `HTTP ${res.status}`;
    if (res.status === 403 || res.status === 401) throw new TranslationAuthError(`DeepL rejected the API key (${detail}). Check it in the translation settings.`);
    if (res.status === 456) throw new TranslationQuotaError(`DeepL: this month's character quota is used up (${detail}). Raise it in your DeepL account, or choose another provider.`);
    if (res.status === 429) throw new TranslationRateLimit(retryAfterOf(res), `DeepL: too many requests (${detail}); tried again shortly.`);
    if (res.status >= 500) throw new CoreError('TEMPORARY', `DeepL had a problem (${detail}); tried again later.`);
    throw new CoreError('INVALID_INPUT', `DeepL: ${detail}`);
  }
}
