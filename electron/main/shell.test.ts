// The Electron shell with the electron module faked: window hardening, the IPC sender check, event
// forwarding and safeStorage-backed secrets.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, SafeStorage, WebContents, WebFrameMain } from 'electron';
import { CoreEvents } from '../core/events.js';

const fake = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; handlers: Record<string, (...a: unknown[]) => unknown>; openHandler?: (d: { url: string }) => unknown; loaded?: string }> = [];
  class BrowserWindow {
    record: (typeof windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.record = { options, handlers: {} };
      windows.push(this.record);
      const rec = this.record;
      this.webContents = {
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (rec.openHandler = fn),
        on: (name: string, fn: (...a: unknown[]) => unknown) => (rec.handlers[name] = fn),
        getURL: () => rec.loaded,
      };
    }
    once() {}
    loadURL(url: string) {
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  return { windows, BrowserWindow, openExternal: vi.fn(async () => undefined), setBadgeCount: vi.fn((_n: number) => true) };
});
vi.mock('electron', () => ({ app: { setBadgeCount: fake.setBadgeCount }, BrowserWindow: fake.BrowserWindow, shell: { openExternal: fake.openExternal } }));

const { createMainWindow } = await import('./window.js');
const { registerIpc, forwardEvents, isTrustedFrame } = await import('./ipc.js');
const { secretCodecFor } = await import('./safe-storage-codec.js');

const frame = (url: string) => ({ url }) as unknown as WebFrameMain;

beforeEach(() => {
  fake.windows.length = 0;
  fake.openExternal.mockClear();
});

describe('main window', () => {
  it('is isolated and sandboxed, with no Node in the page', () => {
    createMainWindow('/app/preload/index.cjs', 'file:///app/renderer/index.html');
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ preload: '/app/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(fake.windows[0]!.loaded).toBe('file:///app/renderer/index.html');
  });

  it('carries the app icon', () => {
    createMainWindow('/p.cjs', 'file:///app/index.html', '/app/resources/icon.png');
    expect(fake.windows[0]!.options.icon).toBe('/app/resources/icon.png');
  });

  it('opens web links in the system browser and never in the app window', () => {
    createMainWindow('/p.cjs', 'file:///app/index.html');
    const w = fake.windows[0]!;
    expect(w.openHandler!({ url: 'https://www.ebay.com/msg/1' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).toHaveBeenCalledWith('https://www.ebay.com/msg/1');
    expect(w.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
    const event = { preventDefault: vi.fn() };
    w.handlers['will-navigate']!(event, 'https://phish.example/login');
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('unread badge', () => {
  it('shows the unread count of the page title on the dock or taskbar, and clears it', () => {
    createMainWindow('/p.cjs', 'file:///app/index.html');
    const onTitle = fake.windows[0]!.handlers['page-title-updated']!;
    onTitle({}, '(3) Cross-border Inbox');
    expect(fake.setBadgeCount).toHaveBeenLastCalledWith(3);
    onTitle({}, '(999+) 跨境收件箱');
    expect(fake.setBadgeCount).toHaveBeenLastCalledWith(999);
    onTitle({}, 'Cross-border Inbox');
    expect(fake.setBadgeCount).toHaveBeenLastCalledWith(0);
  });
});

describe('IPC', () => {
  const setup = () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const ipcMain = { handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(ch, fn), removeHandler: (ch: string) => handlers.delete(ch) } as unknown as IpcMain;
    const invoke = vi.fn(async (name: unknown, input: unknown) => ({ ok: true as const, value: { name, input } }));
    const off = registerIpc(ipcMain, invoke, 'file:///app/out/renderer/index.html');
    return { handler: handlers.get('inbox:invoke')!, invoke, off, handlers };
  };

  it('passes calls from the app page to the core', async () => {
    const { handler, invoke } = setup();
    const r = await handler({ senderFrame: frame('file:///app/out/renderer/index.html') }, 'conversations.list', {});
    expect(r).toEqual({ ok: true, value: { name: 'conversations.list', input: {} } });
    expect(invoke).toHaveBeenCalledOnce();
  });

  it('refuses calls from any other frame without reaching the core', async () => {
    const { handler, invoke } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'about:blank']) {
      expect(await handler({ senderFrame: frame(url) }, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(await handler({ senderFrame: null }, 'accounts.list', {})).toMatchObject({ ok: false });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('trusts the dev server origin in development', () => {
    expect(isTrustedFrame(frame('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
    expect(isTrustedFrame(frame('http://localhost:5174/'), 'http://localhost:5173')).toBe(false);
  });

  it('unregisters its handler', () => {
    const { off, handlers } = setup();
    off();
    expect(handlers.has('inbox:invoke')).toBe(false);
  });

  it('forwards core events to the window while it exists', () => {
    const events = new CoreEvents();
    const send = vi.fn();
    let wc: WebContents | null = { send, isDestroyed: () => false } as unknown as WebContents;
    forwardEvents(events, () => wc);
    events.emit('conversations.changed', { ids: ['c1'] });
    expect(send).toHaveBeenCalledWith('inbox:event', 'conversations.changed', { ids: ['c1'] });
    wc = null;
    events.emit('conversations.changed', { ids: ['c2'] });
    expect(send).toHaveBeenCalledOnce();
  });
});

describe('secrets through safeStorage', () => {
  it('encrypts with the OS keychain when it is available', () => {
    const safeStorage = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc:${[...s].reverse().join('')}`),
      decryptString: (b: Buffer) => [...b.toString().slice(4)].reverse().join(''),
    } as unknown as SafeStorage;
    const { codec, encrypted } = secretCodecFor(safeStorage);
    expect(encrypted).toBe(true);
    const stored = codec.encode('hunter2');
    expect(Buffer.from(stored, 'base64').toString()).toBe('enc:2retnuh');
    expect(codec.decode(stored)).toBe('hunter2');
  });

  it('falls back to the permission-protected file when no keychain exists', () => {
    const { codec, encrypted } = secretCodecFor({ isEncryptionAvailable: () => false } as unknown as SafeStorage);
    expect(encrypted).toBe(false);
    expect(codec.name).toBe('plain');
  });
});
