// Runs the CLI in this process with its output captured, readable while it runs (a command may wait on
// something, such as a browser sign-in, after printing).
import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/cli/commands.js';

export interface CliRun {
  /** Resolves with the exit code. */
  done: Promise<number>;
  readonly out: string;
  readonly err: string;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: NodeJS.ReadableStream): CliRun {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const output = { out: '', err: '' };
  stdout.on('data', (d) => (output.out += d));
  stderr.on('data', (d) => (output.err += d));
  const done = runCli(args, { stdout, stderr, env, stdin });
  return {
    done,
    get out() {
      return output.out;
    },
    get err() {
      return output.err;
    },
  };
}
