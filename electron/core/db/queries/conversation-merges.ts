// Moving a conversation's messages, notes, thread ids, tags and queued ops into another (a merge), and back
// (its undo, or a message split out into a conversation of its own). See migration 0033.
import type { Db } from '../connection.js';

export interface MergeRecord {
  id: string;
  intoId: string;
  fromId: string;
  /** The merged conversation's row as it was (every column). */
  fromRow: Record<string, unknown>;
  moved: { messages: string[]; notes: string[]; threadIds: string[]; tags: string[] };
  at: number;
}

export function conversationMergeQueries(db: Db) {
  const row = db.prepare<[string], Record<string, unknown>>('SELECT * FROM conversations WHERE id = ?');
  const messagesOf = db.prepare<[string], { id: string }>('SELECT id FROM messages WHERE conversation_id = ?');
  const notesOf = db.prepare<[string], { id: string }>('SELECT id FROM notes WHERE conversation_id = ?');
  const threadIdsOf = db.prepare<[string], { message_id_header: string }>('SELECT message_id_header FROM thread_ids WHERE conversation_id = ?');
  const tagsOf = db.prepare<[string], { tag: string }>('SELECT tag FROM conversation_tags WHERE conversation_id = ?');
  const moveMessage = db.prepare('UPDATE messages SET conversation_id = ? WHERE id = ? AND conversation_id = ?');
  const moveNote = db.prepare('UPDATE notes SET conversation_id = ? WHERE id = ? AND conversation_id = ?');
  const moveThreadId = db.prepare('UPDATE thread_ids SET conversation_id = ? WHERE message_id_header = ? AND conversation_id = ?');
  const addTag = db.prepare('INSERT OR IGNORE INTO conversation_tags (conversation_id, tag) VALUES (?, ?)');
  const moveOps = db.prepare("UPDATE outbox SET conversation_id = ? WHERE conversation_id = ? AND status IN ('pending', 'sending', 'failed')");
  const record = db.prepare('INSERT INTO conversation_merges (id, into_id, from_id, from_row_json, moved_json, at) VALUES (?, ?, ?, ?, ?, ?)');
  const get = db.prepare<[string], { id: string; into_id: string; from_id: string; from_row_json: string; moved_json: string; at: number; undone: number }>(
    'SELECT * FROM conversation_merges WHERE id = ?',
  );
  const lastInto = db.prepare<[string], { id: string; from_id: string; from_row_json: string }>(
    'SELECT id, from_id, from_row_json FROM conversation_merges WHERE into_id = ? AND undone = 0 ORDER BY at DESC LIMIT 1',
  );
  const markUndone = db.prepare('UPDATE conversation_merges SET undone = 1 WHERE id = ?');
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('conversations')");
  return {
    row: (id: string): Record<string, unknown> | undefined => row.get(id),
    contents: (id: string) => ({
      messages: messagesOf.all(id).map((r) => r.id),
      notes: notesOf.all(id).map((r) => r.id),
      threadIds: threadIdsOf.all(id).map((r) => r.message_id_header),
      tags: tagsOf.all(id).map((r) => r.tag),
    }),
    /** Moves the listed messages, notes and thread ids from one conversation to another; adds the tags. */
    move(fromId: string, toId: string, what: { messages: string[]; notes?: string[]; threadIds?: string[]; tags?: string[] }): void {
      for (const id of what.messages) moveMessage.run(toId, id, fromId);
      for (const id of what.notes ?? []) moveNote.run(toId, id, fromId);
      for (const h of what.threadIds ?? []) moveThreadId.run(toId, h, fromId);
      for (const tag of what.tags ?? []) addTag.run(toId, tag);
    },
    moveOps: (fromId: string, toId: string): number => moveOps.run(toId, fromId).changes,
    record(r: MergeRecord): void {
      record.run(r.id, r.intoId, r.fromId, JSON.stringify(r.fromRow), JSON.stringify(r.moved), r.at);
    },
    get(id: string): (MergeRecord & { undone: boolean }) | undefined {
      const r = get.get(id);
      return r && { id: r.id, intoId: r.into_id, fromId: r.from_id, fromRow: JSON.parse(r.from_row_json), moved: JSON.parse(r.moved_json), at: r.at, undone: r.undone === 1 };
    },
    /** The newest merge into a conversation that can still be undone, with the merged conversation's subject. */
    lastInto(intoId: string): { id: string; subject: string } | null {
      const r = lastInto.get(intoId);
      return r ? { id: r.id, subject: String((JSON.parse(r.from_row_json) as { subject?: unknown }).subject ?? '') } : null;
    },
    markUndone: (id: string) => void markUndone.run(id),
    /** Puts a conversation row back as it was (only the columns the table still has). */
    restoreRow(fields: Record<string, unknown>): void {
      const names = new Set(columns.all().map((c) => c.name));
      const keys = Object.keys(fields).filter((k) => names.has(k));
      db.prepare(`INSERT INTO conversations (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(Object.fromEntries(keys.map((k) => [k, fields[k]])));
    },
  };
}
