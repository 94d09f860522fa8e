// Google Cloud Translation Basic (v2) (cloud.google.com/translate/docs/reference/rest/v2/translate, "Handling
// errors"): POST /language/translate/v2?key=… with `q` (an array), `target`, `source`, `format: text`; answers
// `data.translations[]`; errors `{error: {code, message, errors: [{reason}]}}` — keyInvalid, dailyLimitExceeded,
// userRateLimitExceeded, rateLimitExceeded.
import { CoreError } from '../../errors.js';
import { providerFetch } from '../../channels/provider-fetch.js';
import { baseTag, TranslationAuthError, TranslationQuotaError, TranslationRateLimit, type TranslateRequest, type Translated, type TranslationProvider } from '../provider.js';

export const GOOGLE_URL = 'https://translation.googleapis.com';
const TARGETS: Record<string, string> = { zh: 'zh-CN' };

/** Google returns HTML entities in translatedText even for format=text in some cases (&#39;): undo the common ones. */
const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export class GoogleProvider implements TranslationProvider {
  readonly id = 'google' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  async translate(req: TranslateRequest): Promise<Translated[]> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/language/translate/v2?key=${encodeURIComponent(this.key)}`;
    const body: Record<string, unknown> = { q: req.texts, target: TARGETS[req.target] ?? req.target, format: 'text' };
    if (req.source) body.source = TARGETS[req.source] ?? req.source;
    const res = await providerFetch('Google Translate', url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, false);
    const answer = (await res.json().catch(() => ({}))) as {
      data?: { translations?: Array<{ translatedText: string; detectedSourceLanguage?: string }> };
      error?: { code?: number; message?: string; errors?: Array<{ reason?: string }> };
    };
    const list = answer.data?.translations;
    if (res.ok && list) return list.map((t) => ({ text: unescape(t.translatedText), detected: baseTag(t.detectedSourceLanguage) ?? req.source ?? null }));
    const reason = answer.error?.errors?.[0]?.reason ?? '';
    const detail = answer.error?.message ?? `HTTP ${res.status}`;
    if (reason === 'keyInvalid' || res.status === 401 || (res.status === 400 && /api key/i.test(detail))) throw new TranslationAuthError(`Google rejected the API key (${detail}). Check it in the translation settings.`);
    if (reason === 'dailyLimitExceeded' || reason === 'quotaExceeded') throw new TranslationQuotaError(`Google Translate: the daily quota is used up (${detail}). Raise it in the Cloud console, or wait until tomorrow.`);
    if (reason === 'userRateLimitExceeded' || reason === 'rateLimitExceeded' || res.status === 429) throw new TranslationRateLimit(60_000, `Google Translate: too many requests (${detail}); tried again in a minute.`);
    if (res.status === 403) throw new TranslationAuthError(`Google refused the request (${detail}): is the Cloud Translation API enabled for this key's project?`);
    if (res.status >= 500) throw new CoreError('TEMPORARY', `Google Translate had a problem (${detail}); tried again later.`);
    throw new CoreError('INVALID_INPUT', `Google Translate: ${detail}`);
  }
}
