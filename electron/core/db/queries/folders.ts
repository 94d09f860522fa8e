// Per-folder sync state: UIDVALIDITY and the highest UID already stored.
import type { Db } from '../connection.js';

export interface FolderState {
  accountId: string;
  path: string;
  role: string | null;
  uidvalidity: string | null;
  lastUid: number;
}

export function folderQueries(db: Db) {
  const get = db.prepare<[string, string], { role: string | null; uidvalidity: string | null; last_uid: number }>(
    'SELECT role, uidvalidity, last_uid FROM folders WHERE account_id = ? AND path = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO folders (account_id, path, role, uidvalidity, last_uid) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role, uidvalidity = excluded.uidvalidity,
       last_uid = excluded.last_uid`,
  );
  const dropLocations = db.prepare('DELETE FROM message_locations WHERE account_id = ? AND folder = ?');

  return {
    get(accountId: string, path: string): FolderState {
      const r = get.get(accountId, path);
      return {
        accountId,
        path,
        role: r?.role ?? null,
        uidvalidity: r?.uidvalidity ?? null,
        lastUid: r?.last_uid ?? 0,
      };
    },
    save(s: FolderState): void {
      upsert.run(s.accountId, s.path, s.role, s.uidvalidity, s.lastUid);
    },
    /** The server renumbered the folder (UIDVALIDITY changed): forget every UID we knew there. */
    forgetLocations(accountId: string, path: string): void {
      dropLocations.run(accountId, path);
    },
  };
}
