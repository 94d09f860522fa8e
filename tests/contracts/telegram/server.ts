// A Telegram Bot API server for tests, written from the Bot API documentation (see README.md): the same paths
// (`/bot<token>/<method>`, `/file/bot<token>/<file_path>`), answers (`{ok, result}` / `{ok: false, error_code,
// description, parameters}`), long polling and error cases. The app's own client is pointed at it by URL.
import http from 'node:http';
import { listenControllable } from '../controllable-server.js';

export interface ContractUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface SentMessage {
  chat_id: string;
  text: string;
  reply_to: number | null;
  message_id: number;
}

interface Update {
  update_id: number;
  message?: Record<string, unknown>;
}

export interface TelegramContractServer {
  url: string;
  token: string;
  bot: { id: number; username: string; first_name: string };
  /** What the bot was sent, in order. */
  sent: SentMessage[];
  /** A customer writes to the bot (text, a photo or a document). Returns the Telegram message id. */
  userSends(user: ContractUser, content: { text?: string; caption?: string; photo?: Buffer; document?: { name: string; type: string; bytes: Buffer } }): number;
  /** The next `n` calls of `method` answer 429 with this retry_after. */
  rateLimit(method: string, n: number, retryAfterS: number): void;
  setWebhook(url: string | null): void;
  /** Telegram no longer hands out the files sent so far (getFile answers 400). */
  forgetFiles(): void;
  /** Stops answering (connections refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  calls: Record<string, number>;
  close(): Promise<void>;
}

export async function startTelegramContractServer(options: { token?: string } = {}): Promise<TelegramContractServer> {
  const token = options.token ?? '123456:TEST-token_abcdefghijklmnopqrstuv';
  const bot = { id: 123456, username: 'lumen_shop_bot', first_name: 'Lumen Shop' };
  const updates: Update[] = [];
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  const chats = new Map<string, ContractUser>();
  const files = new Map<string, { path: string; bytes: Buffer }>();
  const sent: SentMessage[] = [];
  const limits = new Map<string, { n: number; retryAfter: number }>();
  const calls: Record<string, number> = {};
  let webhook: string | null = null;
  /** The long poll waiting now: a second getUpdates ends it with 409, as Telegram does. */
  let waiting: { finish: (status: number, body: object) => void } | null = null;
  const newsWaiters = new Set<() => void>();

