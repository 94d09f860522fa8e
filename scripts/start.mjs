#!/usr/bin/env node
// `npm start`: builds the app, then opens the desktop window where Electron is installed and a display exists.
// Otherwise (no Electron binary, no display, Electron's native build not obtainable, or the window failing to
// start) it runs the same app in the browser host on the same default profile, prints the link, opens it
// where a browser exists, and says why. Either way the command ends with the app running.
//   node scripts/start.mjs [--port N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NODE_HOST_FLAGS, electronJsFlags } from './host-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const APP_NAME = 'crossborder-inbox'; // package.json "name": Electron's userData folder is named after it
const DEFAULT_PORT = 5180;

const say = (line) => console.error(`[start] ${line}`);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** The profile folder Electron's app.getPath('userData') + '/profile' gives on this system. */
export function defaultProfileDir(env = process.env, platform = process.platform, home = os.homedir()) {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME, 'profile');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME, 'profile');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME, 'profile');
}

/** Why the desktop window cannot open here, or null when it can be tried. */
function whyNoWindow() {
  if (process.env.INBOX_BROWSER === '1') return 'INBOX_BROWSER=1 asks for the browser';
  let electronPath;
  try {
    electronPath = require('electron'); // the binary's path; throws when the download did not happen
  } catch {
    return 'the Electron binary is not installed (its download failed or was skipped)';
  }
  if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) return 'the Electron binary is not installed (its download failed or was skipped)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => {
      const any = net.createServer();
      any.listen(0, '127.0.0.1', () => {
        const { port } = any.address();
        any.close(() => resolve(port));
      });
    });
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

function openInBrowser(url) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser: the printed link is enough
    child.unref();
  } catch {
    // no opener on this system
  }
}

/** Electron's arguments for the desktop app: V8's settings for its main process, then the app. */
export function desktopArgs() {
  return [electronJsFlags(), '.'];
}

/** tsx's arguments for the browser host on this profile and port (tsx hands the flags to Node). */
export function browserHostArgs(profile, port) {
  return [...NODE_HOST_FLAGS, path.join(root, 'electron', 'web', 'main.ts'), '--profile', profile, '--port', String(port)];
}

function runBrowserHost(reason, port) {
  say(`Running in the browser instead of a desktop window: ${reason}.`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'native-abi.mjs'), 'node'], { stdio: 'inherit' });
  const profile = defaultProfileDir();
  const host = spawn(bin('tsx'), browserHostArgs(profile, port), {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /Open: (\S+)/.exec(String(chunk))?.[1];
    if (url) openInBrowser(url);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
  host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const wantedPort = portArg >= 0 ? Number(args[portArg + 1]) : DEFAULT_PORT;

  say('Building the app ...');
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    say('The build failed (see above).');
    process.exit(1);
  }

  const port = portArg >= 0 ? wantedPort : await freePort(DEFAULT_PORT);
  const why = whyNoWindow();
  if (why) return runBrowserHost(why, port);

  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'native-abi.mjs'), 'electron'], { stdio: 'inherit' });
  } catch {
    return runBrowserHost("the database module could not be built for Electron (this needs Electron's headers once)", port);
  }
  const started = Date.now();
  const electron = spawn(bin('electron'), desktopArgs(), { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => electron.kill(signal));
  electron.on('exit', (code) => {
    // A window that could not start at all (broken display, missing system library) exits at once.
    if (code !== 0 && Date.now() - started < 15_000) return runBrowserHost(`the desktop window did not start (exit code ${code})`, port);
    process.exit(code ?? 0);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
