// A contract server for an OAuth 2.0 authorization server, as mail providers run them for desktop mail apps:
// the authorization endpoint (code flow with PKCE, loopback redirect), the token endpoint (code exchange and
// refresh, optionally rotating refresh tokens) and an RFC 7662 introspection endpoint that Dovecot's oauth2
// passdb asks whether an access token is valid. Written from the documents listed in README.md beside it.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface OAuthContractOptions {
  clientId: string;
  /** Required on token requests when set (Google's desktop clients have one). */
  clientSecret?: string;
  /** Access token lifetime in seconds (expires_in). */
  accessTokenSeconds?: number;
  /** Issue a new refresh token on every refresh and invalidate the old one, as Microsoft's platform does. */
  rotateRefreshTokens?: boolean;
  /** Credentials Dovecot sends (HTTP Basic) to the introspection endpoint. */
  introspectionClient: { id: string; secret: string };
}

interface Grant {
  user: string;
  scope: string;
  clientId: string;
}

interface AccessToken extends Grant {
  expiresAt: number;
}

export interface OAuthContractServer {
  url: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The introspection URL with Basic credentials in it, in the form Dovecot's oauth2 passdb takes. */
  introspectionUrlForDovecot: string;
  /** Who signs in at the authorization endpoint; 'deny' answers access_denied, as a user pressing Cancel. */
  consent: { user: string } | 'deny';
  /** Requests per endpoint so far. */
  counts: { authorize: number; tokenCode: number; tokenRefresh: number; introspect: number };
  /** Makes every issued access token invalid now (as if its hour had passed). */
  expireAccessTokens(): void;
  /** Revokes every refresh token of the user (a password change, or "remove access" in the account page). */
  revokeUser(user: string): void;
  /** The next token requests answer with this HTTP status (e.g. 503) before working again. */
  failNextTokenRequests(count: number, status: number): void;
  close(): Promise<void>;
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const token = (prefix: string) => `${prefix}.${b64url(crypto.randomBytes(24))}`;

export async function startOAuthContractServer(options: OAuthContractOptions): Promise<OAuthContractServer> {
  const accessTokens = new Map<string, AccessToken>();
  const refreshTokens = new Map<string, Grant>();
  const codes = new Map<string, Grant & { redirectUri: string; challenge: string; expiresAt: number }>();
  const lifetime = options.accessTokenSeconds ?? 3600;
  let failures: { count: number; status: number } = { count: 0, status: 503 };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error', error_description: err.message }));
    });
  });

  const json = (res: http.ServerResponse, status: number, body: object, extra: Record<string, string> = {}) => {
    // RFC 6749 §5.1: token responses are JSON and never cached.
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache', ...extra });
    res.end(JSON.stringify(body));
  };
  const readForm = async (req: http.IncomingMessage): Promise<URLSearchParams> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };
  const basicAuth = (req: http.IncomingMessage): { id: string; secret: string } | null => {
    const m = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return null;
    const [id, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(rest.join(':')) };
  };

  const issue = (grant: Grant, refresh: string | undefined) => {
    const access = token('at');
    accessTokens.set(access, { ...grant, expiresAt: Date.now() + lifetime * 1000 });
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: lifetime,
      scope: grant.scope,
      ...(refresh ? { refresh_token: refresh } : {}),
    };
  };

  const contract: OAuthContractServer = {
    url: '',
    authorizationUrl: '',
    tokenUrl: '',
    introspectionUrlForDovecot: '',
    consent: 'deny',
    counts: { authorize: 0, tokenCode: 0, tokenRefresh: 0, introspect: 0 },
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expiresAt = 0;
    },
    revokeUser(user) {
      for (const [k, g] of refreshTokens) if (g.user === user) refreshTokens.delete(k);
      for (const [k, g] of accessTokens) if (g.user === user) accessTokens.delete(k);
    },
    failNextTokenRequests(count, status) {
      failures = { count, status };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', contract.url);

    if (req.method === 'GET' && url.pathname === '/authorize') {
      contract.counts.authorize += 1;
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      // RFC 6749 §4.1.2.1: with an unknown client or a bad redirect URI, the user is told, not redirected.
      if (q.get('client_id') !== options.clientId) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('invalid_client: unknown client_id');
        return;
      }
      // RFC 8252 §7.3: native apps redirect to a loopback IP literal on any port, over plain http.
      if (!/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\//.test(redirectUri)) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('invalid_request: redirect_uri must be a loopback address');
        return;
      }
      const back = new URL(redirectUri);
      const state = q.get('state');
      if (state) back.searchParams.set('state', state);
      const fail = (error: string, description: string) => {
        back.searchParams.set('error', error);
        back.searchParams.set('error_description', description);
        res.writeHead(302, { location: back.toString() });
        res.end();
      };
      if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code');
      // RFC 7636 §4.3: public clients must send a challenge; this server, like Google's and Microsoft's for
      // desktop apps, takes S256.
      if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') {
        return fail('invalid_request', 'code_challenge with code_challenge_method=S256 is required');
      }
      if (!q.get('scope')) return fail('invalid_scope', 'scope is required');
      if (contract.consent === 'deny') return fail('access_denied', 'The user denied access.');
      const code = token('code');
      codes.set(code, {
        user: contract.consent.user,
        scope: q.get('scope')!,
        clientId: options.clientId,
        redirectUri,
        challenge: q.get('code_challenge')!,
        expiresAt: Date.now() + 10 * 60_000,
      });
      back.searchParams.set('code', code);
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }

    if (req.method === 'POST' && url.pathname === '/token') {
      const form = await readForm(req);
      const grantType = form.get('grant_type');
      if (grantType === 'authorization_code') contract.counts.tokenCode += 1;
      if (grantType === 'refresh_token') contract.counts.tokenRefresh += 1;
      if (failures.count > 0) {
        failures.count -= 1;
        return json(res, failures.status, { error: 'temporarily_unavailable', error_description: 'Try again later.' });
      }
      // RFC 6749 §2.3.1: client credentials in the body (or Basic); a wrong secret is invalid_client, 401.
      const basic = basicAuth(req);
      const clientId = basic?.id ?? form.get('client_id');
      const clientSecret = basic?.secret ?? form.get('client_secret') ?? undefined;
      if (clientId !== options.clientId || (options.clientSecret !== undefined && clientSecret !== options.clientSecret)) {
        return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed.' }, { 'www-authenticate': 'Basic' });
      }
      if (grantType === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? ''); // single use (RFC 6749 §4.1.2)
        if (!code || code.expiresAt < Date.now()) return json(res, 400, { error: 'invalid_grant', error_description: 'Unknown, used or expired code.' });
        if (code.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri does not match.' });
        const verifier = form.get('code_verifier') ?? '';
        if (b64url(crypto.createHash('sha256').update(verifier).digest()) !== code.challenge) {
          return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed.' });
        }
        const refresh = token('rt');
        refreshTokens.set(refresh, { user: code.user, scope: code.scope, clientId: code.clientId });
        return json(res, 200, issue(code, refresh));
      }
      if (grantType === 'refresh_token') {
        const old = form.get('refresh_token') ?? '';
        const grant = refreshTokens.get(old);
        if (!grant) return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        let rotated: string | undefined;
        if (options.rotateRefreshTokens) {
          refreshTokens.delete(old);
          rotated = token('rt');
          refreshTokens.set(rotated, grant);
        }
        return json(res, 200, issue(grant, rotated));
      }
      return json(res, 400, { error: 'unsupported_grant_type', error_description: `grant_type ${grantType ?? '(none)'}` });
    }

    if (req.method === 'POST' && url.pathname === '/introspect') {
      contract.counts.introspect += 1;
      // RFC 7662 §2.1: the caller is a protected resource that authenticates itself.
      const basic = basicAuth(req);
      if (!basic || basic.id !== options.introspectionClient.id || basic.secret !== options.introspectionClient.secret) {
        return json(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic' });
      }
      const form = await readForm(req);
      const t = accessTokens.get(form.get('token') ?? '');
      // RFC 7662 §2.2: an unknown, expired or revoked token is just {"active": false}.
      if (!t || t.expiresAt <= Date.now()) return json(res, 200, { active: false });
      return json(res, 200, {
        active: true,
        scope: t.scope,
        client_id: t.clientId,
        username: t.user,
        email: t.user,
        token_type: 'Bearer',
        exp: Math.floor(t.expiresAt / 1000),
      });
    }

    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  contract.url = `http://127.0.0.1:${port}`;
  contract.authorizationUrl = `${contract.url}/authorize`;
  contract.tokenUrl = `${contract.url}/token`;
  const { id, secret } = options.introspectionClient;
  contract.introspectionUrlForDovecot = `http://${encodeURIComponent(id)}:${encodeURIComponent(secret)}@127.0.0.1:${port}/introspect`;
  return contract;
}
