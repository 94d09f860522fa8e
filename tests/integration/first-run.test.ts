// The README's run command on a machine without the Electron window (no binary, or no display): `npm start`
// still ends with the app running — the browser host on the default profile, its link printed, the reason said.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppProcess, type WebHostProcess } from '../support/web-host-process.js';

const configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-first-run-'));
let app: (WebHostProcess & { output: () => string }) | undefined;

afterAll(async () => {
  await app?.stop();
  fs.rmSync(configHome, { recursive: true, force: true });
});

describe('npm start without a desktop window', () => {
  it('runs the browser host on the default profile, prints its link and says why', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: configHome };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    app = await startAppProcess(['start'], env);

    expect(app.output()).toMatch(/Running in the browser instead of a desktop window: (the Electron binary is not installed|there is no display)/);
    const profile = path.join(configHome, 'crossborder-inbox', 'profile');
    expect(app.output()).toContain(`Profile: ${profile}`);
    expect(fs.existsSync(path.join(profile, 'inbox.db'))).toBe(true);

    // The printed link serves the app, and its token works for calls.
    const url = new URL(app.url);
    const page = await fetch(`${url.origin}/`);
    expect(await page.text()).toContain('<div id="root">');
    const token = url.hash.replace('#token=', '');
    const info = await fetch(`${url.origin}/api/invoke/app.info`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(await info.json()).toMatchObject({ ok: true, value: { hasAccounts: false } });
  });
});
