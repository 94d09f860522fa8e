// The OAuth 2.0 protocol as a desktop (public) client speaks it: an authorization request with PKCE (RFC 7636)
// and a loopback redirect (RFC 8252 §7.3), the code exchange and refresh at the token endpoint (RFC 6749 §4.1.3,
// §6), and the error answers of RFC 6749 §5.2 turned into what the user is told.
import crypto from 'node:crypto';
import type { OAuthProvider } from '../../../shared/domain/types.js';
import { CoreError } from '../errors.js';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is no longer accepted. */
  expiresAt: number;
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

const TOKEN_TIMEOUT_MS = 20_000;
/** When the token endpoint gives no lifetime, assume the common one hour. */
const DEFAULT_LIFETIME_S = 3600;

/**
 * Tokens travel to the authorization server's endpoints: they must be HTTPS, except on this machine (a local
 * test server, or a provider's own loopback helper).
 */
export function assertSecureEndpoints(provider: OAuthProvider): void {
  for (const raw of [provider.authorizationUrl, provider.tokenUrl]) {
    const url = new URL(raw);
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new CoreError('INVALID_INPUT', `The sign-in address ${url.origin} must use https.`);
    }
  }
}

export function createPkce(): Pkce {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function authorizationUrl(
  provider: OAuthProvider,
  p: { redirectUri: string; state: string; challenge: string; loginHint?: string },
): string {
  const url = new URL(provider.authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('scope', provider.scopes.join(' '));
  url.searchParams.set('state', p.state);
  url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  // Google issues a refresh token only with offline access and, for a second sign-in, a fresh consent.
  url.searchParams.set('access_type', 'offline');
  url.searchParams.set('prompt', 'consent');
  if (p.loginHint) url.searchParams.set('login_hint', p.loginHint);
  return url.toString();
}

export async function exchangeCode(
  provider: OAuthProvider,
  p: { code: string; verifier: string; redirectUri: string },
  now: number,
): Promise<OAuthTokens> {
  const body = await tokenRequest(provider, {
    grant_type: 'authorization_code',
    code: p.code,
    code_verifier: p.verifier,
    redirect_uri: p.redirectUri,
  });
  if (!body.refresh_token) {
    throw new CoreError('AUTH_FAILED', 'The sign-in gave no refresh token, so the app could not stay signed in. Sign in again.');
  }
  return tokensOf(body, body.refresh_token, now);
}

/** A new access token. Providers that rotate refresh tokens (Microsoft) send a new one, which replaces the old. */
export async function refreshTokens(provider: OAuthProvider, refreshToken: string, now: number): Promise<OAuthTokens> {
  const body = await tokenRequest(provider, { grant_type: 'refresh_token', refresh_token: refreshToken });
  return tokensOf(body, body.refresh_token || refreshToken, now);
}

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number | string;
  token_type?: string;
  error?: string;
  error_description?: string;
}

function tokensOf(body: TokenResponse, refreshToken: string, now: number): OAuthTokens {
  if (!body.access_token) throw new CoreError('INTERNAL', 'The sign-in server answered without an access token.');
  const lifetime = Number(body.expires_in ?? DEFAULT_LIFETIME_S);
  return {
    accessToken: body.access_token,
    refreshToken,
    expiresAt: now + (Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_S) * 1000,
  };
}

async function tokenRequest(provider: OAuthProvider, params: Record<string, string>): Promise<TokenResponse> {
  const form = new URLSearchParams({ ...params, client_id: provider.clientId });
  if (provider.clientSecret) form.set('client_secret', provider.clientSecret);
  const where = new URL(provider.tokenUrl).host;
  let res: Response;
  try {
    res = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError') throw new CoreError('TIMEOUT', `The sign-in server ${where} did not answer in time.`);
    throw new CoreError('UNREACHABLE', `The sign-in server ${where} cannot be reached (${e.cause?.code ?? e.message}).`);
  }
  const text = await res.text();
  let body: TokenResponse = {};
  try {
    body = JSON.parse(text) as TokenResponse;
  } catch {
    // Not JSON: a proxy's or a load balancer's page. Judged by the status below.
  }
  if (res.ok) return body;
  const detail = [body.error, body.error_description].filter(Boolean).join(': ') || `HTTP ${res.status}`;
  // RFC 6749 §5.2: a refresh token or code that is expired, revoked or used up. Only a new sign-in helps.
  if (body.error === 'invalid_grant') {
    throw new CoreError('AUTH_EXPIRED', `The sign-in has expired or was revoked (${detail}). Sign in again.`);
  }
  if (body.error === 'invalid_client' || body.error === 'unauthorized_client') {
    throw new CoreError('AUTH_FAILED', `The sign-in server does not accept this app's client ID (${detail}).`);
  }
  if (res.status === 429 || res.status >= 500) {
    throw new CoreError('TEMPORARY', `The sign-in server ${where} is busy or failing (${detail}); the app tries again.`);
  }
  throw new CoreError('AUTH_FAILED', `The sign-in server ${where} refused the request (${detail}).`);
}
