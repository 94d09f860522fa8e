// OAuth 2.0 accounts against real servers: Dovecot checks XOAUTH2 bearer tokens (IMAP, and SMTP through
// Postfix's Dovecot SASL) at the token-introspection endpoint of an OAuth contract server, which also plays the
// provider's authorization and token endpoints. The browser's part of the sign-in is played by following the
// authorization redirect, as the system browser would after the user consents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startMailServers, type MailServers } from '../harness/mail-servers.js';
import { startOAuthContractServer, type OAuthContractServer } from '../contracts/oauth2/server.js';
import { emailAccountOn, openCore, type CoreFixture } from '../support/core-fixture.js';
import { readMailbox, rfc822 } from '../support/mailbox.js';
import type { OAuthProvider } from '../../shared/domain/types.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCli } from '../support/cli-run.js';

let servers: MailServers;
let provider: OAuthContractServer;
let n = 0;

beforeAll(async () => {
  provider = await startOAuthContractServer({
    clientId: 'inbox-desktop.apps.example',
    clientSecret: 'not-really-secret',
    rotateRefreshTokens: true,
    introspectionClient: { id: 'dovecot', secret: 'introspect-pw' },
  });
  servers = await startMailServers({ oauth2IntrospectionUrl: provider.introspectionUrlForDovecot });
}, 60_000);

afterAll(async () => {
  await servers?.stop();
  await provider?.close();
});

const oauthProvider = (): OAuthProvider => ({
  authorizationUrl: provider.authorizationUrl,
  tokenUrl: provider.tokenUrl,
  clientId: 'inbox-desktop.apps.example',
  clientSecret: 'not-really-secret',
  scopes: ['https://mail.example/imap', 'offline_access'],
});

async function mailboxes() {
  n += 1;
  const seller = `oauth-seller${n}@example.test`;
  const buyer = `oauth-buyer${n}@example.test`;
  // The seller's passwd-file entry only makes the mailbox exist; the app never learns this password.
  await servers.addUser(seller, `unused-${n}-${Math.random()}`);
  await servers.addUser(buyer, 'buyer-pw');
  return { seller, buyer };
}

/** What the system browser does once the user has consented: follow the redirect back to the app. */
async function completeInBrowser(authorizationUrl: string): Promise<string> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`no redirect from the authorization endpoint: ${res.status} ${await res.text()}`);
  return (await fetch(location)).text();
}

async function signIn(f: CoreFixture, user: string) {
  provider.consent = { user };
  const flow = await f.call('oauth.begin', { provider: oauthProvider(), loginHint: user });
  return { flowId: flow.flowId, page: completeInBrowser(flow.authorizationUrl) };
}

async function addOAuthAccount(f: CoreFixture, seller: string) {
  const { flowId, page } = await signIn(f, seller);
  const added = f.call('accounts.addEmail', emailAccountOn(servers, seller, { kind: 'oauth2', flowId }));
  expect(await page).toContain('Signed in');
  return added;
}

const storedTokens = (f: CoreFixture, accountId: string) =>
  JSON.parse(f.core.secrets.get(`account:${accountId}:oauth`) ?? 'null') as { accessToken: string; refreshToken: string; expiresAt: number } | null;

