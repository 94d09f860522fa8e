// Blocked senders, per account, by address (lower case).
import type { Db } from '../connection.js';

export function blockedSenderQueries(db: Db) {
  const add = db.prepare('INSERT OR IGNORE INTO blocked_senders (account_id, address, created_at) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM blocked_senders WHERE account_id = ? AND address = ?');
  const one = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM blocked_senders WHERE account_id = ? AND address = ?');
  return {
    block: (accountId: string, address: string, at: number): void => void add.run(accountId, address.toLowerCase(), at),
    unblock: (accountId: string, address: string): void => void remove.run(accountId, address.toLowerCase()),
    has: (accountId: string, address: string): boolean => one.get(accountId, address.toLowerCase())!.n > 0,
  };
}
