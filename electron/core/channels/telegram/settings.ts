// A Telegram bot account's settings (in the database) and where its token lives (the secret store).
import { z } from 'zod';

export const TelegramSettingsSchema = z.object({
  /** The Bot API's address; only set to reach a test server or a self-hosted Bot API server. */
  apiUrl: z.string().url().optional(),
  /** The bot's numeric id (from getMe). */
  botId: z.number().int().optional(),
});
export type TelegramSettings = z.infer<typeof TelegramSettingsSchema>;

export const telegramTokenKey = (accountId: string) => `telegram-token:${accountId}`;
