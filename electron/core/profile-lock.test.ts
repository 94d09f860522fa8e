// One process per profile, and a lock left by a dead process does not lock the user out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, lockProfile } from './profile-lock.js';

describe('profile lock', () => {
  it('refuses a second opener while the first holds the profile, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    // Another live process owns it (our parent stands in for "another app instance").
    fs.writeFileSync(path.join(dir, LOCK_FILE), String(process.ppid));
    expect(() => lockProfile(dir)).toThrow(`This profile is open in another process (pid ${process.ppid}). Close it first.`);
  });

  it('takes over a lock whose process has died, and releases it on close', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, LOCK_FILE), dead);
    const release = lockProfile(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
