// `npm run web -- --profile DIR --port N`: the app in a browser, for development and end-to-end tests.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { InboxCore } from '../core/inbox-core.js';
import { createRouter } from '../core/api/router.js';
import { describeProtection, type SecretProtection } from '../core/secrets/keychain-codec.js';
import { openHeadlessProfile } from '../core/headless-profile.js';
import { startWebHost } from './host.js';
import { parsePort } from '../../shared/domain/port.js';

const usage = 'Usage: npm run web -- --profile DIR [--port N]';
let values;
try {
  ({ values } = parseArgs({ options: { profile: { type: 'string' }, port: { type: 'string', default: '5180' } }, strict: true }));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.profile) {
  console.error(`--profile DIR is required\n${usage}`);
  process.exit(2);
}
const port = parsePort(values.port, { allowZero: true });
if (port === null) {
  console.error(`--port must be a port number (0-65535, 0 for any free port)\n${usage}`);
  process.exit(2);
}

const profileDir = path.resolve(values.profile);
const here = path.dirname(fileURLToPath(import.meta.url));
let core: InboxCore;
let protection: SecretProtection;
try {
  ({ core, protection } = openHeadlessProfile(profileDir, process.env));
} catch (err) {
  console.error(`Cannot open the profile ${profileDir}: ${(err as Error).message}`);
  process.exit(1);
}
let host;
try {
  host = await startWebHost({ core, invoke: createRouter(core), rendererDir: path.resolve(here, '../../out/renderer'), port });
} catch (err) {
  await core.close(); // releases the profile lock
  console.error((err as Error).message);
  process.exit(1);
}
core.start();
console.log(`Profile: ${profileDir}`);
console.log(describeProtection(protection));
console.log(`Inbox is running. Open: ${host.url}`);

const shutdown = async () => {
  await host.close();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
