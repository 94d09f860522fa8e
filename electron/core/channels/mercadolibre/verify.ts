// Adding a Mercado Libre account: the refresh token is exchanged (which spends it) and the seller read with the
// new access token. The new pair is kept under the spent token's hash at once, so a failure after the exchange
// (the seller could not be read, the app closed) does not lose it: adding again with the same token uses it.
import type { SecretStore } from '../../secrets/secret-store.js';
import { MELI_API, MeliApi, type MeliTokens } from './api.js';
import { meliPendingKey } from './settings.js';

export interface VerifiedSeller {
  seller: { id: number; nickname: string; site_id?: string };
  tokens: MeliTokens;
  /** Where the pair waits until the account is saved; delete it then. */
  pendingKey: string;
}

export async function verifyMeliAccount(
  secrets: SecretStore,
  input: { clientId: string; clientSecret: string; refreshToken: string },
  apiUrl: string | undefined,
  now: () => number = Date.now,
): Promise<VerifiedSeller> {
  const pendingKey = meliPendingKey(input.refreshToken);
  const store = {
    load: (): MeliTokens => {
      const saved = secrets.get(pendingKey);
      return saved ? (JSON.parse(saved) as MeliTokens) : { accessToken: '', refreshToken: input.refreshToken, expiresAt: 0 };
    },
    save: (t: MeliTokens) => secrets.set(pendingKey, JSON.stringify(t)),
  };
  const api = new MeliApi(apiUrl ?? MELI_API, { clientId: input.clientId, clientSecret: input.clientSecret }, store, now);
  const seller = await api.me();
  return { seller, tokens: store.load(), pendingKey };
}
