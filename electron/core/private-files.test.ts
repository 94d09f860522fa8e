// A profile is readable by its user only, even when its folders existed before with looser modes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InboxCore, DATABASE_FILE } from './inbox-core.js';
import { FileSecretStore } from './secrets/secret-store.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('profile permissions', () => {
  it('tightens an existing world-readable profile, its folders and its database', async () => {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'private-profile-'));
    for (const dir of ['attachments', 'raw']) fs.mkdirSync(path.join(profileDir, dir), { mode: 0o777 });
    fs.writeFileSync(path.join(profileDir, DATABASE_FILE), '', { mode: 0o666 });
    fs.chmodSync(profileDir, 0o777);
    fs.chmodSync(path.join(profileDir, DATABASE_FILE), 0o666);
    for (const dir of ['attachments', 'raw']) fs.chmodSync(path.join(profileDir, dir), 0o777);

    const core = new InboxCore({ profileDir, secrets: new FileSecretStore(path.join(profileDir, 'secrets.json')), version: 't' });
    try {
      core.store.transaction(() => core.store.appSettings.get()); // the database in use, its WAL written
      expect(mode(profileDir)).toBe(0o700);
      expect(mode(path.join(profileDir, 'attachments'))).toBe(0o700);
      expect(mode(path.join(profileDir, 'raw'))).toBe(0o700);
      for (const f of fs.readdirSync(profileDir).filter((f) => f.startsWith(DATABASE_FILE))) expect(mode(path.join(profileDir, f)), f).toBe(0o600);
    } finally {
      await core.close();
    }
  });
});
