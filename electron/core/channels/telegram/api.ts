// The Telegram Bot API (https://core.telegram.org/bots/api), the calls this app makes: every call is
// `POST <base>/bot<token>/<method>` with a JSON body, answered `{ ok: true, result }` or
// `{ ok: false, error_code, description, parameters? }`. Errors become CoreErrors the rest of the app knows.
import { CoreError, PermanentError } from '../../errors.js';
import { splitText as splitAt } from '../split-text.js';

export const TELEGRAM_API = 'https://api.telegram.org';
/** sendMessage takes 1–4096 characters of text. */
export const MAX_TEXT = 4096;

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: TgChat;
  /** Unix time, seconds. */
  date: number;
  text?: string;
  caption?: string;
  photo?: TgPhotoSize[];
  document?: TgDocument;
  reply_to_message?: TgMessage;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
}

export interface TgFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path?: string;
}

interface TgAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Telegram asked us to wait: retry after `retryAfterMs`. */
export class TelegramRateLimit extends CoreError {
  constructor(
    readonly retryAfterMs: number,
    description: string,
  ) {
    super('RATE_LIMITED', `Telegram: ${description}`);
  }
}

export class TelegramApi {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  getMe(): Promise<TgUser> {
    return this.call('getMe', {});
  }

  /** Long poll: waits up to `timeoutS` seconds for updates from `offset` on (confirming those before it). */
  getUpdates(offset: number, timeoutS: number, signal?: AbortSignal): Promise<TgUpdate[]> {
    return this.call('getUpdates', { offset, timeout: timeoutS, allowed_updates: ['message', 'edited_message'] }, signal, (timeoutS + 30) * 1000);
  }

  sendMessage(chatId: number | string, text: string, replyToMessageId?: number): Promise<TgMessage> {
    const body: Record<string, unknown> = { chat_id: chatId, text };
    if (replyToMessageId) body.reply_parameters = { message_id: replyToMessageId, allow_sending_without_reply: true };
    return this.call('sendMessage', body);
  }

  getFile(fileId: string): Promise<TgFile> {
    return this.call('getFile', { file_id: fileId });
  }

  /** The bytes of a file getFile returned (`<base>/file/bot<token>/<file_path>`). */
  async download(filePath: string): Promise<Buffer> {
    const res = await this.fetch(`${this.base}/file/bot${this.token}/${filePath}`, { method: 'GET' }, undefined, 120_000);
    if (!res.ok) throw new CoreError(res.status === 404 ? 'NOT_FOUND' : 'TEMPORARY', `Telegram: the file could not be downloaded (HTTP ${res.status}).`);
    return Buffer.from(await res.arrayBuffer());
  }

  private async call<T>(method: string, body: object, signal?: AbortSignal, timeoutMs = 60_000): Promise<T> {
    const res = await this.fetch(
      `${this.base}/bot${this.token}/${method}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      signal,
      timeoutMs,
    );
    let answer: TgAnswer<T>;
    try {
      answer = (await res.json()) as TgAnswer<T>;
    } catch {
      throw new CoreError('TEMPORARY', `Telegram answered ${method} with HTTP ${res.status} and no readable body.`);
    }
    if (answer.ok && answer.result !== undefined) return answer.result;
    throw telegramError(answer.error_code ?? res.status, answer.description ?? `HTTP ${res.status}`, answer.parameters?.retry_after);
  }

  private async fetch(url: string, init: RequestInit, signal: AbortSignal | undefined, timeoutMs: number): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (err) {
      if (signal?.aborted) throw err;
      const host = new URL(this.base).host;
      if (timeout.aborted) throw new CoreError('TIMEOUT', `Telegram (${host}) did not answer in time.`);
      throw new CoreError('UNREACHABLE', `Telegram (${host}) cannot be reached: ${(err as Error).cause ? String(((err as Error).cause as Error).message ?? (err as Error).cause) : (err as Error).message}`);
    }
  }
}

/** The Bot API's error answers, as the app's errors (see the "Making requests" section of the documentation). */
export function telegramError(code: number, description: string, retryAfterS?: number): CoreError {
  if (code === 429) return new TelegramRateLimit(Math.max(1, retryAfterS ?? 1) * 1000, description);
  if (code === 401 || code === 404) return new PermanentError('AUTH_FAILED', `Telegram rejected the bot token (${description}). Create a new token with @BotFather and add the bot again.`);
  if (code === 409) {
    return new CoreError(
      'CHANNEL_CONFLICT',
      /webhook/i.test(description)
        ? `Telegram delivers this bot's messages to a webhook, so they cannot be fetched here (${description}). Remove the webhook (deleteWebhook) and they will arrive.`
        : `Another program is fetching this bot's messages (${description}). Stop it: a bot's messages can only go to one place.`,
    );
  }
  if (code === 403) return new PermanentError('SEND_REJECTED', `Telegram: ${description} (the customer may have blocked the bot).`);
  if (code >= 400 && code < 500) return new PermanentError('SEND_REJECTED', `Telegram: ${description}`);
  return new CoreError('TEMPORARY', `Telegram: ${description}`);
}

/** Splits a reply into sendMessage-sized pieces, at a paragraph, line or word break where there is one. */
export const splitText = (text: string, max = MAX_TEXT): string[] => splitAt(text, max);
