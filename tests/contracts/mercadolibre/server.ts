// A Mercado Libre API server for tests, written from the developer documentation (see README.md): the OAuth
// token endpoint with single-use refresh tokens, the seller's user, the unread list and post-sale messages by
// pack, with the same paths, fields, paging and error bodies. The app's own client is pointed at it by URL.
import http from 'node:http';
import { listenControllable } from '../controllable-server.js';

interface Message {
  id: string;
  from: { user_id: number };
  to: { user_id: number };
  text: string;
  created: string;
  read: string | null;
  attachments: Array<{ filename: string; original_filename: string; type: string; size: number }>;
}

interface Pack {
  id: string;
  buyer: number;
  status: 'active' | 'blocked';
  substatus: string | null;
  messages: Message[];
}

export interface MeliContractServer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token that works now (each renewal replaces it). */
  refreshToken: string;
  seller: { id: number; nickname: string };
  sent: Array<{ packId: string; text: string; id: string }>;
  calls: Record<string, number>;
  renewals(): number;
  /** A buyer writes in a pack (created on first use). Returns the message id. */
  buyerWrites(packId: string, buyer: { id: number; nickname: string }, text: string, attachment?: { name: string; type: string; bytes: Buffer }): string;
  block(packId: string, substatus: string | null): void;
  pack(packId: string): { unread: number; messages: Array<{ from: number; text: string }> } | undefined;
  /** Called as each API call (not the token endpoint) arrives, with the access token it carries. */
  onCall(listener: ((path: string, accessToken: string) => void) | null): void;
  rateLimit(n: number): void;
  expireTokens(): void;
  dropAfterSend(n: number): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startMeliContractServer(): Promise<MeliContractServer> {
  const clientId = '5482310927154630';
  const clientSecret = 'kT9vQ2mZxW4pL8sR1nB6yH3dF0gJ5cA7';
  let refreshToken = 'TG-6650a1b2c3d4e5f6a7b8c9d0-1402238871';
  const seller = { id: 1402238871, nickname: 'LUMENSHOP_AR' };
  const buyers = new Map<number, string>();
  const packs = new Map<string, Pack>();
  const files = new Map<string, Buffer>();
  const tokens = new Map<string, number>();
  const sent: MeliContractServer['sent'] = [];
  const calls: Record<string, number> = {};
  let renewals = 0;
  let nextId = 1;
  let limited = 0;
  let drops = 0;
  let listener: ((path: string, accessToken: string) => void) | null = null;

  const error = (status: number, message: string, err: string, cause: unknown[] = []) => ({ status, body: { message, error: err, status, cause } });
  const iso = (d = new Date()) => d.toISOString().replace('Z', '-00:00');

  function messageJson(packId: string, m: Message) {
    return {
      id: m.id,
      site_id: 'MLA',
      client_id: Number(clientId),
      from: m.from,
      to: m.to,
      status: 'available',
      subject: null,
      text: m.text,
      message_date: { received: m.created, available: m.created, notified: m.created, created: m.created, read: m.read },
      message_moderation: { status: 'clean', reason: null, source: 'online', moderation_date: m.created },
      message_attachments: m.attachments.length ? m.attachments : null,
      message_resources: [
        { id: packId, name: 'packs' },
        { id: String(seller.id), name: 'sellers' },
      ],
    };
  }

  function token(req: http.IncomingMessage, raw: string) {
    if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return error(400, 'invalid request', 'invalid_request');
    const form = new URLSearchParams(raw);
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return error(401, 'invalid client_id or client_secret', 'invalid_client');
    if (form.get('grant_type') !== 'refresh_token') return error(400, 'the grant type is not supported', 'unsupported_grant_type');
    if (form.get('refresh_token') !== refreshToken) {
      return { status: 400, body: { error_description: 'Error validating grant. Your authorization code or refresh token may be expired or it was already used', error: 'invalid_grant', status: 400, cause: [] } };
    }
    renewals += 1;
    // Single use: the refresh token just used stops working, a new one is handed out with the access token.
    refreshToken = `TG-${(0x6650a1b2 + renewals).toString(16)}c3d4e5f6a7b8c9d${renewals}-${seller.id}`;
    const access = `APP_USR-${clientId}-${renewals}-${seller.id}`;
    tokens.set(access, Date.now() + 21_600_000);
    return { status: 200, body: { access_token: access, token_type: 'Bearer', expires_in: 21600, scope: 'offline_access read write', user_id: seller.id, refresh_token: refreshToken } };
  }

  function api(method: string, url: URL, body: unknown, bearer: string): { status: number; body?: unknown; drop?: boolean; bytes?: Buffer } {
    const p = url.pathname;
    const q = url.searchParams;
    if (method === 'GET' && p === '/users/me') return { status: 200, body: { id: seller.id, nickname: seller.nickname, site_id: 'MLA', country_id: 'AR', user_type: 'normal' } };
    const user = /^\/users\/(\d+)$/.exec(p);
    if (method === 'GET' && user) {
      const id = Number(user[1]);
      const nickname = id === seller.id ? seller.nickname : buyers.get(id);
      return nickname ? { status: 200, body: { id, nickname, country_id: 'AR' } } : error(404, `User not found: ${id}`, 'not_found');
    }
    if (method === 'GET' && p === '/messages/unread') {
      if (q.get('role') !== 'seller') return { status: 200, body: { user_id: seller.id, results: [] } };
      const results = [...packs.values()]
        .map((pk) => ({ resource: `/packs/${pk.id}/sellers/${seller.id}`, count: pk.messages.filter((m) => m.to.user_id === seller.id && !m.read).length }))
        .filter((r) => r.count > 0);
      return { status: 200, body: { user_id: seller.id, results } };
    }
    const packPath = /^\/messages\/packs\/(\d+)\/sellers\/(\d+)$/.exec(p);
    if (packPath) {
      if (q.get('tag') !== 'post_sale') return error(400, 'tag is required and must be post_sale', 'bad_request');
      if (Number(packPath[2]) !== seller.id) return error(403, 'the caller is not the seller of this pack', 'forbidden');
      const pk = packs.get(packPath[1]!);
      if (!pk) return error(404, `Pack ${packPath[1]} not found`, 'not_found');
      if (method === 'GET') {
        const limit = q.has('limit') ? Number(q.get('limit')) : 10;
        const offset = q.has('offset') ? Number(q.get('offset')) : 0;
        if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) return error(400, 'invalid limit or offset', 'bad_request');
        const newestFirst = [...pk.messages].sort((a, b) => b.created.localeCompare(a.created));
        const answer = {
          paging: { limit, offset, total: newestFirst.length },
          conversation_status: { path: `/packs/${pk.id}/sellers/${seller.id}`, status: pk.status, substatus: pk.substatus, status_date: iso(), status_update_allowed: false, claim_ids: null, shipping_id: null },
          messages: newestFirst.slice(offset, offset + limit).map((m) => messageJson(pk.id, m)),
        };
        // "When you check /messages/packs/... the messages will be marked as read", unless mark_as_read=false.
        if (q.get('mark_as_read') !== 'false') for (const m of pk.messages) if (m.to.user_id === seller.id) m.read ??= iso();
        return { status: 200, body: answer };
      }
      if (method === 'POST') {
        const b = (body ?? {}) as { from?: { user_id?: unknown }; to?: { user_id?: unknown }; text?: unknown };
        if (typeof b.text !== 'string' || b.text.trim() === '') return error(400, 'text is required', 'bad_request');
        if ([...b.text].length > 350) return error(400, 'The text exceeds the maximum of 350 characters', 'bad_request');
        if (String(b.from?.user_id) !== String(seller.id) || String(b.to?.user_id) !== String(pk.buyer)) return error(400, 'from and to must be the pack seller and buyer', 'bad_request');
        if (pk.status === 'blocked') return error(403, `The conversation is blocked: ${pk.substatus}`, 'forbidden', [pk.substatus]);
        const m: Message = { id: `0${(nextId++).toString(16).padStart(31, 'a')}`, from: { user_id: seller.id }, to: { user_id: pk.buyer }, text: b.text, created: iso(), read: null, attachments: [] };
        pk.messages.push(m);
        sent.push({ packId: pk.id, text: b.text, id: m.id });
        if (drops > 0) {
          drops -= 1;
          return { status: 201, drop: true };
        }
        return { status: 201, body: messageJson(pk.id, m) };
      }
    }
    const attachment = /^\/messages\/attachments\/([^/]+)$/.exec(p);
    if (method === 'GET' && attachment) {
      const bytes = files.get(decodeURIComponent(attachment[1]!));
      return bytes ? { status: 200, bytes } : error(404, 'Attachment not found', 'not_found');
    }
    void bearer;
    return error(404, `Resource ${p} not found`, 'not_found');
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const raw = Buffer.concat(chunks).toString('utf8');
      const name = `${req.method} ${url.pathname.replace(/\d{4,}/g, '{id}')}`;
      calls[name] = (calls[name] ?? 0) + 1;
      let answer: { status: number; body?: unknown; drop?: boolean; bytes?: Buffer };
      if (req.method === 'POST' && url.pathname === '/oauth/token') answer = token(req, raw);
      else {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const until = tokens.get(bearer);
        if (!until || until < Date.now()) answer = error(401, 'invalid access token', 'invalid_token');
        else if (limited > 0) {
          limited -= 1;
          answer = error(429, 'Too Many Requests', 'local_rate_limited');
        } else {
          listener?.(url.pathname, bearer);
          let body: unknown;
          try {
            body = raw ? JSON.parse(raw) : undefined;
          } catch {
            answer = error(400, 'body is not valid JSON', 'bad_request');
            return void res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
          }
          answer = api(req.method ?? 'GET', url, body, bearer);
        }
      }
      if (answer.drop) return void req.socket.destroy();
      if (answer.bytes) return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(answer.bytes);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  const control = await listenControllable(server);

  return {
    url: control.url,
    clientId,
    clientSecret,
    get refreshToken() {
      return refreshToken;
    },
    seller,
    sent,
    calls,
    renewals: () => renewals,
    buyerWrites(packId, buyer, text, attachment) {
      buyers.set(buyer.id, buyer.nickname);
      let pk = packs.get(packId);
      if (!pk) {
        pk = { id: packId, buyer: buyer.id, status: 'active', substatus: null, messages: [] };
        packs.set(packId, pk);
      }
      const m: Message = { id: `0${(nextId++).toString(16).padStart(31, 'b')}`, from: { user_id: buyer.id }, to: { user_id: seller.id }, text, created: iso(), read: null, attachments: [] };
      if (attachment) {
        const filename = `${seller.id}_${m.id}.${attachment.name.split('.').pop()}`;
        files.set(filename, attachment.bytes);
        m.attachments.push({ filename, original_filename: attachment.name, type: attachment.type, size: attachment.bytes.length });
      }
      pk.messages.push(m);
      return m.id;
    },
    block(packId, substatus) {
      const pk = packs.get(packId)!;
      pk.status = substatus ? 'blocked' : 'active';
      pk.substatus = substatus;
    },
    pack(packId) {
      const pk = packs.get(packId);
      return pk && { unread: pk.messages.filter((m) => m.to.user_id === seller.id && !m.read).length, messages: pk.messages.map((m) => ({ from: m.from.user_id, text: m.text })) };
    },
    onCall(l) {
      listener = l;
    },
    rateLimit(n) {
      limited = n;
    },
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
    dropAfterSend(n) {
      drops = n;
    },
    down: control.down,
    up: control.up,
    close: control.close,
  };
}
