// Property-based: generated hostile input through the real code paths. Whatever a sender or a web page sends,
// the app never crashes and never loses a message.
//  - MIME: generated messages (broken structure, odd encodings, huge or binary headers, truncation) through the
//    email mapping and the core's ingest, as sync stores them.
//  - The API: generated call names and inputs through the router; generated request lines, paths and headers
//    through the web host, which must answer every one and stay up.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../shared/ipc/contract.js';
import { InboxCore } from '../../electron/core/inbox-core.js';
import { createRouter, type Invoke } from '../../electron/core/api/router.js';
import { FileSecretStore } from '../../electron/core/secrets/secret-store.js';
import { mapRaw } from '../../electron/core/channels/email/mapping.js';
import { ingestMessage } from '../../electron/core/conversations/ingest.js';
import { normalizeMessageId } from '../../electron/core/conversations/threading.js';
import { startWebHost, type WebHost } from '../../electron/web/host.js';

const corpus = path.resolve(import.meta.dirname, '../data/hostile');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

let dir: string;
let core: InboxCore;
let invoke: Invoke;
let host: WebHost;
let accountId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'property-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>inbox</title>');
  core = new InboxCore({ profileDir: path.join(dir, 'profile'), secrets: new FileSecretStore(path.join(dir, 'secrets.json')), version: 'p' });
  invoke = createRouter(core);
  accountId = 'acct-property';
  core.store.accounts.insert({ id: accountId, channel: 'email', name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: Date.now() });
  host = await startWebHost({ core, invoke, rendererDir, port: 0 });
});
afterAll(async () => {
  await host?.close();
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// --- MIME -------------------------------------------------------------------------------------------------

const headerName = fc.constantFrom('From', 'To', 'Subject', 'Message-ID', 'In-Reply-To', 'References', 'Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition', 'Date', 'Reply-To', 'X-Junk');
const nasty = fc.constantFrom(
  '=?UTF-8?B?=?=', '=?gb2312?Q?=C4=E3=BA=C3?=', '=?x-unknown?Q?abc?=', '<>', '<<a@b>>', '"\u202Eexe.txt"', 'multipart/mixed; boundary=""',
  'multipart/mixed', 'multipart/mixed; boundary="b"', 'text/plain; charset="x-nope"', 'base64', 'quoted-printable', 'x-uuencode',
  'attachment; filename*=UTF-8\'\'%E0%A4%A', 'Thu, 31 Feb 99999 25:61:61 +9999', '\u0000\u0001\u00ff', 'a'.repeat(5000),
);
const headerValue = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), nasty);
const bodyLine = fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('--b', '--b--', '--', '=', '=\r', '=XX', '.', ''), fc.base64String({ maxLength: 120 }));
const part: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }), fc.array(bodyLine, { maxLength: 8 }))
  .map(([headers, body]) => [...headers.map(([k, v]) => `${k}: ${v}`), '', ...body].join('\r\n'));
const message = fc
  .record({
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }),
    parts: fc.array(part, { maxLength: 5 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    lf: fc.boolean(),
  })
  .map(({ headers, parts, cut, lf }) => {
    let text = [...headers.map(([k, v]) => `${k}: ${v}`), 'Content-Type: multipart/mixed; boundary="b"', '', 'preamble', ...parts.flatMap((p) => ['--b', p]), '--b--', ''].join('\r\n');
    if (lf) text = text.replace(/\r\n/g, '\n');
    const bytes = Buffer.from(text, 'latin1');
    return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

/** What sync does with one fetched message: map it, store it; then it must be findable by its Message-ID. */
async function syncOne(raw: Buffer, uid: number) {
  const mapped = await mapRaw(raw, { ownAddresses: ['shop@example.test'], inSentFolder: false, isSeen: false, internalDate: Date.now(), raw });
  const r = core.store.transaction(() => ingestMessage(core.store, core.attachmentsDir, accountId, mapped, { folder: 'INBOX', uid }, Date.now()));
  const stored = core.store.messages.findByHeader(accountId, normalizeMessageId(mapped.messageIdHeader));
  return { r, stored };
}

describe('hostile mail through mapping and ingest', () => {
  it('stores every generated message, never throwing', async () => {
    let uid = 0;
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const { r, stored } = await syncOne(raw, ++uid);
        expect(stored?.id).toBe(r.messageId);
        expect(await invoke('conversations.get', { id: r.conversationId })).toMatchObject({ ok: true });
      }),
      { numRuns: RUNS },
    );
  });

  it('stores every message of the kept hostile corpus', async () => {
    const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    let uid = 100_000;
    for (const file of files) {
      const { r, stored } = await syncOne(fs.readFileSync(path.join(corpus, file)), ++uid);
      expect(stored?.id, file).toBe(r.messageId);
    }
  });
});

