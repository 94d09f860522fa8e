#!/usr/bin/env node
// Starts the command line from a prebuilt bundle (out/cli/main.mjs) instead of compiling TypeScript at every
// start: `npm run cli -- …`. The bundle is rebuilt first (esbuild, well under a second) when any source under
// electron/ or shared/ is newer than it, so a checkout or an edit never runs stale code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'cli', 'main.mjs');

// better-sqlite3 must be the Node build (the desktop window switches it to Electron's): the marker says which.
const marker = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', '.runtime');
const wanted = `node-${process.versions.modules}`;
if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== wanted) {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'native-abi.mjs'), 'node'], { stdio: ['ignore', 2, 2] });
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
if (built < Math.max(newestSource(path.join(root, 'electron')), newestSource(path.join(root, 'shared')), fs.statSync(path.join(root, 'package.json')).mtimeMs)) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
// Node 22 keeps V8's compiled code between runs (Node 20 has no such cache and compiles each time).
const { enableCompileCache } = await import('node:module');
enableCompileCache?.(path.join(root, 'node_modules', '.cache', 'cli-compile'));
await import(pathToFileURL(bundle).href);
