// Account secrets encrypted with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through safeStorage.
import type { SafeStorage } from 'electron';
import { plainCodec, type SecretCodec } from '../core/secrets/secret-store.js';

export function safeStorageCodec(safeStorage: SafeStorage): SecretCodec {
  return {
    name: 'electron-safe-storage',
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}

/**
 * The codec for this machine: the keychain when the OS offers one; otherwise (e.g. Linux without a secret
 * service) the file fallback, whose 0600 permissions are then the only protection.
 */
export function secretCodecFor(safeStorage: SafeStorage): { codec: SecretCodec; encrypted: boolean } {
  return safeStorage.isEncryptionAvailable()
    ? { codec: safeStorageCodec(safeStorage), encrypted: true }
    : { codec: plainCodec, encrypted: false };
}
