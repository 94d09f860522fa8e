// Adding a Telegram bot: the token is checked with getMe before anything is saved.
import { TelegramApi, TELEGRAM_API, type TgUser } from './api.js';

export async function verifyTelegramBot(token: string, apiUrl?: string): Promise<TgUser> {
  return new TelegramApi(apiUrl ?? TELEGRAM_API, token).getMe();
}
