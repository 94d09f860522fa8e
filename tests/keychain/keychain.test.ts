// The CLI's and web host's secrets with a real OS keychain: a Secret Service (gnome-keyring) in a private D-Bus
// session, with its own home, so nothing reaches the keychain of the machine running the tests. Without a
// keychain the same code falls back to the 0600 file and says why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const child = path.join(root, 'tests/keychain/keychain-child.ts');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keychain-home-'));
const profile = path.join(home, 'profile');
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** Runs the child in one D-Bus session whose keyring (unlocked with a test password) lives under `home`. */
function withKeychain(...args: string[]): { encrypted: boolean; reason: string | null; value: string | null } {
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_RUNTIME_DIR: path.join(home, 'run'), INBOX_KEYCHAIN: '' };
  fs.mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  const script = `printf test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" --import tsx "$@"`;
  const out = execFileSync('dbus-run-session', ['--', 'sh', '-c', script, process.execPath, child, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.toString()) as never;
}

function withoutKeychain(...args: string[]) {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', INBOX_KEYCHAIN: '' };
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString()) as { encrypted: boolean; reason: string | null; value: string | null };
}

describe('secrets and the OS keychain', () => {
  it('falls back to the 0600 file without a keychain, saying why', () => {
    const r = withoutKeychain('set', profile, 'hunter2-plain');
    expect(r).toMatchObject({ encrypted: false, value: 'hunter2-plain' });
    expect(r.reason).toMatch(/no OS keychain answered/);
    expect(fs.readFileSync(path.join(profile, 'secrets.json'), 'utf8')).toContain('hunter2-plain');
  });

  it('moves that file under a key in the keychain once one answers, and keeps the password readable', () => {
    const r = withKeychain('get', profile);
    expect(r).toEqual({ encrypted: true, reason: null, value: 'hunter2-plain' });
    const file = fs.readFileSync(path.join(profile, 'secrets.json'), 'utf8');
    expect(file).not.toContain('hunter2-plain');
    expect(JSON.parse(file).codec).toBe('os-keychain-aes-256-gcm');
  });

  it('stores new secrets encrypted, readable again in a later session with the same keychain', () => {
    expect(withKeychain('set', profile, 'n3w-s3cret')).toMatchObject({ encrypted: true, value: 'n3w-s3cret' });
    expect(fs.readFileSync(path.join(profile, 'secrets.json'), 'utf8')).not.toContain('n3w-s3cret');
    expect(withKeychain('get', profile).value).toBe('n3w-s3cret');
  });

  it('refuses to read them when the keychain is gone, with a clear message and without losing them', () => {
    expect(() => withoutKeychain('get', profile)).toThrow(/protected with "os-keychain-aes-256-gcm", which is not available now/);
    expect(withKeychain('get', profile).value).toBe('n3w-s3cret');
  });
});
