// The file secret store: only the user can read it, and a file written with one codec is never misread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore, plainCodec, type SecretCodec } from './secret-store.js';

const reversing: SecretCodec = { name: 'reverse', encode: (s) => [...s].reverse().join(''), decode: (s) => [...s].reverse().join('') };

describe('FileSecretStore', () => {
  it('keeps secrets across restarts in a file readable only by the user', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'profile', 'secrets.json');
    new FileSecretStore(file).set('account:1:password', 'pässwörd 密码');
    expect(new FileSecretStore(file).get('account:1:password')).toBe('pässwörd 密码');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('stores what the codec makes of a secret, never the secret itself', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'secrets.json');
    const store = new FileSecretStore(file, reversing);
    store.set('k', 'abc123');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('abc123');
    expect(new FileSecretStore(file, reversing).get('k')).toBe('abc123');
    expect(() => new FileSecretStore(file)).toThrow(/protected with "reverse", which is not available now/);
  });

  it('moves a plain file to a codec that has become available, keeping every secret', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'secrets.json');
    new FileSecretStore(file).set('k', 'abc123');
    const upgraded = new FileSecretStore(file, reversing, [plainCodec]);
    expect(upgraded.get('k')).toBe('abc123');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('abc123');
    expect(new FileSecretStore(file, reversing).get('k')).toBe('abc123');
  });

  it('forgets a deleted secret', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'secrets.json');
    const store = new FileSecretStore(file);
    store.set('k', 'v');
    store.delete('k');
    expect(new FileSecretStore(file).get('k')).toBeUndefined();
  });
});
