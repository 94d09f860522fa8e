// Contract servers for the four translation providers, written from their documentation (see README.md): the
// same paths, auth, request and response fields and error bodies. What they "translate" comes from a small
// phrase table (so tests can read real sentences) and otherwise is marked `⟨target⟩ text`.
import http from 'node:http';
import { listenControllable, type Controllable } from '../controllable-server.js';

const PHRASES: Record<string, Record<string, string>> = {
  '¿Dónde está mi pedido? Lo compré hace dos semanas.': { zh: '我的订单在哪里？我两周前买的。', en: 'Where is my order? I bought it two weeks ago.' },
  'Wo ist meine Bestellung?': { zh: '我的订单在哪里？', en: 'Where is my order?' },
  '您的包裹明天到达。': { es: 'Su paquete llega mañana.', de: 'Ihr Paket kommt morgen an.' },
  'Thank you for your order.': { es: 'Gracias por su pedido.', zh: '感谢您的订购。', de: 'Vielen Dank für Ihre Bestellung.' },
};

const SOURCES: Record<string, string> = {
  '¿Dónde está mi pedido? Lo compré hace dos semanas.': 'es',
  'Wo ist meine Bestellung?': 'de',
  '您的包裹明天到达。': 'zh',
  'Thank you for your order.': 'en',
};

export function fakeTranslate(text: string, target: string): string {
  return PHRASES[text]?.[target] ?? `⟨${target}⟩ ${text}`;
}
export const fakeDetect = (text: string) => SOURCES[text] ?? 'en';

export interface TranslationServer extends Controllable {
  key: string;
  /** Texts each call asked for, in order. */
  requests: Array<{ texts: string[]; target: string; source?: string; formality?: string; system?: string; glossaryId?: string }>;
  /** The account's quota is used up (DeepL 456, Google dailyLimitExceeded, OpenAI insufficient_quota). */
  exhaust(on: boolean): void;
  /** The next `n` calls are rate limited (429). */
  rateLimit(n: number): void;
}

type Handler = (req: http.IncomingMessage, url: URL, body: string, state: State) => { status: number; body: unknown; headers?: Record<string, string> };
interface State {
  key: string;
  exhausted: boolean;
  limited: number;
  requests: TranslationServer['requests'];
}

async function start(handler: Handler, key: string, latencyMs = 0): Promise<TranslationServer> {
  const state: State = { key, exhausted: false, limited: 0, requests: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const a = handler(req, url, Buffer.concat(chunks).toString('utf8'), state);
      // A provider far away: the answer takes `latencyMs` (fault tests aim kills at a translation in flight).
      setTimeout(() => (a.status === 204 ? res.writeHead(204).end() : res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) }).end(JSON.stringify(a.body))), latencyMs);
    });
  });
  const control = await listenControllable(server);
  return {
    ...control,
    key,
    requests: state.requests,
    exhaust(on) {
      state.exhausted = on;
    },
    rateLimit(n) {
      state.limited = n;
    },
  };
}

const parse = (body: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
};

export interface DeepLServer extends TranslationServer {
  /** Glossaries the account holds now, by id. */
  glossaries: Map<string, { source: string; target: string; entries: Map<string, string> }>;
  /** Every glossary ever created here, in order (ids), and those deleted. */
  created: string[];
  deleted: string[];
}