// --- The API --------------------------------------------------------------------------------------------

/** Calls that reach a network (a generated host name must never be looked up) are left out. */
const NETWORK_CALLS = new Set(['accounts.addEmail', 'accounts.updateSignIn', 'oauth.begin', 'sync.now', 'attachments.download', 'attachments.open']);
const safeCalls = Object.keys(calls).filter((c) => !NETWORK_CALLS.has(c));

describe('generated requests', () => {
  it('the router answers every call name and input with an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...safeCalls), fc.string({ maxLength: 40 })), fc.oneof(fc.jsonValue(), fc.anything()), async (name, input) => {
        fc.pre(!NETWORK_CALLS.has(name));
        const r = await invoke(name, input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(typeof r.error.code).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('the web host answers every generated request and stays up', async () => {
    const target = fc.oneof(
      fc.string({ maxLength: 60 }).map((s) => `/${encodeURI(s)}`),
      fc.array(fc.oneof(fc.constantFrom('%', '%E0', '%A4%A', '%FF', '%00', '..', '/', '?', '#', 'api', 'invoke', 'events', '%2F'), fc.string({ maxLength: 5 })), { maxLength: 10 })
        .map((xs) => `/${xs.join('')}`.replace(/[\s\u0000-\u001f\u007f-\uffff]/g, 'x')),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'DELETE'),
      prefix: fc.constantFrom('', '/api/invoke', '/api/events'),
      target,
      host: fc.oneof(fc.constant(`127.0.0.1:${host.port}`), fc.constantFrom('[::1', 'a b', '', 'evil.example', `localhost:${host.port}`)),
      auth: fc.oneof(fc.constant(`Bearer ${host.token}`), fc.constant(''), fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ''))),
      upgrade: fc.boolean(),
      origin: fc.option(fc.constantFrom('https://evil.example', `http://127.0.0.1:${host.port}`, 'null'), { nil: undefined }),
      body: fc.oneof(fc.constant(''), fc.json(), fc.string({ maxLength: 100 })),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = [
          `${r.method} ${r.prefix}${r.target} HTTP/1.1`,
          `Host: ${r.host}`,
          ...(r.auth ? [`Authorization: ${r.auth}`] : []),
          ...(r.origin ? [`Origin: ${r.origin}`] : []),
          ...(r.upgrade ? ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'] : ['Connection: close']),
          `Content-Length: ${Buffer.byteLength(r.body)}`,
        ];
        const status = await rawRequest(`${headers.join('\r\n')}\r\n\r\n${r.body}`);
        expect(status).toMatch(/^(HTTP\/1\.1 \d{3}|closed)/);
        const alive = await fetch(`http://127.0.0.1:${host.port}/api/invoke/app.info`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: '{}' });
        expect(alive.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
  });
});

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(host.port, '127.0.0.1', () => socket.write(text));
    let got = '';
    const done = () => resolve(got.split('\r\n')[0] || 'closed');
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) socket.destroy();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(60_000, () => socket.destroy());
  });
}
