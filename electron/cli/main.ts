// The headless command line over the core, for scripting and tests:
//   npm run cli -- --profile DIR <command> [options] [--json]
// Exit codes: 0 ok, 1 failure (one line on stderr), 2 usage error.
import { runCli } from './commands.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
