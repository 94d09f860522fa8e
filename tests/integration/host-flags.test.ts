// Every way the app is started gives V8 the hosts' settings (scripts/host-flags.mjs), and on this Node they do
// bound the young generation (without them a first sync's main thread holds 32 MiB of it at its peak) and size
// V8's background threads by the machine's cores (four otherwise, which compete with a sync's two threads).
import os from 'node:os';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HOST_V8_FLAGS, NODE_HOST_FLAGS, electronJsFlags } from '../../scripts/host-flags.mjs';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

interface Start {
  desktopArgs(): string[];
  browserHostArgs(profile: string, port: number): string[];
}

describe('the hosts start V8 with the young generation bounded', () => {
  it('passes the flags on every start: the desktop window, the browser host, npm run web, npm run cli and npm run dev', async () => {
    expect(HOST_V8_FLAGS).toContain('--max-semi-space-size=4');
    const start = (await import(pathToFileURL(path.join(root, 'scripts', 'start.mjs')).href)) as Start;
    expect(start.desktopArgs()).toEqual([electronJsFlags(), '.']);
    expect(electronJsFlags()).toBe(`--js-flags=${HOST_V8_FLAGS.join(' ')}`);
    // The Node hosts add Node's own options; Electron is given V8's only.
    expect(NODE_HOST_FLAGS).toEqual([...HOST_V8_FLAGS, '--v8-pool-size=0']);
    const host = start.browserHostArgs('/profile', 5180);
    expect(host.slice(0, NODE_HOST_FLAGS.length)).toEqual([...NODE_HOST_FLAGS]);
    expect(host.slice(NODE_HOST_FLAGS.length)).toEqual([path.join(root, 'electron', 'web', 'main.ts'), '--profile', '/profile', '--port', '5180']);
    // The npm scripts: the flags come before the script, where Node (and tsx, which hands them on) reads them.
    expect(scripts.cli).toBe(`node ${NODE_HOST_FLAGS.join(' ')} scripts/cli.mjs`);
    expect(scripts.web).toContain(`tsx ${NODE_HOST_FLAGS.join(' ')} electron/web/main.ts`);
    // electron-vite's development server hands what follows `--` to Electron: the switch is one argument.
    expect(scripts.dev?.endsWith(`electron-vite dev -- '${electronJsFlags()}'`)).toBe(true);
  });

  it("keeps a busy process's young generation within 2 × 4 MiB under those flags", async () => {
    // Allocates like a sync does (objects that live a little while), then reports the young generation's size.
    const program = `
      const v8 = require('node:v8');
      const keep = [];
      for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 200000) keep.splice(0, 100000); }
      console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
    const bounded = Number((await exec(process.execPath, [...HOST_V8_FLAGS, '-e', program])).stdout.trim());
    expect(bounded).toBeGreaterThan(0);
    expect(bounded).toBeLessThanOrEqual(2 * 4 * 1024 * 1024);
  });

  it("gives a Node host as many of V8's background threads as the machine has cores but one", async () => {
    const threads = async (flags: readonly string[]) =>
      Number((await exec(process.execPath, [...flags, '-e', "console.log(require('node:fs').readdirSync('/proc/self/task').length)"])).stdout.trim());
    const [plain, hosted] = [await threads([]), await threads(NODE_HOST_FLAGS)];
    // Node alone starts four, whatever the machine.
    expect(hosted - plain).toBe(Math.max(1, os.availableParallelism() - 1) - 4);
  });
});
