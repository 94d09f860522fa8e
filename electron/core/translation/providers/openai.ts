// Any OpenAI-compatible chat-completions endpoint (platform.openai.com/docs/api-reference/chat, "Error codes";
// local model servers such as Ollama serve the same path): POST /v1/chat/completions with `model` and
// `messages`, `Authorization: Bearer` (may be empty for a local server). 401 bad key; 429 is either a rate limit
// (retried) or `insufficient_quota` (not retried).
import { CoreError } from '../../errors.js';
import { providerFetch } from '../../channels/provider-fetch.js';
import { retryAfterOf, TranslationAuthError, TranslationQuotaError, TranslationRateLimit, type TranslateRequest, type Translated, type TranslationProvider } from '../provider.js';

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
const nameOf = (tag: string) => {
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

export class OpenAICompatibleProvider implements TranslationProvider {
  readonly id = 'openai' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly key: string | null,
    private readonly model: string,
  ) {}

  async translate(req: TranslateRequest): Promise<Translated[]> {
    const out: Translated[] = [];
    for (const text of req.texts) out.push({ text: await this.one(text, req), detected: req.source ?? null });
    return out;
  }

  private async one(text: string, req: TranslateRequest): Promise<string> {
    const tone = req.formal === undefined ? '' : req.formal ? ' Use the formal, polite address a shop uses with a customer.' : ' Use a friendly, informal address.';
    const system =
      `You translate customer-service messages ${req.source ? `from ${nameOf(req.source)} ` : ''}into ${nameOf(req.target)}.${tone} ` +
      'Keep names, order numbers, tracking numbers, SKUs and links exactly as they are. Answer with the translation only.';
    const res = await providerFetch('The AI model server', `${this.baseUrl.replace(/\/+$/, '')}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.key ? { authorization: `Bearer ${this.key}` } : {}) },
      body: JSON.stringify({ model: this.model, temperature: 0, messages: [{ role: 'system', content: system }, { role: 'user', content: text }] }),
    }, false);
    const answer = (await res.json().catch(() => ({}))) as { choices?: Array<{ message?: { content?: string } }>; error?: { message?: string; type?: string; code?: string } };
    const content = answer.choices?.[0]?.message?.content;
    if (res.ok && typeof content === 'string') return content.trim();
    const detail = answer.error?.message ?? `HTTP ${res.status}`;
    if (res.status === 401) throw new TranslationAuthError(`The AI model server rejected the API key (${detail}). Check it in the translation settings.`);
    if (res.status === 429 && (answer.error?.code === 'insufficient_quota' || answer.error?.type === 'insufficient_quota')) {
      throw new TranslationQuotaError(`The AI model account has no credit left (${detail}). Add credit, or choose another provider.`);
    }
    if (res.status === 429) throw new TranslationRateLimit(retryAfterOf(res, 20_000), `The AI model server asks to slow down (${detail}); tried again shortly.`);
    if (res.status === 404) throw new CoreError('INVALID_INPUT', `The AI model server does not know the model "${this.model}" (${detail}).`);
    if (res.status >= 500) throw new CoreError('TEMPORARY', `The AI model server had a problem (${detail}); tried again later.`);
    throw new CoreError('INVALID_INPUT', `The AI model server: ${detail}`);
  }
}