describe('OAuth 2.0 (XOAUTH2) accounts', () => {
  it('signs in through the browser, syncs over IMAP and sends over SMTP with bearer tokens only', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await addOAuthAccount(f, seller);
      expect(account.address).toBe(seller);
      // Tokens in the secret store; no password anywhere.
      expect(storedTokens(f, account.id)?.refreshToken).toMatch(/^rt\./);
      expect(f.core.secrets.get(`account:${account.id}:password`)).toBeUndefined();
      expect(provider.counts.introspect).toBeGreaterThan(0);

      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Invoice please', 'Message-ID': `<inv-${n}@buyer.example.test>` }, 'Could you send the invoice?'));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      expect(conversation!.subject).toBe('Invoice please');

      await f.call('messages.reply', { conversationId: conversation!.id, text: 'Attached to your order page.' });
      await f.core.syncOnce();
      const received = await eventually(async () => {
        const mail = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
        return mail.length === 1 ? mail : undefined;
      }, 'the reply in the buyer mailbox');
      expect(received[0]!.text).toContain('Attached to your order page.');
      expect((await f.call('outbox.list', {})).filter((o) => o.status !== 'sent')).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('refreshes a token that has expired, and one the server rejects early, storing the rotated refresh token', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await addOAuthAccount(f, seller);
      const first = storedTokens(f, account.id)!;

      // Time has passed: the app knows the token is stale and refreshes before logging in.
      f.core.secrets.set(`account:${account.id}:oauth`, JSON.stringify({ ...first, expiresAt: Date.now() - 1000 }));
      const before = provider.counts.tokenRefresh;
      await f.core.syncOnce();
      expect(provider.counts.tokenRefresh).toBe(before + 1);
      const second = storedTokens(f, account.id)!;
      expect(second.accessToken).not.toBe(first.accessToken);
      // Rotated: the old refresh token is dead at the provider, the new one is what the app kept.
      expect(second.refreshToken).not.toBe(first.refreshToken);

      // The provider expires tokens early (the app still believes its token is good): IMAP and SMTP both
      // reject it, the app refreshes once and carries on.
      provider.expireAccessTokens();
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Still there?', 'Message-ID': `<early-${n}@buyer.example.test>` }, 'Hello?'));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});
      expect(conversation!.subject).toBe('Still there?');
      expect(provider.counts.tokenRefresh).toBe(before + 2);

      provider.expireAccessTokens();
      await f.call('messages.reply', { conversationId: conversation!.id, text: 'Yes, here.' });
      await f.core.syncOnce();
      await eventually(async () => (await readMailbox(servers.imapPort, buyer, 'buyer-pw')).length === 1, 'the reply delivered');
    } finally {
      await f.close();
    }
  });

  it('refreshes once for many connections that need a new token at the same moment', async () => {
    const { seller } = await mailboxes();
    const f = openCore();
    try {
      const account = await addOAuthAccount(f, seller);
      const t = storedTokens(f, account.id)!;
      f.core.secrets.set(`account:${account.id}:oauth`, JSON.stringify({ ...t, expiresAt: 0 }));
      const before = provider.counts.tokenRefresh;
      // A sync and a burst of flag changes each open a connection; with refresh-token rotation, two refreshes
      // racing would leave one of them holding a dead token.
      await Promise.all([f.core.syncOnce(), f.core.syncOnce(), f.core.syncOnce()]);
      expect(provider.counts.tokenRefresh).toBe(before + 1);
    } finally {
      await f.close();
    }
  });

  it('says the sign-in expired when access was revoked, keeps the reply queued, and sends it once after signing in again', async () => {
    const { seller, buyer } = await mailboxes();
    const f = openCore();
    try {
      const account = await addOAuthAccount(f, seller);
      await servers.deliver(seller, rfc822({ From: buyer, To: seller, Subject: 'Return label', 'Message-ID': `<rl-${n}@buyer.example.test>` }, 'Need a label.'));
      await f.core.syncOnce();
      const [conversation] = await f.call('conversations.list', {});

      // The seller removed the app's access in their provider account page.
      provider.revokeUser(seller);
      await f.call('messages.reply', { conversationId: conversation!.id, text: 'Label is on its way.' });
      const sync = await f.core.syncEach();
      expect(sync[0]!.error).toMatchObject({ code: 'AUTH_EXPIRED' });
      const ops = await f.call('outbox.list', {});
      const send = ops.find((o) => o.kind === 'message.send')!;
      expect(send.status).toBe('pending');
      expect(send.lastError).toMatch(/sign-in has expired or was revoked/);
      expect(await readMailbox(servers.imapPort, buyer, 'buyer-pw')).toEqual([]);

      const again = await signIn(f, seller);
      const updated = f.call('accounts.updateSignIn', { id: account.id, signIn: { kind: 'oauth2', flowId: again.flowId } });
      expect(await again.page).toContain('Signed in');
      await updated;
      await f.core.syncOnce();
      const mail = await eventually(async () => {
        const m = await readMailbox(servers.imapPort, buyer, 'buyer-pw');
        return m.length > 0 ? m : undefined;
      }, 'the queued reply delivered');
      await f.core.syncOnce();
      expect((await readMailbox(servers.imapPort, buyer, 'buyer-pw')).length).toBe(1);
      expect(mail[0]!.text).toContain('Label is on its way.');
    } finally {
      await f.close();
    }
  });

  it('saves nothing when the user declines in the browser, or the sign-in is for someone else', async () => {
    const { seller } = await mailboxes();
    const f = openCore();
    try {
      provider.consent = 'deny';
      const flow = await f.call('oauth.begin', { provider: oauthProvider(), loginHint: seller });
      const added = f.raw('accounts.addEmail', emailAccountOn(servers, seller, { kind: 'oauth2', flowId: flow.flowId }));
      expect(await completeInBrowser(flow.authorizationUrl)).toContain('Sign-in not completed');
      expect(await added).toMatchObject({ ok: false, error: { code: 'SIGN_IN_CANCELLED' } });

      // Signed in at the provider as another user: the token is valid, but not for this mailbox.
      const other = await signIn(f, 'oauth-buyer1@example.test');
      const wrong = f.raw('accounts.addEmail', emailAccountOn(servers, seller, { kind: 'oauth2', flowId: other.flowId }));
      await other.page;
      expect(await wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
      expect(await f.call('accounts.list', {})).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('retries later when the token endpoint is down, instead of asking the user to sign in again', async () => {
    const { seller } = await mailboxes();
    const f = openCore();
    try {
      const account = await addOAuthAccount(f, seller);
      const t = storedTokens(f, account.id)!;
      f.core.secrets.set(`account:${account.id}:oauth`, JSON.stringify({ ...t, expiresAt: 0 }));
      provider.failNextTokenRequests(1, 503);
      const [first] = await f.core.syncEach();
      expect(first!.error).toMatchObject({ code: 'TEMPORARY' });
      const [second] = await f.core.syncEach();
      expect(second!.error).toBeUndefined();
    } finally {
      await f.close();
    }
  });

  it('adds an OAuth account from the command line: prints the sign-in address, then waits for the browser', async () => {
    const { seller } = await mailboxes();
    provider.consent = { user: seller };
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-oauth-'));
    const run = startCli(
      [
        '--profile', profile, 'account', 'add', '--email', seller, '--user', seller,
        '--imap-host', '127.0.0.1', '--imap-port', String(servers.imapPort),
        '--smtp-host', '127.0.0.1', '--smtp-port', String(servers.smtpPort), '--tls', 'off',
        '--oauth-client-id', 'inbox-desktop.apps.example', '--oauth-client-secret-env', 'CLIENT_SECRET',
        '--oauth-authorization-url', provider.authorizationUrl, '--oauth-token-url', provider.tokenUrl,
        '--oauth-scopes', 'https://mail.example/imap offline_access',
      ],
      { CLIENT_SECRET: 'not-really-secret' },
    );
    const url = await eventually(() => /^(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(run.err)?.[1], 'the sign-in address on stderr');
    expect(await completeInBrowser(url)).toContain('Signed in');
    expect(await run.done).toBe(0);
    expect(run.out).toMatch(new RegExp(`^Added ${seller} `));
    const f = openCore(profile);
    try {
      expect((await f.call('accounts.list', {}))[0]).toMatchObject({ address: seller, signIn: 'oauth2' });
      await f.core.syncOnce();
    } finally {
      await f.close();
    }
  });
});
