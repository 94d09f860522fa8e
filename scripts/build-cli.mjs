#!/usr/bin/env node
// Bundles the command line (electron/cli/main.ts and everything it imports) into out/cli/main.mjs with esbuild,
// the mail parser's thread beside it (out/cli/mail-parse-worker.mjs), so it starts without compiling TypeScript.
// Native and optional modules stay outside the bundle. bundleForNode is also how the benchmarks run the app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The mail parser's thread: every Node bundle carries it beside its main file, where the core starts it from. */
const PARSER_THREAD = path.join(root, 'electron', 'core', 'channels', 'email', 'mail-parse-worker.ts');

/**
 * Bundles Node entry points (TypeScript, with everything they import) into outdir as .mjs files, with the mail
 * parser's thread beside them. outdir must be inside the project: the native modules left outside the bundle are
 * found from there.
 */
export async function bundleForNode(entryPoints, outdir) {
  const result = await build({
    entryPoints: { ...entryPoints, 'mail-parse-worker': PARSER_THREAD },
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
  // Written beside and renamed into place: processes started at the same moment never load a half-written bundle.
  fs.mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
}

export async function buildCli() {
  await bundleForNode({ main: path.join(root, 'electron', 'cli', 'main.ts') }, path.join(root, 'out', 'cli'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
