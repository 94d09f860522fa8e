// Queries on the accounts table.
import type { Db } from '../connection.js';
import type { ChannelKind } from '../../../../shared/domain/types.js';

export interface AccountRow {
  id: string;
  channel: ChannelKind;
  name: string;
  address: string;
  settings: Record<string, unknown>;
  createdAt: number;
}

interface RawAccount {
  id: string;
  channel: ChannelKind;
  name: string;
  address: string;
  settings_json: string;
  created_at: number;
}

const toRow = (r: RawAccount): AccountRow => ({
  id: r.id,
  channel: r.channel,
  name: r.name,
  address: r.address,
  settings: JSON.parse(r.settings_json) as Record<string, unknown>,
  createdAt: r.created_at,
});

export function accountQueries(db: Db) {
  const insert = db.prepare(
    'INSERT INTO accounts (id, channel, name, address, settings_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const all = db.prepare<[], RawAccount>('SELECT * FROM accounts ORDER BY created_at');
  const one = db.prepare<[string], RawAccount>('SELECT * FROM accounts WHERE id = ?');
  const byAddress = db.prepare<[string, string], RawAccount>('SELECT * FROM accounts WHERE channel = ? AND address = ?');
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?');
  const setSettings = db.prepare('UPDATE accounts SET settings_json = ? WHERE id = ?');

  return {
    insert(a: AccountRow): void {
      insert.run(a.id, a.channel, a.name, a.address, JSON.stringify(a.settings), a.createdAt);
    },
    list: (): AccountRow[] => all.all().map(toRow),
    get(id: string): AccountRow | undefined {
      const r = one.get(id);
      return r && toRow(r);
    },
    findByAddress(channel: ChannelKind, address: string): AccountRow | undefined {
      const r = byAddress.get(channel, address);
      return r && toRow(r);
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
    updateSettings(id: string, settings: Record<string, unknown>): void {
      setSettings.run(JSON.stringify(settings), id);
    },
  };
}
