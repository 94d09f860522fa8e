// Runs `npm run web` as a user would, on a free port, and returns the URL it prints (with its session token).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface WebHostProcess {
  url: string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

export function startWebHostProcess(profileDir: string, env: Record<string, string> = {}): Promise<WebHostProcess> {
  return startAppProcess(['run', '-s', 'web', '--', '--profile', profileDir, '--port', '0'], { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...env });
}

/** Runs an npm command that ends with the app in the browser host; resolves once it prints its link. */
export async function startAppProcess(npmArgs: string[], env: NodeJS.ProcessEnv): Promise<WebHostProcess & { output: () => string }> {
  const child: ChildProcess = spawn('npm', npmArgs, {
    cwd: root,
    detached: true, // its own process group, so stop() ends npm, tsx and node together
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm ${npmArgs.join(' ')} exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
