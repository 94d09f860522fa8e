// The main window, locked down: isolated, sandboxed preload, no Node in the page, no navigation away from
// the app, and links opened in the system browser. The unread count in the page's title goes on the dock or
// taskbar badge.
import { app, BrowserWindow, shell } from 'electron';

/** The unread count the page puts in its title ("(3) Cross-border Inbox"; "(999+) …" counts as 999). */
export function unreadInTitle(title: string): number {
  const m = /^\((\d+)\+?\) /.exec(title);
  return m ? Number(m[1]) : 0;
}

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
  win.webContents.on('page-title-updated', (_event, title) => {
    app.setBadgeCount(unreadInTitle(title));
  });
  void win.loadURL(rendererUrl);
  return win;
}
