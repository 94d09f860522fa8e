// Registers the API contract on Electron IPC: one handler for every call (after checking which frame sent it)
// and every core event forwarded to the window.
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { eventNames, IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/contract.js';
import type { Invoke } from '../core/api/router.js';
import type { CoreEvents } from '../core/events.js';

/** Only our own renderer page may call the API; any other frame (an injected iframe, a navigated page) may not. */
export function isTrustedFrame(frame: WebFrameMain | null | undefined, rendererUrl: string): boolean {
  if (!frame) return false;
  try {
    const url = new URL(frame.url);
    const allowed = new URL(rendererUrl);
    if (allowed.protocol === 'file:') return url.protocol === 'file:' && url.pathname === allowed.pathname;
    // Opaque origins (file:, about:, data:) all serialize as "null"; only a real http(s) origin may match.
    return /^https?:$/.test(url.protocol) && url.origin !== 'null' && url.origin === allowed.origin;
  } catch {
    return false;
  }
}

export function registerIpc(ipcMain: IpcMain, invoke: Invoke, rendererUrl: string): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown) => {
    if (!isTrustedFrame(event.senderFrame, rendererUrl)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page may not use the inbox API.' } };
    }
    return invoke(name, input);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

export function forwardEvents(events: CoreEvents, target: () => WebContents | null): () => void {
  return events.onAny((name, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT, name, payload);
  }, eventNames);
}
