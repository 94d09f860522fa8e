// A Graph API server for tests, written from Meta's documentation (see README.md): a Page's Messenger and
// Instagram conversations (cursor paging, nested message fields), the Send API with messaging types and the
// 24-hour window, and Graph's error bodies. The app's own client is pointed at it by URL.
import http from 'node:http';
import { listenControllable } from '../controllable-server.js';

const VERSION = '/v21.0';
type Platform = 'messenger' | 'instagram';

interface User {
  id: string;
  name?: string;
  username?: string;
}

interface Message {
  id: string;
  created: number;
  from: User;
  to: User;
  text: string;
  image?: string;
}

interface Conversation {
  id: string;
  platform: Platform;
  customer: User;
  messages: Message[];
}

export interface MetaContractServer {
  url: string;
  token: string;
  page: { id: string; name: string };
  ig: { id: string; username: string };
  sent: Array<{ platform: Platform; recipient: string; text: string; messagingType: string; tag?: string }>;
  calls: Record<string, number>;
  /** A customer writes to the Page on a platform (`ago`: that long before now). Returns the conversation id. */
  customerWrites(platform: Platform, customer: User, text: string, options?: { agoMs?: number; image?: Buffer }): string;
  /** The Page's token stops working (Graph error 190), as after a password change. */
  revokeToken(): void;
  /** The next `n` calls answer with this throttling code (4, 17, 32 or 613), saying when access comes back. */
  throttle(n: number, code: number, regainMinutes?: number): void;
  dropAfterSend(n: number): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startMetaContractServer(options: { humanAgentAllowed?: boolean; linkInstagram?: boolean } = {}): Promise<MetaContractServer> {
  let token = 'EAAGm0PX4ZCpsBAKZCZBxQ7pZA1ZC4Page-Token-For-Tests';
  const page = { id: '104857600012345', name: 'Lumen & Loom Crafts' };
  const ig = { id: '17841400008460056', username: 'lumenloom' };
  const conversations = new Map<string, Conversation>();
  const images = new Map<string, Buffer>();
  const sent: MetaContractServer['sent'] = [];
  const calls: Record<string, number> = {};
  let nextId = 1;
  let throttled = { n: 0, code: 4, regainMinutes: 0 };
  let drops = 0;

  const graphError = (status: number, code: number, message: string, type = 'OAuthException', subcode?: number) => ({
    status,
    body: { error: { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: `A${(nextId++).toString(36)}Zx` } },
  });
  // Graph's own time format: 2026-12-02T08:15:00+0000.
  const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
  const self = (platform: Platform): User => (platform === 'instagram' ? { id: ig.id, username: ig.username } : { id: page.id, name: page.name });
  const updated = (c: Conversation) => Math.max(...c.messages.map((m) => m.created));

  function messageJson(m: Message, origin: string) {
    return {
      id: m.id,
      created_time: graphTime(m.created),
      from: m.from,
      to: { data: [m.to] },
      message: m.text,
      ...(m.image ? { attachments: { data: [{ id: `att${m.id.slice(-6)}`, mime_type: 'image/jpeg', name: 'image.jpg', image_data: { url: `${origin}/media${m.image}`, width: 640, height: 480 } }] } } : {}),
    };
  }

  /** `messages.limit(20){…}` inside `fields`: the conversation's newest messages, nested. */
  function nestedMessages(fields: string, c: Conversation, origin: string) {
    const m = /messages(?:\.limit\((\d+)\))?/.exec(fields);
    if (!m) return {};
    const limit = Math.min(Number(m[1] ?? 25), 20);
    const newest = [...c.messages].sort((a, b) => b.created - a.created);
    return { messages: { data: newest.slice(0, limit).map((x) => messageJson(x, origin)), paging: { cursors: { before: 'QVFIUmx', after: 'QVFIUk1' } } } };
  }

  function handle(method: string, url: URL, body: unknown): { status: number; body?: unknown; drop?: boolean; bytes?: Buffer } {
    const p = url.pathname.slice(VERSION.length);
    const q = url.searchParams;
    const fields = q.get('fields') ?? '';
    if (method === 'GET' && p === '/me') {
      return { status: 200, body: { id: page.id, name: page.name, ...(fields.includes('instagram_business_account') && options.linkInstagram !== false ? { instagram_business_account: { id: ig.id, username: ig.username } } : {}) } };
    }
    if (method === 'GET' && p === `/${page.id}/conversations`) {
      const platform = (q.get('platform') ?? 'messenger') as Platform;
      if (platform !== 'messenger' && platform !== 'instagram') return graphError(400, 100, '(#100) Param platform must be one of {MESSENGER, INSTAGRAM}', 'OAuthException');
      const limit = Number(q.get('limit') ?? 25);
      const offset = q.get('after') ? Number(Buffer.from(q.get('after')!, 'base64').toString()) : 0;
      const all = [...conversations.values()].filter((c) => c.platform === platform).sort((a, b) => updated(b) - updated(a));
      const slice = all.slice(offset, offset + limit);
      const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
      const next = new URL(url);
      next.searchParams.set('after', cursor(offset + limit));
      return {
        status: 200,
        body: {
          data: slice.map((c) => ({
            id: c.id,
            updated_time: graphTime(updated(c)),
            ...(fields.includes('participants') ? { participants: { data: [c.customer, self(platform)] } } : {}),
            ...nestedMessages(fields, c, url.origin),
          })),
          paging: { cursors: { before: cursor(offset), after: cursor(offset + slice.length) }, ...(offset + limit < all.length ? { next: next.toString() } : {}) },
        },
      };
    }
    if (method === 'POST' && p === `/${page.id}/messages`) {
      const b = (body ?? {}) as { recipient?: { id?: string }; messaging_type?: string; tag?: string; message?: { text?: string } };
      const c = [...conversations.values()].find((x) => x.customer.id === b.recipient?.id);
      if (!c) return graphError(400, 100, '(#100) No matching user found', 'OAuthException', 2018001);
      if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(b.messaging_type ?? '')) return graphError(400, 100, '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
      const text = b.message?.text ?? '';
      const max = c.platform === 'instagram' ? 1000 : 2000;
      if (!text) return graphError(400, 100, '(#100) The parameter message[text] is required');
      if ([...text].length > max) return graphError(400, 100, `(#100) Length of param message[text] must be less than or equal to ${max}`);
      const lastIn = Math.max(0, ...c.messages.filter((m) => m.from.id === c.customer.id).map((m) => m.created));
      const age = Date.now() - lastIn;
      const tagged = b.messaging_type === 'MESSAGE_TAG' && b.tag === 'HUMAN_AGENT';
      if (tagged && !options.humanAgentAllowed) return graphError(400, 10, '(#10) This Page does not have permission to use the HUMAN_AGENT tag', 'OAuthException', 2018336);
      if (age > (tagged ? 7 * 86_400_000 : 86_400_000)) {
        return c.platform === 'instagram'
          ? graphError(400, 10, '(#10) This message is sent outside of allowed window.', 'OAuthException', 2534022)
          : graphError(400, 10, '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview', 'OAuthException', 2018278);
      }
      const m: Message = { id: `m_${(nextId++).toString(36)}${'x'.repeat(12)}`, created: Date.now(), from: self(c.platform), to: c.customer, text };
      c.messages.push(m);
      sent.push({ platform: c.platform, recipient: c.customer.id, text, messagingType: b.messaging_type!, ...(b.tag ? { tag: b.tag } : {}) });
      if (drops > 0) {
        drops -= 1;
        return { status: 200, drop: true };
      }
      return { status: 200, body: { recipient_id: c.customer.id, message_id: m.id } };
    }
    const one = /^\/([^/]+)$/.exec(p);
    if (method === 'GET' && one && conversations.has(one[1]!)) {
      const c = conversations.get(one[1]!)!;
      return { status: 200, body: { id: c.id, updated_time: graphTime(updated(c)), ...nestedMessages(fields || 'messages', c, url.origin) } };
    }
    return graphError(400, 100, `(#100) Unsupported ${method} request. Object with ID '${p.slice(1)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, 'GraphMethodException', 33);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
        const bytes = images.get(url.pathname.slice('/media'.length));
        return void (bytes ? res.writeHead(200, { 'content-type': 'image/jpeg' }).end(bytes) : res.writeHead(404).end());
      }
      const name = `${req.method} ${url.pathname.replace(/\/\d{6,}|\/t_[^/]+|\/aWdf[^/]+/g, '/{id}')}`;
      calls[name] = (calls[name] ?? 0) + 1;
      let answer: { status: number; body?: unknown; drop?: boolean; usage?: string };
      if (!url.pathname.startsWith(`${VERSION}/`)) answer = graphError(400, 2500, 'Unknown path components', 'OAuthException');
      else if (url.searchParams.get('access_token') !== token) answer = graphError(400, 190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', 'OAuthException', 460);
      else if (throttled.n > 0) {
        throttled.n -= 1;
        answer = {
          ...graphError(throttled.code === 613 ? 400 : 403, throttled.code, throttled.code === 4 ? '(#4) Application request limit reached' : throttled.code === 17 ? '(#17) User request limit reached' : throttled.code === 32 ? '(#32) Page request limit reached' : '(#613) Calls to this api have exceeded the rate limit.', 'OAuthException'),
          usage: JSON.stringify({ [page.id]: [{ type: 'pages', call_count: 100, total_cputime: 25, total_time: 25, estimated_time_to_regain_access: throttled.regainMinutes }] }),
        };
      } else {
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          answer = graphError(400, 100, '(#100) Invalid JSON body');
          return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        }
        answer = handle(req.method ?? 'GET', url, body);
      }
      if (answer.drop) return void req.socket.destroy();
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.usage) headers['x-business-use-case-usage'] = answer.usage;
      res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
    });
  });
  const control = await listenControllable(server);

  return {
    url: control.url,
    get token() {
      return token;
    },
    page,
    ig,
    sent,
    calls,
    customerWrites(platform, customer, text, o = {}) {
      let c = [...conversations.values()].find((x) => x.platform === platform && x.customer.id === customer.id);
      if (!c) {
        const id = platform === 'instagram' ? `aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6${nextId++}` : `t_${10_000_000_000 + nextId++}`;
        c = { id, platform, customer, messages: [] };
        conversations.set(id, c);
      }
      const m: Message = { id: `m_${(nextId++).toString(36)}${'y'.repeat(12)}`, created: Date.now() - (o.agoMs ?? 0), from: customer, to: self(platform), text };
      if (o.image) {
        m.image = `/${m.id}.jpg`;
        images.set(m.image, o.image);
      }
      c.messages.push(m);
      return c.id;
    },
    revokeToken() {
      token = `${token}-revoked`;
    },
    throttle(n, code, regainMinutes = 0) {
      throttled = { n, code, regainMinutes };
    },
    dropAfterSend(n) {
      drops = n;
    },
    down: control.down,
    up: control.up,
    close: control.close,
  };
}
