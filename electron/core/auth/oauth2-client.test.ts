// The parts of the OAuth client that need no server: PKCE and the authorization request.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertSecureEndpoints, authorizationUrl, createPkce } from './oauth2-client.js';

const google = {
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  clientId: 'app.apps.googleusercontent.com',
  scopes: ['https://mail.google.com/'],
};

describe('OAuth client', () => {
  it('derives the S256 challenge from a fresh high-entropy verifier (RFC 7636)', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.challenge).toBe(crypto.createHash('sha256').update(a.verifier).digest('base64url'));
  });

  it('asks for a code with PKCE, offline access and the address as login hint', () => {
    const url = new URL(authorizationUrl(google, { redirectUri: 'http://127.0.0.1:5000/oauth/callback', state: 's1', challenge: 'c1', loginHint: 'shop@gmail.com' }));
    expect(url.origin + url.pathname).toBe(google.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: google.clientId,
      redirect_uri: 'http://127.0.0.1:5000/oauth/callback',
      scope: 'https://mail.google.com/',
      state: 's1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      login_hint: 'shop@gmail.com',
    });
  });

  it('refuses sign-in endpoints that would send tokens unencrypted over the network', () => {
    expect(() => assertSecureEndpoints(google)).not.toThrow();
    expect(() => assertSecureEndpoints({ ...google, tokenUrl: 'http://127.0.0.1:8080/token' })).not.toThrow();
    expect(() => assertSecureEndpoints({ ...google, tokenUrl: 'http://oauth.example.com/token' })).toThrow(/must use https/);
  });
});
