// A Facebook Page's Messenger or Instagram account: settings in the database, the Page token in the secret store.
import { z } from 'zod';

export const MetaSettingsSchema = z.object({
  /** Graph API root; only set to reach a test server. */
  apiUrl: z.string().url().optional(),
  platform: z.enum(['messenger', 'instagram']),
  pageId: z.string().min(1),
  pageName: z.string(),
  /** The Instagram professional account linked to the Page (Instagram accounts only). */
  igUserId: z.string().optional(),
  igUsername: z.string().optional(),
  /** The Page may use the HUMAN_AGENT tag (answers by a person up to 7 days after the customer's last message). */
  humanAgent: z.boolean().default(false),
  pollMinutes: z.number().min(0.05).max(60).default(1),
});
export type MetaSettings = z.infer<typeof MetaSettingsSchema>;

export const metaTokenKey = (accountId: string) => `meta-page-token:${accountId}`;
