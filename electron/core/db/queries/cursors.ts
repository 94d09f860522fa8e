// Each channel's sync cursor (see migration 0016): read at start, advanced with what it covers.
import type { Db } from '../connection.js';

export function cursorQueries(db: Db) {
  const one = db.prepare<[string, string], { value: string }>('SELECT value FROM channel_cursors WHERE account_id = ? AND name = ?');
  const put = db.prepare('INSERT INTO channel_cursors (account_id, name, value) VALUES (?, ?, ?) ON CONFLICT(account_id, name) DO UPDATE SET value = excluded.value');
  return {
    get: (accountId: string, name: string): string | null => one.get(accountId, name)?.value ?? null,
    set(accountId: string, name: string, value: string): void {
      put.run(accountId, name, value);
    },
  };
}
