// eBay's REST Message API (commerce/message/v1) and the OAuth token refresh it needs, as this app uses them
// (developer.ebay.com/api-docs/commerce/message/overview.html; .../static/oauth-refresh-token-request.html).
// Every call carries a User access token (`Authorization: Bearer`); the token lives about two hours and is
// renewed with the long-lived refresh token the seller got for this app. Error answers are
// `{ errors: [{ errorId, domain, category, message, longMessage? }] }`; they become CoreErrors the app knows.
import { CoreError, PermanentError } from '../../errors.js';
import { providerFetch } from '../provider-fetch.js';

export const EBAY_API = 'https://api.ebay.com';
export const EBAY_SANDBOX_API = 'https://api.sandbox.ebay.com';
const MESSAGE_PATH = '/commerce/message/v1';
const TOKEN_PATH = '/identity/v1/oauth2/token';
/** The OAuth scope the Message API asks for. */
export const MESSAGE_SCOPE = 'https://api.ebay.com/oauth/api_scope/commerce.message';
/** sendMessage takes at most 2000 characters of messageText. */
export const MAX_TEXT = 2000;
/** getConversations and getConversation return at most 50 entries a page. */
export const PAGE_LIMIT = 50;

export type ConversationType = 'FROM_MEMBERS' | 'FROM_EBAY';

export interface EbayMedia {
  mediaName?: string;
  mediaType?: string;
  mediaUrl?: string;
}

export interface EbayMessage {
  messageId: string;
  messageBody?: string;
  subject?: string;
  senderUsername?: string;
  recipientUsername?: string;
  /** ISO 8601. */
  createdDate: string;
  readStatus?: boolean;
  messageMedia?: EbayMedia[];
}

export interface EbayConversation {
  conversationId: string;
  conversationStatus?: string;
  conversationTitle?: string;
  conversationType: ConversationType;
  createdDate?: string;
  latestMessage?: EbayMessage;
  referenceId?: string;
  referenceType?: string;
  unreadCount?: number;
}

export interface ConversationsPage {
  conversations?: EbayConversation[];
  href?: string;
  limit?: number;
  next?: string;
  offset?: number;
  prev?: string;
  total?: number;
}

export interface MessagesPage {
  conversationId?: string;
  conversationStatus?: string;
  conversationTitle?: string;
  conversationType?: ConversationType;
  messages?: EbayMessage[];
  limit?: number;
  next?: string;
  offset?: number;
  total?: number;
}

interface EbayErrorBody {
  errors?: Array<{ errorId?: number; domain?: string; category?: string; message?: string; longMessage?: string }>;
  /** The token endpoint answers OAuth style. */
  error?: string;
  error_description?: string;
}

/** eBay asked us to slow down: retry after `retryAfterMs`. */
export class EbayRateLimit extends CoreError {
  constructor(
    readonly retryAfterMs: number,
    detail: string,
  ) {
    super('RATE_LIMITED', `eBay: ${detail}`);
  }
}

export interface EbayCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** Where a renewed access token is kept between runs (the secret store), so each start does not renew one. */
export interface TokenCache {
  load(): { token: string; expiresAt: number } | null;
  save(token: { token: string; expiresAt: number }): void;
}

export class EbayApi {
  private readonly base: string;
  private token: { token: string; expiresAt: number } | null;
  private renewing: Promise<string> | null = null;

  constructor(
    baseUrl: string,
    private readonly credentials: EbayCredentials,
    private readonly cache: TokenCache | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.token = cache?.load() ?? null;
  }

  /** One page of conversations of a type, newest first; `startTime` limits them to those since then. */
  getConversations(type: ConversationType, offset: number, options: { startTime?: string; limit?: number } = {}): Promise<ConversationsPage> {
    const q = new URLSearchParams({ conversation_type: type, limit: String(options.limit ?? PAGE_LIMIT), offset: String(offset) });
    if (options.startTime) q.set('start_time', options.startTime);
    return this.call('GET', `/conversation?${q}`);
  }

  /** One page of a conversation's messages. */
  getConversation(conversationId: string, type: ConversationType, offset: number, limit = PAGE_LIMIT): Promise<MessagesPage> {
    const q = new URLSearchParams({ conversation_type: type, limit: String(limit), offset: String(offset) });
    return this.call('GET', `/conversation/${encodeURIComponent(conversationId)}?${q}`);
  }

  sendMessage(conversationId: string, messageText: string): Promise<EbayMessage> {
    return this.call('POST', '/send_message', { conversationId, messageText });
  }

