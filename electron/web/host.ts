// The browser transport: serves the built renderer and the API contract over HTTP (calls) and a WebSocket
// (pushed events) on loopback only. Each run has a random token; every call and the socket must present it,
// and the Host header must name this loopback address (so other web pages cannot reach the API).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventNames, HTTP_INVOKE_PREFIX, WS_EVENTS_PATH } from '../../shared/ipc/contract.js';
import type { InboxCore } from '../core/inbox-core.js';
import type { Invoke } from '../core/api/router.js';

export interface WebHostOptions {
  core: InboxCore;
  invoke: Invoke;
  rendererDir: string;
  port: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A request's largest body: a reply with 25 MB of files, base64 encoded. */
const MAX_BODY = 36 * 1024 * 1024;

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const token = o.token ?? randomBytes(24).toString('hex');
  const tokenBuf = Buffer.from(token);
  const validToken = (t: string | undefined | null) => {
    if (!t) return false;
    const b = Buffer.from(t);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  let port = o.port;
  const allowedHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;

  const loopbackOrigins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  // No request, however malformed, may take the host down: every handler's failure ends that request only.
  const server = http.createServer((req, res) => {
    req.on('error', () => res.destroy());
    try {
      route(req, res);
    } catch (err) {
      failRequest(res, err);
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!allowedHost(req.headers.host)) {
      res.writeHead(421, SECURITY_HEADERS).end('Misdirected request');
      return;
    }
    const pathname = requestPath(req.url);
    if (pathname === null) {
      res.writeHead(400, SECURITY_HEADERS).end('Bad request');
      return;
    }
    if (pathname.startsWith(HTTP_INVOKE_PREFIX)) {
      handleInvoke(req, res, pathname.slice(HTTP_INVOKE_PREFIX.length)).catch((err) => failRequest(res, err));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    serveStatic(pathname, res);
  }

  async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    const auth = req.headers.authorization ?? '';
    if (req.method !== 'POST' || !validToken(auth.replace(/^Bearer /, ''))) {
      sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong session token.' } });
      return;
    }
    // A page elsewhere in the browser cannot read our answers, but must not make calls either.
    const origin = req.headers.origin;
    if (origin !== undefined && !loopbackOrigins().includes(origin)) {
      sendJson(res, 403, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Calls from another origin are refused.' } });
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'Request too large.' } });
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Body is not JSON.' } });
      return;
    }
    sendJson(res, 200, await o.invoke(name, input));
  }

  function serveStatic(pathname: string, res: http.ServerResponse) {
    const root = path.resolve(o.rendererDir);
    let file = path.resolve(root, `.${pathname}`);
    if (!file.startsWith(root + path.sep) && file !== root) {
      res.writeHead(403, SECURITY_HEADERS).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(500, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('The renderer is not built. Run: npm run build');
      return;
    }
    const stream = fs.createReadStream(file);
    stream.once('error', (err) => failRequest(res, err));
    stream.once('open', () => {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-frame-options': 'DENY',
        'content-security-policy': "frame-ancestors 'none'",
      });
      stream.pipe(res);
    });
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const refuse = () => {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
    };
    try {
      // Host first: nothing else of a request addressed elsewhere is even parsed.
      if (!allowedHost(req.headers.host)) return refuse();
      const origin = req.headers.origin;
      if (origin !== undefined && !loopbackOrigins().includes(origin)) return refuse();
      const url = new URL(req.url ?? '/', 'http://loopback.invalid');
      if (url.pathname !== WS_EVENTS_PATH || !validToken(url.searchParams.get('token'))) return refuse();
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('error', () => ws.terminate());
        ws.on('close', () => sockets.delete(ws));
      });
    } catch {
      refuse();
    }
  });
  const off = o.core.events.onAny((event, payload) => {
    const msg = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  }, eventNames);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${o.port} on 127.0.0.1 is already in use; choose another with --port.`) : err);
    });
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // after listening, a socket-level error concerns one client only
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      off();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' } as const;

/** The decoded path of a request target, or null when it cannot be decoded (e.g. `/%E0%A4%A`, `/%FF`). */
export function requestPath(target: string | undefined): string | null {
  try {
    const raw = new URL(target ?? '/', 'http://loopback.invalid').pathname;
    const decoded = decodeURIComponent(raw);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return res.end();
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function failRequest(res: http.ServerResponse, err: unknown) {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message } });
}
