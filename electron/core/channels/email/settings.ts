// What an email account stores. Its password or OAuth tokens live in the secret store, never here.
import { z } from 'zod';
import { OAuthProviderSchema, ServerEndpointSchema, type ServerEndpoint } from '../../../../shared/domain/types.js';

export const EmailSettingsSchema = z.object({
  imap: ServerEndpointSchema,
  smtp: ServerEndpointSchema,
  /** ManageSieve (RFC 5804), for rules the server runs; unset: the IMAP host, port 4190 (its registered port). */
  sieve: ServerEndpointSchema.optional(),
  user: z.string(),
  /** Accounts saved before OAuth existed have no auth field: they sign in with a password. */
  auth: z.enum(['password', 'oauth2']).default('password'),
  /** The authorization server an OAuth account refreshes its tokens at. */
  oauth: OAuthProviderSchema.optional(),
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;

export const passwordKey = (accountId: string) => `account:${accountId}:password`;
export const oauthTokensKey = (accountId: string) => `account:${accountId}:oauth`;

/** Where the account's ManageSieve server is: as set, else beside IMAP on port 4190, upgraded with STARTTLS. */
export function sieveEndpoint(settings: EmailSettings): ServerEndpoint {
  return settings.sieve ?? { host: settings.imap.host, port: 4190, tls: settings.imap.tls === 'off' ? 'off' : 'starttls' };
}
