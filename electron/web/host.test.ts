// The web host's guards: the session token, the Host header, the static root, and events over the socket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { InboxCore } from '../core/inbox-core.js';
import { createRouter } from '../core/api/router.js';
import { FileSecretStore } from '../core/secrets/secret-store.js';
import { startWebHost, type WebHost } from './host.js';

let core: InboxCore;
let host: WebHost;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhost-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>inbox</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  core = new InboxCore({ profileDir: path.join(dir, 'profile'), secrets: new FileSecretStore(path.join(dir, 's.json')), version: '1.2.3' });
  host = await startWebHost({ core, invoke: createRouter(core), rendererDir, port: 0 });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, body: unknown, token: string | null = host.token, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/invoke/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });

describe('web host', () => {
  it('answers calls that carry the session token', async () => {
    const r = await call('app.info', {});
    expect(await r.json()).toEqual({ ok: true, value: { version: '1.2.3', hasAccounts: false, demo: false, outbox: { pending: 0, failed: 0 }, oauthClients: {} } });
    expect(host.url).toBe(`${base}/#token=${host.token}`);
  });

  it('refuses calls without the token or with a wrong one', async () => {
    for (const token of [null, 'deadbeef', `${host.token}0`]) {
      const r = await call('app.info', {}, token);
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example:80' } }, (res) => resolve(res.statusCode!));
    });
    expect(status).toBe(421);
  });

  it('serves the renderer but nothing outside it', async () => {
    expect(await (await fetch(`${base}/`)).text()).toContain('<title>inbox</title>');
    const escape = await fetch(`${base}/..%2Fsecret.txt`);
    expect(await escape.text()).not.toContain('do not serve');
  });

  it('survives malformed requests, with or without the token, and keeps answering', async () => {
    const net = await import('node:net');
    /** Sends raw bytes and resolves with the status line (or "closed" when the host just hangs up). */
    const rawRequest = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(host.port, '127.0.0.1', () => socket.write(text));
        let got = '';
        socket.on('data', (d) => {
          got += d.toString('latin1');
          if (got.includes('\r\n')) socket.destroy(); // the status line is all we need
        });
        socket.on('error', () => resolve(got.split('\r\n')[0] || 'closed'));
        socket.on('close', () => resolve(got.split('\r\n')[0] || 'closed'));
        socket.setTimeout(60_000, () => socket.destroy());
      });
    const h = `127.0.0.1:${host.port}`;
    // Undecodable paths, as any page or a loaded mail image can request them.
    for (const target of ['/%E0%A4%A', '/%FF', '/%', '/a%00b']) {
      expect(await rawRequest(`GET ${target} HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    }
    const bad = await call('%E0', {});
    expect(bad.status).toBe(400);
    // WebSocket upgrades with a malformed Host, a foreign Origin, or a bad path.
    const upgrade = (hostHeader: string, extra = '', target = `/api/events?token=${host.token}`) =>
      rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    for (const hostHeader of ['[::1', 'a b', '%%', '']) expect(await upgrade(hostHeader)).toMatch(/^HTTP\/1\.1 (400|401)|closed/);
    expect(await upgrade(h, 'Origin: https://evil.example\r\n')).toBe('HTTP/1.1 401 Unauthorized');
    expect(await upgrade(h, '', '/%E0%A4%A?token=x')).toBe('HTTP/1.1 401 Unauthorized');
    expect(await upgrade(h, '', `/api/events?token=${host.token}`)).toBe('HTTP/1.1 101 Switching Protocols');
    // Still alive and answering.
    expect(await (await call('app.info', {})).json()).toMatchObject({ ok: true });
  });

  it('refuses calls from a page on another origin, even with the token', async () => {
    const r = await call('app.info', {}, host.token, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    const same = await call('app.info', {}, host.token, { origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
  });

  it('never sends a referrer from its pages', async () => {
    const r = await fetch(`${base}/`);
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${base}/%FF`)).headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('says in one line when its port is taken', async () => {
    const other = new InboxCore({ profileDir: path.join(dir, 'other'), secrets: new FileSecretStore(path.join(dir, 'other.json')), version: 'x' });
    try {
      await expect(startWebHost({ core: other, invoke: createRouter(other), rendererDir: '.', port: host.port })).rejects.toThrow(
        `Port ${host.port} on 127.0.0.1 is already in use; choose another with --port.`,
      );
    } finally {
      await other.close();
    }
  });

  it('pushes core events over the socket only with the token', async () => {
    const denied = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=wrong`);
    const deniedErr = await new Promise<string>((resolve) => denied.on('error', (e) => resolve(e.message)));
    expect(deniedErr).toContain('401');

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    await new Promise((r) => ws.on('open', r));
    const got: Array<{ event: string }> = [];
    const both = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        got.push(JSON.parse(String(d)));
        if (got.length === 2) resolve();
      }),
    );
    await call('demo.open', {});
    await both;
    expect(got.map((e) => e.event)).toEqual(['accounts.changed', 'conversations.changed']);
    ws.close();
  });
});
