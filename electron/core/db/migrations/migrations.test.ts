// Every migration applies from an empty database and from every earlier version, and the result is the same.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, migrations } from './index.js';

function schemaOf(db: Database.Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ type: string; name: string; sql: string }>).map(
    (r) => `${r.type} ${r.name}: ${r.sql}`,
  );
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('bring an empty database to the latest version with foreign keys intact', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(latestVersion);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const tables = schemaOf(db).filter((s) => s.startsWith('table')).map((s) => s.split(':')[0]!.split(' ')[1]);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'conversations', 'messages', 'attachments', 'outbox', 'folders', 'contacts', 'thread_ids']));
  });

  for (const from of migrations.map((m) => m.version - 1)) {
    it(`upgrade from version ${from} gives the same schema as a fresh database`, () => {
      const fresh = new Database(':memory:');
      migrate(fresh);
      const old = new Database(':memory:');
      migrate(old, from);
      expect(old.pragma('user_version', { simple: true })).toBe(from);
      migrate(old);
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
    });
  }

  it('is a no-op when run again', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = schemaOf(db);
    expect(migrate(db)).toBe(latestVersion);
    expect(schemaOf(db)).toEqual(before);
  });

  it('refuses a profile written by a newer version instead of damaging it', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${latestVersion + 1}`);
    expect(() => migrate(db)).toThrow(/newer version/);
  });
});
