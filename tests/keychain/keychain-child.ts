// Run inside a private D-Bus session with a Secret Service (see keychain.test.ts): stores or reads a secret
// through the same code the CLI and the web host use, and prints what happened as JSON.
import path from 'node:path';
import { FileSecretStore, plainCodec } from '../../electron/core/secrets/secret-store.js';
import { keychainProtection } from '../../electron/core/secrets/keychain-codec.js';

const [action, profileDir, value] = process.argv.slice(2) as [string, string, string?];
const protection = keychainProtection(profileDir);
const store = new FileSecretStore(path.join(profileDir, 'secrets.json'), protection.codec, [plainCodec]);
if (action === 'set') store.set('account-password', value!);
process.stdout.write(JSON.stringify({ encrypted: protection.encrypted, reason: protection.reason ?? null, value: store.get('account-password') ?? null }));
