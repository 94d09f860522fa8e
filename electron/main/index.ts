// The Electron entry: one instance, one window, the core on the user's profile folder, the contract on IPC.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, safeStorage, shell } from 'electron';
import { InboxCore } from '../core/inbox-core.js';
import { limitHeapGrowth } from '../core/heap-growth.js';
import { createRouter } from '../core/api/router.js';
import { FileSecretStore } from '../core/secrets/secret-store.js';
import { APP_VERSION } from '../core/version.js';
import { loadOAuthClients, type OAuthClients } from '../core/auth/oauth-clients.js';
import { forwardEvents, registerIpc } from './ipc.js';
import { secretCodecFor } from './safe-storage-codec.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function rendererUrl(): string {
  // electron-vite sets this in development (hot-reloading dev server); otherwise the built files.
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;
}

/** The app's OAuth registrations; a broken file is reported, and the app runs on without them. */
function oauthClientsOrWarn(file: string): OAuthClients {
  try {
    return loadOAuthClients(file);
  } catch (err) {
    dialog.showErrorBox('OAuth registrations not loaded', (err as Error).message);
    return {};
  }
}

export async function startApp(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  limitHeapGrowth();
  const profileDir = path.join(app.getPath('userData'), 'profile');
  const { codec } = secretCodecFor(safeStorage);
  const core = new InboxCore({
    profileDir,
    secrets: new FileSecretStore(path.join(profileDir, 'secrets.json'), codec),
    version: APP_VERSION,
    openPath: (file) => shell.openPath(file),
    oauthClients: oauthClientsOrWarn(path.join(app.getAppPath(), 'resources', 'oauth-clients.json')),
  });
  const url = rendererUrl();
  registerIpc(ipcMain, createRouter(core), url);
  const icon = path.join(app.getAppPath(), 'resources', 'icon.png');
  let win: BrowserWindow | null = createMainWindow(path.join(here, '../preload/index.cjs'), url, icon);
  forwardEvents(core.events, () => win?.webContents ?? null);
  win.on('closed', () => (win = null));
  core.start();
  // Back from sleep the network has usually changed: reconnect and send what waits, without a click.
  // (The renderer also reacts to the OS's "online" event.)
  powerMonitor.on('resume', () => core.syncNow());

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (!win) {
      win = createMainWindow(path.join(here, '../preload/index.cjs'), url, icon);
      win.on('closed', () => (win = null));
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void core.close().finally(() => app.quit());
  });
}

void startApp();
