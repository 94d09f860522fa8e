// Opens a core on a fresh temp profile, with its API router, for tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InboxCore, type CoreOptions } from '../../electron/core/inbox-core.js';
import { createRouter } from '../../electron/core/api/router.js';
import { FileSecretStore } from '../../electron/core/secrets/secret-store.js';
import type { CallInput, CallName, CallOutput } from '../../shared/ipc/contract.js';
import type { RunnerOptions } from '../../electron/core/outbox/runner.js';
import type { NewEmailAccount, SignIn } from '../../shared/domain/types.js';

export interface CoreFixture {
  core: InboxCore;
  profileDir: string;
  /** Calls the API and returns the value, failing the test on an error envelope. */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  /** Calls the API and returns the raw envelope. */
  raw<K extends CallName>(name: K, input: CallInput<K>): ReturnType<ReturnType<typeof createRouter>>;
  close(): Promise<void>;
}

export function openCore(
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-profile-')),
  runner?: Partial<RunnerOptions>,
  extra: Pick<CoreOptions, 'openPath' | 'pollMinutes' | 'translationRetry' | 'now'> = {},
): CoreFixture {
  const core = new InboxCore({
    profileDir,
    secrets: new FileSecretStore(path.join(profileDir, 'secrets.json')),
    version: 'test',
    runner,
    ...extra,
  });
  const invoke = createRouter(core);
  return {
    core,
    profileDir,
    async call(name, input) {
      const r = await invoke(name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    raw: (name, input) => invoke(name, input),
    close: () => core.close(),
  };
}

/** An account on the test mail servers (plain IMAP and SMTP on loopback), as accounts.addEmail takes it. */
export function emailAccountOn(
  servers: { imapPort: number; smtpPort: number },
  address: string,
  signIn: SignIn = { kind: 'password', password: 'pw' },
): NewEmailAccount {
  return {
    email: address,
    imap: { host: '127.0.0.1', port: servers.imapPort, tls: 'off' },
    smtp: { host: '127.0.0.1', port: servers.smtpPort, tls: 'off' },
    user: address,
    signIn,
  };
}

/** Files under `dir` (at any depth) whose bytes contain `text`. */
export function filesHolding(dir: string, text: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => fs.statSync(path.join(dir, name)).isFile() && fs.readFileSync(path.join(dir, name)).includes(text));
}

/** Files under the profile's raw/ folder whose bytes contain `text` (a removed message's must be none). */
export const rawFilesHolding = (f: CoreFixture, text: string): string[] => filesHolding(f.core.rawSources.dir, text);
