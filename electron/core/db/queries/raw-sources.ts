// Where each message's raw source lies in the pack files (see migration 0039 and conversations/raw-sources.ts).
import type { Db } from '../connection.js';

export interface RawSourcePlace {
  pack: number;
  offset: number;
  length: number;
}

export function rawSourceQueries(db: Db) {
  const put = db.prepare('INSERT OR REPLACE INTO raw_sources (message_id, pack, offset, length) VALUES (?, ?, ?, ?)');
  const get = db.prepare<[string], RawSourcePlace>('SELECT pack, offset, length FROM raw_sources WHERE message_id = ?');
  const remove = db.prepare('DELETE FROM raw_sources WHERE message_id = ?');
  const packUsed = db.prepare<[number], number>('SELECT 1 FROM raw_sources WHERE pack = ? LIMIT 1').pluck();
  return {
    place(messageId: string, at: RawSourcePlace): void {
      put.run(messageId, at.pack, at.offset, at.length);
    },
    get: (messageId: string): RawSourcePlace | undefined => get.get(messageId),
    remove(messageId: string): void {
      remove.run(messageId);
    },
    /** Whether any message's source is still in this pack. */
    packUsed: (pack: number): boolean => packUsed.get(pack) !== undefined,
  };
}
