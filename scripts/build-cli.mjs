#!/usr/bin/env node
// Bundles the command line (electron/cli/main.ts and everything it imports) into out/cli/main.mjs with esbuild
// (and the mail parser's thread into out/cli/mail-parse-worker.mjs),
// so it starts without compiling TypeScript. Native and optional modules stay outside the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  const outdir = path.join(root, 'out', 'cli');
  const result = await build({
    // The command line, and the mail parser's thread that the core starts from beside it.
    entryPoints: {
      main: path.join(root, 'electron', 'cli', 'main.ts'),
      'mail-parse-worker': path.join(root, 'electron', 'core', 'channels', 'email', 'mail-parse-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native addons load their .node files relative to their own package; electron is never imported here.
    external: ['better-sqlite3', '@napi-rs/keyring', 'electron'],
    // Bundled CommonJS modules call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
    legalComments: 'none',
    minify: true,
    sourcemap: 'linked',
  });
  // Written beside and renamed into place: CLIs started at the same moment never load a half-written bundle.
  fs.mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