const GLOSSARY_LANGUAGES = new Set(['DA', 'DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'NB', 'NL', 'PL', 'PT', 'RU', 'SV', 'ZH']);

/**
 * DeepL API v2: POST /v2/translate, `Authorization: DeepL-Auth-Key`, 403 / 456 / 429, `{message}`; glossaries:
 * POST /v2/glossaries (TSV or CSV entries) → 201, DELETE /v2/glossaries/{id} → 204, `glossary_id` in a
 * translation (which needs `source_lang`).
 */
export async function startDeepLServer(options: { latencyMs?: number } = {}): Promise<DeepLServer> {
  const glossaries: DeepLServer['glossaries'] = new Map();
  const created: string[] = [];
  const deleted: string[] = [];
  let next = 1;
  const server = await start((req, url, raw, s) => {
    if (req.headers.authorization !== `DeepL-Auth-Key ${s.key}`) return { status: 403, body: { message: 'Authorization failed. Please supply a valid auth_key parameter.' } };
    const glossaryPath = /^\/v2\/glossaries(?:\/([^/]+))?$/.exec(url.pathname);
    if (glossaryPath) {
      const id = glossaryPath[1] ? decodeURIComponent(glossaryPath[1]) : null;
      if (req.method === 'DELETE' && id) {
        if (!glossaries.delete(id)) return { status: 404, body: { message: 'Glossary not found' } };
        deleted.push(id);
        return { status: 204, body: '' };
      }
      if (req.method !== 'POST' || id) return { status: 405, body: { message: 'Method not allowed' } };
      const b = parse(raw);
      const source = typeof b?.source_lang === 'string' ? b.source_lang.toUpperCase() : '';
      const target = typeof b?.target_lang === 'string' ? b.target_lang.toUpperCase() : '';
      if (!b || typeof b.name !== 'string' || !source || !target || typeof b.entries !== 'string') return { status: 400, body: { message: 'Missing or invalid argument: name, source_lang, target_lang and entries are required.' } };
      if (!GLOSSARY_LANGUAGES.has(source) || !GLOSSARY_LANGUAGES.has(target) || source === target) return { status: 400, body: { message: 'Unsupported glossary source and target language pair' } };
      const format = b.entries_format ?? 'tsv';
      if (format !== 'tsv' && format !== 'csv') return { status: 400, body: { message: "Value for 'entries_format' not supported." } };
      const entries = new Map<string, string>();
      for (const line of b.entries.split('\n').filter((l) => l.trim())) {
        const parts = line.split(format === 'tsv' ? '\t' : ',');
        if (parts.length !== 2 || !parts[0]!.trim() || !parts[1]!.trim() || entries.has(parts[0]!)) return { status: 400, body: { message: 'Invalid glossary entries provided', detail: `Bad entry: ${line}` } };
        entries.set(parts[0]!, parts[1]!);
      }
      const glossaryId = `def3a26b-3e84-45b3-84ae-${String(next++).padStart(12, '0')}`;
      glossaries.set(glossaryId, { source: source.toLowerCase(), target: target.toLowerCase(), entries });
      created.push(glossaryId);
      return { status: 201, body: { glossary_id: glossaryId, ready: true, name: b.name, source_lang: source.toLowerCase(), target_lang: target.toLowerCase(), creation_time: new Date().toISOString(), entry_count: entries.size } };
    }
    if (req.method !== 'POST' || url.pathname !== '/v2/translate') return { status: 404, body: { message: 'Not found' } };
    if (s.limited > 0) {
      s.limited -= 1;
      return { status: 429, body: { message: 'Too many requests' } };
    }
    if (s.exhausted) return { status: 456, body: { message: 'Quota exceeded. The character limit has been reached.' } };
    const b = parse(raw);
    if (!b) return { status: 400, body: { message: 'Invalid request: the body is not JSON.' } };
    const texts = b.text;
    const target = typeof b.target_lang === 'string' ? b.target_lang : '';
    if (!Array.isArray(texts) || texts.length === 0 || !target) return { status: 400, body: { message: "Value for 'text' not supported." } };
    if (['EN', 'PT'].includes(target)) return { status: 400, body: { message: "Value for 'target_lang' not supported. Use a variant: EN-GB, EN-US, PT-BR or PT-PT." } };
    const formality = typeof b.formality === 'string' ? b.formality : undefined;
    const base = target.toLowerCase().split('-')[0]!;
    let glossary: { source: string; target: string; entries: Map<string, string> } | undefined;
    if (b.glossary_id !== undefined) {
      if (typeof b.source_lang !== 'string') return { status: 400, body: { message: 'Use of a glossary requires the source_lang parameter to be set.' } };
      glossary = glossaries.get(String(b.glossary_id));
      if (!glossary) return { status: 404, body: { message: 'Glossary not found' } };
      if (glossary.source !== b.source_lang.toLowerCase() || glossary.target !== base) return { status: 400, body: { message: "The glossary's language pair does not match the request." } };
    }
    s.requests.push({
      texts: texts as string[],
      target: base,
      ...(typeof b.source_lang === 'string' ? { source: b.source_lang.toLowerCase() } : {}),
      ...(formality ? { formality } : {}),
      ...(glossary ? { glossaryId: String(b.glossary_id) } : {}),
    });
    // The glossary's wording replaces its terms in the translation.
    const apply = (t: string) => [...(glossary?.entries ?? [])].reduce((out, [from, to]) => out.split(from).join(to), t);
    return { status: 200, body: { translations: (texts as string[]).map((t) => ({ detected_source_language: (typeof b.source_lang === 'string' ? b.source_lang : fakeDetect(t)).toUpperCase(), text: apply(fakeTranslate(t, base)) })) } };
  }, 'f63c02c5-f056-4f6c-8bb8-0a1f1f1f1f1f:fx', options.latencyMs);
  return Object.assign(server, { glossaries, created, deleted });
}

/** Google Cloud Translation v2: POST /language/translate/v2?key=, `{data: {translations}}`, `{error: {code, message, errors: [{reason}]}}`. */
export function startGoogleServer(): Promise<TranslationServer> {
  const error = (code: number, reason: string, message: string, status: string) => ({ status: code, body: { error: { code, message, errors: [{ message, domain: 'global', reason }], status } } });
  return start((req, url, raw, s) => {
    if (req.method !== 'POST' || url.pathname !== '/language/translate/v2') return error(404, 'notFound', 'Not Found', 'NOT_FOUND');
    if (url.searchParams.get('key') !== s.key) return error(400, 'badRequest', 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT');
    if (s.limited > 0) {
      s.limited -= 1;
      return error(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', 'PERMISSION_DENIED');
    }
    if (s.exhausted) return error(403, 'dailyLimitExceeded', 'Daily Limit Exceeded', 'PERMISSION_DENIED');
    const b = parse(raw);
    const q = typeof b?.q === 'string' ? [b.q] : b?.q;
    const target = typeof b?.target === 'string' ? b.target : '';
    if (!Array.isArray(q) || !target) return error(400, 'invalid', 'Invalid Value', 'INVALID_ARGUMENT');
    const base = target.toLowerCase().split('-')[0]!;
    s.requests.push({ texts: q as string[], target: base, ...(typeof b!.source === 'string' ? { source: b!.source } : {}) });
    // Google answers HTML entities for some characters (&#39;) unless asked for format=text; this server always does.
    return { status: 200, body: { data: { translations: (q as string[]).map((t) => ({ translatedText: fakeTranslate(t, base).replace(/'/g, '&#39;'), ...(b!.source ? {} : { detectedSourceLanguage: fakeDetect(t) }) })) } } };
  }, 'AIzaSyD-test-key-for-contract-server-000');
}

/** LibreTranslate: POST /translate, `api_key` in the body, `{translatedText, detectedLanguage}`, `{error}`. */
export function startLibreTranslateServer(): Promise<TranslationServer> {
  return start((req, url, raw, s) => {
    if (req.method !== 'POST' || url.pathname !== '/translate') return { status: 404, body: { error: 'Not Found' } };
    const b = parse(raw);
    if (!b) return { status: 400, body: { error: 'Invalid request: missing q parameter' } };
    if (b.api_key !== s.key) return { status: 403, body: { error: 'Invalid API key' } };
    if (s.limited > 0) {
      s.limited -= 1;
      return { status: 429, body: { error: 'Too many request limits violations' } };
    }
    const q = typeof b.q === 'string' ? [b.q] : b.q;
    if (!Array.isArray(q) || typeof b.target !== 'string') return { status: 400, body: { error: 'Invalid request: missing q parameter' } };
    const target = b.target.split('-')[0]!;
    const auto = b.source === 'auto' || b.source === undefined;
    s.requests.push({ texts: q as string[], target, ...(auto ? {} : { source: String(b.source) }) });
    const out = (q as string[]).map((t) => fakeTranslate(t, target));
    const detected = (q as string[]).map((t) => ({ confidence: 90, language: fakeDetect(t) }));
    return { status: 200, body: typeof b.q === 'string' ? { translatedText: out[0], ...(auto ? { detectedLanguage: detected[0] } : {}) } : { translatedText: out, ...(auto ? { detectedLanguage: detected } : {}) } };
  }, 'lt-key-1234');
}

/** OpenAI-compatible chat completions: POST /v1/chat/completions, `Authorization: Bearer`, `{choices}`, `{error}`. */
export function startOpenAIServer(): Promise<TranslationServer> {
  const error = (status: number, message: string, type: string, code: string | null) => ({ status, body: { error: { message, type, param: null, code } } });
  return start((req, url, raw, s) => {
    if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') return error(404, 'Not found', 'invalid_request_error', null);
    if (req.headers.authorization !== `Bearer ${s.key}`) return error(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    if (s.limited > 0) {
      s.limited -= 1;
      return { ...error(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), headers: { 'retry-after': '1' } };
    }
    if (s.exhausted) return error(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota');
    const b = parse(raw) as { model?: string; messages?: Array<{ role: string; content: string }> } | null;
    if (!b?.model || !Array.isArray(b.messages)) return error(400, "'model' and 'messages' are required", 'invalid_request_error', null);
    if (b.model !== 'qwen2.5:7b') return error(404, `The model \`${b.model}\` does not exist`, 'invalid_request_error', 'model_not_found');
    const system = b.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = b.messages.find((m) => m.role === 'user')?.content ?? '';
    const lang = /into (\w+)/.exec(system)?.[1] ?? 'English';
    const tag = ({ Chinese: 'zh', Spanish: 'es', English: 'en', German: 'de', French: 'fr', Japanese: 'ja' } as Record<string, string>)[lang] ?? 'en';
    s.requests.push({ texts: [user], target: tag, system });
    return {
      status: 200,
      body: { id: 'chatcmpl-1', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: b.model, choices: [{ index: 0, message: { role: 'assistant', content: fakeTranslate(user, tag) }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } },
    };
  }, 'sk-test-0123456789');
}
