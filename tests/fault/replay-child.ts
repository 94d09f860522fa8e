// A core process that replays its profile's outbox once and exits: the victim of the SIGKILL fault test.
// It prints "ready" just before replay starts, so the killer can aim at the replay itself.
import path from 'node:path';
import { InboxCore } from '../../electron/core/inbox-core.js';
import { FileSecretStore } from '../../electron/core/secrets/secret-store.js';

const profileDir = process.argv[2]!;
const core = new InboxCore({ profileDir, secrets: new FileSecretStore(path.join(profileDir, 'secrets.json')), version: 'fault' });
process.stdout.write('ready\n');
await core.runner.drain();
await core.close();
process.stdout.write('done\n');
