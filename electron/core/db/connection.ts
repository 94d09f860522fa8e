// Opens the profile's SQLite database with the settings every query module relies on, and migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrations/index.js';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable against application crashes; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  // Statement and savepoint journals (every insert that checks a foreign key opens one; each synced message
  // is stored in a savepoint of its own) in memory rather than in temporary files: a first sync's store
  // takes half the time.
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return db;
}
