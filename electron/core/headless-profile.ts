// Opens a profile for the transports that run without Electron (the CLI and the web host): secrets protected
// by the OS keychain where one answers, the app's OAuth registrations from resources/ (or INBOX_OAUTH_CLIENTS),
// a self-hosted Telegram Bot API server where INBOX_TELEGRAM_API_URL names one, and eBay's sandbox (or a test
// server) where INBOX_EBAY_API_URL does.
import path from 'node:path';
import { InboxCore } from './inbox-core.js';
import { FileSecretStore, plainCodec } from './secrets/secret-store.js';
import { keychainProtection, type SecretProtection } from './secrets/keychain-codec.js';
import { loadOAuthClients } from './auth/oauth-clients.js';
import { APP_VERSION } from './version.js';
import { limitHeapGrowth } from './heap-growth.js';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

/** Throws (with the reason) when the profile cannot be opened, e.g. another process holds it. */
export function openHeadlessProfile(profileDir: string, env: NodeJS.ProcessEnv): { core: InboxCore; protection: SecretProtection } {
  limitHeapGrowth();
  const protection = keychainProtection(profileDir, env);
  const core = new InboxCore({
    profileDir,
    secrets: new FileSecretStore(path.join(profileDir, 'secrets.json'), protection.codec, [plainCodec]),
    version: APP_VERSION,
    oauthClients: loadOAuthClients(env.INBOX_OAUTH_CLIENTS ?? path.join(RESOURCES, 'oauth-clients.json')),
    ...(env.INBOX_TELEGRAM_API_URL ? { telegramApiUrl: env.INBOX_TELEGRAM_API_URL } : {}),
    ...(env.INBOX_EBAY_API_URL ? { ebayApiUrl: env.INBOX_EBAY_API_URL } : {}),
    ...(env.INBOX_MELI_API_URL ? { meliApiUrl: env.INBOX_MELI_API_URL } : {}),
    ...(env.INBOX_GRAPH_API_URL ? { graphApiUrl: env.INBOX_GRAPH_API_URL } : {}),
  });
  return { core, protection };
}
