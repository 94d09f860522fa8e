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

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhost-'));
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
