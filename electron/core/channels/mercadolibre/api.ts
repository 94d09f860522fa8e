// Mercado Libre's post-sale messaging API and the OAuth refresh it needs, as this app uses them
// (developers.mercadolibre.com: "Mensajería posventa / Gestión de mensajes", "Mensajes pendientes",
// "Mensajes bloqueados", "Autenticación y autorización"). Access tokens live six hours; each refresh returns a
// new refresh token and the old one stops working, so the pair is saved (flushed to disk) before the new
// access token is used. Errors answer `{ message, error, status, cause }` and become CoreErrors.
import { CoreError, PermanentError } from '../../errors.js';
import { providerFetch } from '../provider-fetch.js';

export const MELI_API = 'https://api.mercadolibre.com';
/** A post-sale message carries at most 350 characters. */
export const MAX_TEXT = 350;
export const PAGE_LIMIT = 50;

export interface MeliMessage {
  id: string;
  site_id?: string;
  from: { user_id: number | string };
  to: { user_id: number | string };
  status?: string;
  subject?: string | null;
  text: string;
  message_date: { received?: string | null; available?: string | null; notified?: string | null; created?: string | null; read?: string | null };
  message_moderation?: { status?: string; reason?: string | null };
  message_attachments?: Array<{ filename: string; original_filename?: string; type?: string; size?: number }> | null;
  message_resources?: Array<{ id: string; name: string }>;
}

export interface ConversationStatus {
  status: 'active' | 'blocked' | string;
  substatus: string | null;
  status_date?: string;
  path?: string;
}

export interface PackPage {
  paging: { limit: number; offset: number; total: number };
  conversation_status?: ConversationStatus;
  messages: MeliMessage[];
}

export interface MeliTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
  userId?: number;
}

/** Where the token pair lives: it must be saved, durably, before the new access token is used. */
export interface TokenStore {
  load(): MeliTokens;
  save(tokens: MeliTokens): void;
}

export class MeliRateLimit extends CoreError {
  constructor(
    readonly retryAfterMs: number,
    detail: string,
  ) {
    super('RATE_LIMITED', `Mercado Libre: ${detail}`);
  }
}

interface MeliErrorBody {
  message?: string;
  error?: string;
  error_description?: string;
  status?: number;
  cause?: unknown[];
}

export class MeliApi {
  private readonly base: string;
  private renewing: Promise<string> | null = null;

