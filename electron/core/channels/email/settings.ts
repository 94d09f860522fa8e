// What an email account stores. Its password or OAuth tokens live in the secret store, never here.
import { z } from 'zod';
import { OAuthProviderSchema, ServerEndpointSchema } from '../../../../shared/domain/types.js';

export const EmailSettingsSchema = z.object({
  imap: ServerEndpointSchema,
  smtp: ServerEndpointSchema,
  user: z.string(),
  /** Accounts saved before OAuth existed have no auth field: they sign in with a password. */
  auth: z.enum(['password', 'oauth2']).default('password'),
  /** The authorization server an OAuth account refreshes its tokens at. */
  oauth: OAuthProviderSchema.optional(),
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;

export const passwordKey = (accountId: string) => `account:${accountId}:password`;
export const oauthTokensKey = (accountId: string) => `account:${accountId}:oauth`;