  const now = () => Math.floor(Date.now() / 1000);
  const fail = (code: number, description: string, parameters?: object) => ({ status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } });
  const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });

  function pending(offset: number) {
    // "An update is considered confirmed as soon as getUpdates is called with an offset higher than its update_id."
    while (updates.length > 0 && updates[0]!.update_id < offset) updates.shift();
    return updates.slice(0, 100);
  }

  async function handle(method: string, params: Record<string, unknown>, res: http.ServerResponse) {
    calls[method] = (calls[method] ?? 0) + 1;
    const limit = limits.get(method);
    if (limit && limit.n > 0) {
      limit.n -= 1;
      return send(res, fail(429, `Too Many Requests: retry after ${limit.retryAfter}`, { retry_after: limit.retryAfter }));
    }
    switch (method) {
      case 'getMe':
        return send(res, ok({ id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }));
      case 'getUpdates': {
        if (webhook) return send(res, fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
        waiting?.finish(409, fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running').body);
        const offset = Number(params.offset ?? 0);
        const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0)));
        const ready = pending(offset);
        if (ready.length > 0 || timeout === 0) return send(res, ok(ready));
        await new Promise<void>((resolve) => {
          let done = false;
          const finish = (status: number, body: object) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            newsWaiters.delete(onNews);
            if (waiting?.finish === finish) waiting = null;
            send(res, { status, body });
            resolve();
          };
          const onNews = () => finish(200, ok(pending(offset)).body);
          const timer = setTimeout(() => finish(200, ok([]).body), timeout * 1000);
          newsWaiters.add(onNews);
          waiting = { finish };
          res.on('close', () => finish(200, ok([]).body));
        });
        return;
      }
      case 'sendMessage': {
        const chatId = String(params.chat_id ?? '');
        const text = typeof params.text === 'string' ? params.text : '';
        if (!chats.has(chatId)) return send(res, fail(400, 'Bad Request: chat not found'));
        if (!text.trim()) return send(res, fail(400, 'Bad Request: message text is empty'));
        if ([...text].length > 4096) return send(res, fail(400, 'Bad Request: message is too long'));
        const replyTo = (params.reply_parameters as { message_id?: number } | undefined)?.message_id ?? null;
        const message_id = nextMessageId++;
        sent.push({ chat_id: chatId, text, reply_to: replyTo, message_id });
        const user = chats.get(chatId)!;
        return send(res, ok({ message_id, from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username }, chat: { id: user.id, type: 'private', first_name: user.first_name }, date: now(), text }));
      }
      case 'getFile': {
        const file = files.get(String(params.file_id ?? ''));
        if (!file) return send(res, fail(400, 'Bad Request: invalid file_id'));
        return send(res, ok({ file_id: params.file_id, file_unique_id: `u-${params.file_id}`, file_size: file.bytes.length, file_path: file.path }));
      }
      case 'deleteWebhook':
        webhook = null;
        return send(res, ok(true));
      default:
        return send(res, fail(404, 'Not Found'));
    }
  }

  function send(res: http.ServerResponse, r: { status: number; body: object }) {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (fileMatch) {
        const file = [...files.values()].find((f) => f.path === fileMatch[2]);
        if (fileMatch[1] !== token || !file) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.bytes);
      }
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (!m) return send(res, fail(404, 'Not Found'));
      if (m[1] !== token) return send(res, fail(401, 'Unauthorized'));
      let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      if (chunks.length > 0) {
        try {
          params = { ...params, ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) };
        } catch {
          return send(res, fail(400, "Bad Request: can't parse JSON object"));
        }
      }
      void handle(m[2]!, params, res);
    });
  });
  const control = await listenControllable(server);

  return {
    url: control.url,
    token,
    bot,
    sent,
    calls,
    userSends(user, content) {
      chats.set(String(user.id), user);
      const message_id = nextMessageId++;
      const message: Record<string, unknown> = {
        message_id,
        from: { id: user.id, is_bot: false, first_name: user.first_name, last_name: user.last_name, username: user.username, language_code: user.language_code },
        chat: { id: user.id, type: 'private', first_name: user.first_name, last_name: user.last_name, username: user.username },
        date: now(),
      };
      if (content.text) message.text = content.text;
      if (content.caption) message.caption = content.caption;
      if (content.photo) {
        const id = `photo-${message_id}`;
        files.set(id, { path: `photos/file_${message_id}.jpg`, bytes: content.photo });
        const thumb = content.photo.subarray(0, 8);
        files.set(`${id}-small`, { path: `photos/file_${message_id}_s.jpg`, bytes: thumb });
        message.photo = [
          { file_id: `${id}-small`, file_unique_id: `s${message_id}`, width: 90, height: 90, file_size: thumb.length },
          { file_id: id, file_unique_id: `l${message_id}`, width: 1280, height: 960, file_size: content.photo.length },
        ];
      }
      if (content.document) {
        const id = `doc-${message_id}`;
        files.set(id, { path: `documents/file_${message_id}`, bytes: content.document.bytes });
        message.document = { file_id: id, file_unique_id: `d${message_id}`, file_name: content.document.name, mime_type: content.document.type, file_size: content.document.bytes.length };
      }
      updates.push({ update_id: nextUpdateId++, message });
      for (const w of [...newsWaiters]) w();
      return message_id;
    },
    rateLimit(method, n, retryAfter) {
      limits.set(method, { n, retryAfter });
    },
    setWebhook(url) {
      webhook = url;
    },
    forgetFiles() {
      files.clear();
    },
    down: control.down,
    up: control.up,
    close() {
      for (const w of [...newsWaiters]) w();
      return control.close();
    },
  };
}
