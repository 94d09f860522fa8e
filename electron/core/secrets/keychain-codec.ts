// Secrets for the CLI and the web host, protected by the OS keychain (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows) through @napi-rs/keyring: one random 256-bit key per profile lives in
// the keychain, and every secret in secrets.json is AES-256-GCM encrypted with it. Where no keychain answers
// (a server without a Secret Service, say), the file falls back to its 0600 permissions alone, and says so.
import crypto from 'node:crypto';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';
import { plainCodec, type SecretCodec } from './secret-store.js';

const SERVICE = 'crossborder-inbox';
export const KEYCHAIN_CODEC = 'os-keychain-aes-256-gcm';

export interface SecretProtection {
  codec: SecretCodec;
  /** True when the secrets are encrypted with a key in the OS keychain. */
  encrypted: boolean;
  /** Why they are not (when not). */
  reason?: string;
}

/** The key for this profile, created in the keychain on first use; throws when no keychain answers. */
function profileKey(profileDir: string): Buffer {
  const entry = new Entry(SERVICE, `secrets-key:${path.resolve(profileDir)}`);
  const stored = entry.getPassword();
  if (stored) return Buffer.from(stored, 'base64');
  const key = crypto.randomBytes(32);
  entry.setPassword(key.toString('base64'));
  // Read back: a keychain that accepts a write but cannot return it would lose every secret.
  if (entry.getPassword() !== key.toString('base64')) throw new Error('the keychain did not keep the key');
  return key;
}

export function aesGcmCodec(key: Buffer): SecretCodec {
  return {
    name: KEYCHAIN_CODEC,
    encode(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decode(stored) {
      const raw = Buffer.from(stored, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The protection this machine offers the profile's secrets. */
export function keychainProtection(profileDir: string, env: NodeJS.ProcessEnv = process.env): SecretProtection {
  if (env.INBOX_KEYCHAIN === 'off') return { codec: plainCodec, encrypted: false, reason: 'the keychain is turned off (INBOX_KEYCHAIN=off)' };
  try {
    return { codec: aesGcmCodec(profileKey(profileDir)), encrypted: true };
  } catch (err) {
    return { codec: plainCodec, encrypted: false, reason: `no OS keychain answered (${(err as Error).message})` };
  }
}

/** One line for the transports to print: where this profile's secrets are and how they are protected. */
export function describeProtection(p: SecretProtection): string {
  return p.encrypted
    ? 'Passwords and tokens: encrypted with a key kept in the OS keychain.'
    : `Passwords and tokens: in secrets.json, readable only by you (mode 0600) but not encrypted: ${p.reason}.`;
}
