// LibreTranslate (self-hostable; docs.libretranslate.com, "API usage"): POST /translate with `q` (a string or an
// array), `source` ("auto" to detect), `target`, `format: text`, `api_key`; answers `translatedText` (and
// `detectedLanguage` for auto); errors `{error}` with 400, 403 (key), 429 (limit), 500.
import { CoreError } from '../../errors.js';
import { providerFetch } from '../../channels/provider-fetch.js';
import { baseTag, retryAfterOf, TranslationAuthError, TranslationRateLimit, type TranslateRequest, type Translated, type TranslationProvider } from '../provider.js';

const CODES: Record<string, string> = { zh: 'zh-Hans' };

export class LibreTranslateProvider implements TranslationProvider {
  readonly id = 'libretranslate' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly key: string | null,
  ) {}

  async translate(req: TranslateRequest): Promise<Translated[]> {
    const body: Record<string, unknown> = { q: req.texts, source: req.source ? (CODES[req.source] ?? req.source) : 'auto', target: CODES[req.target] ?? req.target, format: 'text' };
    if (this.key) body.api_key = this.key;
    const res = await providerFetch('LibreTranslate', `${this.baseUrl.replace(/\/+$/, '')}/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, false);
    type Detected = { language?: string; confidence?: number };
    const answer = (await res.json().catch(() => ({}))) as { translatedText?: string | string[]; detectedLanguage?: Detected | Detected[]; error?: string };
    if (res.ok && answer.translatedText !== undefined) {
      const texts = Array.isArray(answer.translatedText) ? answer.translatedText : [answer.translatedText];
      const detected = Array.isArray(answer.detectedLanguage) ? answer.detectedLanguage : texts.map(() => answer.detectedLanguage as Detected | undefined);
      return texts.map((text, i) => ({ text, detected: baseTag(detected[i]?.language) ?? req.source ?? null }));
    }
    const detail = answer.error ?? `HTTP ${res.status}`;
    if (res.status === 403) throw new TranslationAuthError(`LibreTranslate refused the API key (${detail}). Check it in the translation settings.`);
    if (res.status === 429) throw new TranslationRateLimit(retryAfterOf(res, 60_000), `LibreTranslate: too many requests (${detail}); tried again shortly.`);
    if (res.status >= 500) throw new CoreError('TEMPORARY', `LibreTranslate had a problem (${detail}); tried again later.`);
    throw new CoreError('INVALID_INPUT', `LibreTranslate: ${detail}`);
  }
}
