// A profile holds buyers' mail, attachments and the seller's secrets: only the user may read it, however the
// folders were made before (an older version, a copy, a restored backup with looser modes).
import fs from 'node:fs';
import path from 'node:path';

/** Creates the folder if needed and makes it (not its contents) readable by the user only. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/**
 * Makes a SQLite database file and its journal files readable by the user only, creating the database file
 * (empty) so that SQLite, which gives its -wal and -shm files the database's mode, starts from 0600.
 */
export function makePrivateDatabase(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** Writes a file only the user can read (new or existing), creating its folder privately. */
export function writePrivateFile(file: string, data: Buffer | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, data, { mode: 0o600 });
}
