// What an email account signs in with, for IMAP and SMTP alike: its password, or an OAuth access token that is
// refreshed before it expires and again when a server rejects it. Refreshes of one account never overlap, and
// a rotated refresh token is stored before it is used.
import type { SecretStore } from '../../secrets/secret-store.js';
import { CoreError } from '../../errors.js';
import { refreshTokens, type OAuthTokens } from '../../auth/oauth2-client.js';
import { oauthTokensKey, passwordKey, type EmailSettings } from './settings.js';

export type Credentials = { user: string; password: string } | { user: string; accessToken: string };

/** Refresh this long before the access token's stated expiry, so it does not expire mid-login. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

export class EmailCredentials {
  private refreshing: Promise<OAuthTokens> | null = null;

  constructor(
    private readonly accountId: string,
    private readonly settings: EmailSettings,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
  ) {}

  get usesOAuth(): boolean {
    return this.settings.auth === 'oauth2';
  }

  async current(): Promise<Credentials> {
    if (!this.usesOAuth) {
      const password = this.secrets.get(passwordKey(this.accountId));
      if (password === undefined) throw new CoreError('AUTH_FAILED', 'No password is stored for this account.');
      return { user: this.settings.user, password };
    }
    const tokens = this.tokens();
    const fresh = tokens.expiresAt - EXPIRY_MARGIN_MS > this.now() ? tokens : await this.refresh();
    return { user: this.settings.user, accessToken: fresh.accessToken };
  }

  /**
   * After a server rejected the current credentials: a new access token when the account uses OAuth (the old
   * one may have been revoked or expired early), else null, since a rejected password stays rejected.
   */
  async renew(): Promise<Credentials | null> {
    if (!this.usesOAuth) return null;
    const fresh = await this.refresh();
    return { user: this.settings.user, accessToken: fresh.accessToken };
  }

  private tokens(): OAuthTokens {
    const stored = this.secrets.get(oauthTokensKey(this.accountId));
    if (!stored) throw new CoreError('AUTH_EXPIRED', 'This account is not signed in. Sign in again.');
    return JSON.parse(stored) as OAuthTokens;
  }

  private refresh(): Promise<OAuthTokens> {
    if (this.refreshing) return this.refreshing;
    const provider = this.settings.oauth;
    if (!provider) return Promise.reject(new CoreError('AUTH_EXPIRED', 'This account has no sign-in server. Sign in again.'));
    const run = async () => {
      const tokens = await refreshTokens(provider, this.tokens().refreshToken, this.now());
      this.secrets.set(oauthTokensKey(this.accountId), JSON.stringify(tokens));
      return tokens;
    };
    this.refreshing = run().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }
}

export function storeOAuthTokens(secrets: SecretStore, accountId: string, tokens: OAuthTokens): void {
  secrets.set(oauthTokensKey(accountId), JSON.stringify(tokens));
}

export function forgetCredentials(secrets: SecretStore, accountId: string): void {
  secrets.delete(passwordKey(accountId));
  secrets.delete(oauthTokensKey(accountId));
}
