// Per-folder sync state: UIDVALIDITY and the highest UID already stored.
import type { Db } from '../connection.js';

export interface FolderState {
  accountId: string;
  path: string;
  role: string | null;
  uidvalidity: string | null;
  lastUid: number;
  /** CONDSTORE: the highest modification sequence already applied (as text: it is a 63-bit number). */
  highestModseq: string | null;
  /** While the initial sync backfills older mail: every UID at or above this one is stored. */
  backfillUid: number | null;
}

export function folderQueries(db: Db) {
  const get = db.prepare<
    [string, string],
    { role: string | null; uidvalidity: string | null; last_uid: number; highest_modseq: string | null; backfill_uid: number | null }
  >('SELECT role, uidvalidity, last_uid, highest_modseq, backfill_uid FROM folders WHERE account_id = ? AND path = ?');
  const upsert = db.prepare(
    `INSERT INTO folders (account_id, path, role, uidvalidity, last_uid, highest_modseq, backfill_uid) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role, uidvalidity = excluded.uidvalidity,
       last_uid = excluded.last_uid, highest_modseq = excluded.highest_modseq, backfill_uid = excluded.backfill_uid`,
  );
  const list = db.prepare<[string], { path: string; role: string | null; messages: number }>(
    `SELECT f.path, f.role, (SELECT count(*) FROM message_locations l WHERE l.account_id = f.account_id AND l.folder = f.path) AS messages
     FROM folders f WHERE f.account_id = ? ORDER BY f.path = 'INBOX' DESC, f.path COLLATE NOCASE`,
  );
  const localUids = db.prepare<[string, string], { uid: number; message_id: string }>(
    'SELECT uid, message_id FROM message_locations WHERE account_id = ? AND folder = ?',
  );
  const dropLocations = db.prepare('DELETE FROM message_locations WHERE account_id = ? AND folder = ?');
  const dropFolder = db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?');
  const paths = db.prepare<[string], { path: string }>('SELECT path FROM folders WHERE account_id = ?');
  const rolesOfConversation = db.prepare<[string], { role: string | null }>(
    `SELECT DISTINCT f.role FROM messages m JOIN message_locations l ON l.message_id = m.id
       JOIN folders f ON f.account_id = l.account_id AND f.path = l.folder WHERE m.conversation_id = ?`,
  );

  return {
    /** The roles (inbox, sent, archive, trash, other) of the folders a conversation's messages are in. */
    rolesOf: (conversationId: string): string[] => rolesOfConversation.all(conversationId).map((r) => r.role ?? 'other'),
    get(accountId: string, path: string): FolderState {
      const r = get.get(accountId, path);
      return {
        accountId,
        path,
        role: r?.role ?? null,
        uidvalidity: r?.uidvalidity ?? null,
        lastUid: r?.last_uid ?? 0,
        highestModseq: r?.highest_modseq ?? null,
        backfillUid: r?.backfill_uid ?? null,
      };
    },
    save(s: FolderState): void {
      upsert.run(s.accountId, s.path, s.role, s.uidvalidity, s.lastUid, s.highestModseq, s.backfillUid);
    },
    list: (accountId: string) => list.all(accountId).map((r) => ({ path: r.path, role: r.role ?? 'other', messages: r.messages })),
    /** Every UID we know in a folder, with the message stored for it. */
    localUids: (accountId: string, path: string) => localUids.all(accountId, path),
    /** The server renumbered the folder (UIDVALIDITY changed): forget every UID we knew there. */
    forgetLocations(accountId: string, path: string): void {
      dropLocations.run(accountId, path);
    },
    paths: (accountId: string): string[] => paths.all(accountId).map((r) => r.path),
    /** A folder deleted (or renamed) on the server: it and every location in it are gone. */
    remove(accountId: string, path: string): void {
      dropLocations.run(accountId, path);
      dropFolder.run(accountId, path);
    },
  };
}
