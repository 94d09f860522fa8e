// What an email account stores (besides its password, which lives in the secret store).
import { z } from 'zod';
import { ServerEndpointSchema } from '../../../../shared/domain/types.js';

export const EmailSettingsSchema = z.object({
  imap: ServerEndpointSchema,
  smtp: ServerEndpointSchema,
  user: z.string(),
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;

export const passwordKey = (accountId: string) => `account:${accountId}:password`;
