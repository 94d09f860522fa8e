// App-wide settings the agent can change, with their defaults.
import { z } from 'zod';

export const AppSettingsSchema = z.object({
  /**
   * Attachments up to this size (MB) are downloaded with their message; larger ones stay on the server until
   * opened. Messages up to 1 MB are always fetched whole.
   */
  attachmentDownloadLimitMb: z.number().int().min(1).max(1024).default(10),
  /**
   * Local copies of resolved (closed) conversations whose last message is older than this many months are
   * deleted from this computer (the mail server keeps its copy). null: never (the default).
   */
  retentionMonths: z.number().int().min(1).max(240).nullable().default(null),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;
export const AppSettingsChangeSchema = AppSettingsSchema.partial().strict();
