// Full-text search over every message of every channel: an FTS5 index (accents optional, CJK and Thai split
// into words before they are stored), written in the same transaction as the message and removed with it.
import type { Migration } from './index.js';
import { segmentForIndex } from '../../search/segment.js';

export const migration0020: Migration = {
  version: 20,
  name: 'message-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5(
        body, subject, sender,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 2 tokenchars '-'"
      );
      CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
      END;
    `);
    const add = db.prepare('INSERT INTO message_search (rowid, body, subject, sender) VALUES (?, ?, ?, ?)');
    for (const m of db.prepare<[], { rowid: number; text_body: string; subject: string; from_name: string; from_address: string }>('SELECT rowid, text_body, subject, from_name, from_address FROM messages').iterate()) {
      add.run(m.rowid, segmentForIndex(m.text_body), segmentForIndex(m.subject), `${m.from_name} ${m.from_address}`);
    }
  },
};
