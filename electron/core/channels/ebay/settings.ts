// An eBay account's settings (in the database) and where its credentials live (the secret store).
import { z } from 'zod';

export const EbaySettingsSchema = z.object({
  /** The API's root; only set for the sandbox (https://api.sandbox.ebay.com) or a test server. */
  apiUrl: z.string().url().optional(),
  /** The seller's eBay user ID: messages sent by it are ours. */
  username: z.string().min(1),
  /** The developer app's client ID (App ID); the secret is in the secret store. */
  clientId: z.string().min(1),
  /** How far back the first sync reaches, in days. */
  backfillDays: z.number().int().min(1).max(3650).default(90),
  /** Minutes between two checks for new messages (eBay cannot push to a desktop app). */
  pollMinutes: z.number().min(0.05).max(60).default(1),
});
export type EbaySettings = z.infer<typeof EbaySettingsSchema>;

export const ebayClientSecretKey = (accountId: string) => `ebay-client-secret:${accountId}`;
export const ebayRefreshTokenKey = (accountId: string) => `ebay-refresh-token:${accountId}`;
export const ebayAccessTokenKey = (accountId: string) => `ebay-access-token:${accountId}`;

/** Every secret an eBay account keeps, to forget them when it is removed. */
export const ebaySecretKeys = (accountId: string) => [ebayClientSecretKey(accountId), ebayRefreshTokenKey(accountId), ebayAccessTokenKey(accountId)];
