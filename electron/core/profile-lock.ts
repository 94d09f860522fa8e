// One process per profile: the outbox runner must be the only one working a profile's queue, and at start it
// may then take every half-done op as left by a dead process. The lock is a file holding the owner's pid.
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from './errors.js';

export const LOCK_FILE = 'inbox.lock';

/** Profiles locked by this process (the pid in the file cannot tell two cores of one process apart). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the profile's lock or throws naming the process that holds it. Returns the release function. */
export function lockProfile(profileDir: string): () => void {
  const file = path.join(profileDir, LOCK_FILE);
  const key = path.resolve(profileDir);
  if (heldHere.has(key)) throw new CoreError('INTERNAL', 'This profile is already open in this process.');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && alive(owner)) {
        throw new CoreError('INTERNAL', `This profile is open in another process (pid ${owner}). Close it first.`);
      }
      fs.rmSync(file, { force: true }); // left by a process that died
    }
  }
  throw new CoreError('INTERNAL', `Could not lock the profile at ${profileDir}.`);
}
