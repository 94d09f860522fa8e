#!/usr/bin/env node
// better-sqlite3 is a native module: Node (CLI, web host, tests) and Electron (the desktop window) need builds
// for different ABIs. This switches node_modules/better-sqlite3 to the build for the runtime about to start,
// keeping each build in node_modules/.cache so switching back is a file copy, not a recompile.
//   node scripts/native-abi.mjs node|electron
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const runtime = process.argv[2];
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('usage: native-abi.mjs node|electron');
  process.exit(2);
}

const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const binary = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
const marker = path.join(pkgDir, 'build', 'Release', '.runtime');
const cacheRoot = path.join(pkgDir, '..', '.cache', 'native-abi');

function electronVersion() {
  return require('electron/package.json').version;
}

const wanted = runtime === 'node' ? `node-${process.versions.modules}` : `electron-${electronVersion()}`;
const current = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : fs.existsSync(binary) ? `node-${process.versions.modules}` : '';

function loadsInNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

if (current === wanted && (runtime === 'electron' || loadsInNode())) process.exit(0);

// Keep the build we are about to replace.
if (current && fs.existsSync(binary)) {
  fs.mkdirSync(path.join(cacheRoot, current), { recursive: true });
  fs.copyFileSync(binary, path.join(cacheRoot, current, 'better_sqlite3.node'));
}

const cached = path.join(cacheRoot, wanted, 'better_sqlite3.node');
if (fs.existsSync(cached)) {
  fs.copyFileSync(cached, binary);
} else {
  console.error(`Building better-sqlite3 for ${wanted} ...`);
  const bin = (name) => path.join(pkgDir, '..', '.bin', name);
  if (runtime === 'node') {
    execFileSync('npm', ['rebuild', 'better-sqlite3'], { stdio: ['ignore', 2, 2], cwd: path.join(pkgDir, '..', '..') });
  } else {
    const target = electronVersion();
    try {
      execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', target], { cwd: pkgDir, stdio: ['ignore', 2, 2] });
    } catch {
      execFileSync(
        'npx',
        ['--no-install', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${target}`, '--dist-url=https://electronjs.org/headers'],
        { cwd: pkgDir, stdio: ['ignore', 2, 2] },
      );
    }
  }
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.copyFileSync(binary, cached);
}
fs.writeFileSync(marker, wanted);
if (runtime === 'node' && !loadsInNode()) {
  console.error('better-sqlite3 could not be loaded in Node after switching builds.');
  process.exit(1);
}
