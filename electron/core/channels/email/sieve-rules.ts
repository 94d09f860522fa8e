// Puts an account's out-of-hours auto-reply on its mail server as a Sieve script over ManageSieve, or takes it
// off. Where the server cannot carry it (no ManageSieve, a Sieve filter of the user's own already active, missing
// extensions), the rule is marked to run in this app instead, with the reason the settings show.
import type { Store } from '../../db/store.js';
import type { AccountRow } from '../../db/queries/accounts.js';
import { zoneOffsetMinutes } from '../../../../shared/domain/business-hours.js';
import { hoursOf, sieveScriptFor } from '../../autoreply/auto-reply.js';
import { SIEVE_SCRIPT_NAME } from '../../autoreply/sieve-script.js';
import type { ServerEndpoint } from '../../../../shared/domain/types.js';
import type { Credentials } from './credentials.js';
import { ManageSieveClient, SieveUnavailableError } from './managesieve.js';

/** Sieve extensions the script needs. */
const NEEDED = ['vacation', 'date', 'relational'];

export async function installAutoReply(store: Store, account: AccountRow, endpoint: ServerEndpoint, creds: Credentials, now: number): Promise<void> {
  const rule = store.autoReplies.rule(account.id);
  if (!rule) return;
  const script = sieveScriptFor(store, account, now);
  const runInApp = (detail: string) => store.autoReplies.setServerState(account.id, rule.enabled ? 'app' : 'none', detail, null);

  let client: ManageSieveClient;
  try {
    client = await ManageSieveClient.connect(endpoint, creds);
  } catch (err) {
    if (err instanceof SieveUnavailableError) return runInApp(`${err.message} The app answers while it runs.`);
    throw err;
  }
  try {
    const scripts = await client.listScripts();
    const ours = scripts.find((s) => s.name === SIEVE_SCRIPT_NAME);
    if (!script) {
      // Off: ours comes off the server; a filter of the user's own is left as it is.
      if (ours?.active) await client.setActive('');
      if (ours) await client.deleteScript(SIEVE_SCRIPT_NAME);
      store.autoReplies.setServerState(account.id, 'none', null, null);
      return;
    }
    const extensions = (client.capabilities.get('SIEVE') ?? '').toLowerCase().split(/\s+/);
    const missing = NEEDED.filter((e) => !extensions.includes(e));
    if (missing.length > 0) return runInApp(`The mail server's Sieve lacks ${missing.join(', ')}. The app answers while it runs.`);
    const other = scripts.find((s) => s.active && s.name !== SIEVE_SCRIPT_NAME);
    if (other) {
      // Only one script runs at a time: activating ours would switch the user's own filters off.
      return runInApp(`Your mail server already runs your Sieve filter "${other.name}", which the app leaves alone. The app answers while it runs.`);
    }
    const problem = await client.checkScript(script);
    if (problem) return runInApp(`The mail server cannot run the auto-reply rule (${problem}). The app answers while it runs.`);
    await client.putScript(SIEVE_SCRIPT_NAME, script);
    await client.setActive(SIEVE_SCRIPT_NAME);
    store.autoReplies.setServerState(account.id, 'server', null, zoneOffsetMinutes(hoursOf(store, account.id).timeZone, now));
  } finally {
    await client.logout();
  }
}
