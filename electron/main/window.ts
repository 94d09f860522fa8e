// The main window, locked down: isolated, sandboxed preload, no Node in the page, no navigation away from
// the app, and links opened in the system browser.
import { BrowserWindow, shell } from 'electron';

export function createMainWindow(preloadPath: string, rendererUrl: string, iconPath?: string): BrowserWindow {
  const win = new BrowserWindow({
    ...(iconPath ? { icon: iconPath } : {}),
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Cross-border Inbox',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault();
  });
  void win.loadURL(rendererUrl);
  return win;
}
