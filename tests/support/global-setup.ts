// One temporary folder for the whole test run: every profile, mail-server directory, browser profile and
// file a test makes under os.tmpdir() lands in it (TMPDIR is inherited by the test workers and every process
// they start), and it is removed when the run ends, so a run leaves nothing behind in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-tests-'));
  // Dovecot's and Postfix's unprivileged processes must be able to reach the mail directories inside.
  fs.chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  // Profiles made by tests never put keys into the keychain of the machine running them (the keychain itself is
  // tested in a private D-Bus session of its own).
  process.env.INBOX_KEYCHAIN = 'off';
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