  /** Read or unread: eBay keeps read state per conversation. */
  setRead(conversationId: string, type: ConversationType, read: boolean): Promise<void> {
    return this.call('POST', '/update_conversation', { conversationId, conversationType: type, read });
  }

  /** ACTIVE, ARCHIVE or DELETE. */
  setStatus(conversationId: string, type: ConversationType, conversationStatus: 'ACTIVE' | 'ARCHIVE' | 'DELETE'): Promise<void> {
    return this.call('POST', '/update_conversation', { conversationId, conversationType: type, conversationStatus });
  }

  /** A valid access token: the one in hand while it lasts, else a renewed one (one renewal at a time). */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 60_000 > this.now()) return this.token.token;
    this.renewing ??= this.renew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renew(): Promise<string> {
    const { clientId, clientSecret, refreshToken } = this.credentials;
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: MESSAGE_SCOPE });
    const res = await this.fetch(`${this.base}${TOKEN_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: body.toString(),
    }, false);
    const answer = (await res.json().catch(() => ({}))) as EbayErrorBody & { access_token?: string; expires_in?: number };
    if (res.ok && answer.access_token) {
      this.token = { token: answer.access_token, expiresAt: this.now() + (answer.expires_in ?? 7200) * 1000 };
      this.cache?.save(this.token);
      return answer.access_token;
    }
    if (answer.error === 'invalid_grant') {
      throw new PermanentError('AUTH_FAILED', `eBay no longer accepts this app's refresh token (${answer.error_description ?? answer.error}). Get a new user token for the app on developer.ebay.com and connect the account again.`);
    }
    if (answer.error === 'invalid_client' || res.status === 401) {
      throw new PermanentError('AUTH_FAILED', `eBay rejected the app's client ID or secret (${answer.error_description ?? `HTTP ${res.status}`}). Check them on developer.ebay.com, Application Keys.`);
    }
    if (answer.error === 'invalid_scope') {
      throw new PermanentError('AUTH_FAILED', `The refresh token was not granted the Message API scope (${answer.error_description ?? answer.error}). Get a user token with the commerce.message scope.`);
    }
    throw errorOf(res, answer, 'renewing the access token');
  }

  private async call<T>(method: 'GET' | 'POST', pathAndQuery: string, body?: object, retried = false): Promise<T> {
    const token = await this.accessToken();
    const res = await this.fetch(
      `${this.base}${MESSAGE_PATH}${pathAndQuery}`,
      {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      },
      method === 'POST' && pathAndQuery === '/send_message',
    );
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let answer: unknown = undefined;
    try {
      answer = text ? JSON.parse(text) : undefined;
    } catch {
      if (res.ok) throw new CoreError('TEMPORARY', `eBay answered with HTTP ${res.status} and no readable body.`);
    }
    if (res.ok) return answer as T;
    if (res.status === 401 && !retried) {
      // The token expired early or was revoked: renew once and try again.
      this.token = null;
      return this.call(method, pathAndQuery, body, true);
    }
    throw errorOf(res, (answer ?? {}) as EbayErrorBody, `${method} ${pathAndQuery.split('?')[0]}`);
  }

  private fetch(url: string, init: RequestInit, sending: boolean): Promise<Response> {
    return providerFetch('eBay', url, init, sending);
  }
}

/** eBay's error answers as the app's errors (see "HTTP status codes" and "Error responses" of the REST docs). */
export function errorOf(res: Response, body: EbayErrorBody, doing: string): CoreError {
  const first = body.errors?.[0];
  const detail = first?.longMessage || first?.message || body.error_description || body.error || `HTTP ${res.status}`;
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after'));
    return new EbayRateLimit(Number.isFinite(after) && after > 0 ? after * 1000 : 60_000, `${detail} (the daily or per-minute call limit; retried later)`);
  }
  if (res.status === 401) return new PermanentError('AUTH_FAILED', `eBay rejected the access token (${detail}). Connect the eBay account again.`);
  if (res.status === 403) return new PermanentError('AUTH_FAILED', `eBay refused ${doing}: ${detail}. The user token may lack the commerce.message scope.`);
  if (res.status === 404) return new PermanentError('NOT_FOUND', `eBay: ${detail}`);
  if (res.status >= 400 && res.status < 500) return new PermanentError('SEND_REJECTED', `eBay: ${detail}`);
  return new CoreError('TEMPORARY', `eBay had a problem ${doing} (${detail}); retried later.`);
}