  constructor(
    baseUrl: string,
    private readonly client: { clientId: string; clientSecret: string },
    private readonly tokens: TokenStore,
    private readonly now: () => number = Date.now,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** The seller behind the token: id, nickname, site. */
  me(): Promise<{ id: number; nickname: string; site_id?: string }> {
    return this.call('GET', '/users/me');
  }

  /** A user's public profile (a buyer's nickname). */
  user(id: number | string): Promise<{ id: number; nickname?: string }> {
    return this.call('GET', `/users/${encodeURIComponent(String(id))}`);
  }

  /** The packs with messages the seller has not read: `/packs/<pack>/sellers/<seller>` and a count each. */
  unread(): Promise<{ results: Array<{ resource: string; count: number }> }> {
    return this.call('GET', '/messages/unread?role=seller&tag=post_sale');
  }

  /** One page of a pack's messages, without marking them read (unless asked). */
  pack(packId: string, sellerId: string, offset: number, markAsRead = false, limit = PAGE_LIMIT): Promise<PackPage> {
    const q = new URLSearchParams({ tag: 'post_sale', limit: String(limit), offset: String(offset) });
    if (!markAsRead) q.set('mark_as_read', 'false');
    return this.call('GET', `/messages/packs/${encodeURIComponent(packId)}/sellers/${encodeURIComponent(sellerId)}?${q}`);
  }

  send(packId: string, sellerId: string, buyerId: string, text: string): Promise<MeliMessage> {
    return this.call('POST', `/messages/packs/${encodeURIComponent(packId)}/sellers/${encodeURIComponent(sellerId)}?tag=post_sale`, {
      from: { user_id: sellerId },
      to: { user_id: buyerId },
      text,
    });
  }

  /** The bytes of a file a buyer attached. */
  async attachment(filename: string): Promise<Buffer> {
    const token = await this.accessToken();
    const res = await this.fetch(`${this.base}/messages/attachments/${encodeURIComponent(filename)}?tag=post_sale`, { headers: { authorization: `Bearer ${token}` } }, false);
    if (!res.ok) throw errorOf(res, (await res.json().catch(() => ({}))) as MeliErrorBody, 'downloading an attachment');
    return Buffer.from(await res.arrayBuffer());
  }

  /** A valid access token; a renewal rotates the refresh token, saved before the new access token is used. */
  async accessToken(): Promise<string> {
    const t = this.tokens.load();
    if (t.accessToken && t.expiresAt - 5 * 60_000 > this.now()) return t.accessToken;
    this.renewing ??= this.renew(t.refreshToken).finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  /** Exchanges the refresh token for a new pair (the old refresh token stops working). */
  async renew(refreshToken: string): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: this.client.clientId, client_secret: this.client.clientSecret, refresh_token: refreshToken });
    const res = await this.fetch(`${this.base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: body.toString() }, false);
    const answer = (await res.json().catch(() => ({}))) as MeliErrorBody & { access_token?: string; refresh_token?: string; expires_in?: number; user_id?: number };
    if (res.ok && answer.access_token && answer.refresh_token) {
      const tokens: MeliTokens = { accessToken: answer.access_token, refreshToken: answer.refresh_token, expiresAt: this.now() + (answer.expires_in ?? 21_600) * 1000, ...(answer.user_id ? { userId: answer.user_id } : {}) };
      // Saved first: the old refresh token is already spent.
      this.tokens.save(tokens);
      return tokens.accessToken;
    }
    if (answer.error === 'invalid_grant') {
      throw new PermanentError('AUTH_FAILED', `Mercado Libre no longer accepts the refresh token (${answer.error_description ?? answer.message ?? answer.error}). Authorize the app again and connect the account with the new token.`);
    }
    if (answer.error === 'invalid_client' || res.status === 401) {
      throw new PermanentError('AUTH_FAILED', `Mercado Libre rejected the app's client ID or secret (${answer.error_description ?? answer.message ?? `HTTP ${res.status}`}).`);
    }
    throw errorOf(res, answer, 'renewing the access token');
  }

  private async call<T>(method: 'GET' | 'POST', pathAndQuery: string, body?: object, retried = false): Promise<T> {
    const token = await this.accessToken();
    const res = await this.fetch(
      `${this.base}${pathAndQuery}`,
      { method, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) },
      method === 'POST',
    );
    const text = await res.text();
    let answer: unknown;
    try {
      answer = text ? JSON.parse(text) : undefined;
    } catch {
      if (res.ok) throw new CoreError('TEMPORARY', `Mercado Libre answered with HTTP ${res.status} and no readable body.`);
    }
    if (res.ok) return answer as T;
    if (res.status === 401 && !retried) {
      // Revoked or expired early: renew once (the stored pair says which refresh token is current).
      const t = this.tokens.load();
      this.tokens.save({ ...t, expiresAt: 0 });
      return this.call(method, pathAndQuery, body, true);
    }
    throw errorOf(res, (answer ?? {}) as MeliErrorBody, `${method} ${pathAndQuery.split('?')[0]}`);
  }

  private fetch(url: string, init: RequestInit, sending: boolean): Promise<Response> {
    return providerFetch('Mercado Libre', url, init, sending);
  }
}

/** Why a blocked conversation is closed, in the agent's words (from "Mensajes bloqueados"). */
export const BLOCKED_REASONS: Record<string, string> = {
  blocked_by_time: 'more than 30 days have passed since the last message; the buyer can reopen it by writing',
  blocked_by_buyer: 'the buyer chose not to receive messages',
  bloqued_by_mediation: 'a mediation between the buyer and you is open: answer it in the claim',
  blocked_by_mediation: 'a mediation between the buyer and you is open: answer it in the claim',
  blocked_by_fulfillment: 'a Fulfillment sale: messages open when the package is delivered',
  blocked_by_payment: 'the buyer has not paid yet',
  blocked_by_cancelled_order: 'the order was cancelled',
};

/** Mercado Libre's error answers as the app's errors. */
export function errorOf(res: Response, body: MeliErrorBody, doing: string): CoreError {
  const detail = body.message || body.error_description || body.error || `HTTP ${res.status}`;
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after'));
    return new MeliRateLimit(Number.isFinite(after) && after > 0 ? after * 1000 : 60_000, `${detail} (at most 500 requests a minute; retried later)`);
  }
  if (res.status === 401) return new PermanentError('AUTH_FAILED', `Mercado Libre rejected the access token (${detail}). Connect the account again.`);
  if (res.status === 403) {
    const reason = Object.keys(BLOCKED_REASONS).find((k) => detail.includes(k) || JSON.stringify(body.cause ?? '').includes(k));
    if (reason) return new PermanentError('SEND_REJECTED', `Mercado Libre does not deliver messages in this conversation now: ${BLOCKED_REASONS[reason]}.`);
    return new PermanentError('AUTH_FAILED', `Mercado Libre refused ${doing}: ${detail}.`);
  }
  if (res.status === 404) return new PermanentError('NOT_FOUND', `Mercado Libre: ${detail}`);
  if (res.status >= 400 && res.status < 500) return new PermanentError('SEND_REJECTED', `Mercado Libre: ${detail}`);
  return new CoreError('TEMPORARY', `Mercado Libre had a problem ${doing} (${detail}); retried later.`);
}
