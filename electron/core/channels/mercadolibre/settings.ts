// A Mercado Libre seller account's settings (in the database) and where its credentials live (the secret store).
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const MeliSettingsSchema = z.object({
  /** The API's root; only set to reach a test server. */
  apiUrl: z.string().url().optional(),
  /** The developer app's client ID (App ID); its secret is in the secret store. */
  clientId: z.string().min(1),
  /** The seller's user id and nickname, from the token. */
  sellerId: z.string().min(1),
  nickname: z.string(),
  siteId: z.string().optional(),
  /** Minutes between two checks for new messages. */
  pollMinutes: z.number().min(0.05).max(60).default(1),
});
export type MeliSettings = z.infer<typeof MeliSettingsSchema>;

export const meliClientSecretKey = (accountId: string) => `meli-client-secret:${accountId}`;
/** The current token pair (the refresh token changes at every renewal). */
export const meliTokensKey = (accountId: string) => `meli-tokens:${accountId}`;
/**
 * The pair a refresh token was exchanged for while an account was being added, kept under the spent token's
 * hash: if adding fails after the exchange, trying again with the same token uses this pair instead.
 */
export const meliPendingKey = (spentRefreshToken: string) => `meli-pending:${createHash('sha256').update(spentRefreshToken).digest('hex')}`;

export const meliSecretKeys = (accountId: string) => [meliClientSecretKey(accountId), meliTokensKey(accountId)];
