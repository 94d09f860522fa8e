// An eBay REST server for tests, written from eBay's documentation (see README.md): the OAuth token endpoint
// (refresh-token grant) and the Message API (commerce/message/v1) under the same paths, with the same auth
// headers, field names, offset paging and error containers. The app's own client is pointed at it by URL.
import http from 'node:http';
import { listenControllable } from '../controllable-server.js';

const MESSAGE = '/commerce/message/v1';
const SCOPE = 'https://api.ebay.com/oauth/api_scope/commerce.message';

interface Message {
  messageId: string;
  messageBody: string;
  subject?: string;
  senderUsername: string;
  recipientUsername: string;
  createdDate: string;
  readStatus: boolean;
  messageMedia?: Array<{ mediaName: string; mediaType: string; mediaUrl: string }>;
}

interface Conversation {
  conversationId: string;
  conversationType: 'FROM_MEMBERS' | 'FROM_EBAY';
  conversationStatus: 'ACTIVE' | 'ARCHIVE' | 'DELETE';
  conversationTitle: string;
  createdDate: string;
  referenceId?: string;
  referenceType?: 'LISTING';
  read: boolean;
  messages: Message[];
}

export interface SentEbayMessage {
  conversationId: string;
  messageText: string;
  messageId: string;
}

export interface EbayContractServer {
  url: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  seller: string;
  /** What the seller sent through the API, in order. */
  sent: SentEbayMessage[];
  /** updateConversation calls, in order. */
  updates: Array<{ conversationId: string; read?: boolean; conversationStatus?: string }>;
  calls: Record<string, number>;
  /** Tokens minted with the refresh token. */
  tokensIssued(): number;
  /** A buyer writes to the seller (a new conversation about an item, or in an existing one). Returns the conversation id. */
  buyerWrites(buyer: string, text: string, options?: { conversationId?: string; itemId?: string; title?: string; at?: Date; photo?: Buffer }): string;
  /** The seller writes on eBay's website (not through the app). */
  sellerWritesOnEbay(conversationId: string, text: string): void;
  /** eBay itself sends a notice (FROM_EBAY). */
  ebayNotice(title: string, text: string): string;
  conversation(id: string): { status: string; read: boolean; messages: Array<{ sender: string; text: string }> } | undefined;
  /** The next `n` Message API calls answer 429 (with Retry-After when given). */
  rateLimit(n: number, retryAfterS?: number): void;
  /** Every access token handed out so far stops working (as after two hours). */
  expireTokens(): void;
  /** The seller revoked the app: the refresh token is refused (invalid_grant). */
  revokeRefreshToken(): void;
  /** The next `n` send_message calls are carried out, but the connection drops before the answer. */
  dropAfterSend(n: number): void;
  /** Stops answering (connections refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startEbayContractServer(options: { seller?: string } = {}): Promise<EbayContractServer> {
  const clientId = 'LumenSho-inbox-PRD-1a2b3c4d5-6e7f8a9b';
  const clientSecret = 'PRD-1a2b3c4d5e6f-7a8b-9c0d-1e2f-3a4b';
  let refreshToken = 'v^1.1#i^1#r^1#I^3#p^3#f^0#t^Ul4xMF8xOkZBQjE=';
  const seller = options.seller ?? 'lumen_shop';
  const conversations = new Map<string, Conversation>();
  const tokens = new Map<string, number>();
  const sent: SentEbayMessage[] = [];
  const updates: EbayContractServer['updates'] = [];
  const calls: Record<string, number> = {};
  const media = new Map<string, Buffer>();
  let issued = 0;
  let nextId = 7_000_000;
  let limited = { n: 0, retryAfter: 0 };
  let drops = 0;

  const errors = (status: number, errorId: number, domain: string, message: string, longMessage?: string) => ({
    status,
    body: { errors: [{ errorId, domain, category: status >= 500 ? 'APPLICATION' : 'REQUEST', message, ...(longMessage ? { longMessage } : {}) }] },
  });
  const invalidToken = () => errors(401, 1001, 'OAuth', 'Invalid access token', 'Invalid access token. Check the value of the Authorization HTTP request header.');

  function detail(c: Conversation) {
    const latest = [...c.messages].sort((a, b) => b.createdDate.localeCompare(a.createdDate))[0];
    return {
      conversationId: c.conversationId,
      conversationStatus: c.conversationStatus,
      conversationTitle: c.conversationTitle,
      conversationType: c.conversationType,
      createdDate: c.createdDate,
      latestMessage: latest,
      ...(c.referenceId ? { referenceId: c.referenceId, referenceType: c.referenceType } : {}),
      unreadCount: c.messages.filter((m) => m.recipientUsername === seller && !m.readStatus).length,
    };
  }

  const latestAt = (c: Conversation) => c.messages.reduce((t, m) => (m.createdDate > t ? m.createdDate : t), c.createdDate);

  function paging(base: string, q: URLSearchParams, total: number): { limit: number; offset: number; links: object } | { error: ReturnType<typeof errors> } {
    const limit = q.has('limit') ? Number(q.get('limit')) : 25;
    const offset = q.has('offset') ? Number(q.get('offset')) : 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) return { error: errors(400, 355001, 'API_MESSAGE', 'The limit value is invalid. It must be between 1 and 50.') };
    if (!Number.isInteger(offset) || offset < 0) return { error: errors(400, 355002, 'API_MESSAGE', 'The offset value is invalid.') };
    const at = (o: number) => {
      const p = new URLSearchParams(q);
      p.set('offset', String(o));
      p.set('limit', String(limit));
      return `${base}?${p}`;
    };
    return {
      limit,
      offset,
      links: { href: at(offset), limit, offset, total, ...(offset + limit < total ? { next: at(offset + limit) } : {}), ...(offset > 0 ? { prev: at(Math.max(0, offset - limit)) } : {}) },
    };
  }

  function handleToken(req: http.IncomingMessage, body: string) {
    const auth = req.headers.authorization ?? '';
    const basic = /^Basic (.+)$/.exec(auth);
    const pair = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
    if (pair !== `${clientId}:${clientSecret}`) return { status: 401, body: { error: 'invalid_client', error_description: 'client authentication failed' } };
    if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'request is missing a required parameter or malformed' } };
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type in request is not supported by the authorization server' } };
    if (form.get('refresh_token') !== refreshToken) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid or was issued to another client' } };
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.some((s) => s !== SCOPE)) {
      return { status: 400, body: { error: 'invalid_scope', error_description: 'the requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client' } };
    }
    const token = `v^1.1#i^1#f^0#p^3#I^3#r^0#t^H4sI${++issued}`;
    tokens.set(token, Date.now() + 7200_000);
    return { status: 200, body: { access_token: token, expires_in: 7200, token_type: 'User Access Token' } };
  }

  function handleMessage(method: string, url: URL, body: unknown, req: http.IncomingMessage): { status: number; body?: unknown; drop?: boolean; retryAfter?: number } {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const until = bearer ? tokens.get(bearer) : undefined;
    if (!until || until < Date.now()) return invalidToken();
    if (limited.n > 0) {
      limited.n -= 1;
      const e = errors(429, 2001, 'ACCESS', 'Too many requests', 'The request limit has been reached for the resource.');
      return { ...e, ...(limited.retryAfter ? { retryAfter: limited.retryAfter } : {}) };
    }
    const route = url.pathname.slice(MESSAGE.length);
    const q = url.searchParams;
    if (method === 'GET' && route === '/conversation') {
      const type = q.get('conversation_type');
      if (type !== 'FROM_MEMBERS' && type !== 'FROM_EBAY') return errors(400, 355003, 'API_MESSAGE', 'The conversation_type value is missing or invalid. Valid values: FROM_EBAY, FROM_MEMBERS.');
      const start = q.get('start_time');
      if (start && Number.isNaN(Date.parse(start))) return errors(400, 355004, 'API_MESSAGE', 'The start_time value is invalid. Use the ISO 8601 format.');
      const matching = [...conversations.values()]
        .filter((c) => c.conversationType === type && c.conversationStatus !== 'DELETE')
        .filter((c) => !start || latestAt(c) >= new Date(start).toISOString())
        .sort((a, b) => latestAt(b).localeCompare(latestAt(a)));
      const p = paging(`${url.origin}${url.pathname}`, q, matching.length);
      if ('error' in p) return p.error;
      return { status: 200, body: { conversations: matching.slice(p.offset, p.offset + p.limit).map(detail), ...p.links } };
    }
    const one = /^\/conversation\/([^/]+)$/.exec(route);
    if (method === 'GET' && one) {
      const c = conversations.get(decodeURIComponent(one[1]!));
      const type = q.get('conversation_type');
      if (type !== 'FROM_MEMBERS' && type !== 'FROM_EBAY') return errors(400, 355003, 'API_MESSAGE', 'The conversation_type value is missing or invalid. Valid values: FROM_EBAY, FROM_MEMBERS.');
      if (!c || c.conversationType !== type) return errors(404, 355010, 'API_MESSAGE', 'The conversation was not found.');
      // Newest first, so a client that needs them in order must sort.
      const messages = [...c.messages].sort((a, b) => b.createdDate.localeCompare(a.createdDate));
      const p = paging(`${url.origin}${url.pathname}`, q, messages.length);
      if ('error' in p) return p.error;
      return {
        status: 200,
        body: {
          conversationId: c.conversationId,
          conversationStatus: c.conversationStatus,
          conversationTitle: c.conversationTitle,
          conversationType: c.conversationType,
          messages: messages.slice(p.offset, p.offset + p.limit),
          ...p.links,
        },
      };
    }
    if (method === 'POST' && route === '/send_message') {
      const b = (body ?? {}) as { conversationId?: string; messageText?: string; otherPartyUsername?: string };
      if (typeof b.messageText !== 'string' || b.messageText.length === 0) return errors(400, 355020, 'API_MESSAGE', 'The messageText field is required.');
      if ([...b.messageText].length > 2000) return errors(400, 355021, 'API_MESSAGE', 'The messageText value exceeds the maximum length of 2000 characters.');
      const c = b.conversationId ? conversations.get(b.conversationId) : undefined;
      if (!c) return errors(400, 355022, 'API_MESSAGE', 'The conversationId is invalid, or otherPartyUsername and reference are required to start a conversation.');
      if (c.conversationType === 'FROM_EBAY') return errors(400, 355023, 'API_MESSAGE', 'Messages cannot be sent in a FROM_EBAY conversation.');
      const buyer = c.messages.find((m) => m.senderUsername !== seller)?.senderUsername ?? '';
      const m: Message = { messageId: String(++nextId), messageBody: b.messageText, senderUsername: seller, recipientUsername: buyer, createdDate: new Date().toISOString(), readStatus: false };
      c.messages.push(m);
      sent.push({ conversationId: c.conversationId, messageText: b.messageText, messageId: m.messageId });
      if (drops > 0) {
        drops -= 1;
        return { status: 200, drop: true };
      }
      return {
        status: 201,
        body: { createdDate: m.createdDate, messageBody: m.messageBody, messageId: m.messageId, readStatus: false, recipientUserName: buyer, senderUserName: seller, subject: c.conversationTitle },
      };
    }
    if (method === 'POST' && route === '/update_conversation') {
      const b = (body ?? {}) as { conversationId?: string; conversationType?: string; conversationStatus?: string; read?: boolean };
      if (b.conversationType !== 'FROM_MEMBERS' && b.conversationType !== 'FROM_EBAY') return errors(400, 355030, 'API_MESSAGE', 'The conversationType field is required.');
      const c = b.conversationId ? conversations.get(b.conversationId) : undefined;
      if (!c || c.conversationType !== b.conversationType) return errors(404, 355010, 'API_MESSAGE', 'The conversation was not found.');
      if (typeof b.read === 'boolean') {
        // "If both fields are included, only the read status ... will be updated."
        c.read = b.read;
        for (const m of c.messages) if (m.recipientUsername === seller) m.readStatus = b.read;
        updates.push({ conversationId: c.conversationId, read: b.read });
      } else if (b.conversationStatus === 'ACTIVE' || b.conversationStatus === 'ARCHIVE' || b.conversationStatus === 'DELETE') {
        c.conversationStatus = b.conversationStatus;
        updates.push({ conversationId: c.conversationId, conversationStatus: b.conversationStatus });
      } else {
        return errors(400, 355031, 'API_MESSAGE', 'The conversationStatus value is invalid. Valid values: ACTIVE, ARCHIVE, DELETE.');
      }
      return { status: 204 };
    }
    return errors(404, 2002, 'ACCESS', 'Resource not found', `The requested resource ${url.pathname} does not exist.`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const raw = Buffer.concat(chunks).toString('utf8');
      const name = `${req.method} ${url.pathname.replace(/\/conversation\/[^/]+$/, '/conversation/{id}')}`;
      calls[name] = (calls[name] ?? 0) + 1;
      let answer: { status: number; body?: unknown; drop?: boolean; retryAfter?: number };
      if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
        const bytes = media.get(url.pathname);
        if (!bytes) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(bytes);
      }
      if (req.method === 'POST' && url.pathname === '/identity/v1/oauth2/token') answer = handleToken(req, raw);
      else if (url.pathname.startsWith(`${MESSAGE}/`)) {
        let body: unknown;
        if (raw) {
          try {
            body = JSON.parse(raw);
          } catch {
            answer = errors(400, 2004, 'ACCESS', 'Request had bad syntax or the request body was invalid');
            return finish(res, answer);
          }
        }
        answer = handleMessage(req.method ?? 'GET', url, body, req);
      } else answer = errors(404, 2002, 'ACCESS', 'Resource not found');
      if (answer.drop) return void req.socket.destroy();
      finish(res, answer);
    });
  });
  function finish(res: http.ServerResponse, answer: { status: number; body?: unknown; retryAfter?: number }) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.retryAfter) headers['retry-after'] = String(answer.retryAfter);
    res.writeHead(answer.status, headers).end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }
  const control = await listenControllable(server);
  const origin = control.url;

  function newConversation(type: Conversation['conversationType'], title: string, at: Date, itemId?: string): Conversation {
    const c: Conversation = {
      conversationId: `${type === 'FROM_EBAY' ? 'E' : 'M'}${++nextId}`,
      conversationType: type,
      conversationStatus: 'ACTIVE',
      conversationTitle: title,
      createdDate: at.toISOString(),
      read: false,
      messages: [],
      ...(itemId ? { referenceId: itemId, referenceType: 'LISTING' as const } : {}),
    };
    conversations.set(c.conversationId, c);
    return c;
  }

  return {
    url: origin,
    clientId,
    clientSecret,
    get refreshToken() {
      return refreshToken;
    },
    seller,
    sent,
    updates,
    calls,
    tokensIssued: () => issued,
    buyerWrites(buyer, text, o = {}) {
      const at = o.at ?? new Date();
      const c = o.conversationId ? conversations.get(o.conversationId)! : newConversation('FROM_MEMBERS', o.title ?? `Question about item ${o.itemId ?? ''}`.trim(), at, o.itemId);
      const m: Message = { messageId: String(++nextId), messageBody: text, subject: c.conversationTitle, senderUsername: buyer, recipientUsername: seller, createdDate: at.toISOString(), readStatus: false };
      if (o.photo) {
        const p = `/media/${m.messageId}.jpg`;
        media.set(p, o.photo);
        m.messageMedia = [{ mediaName: 'photo.jpg', mediaType: 'IMAGE', mediaUrl: `${origin}${p}` }];
      }
      c.messages.push(m);
      if (c.conversationStatus === 'ARCHIVE') c.conversationStatus = 'ACTIVE';
      c.read = false;
      return c.conversationId;
    },
    sellerWritesOnEbay(conversationId, text) {
      const c = conversations.get(conversationId)!;
      const buyer = c.messages.find((m) => m.senderUsername !== seller)?.senderUsername ?? '';
      c.messages.push({ messageId: String(++nextId), messageBody: text, senderUsername: seller, recipientUsername: buyer, createdDate: new Date().toISOString(), readStatus: false });
    },
    ebayNotice(title, text) {
      const c = newConversation('FROM_EBAY', title, new Date());
      c.messages.push({ messageId: String(++nextId), messageBody: text, subject: title, senderUsername: 'eBay', recipientUsername: seller, createdDate: new Date().toISOString(), readStatus: false });
      return c.conversationId;
    },
    conversation(id) {
      const c = conversations.get(id);
      return c && { status: c.conversationStatus, read: c.read, messages: c.messages.map((m) => ({ sender: m.senderUsername, text: m.messageBody })) };
    },
    rateLimit(n, retryAfterS = 0) {
      limited = { n, retryAfter: retryAfterS };
    },
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
    revokeRefreshToken() {
      refreshToken = `${refreshToken}-revoked`;
    },
    dropAfterSend(n) {
      drops = n;
    },
    down: control.down,
    up: control.up,
    close: control.close,
  };
}
