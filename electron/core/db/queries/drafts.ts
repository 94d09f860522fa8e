// Drafts: the unsent text of a reply or note, one per conversation (see migration 0031).
import type { Db } from '../connection.js';
import type { Draft, DraftMode } from '../../../../shared/domain/types.js';

export function draftQueries(db: Db) {
  const get = db.prepare<[string], { text: string; mode: DraftMode; updated_at: number }>('SELECT text, mode, updated_at FROM drafts WHERE conversation_id = ?');
  const put = db.prepare(
    `INSERT INTO drafts (conversation_id, text, mode, updated_at) VALUES (@id, @text, @mode, @at)
     ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, mode = excluded.mode, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM drafts WHERE conversation_id = ?');
  return {
    get(conversationId: string): Draft | null {
      const r = get.get(conversationId);
      return r ? { text: r.text, mode: r.mode, updatedAt: r.updated_at } : null;
    },
    /** Keeps the text; text of only spaces removes the draft. Returns whether a draft remains. */
    save(conversationId: string, text: string, mode: DraftMode, at: number): boolean {
      if (text.trim() === '') {
        remove.run(conversationId);
        return false;
      }
      put.run({ id: conversationId, text, mode, at });
      return true;
    },
    /** Returns whether there was one. */
    remove: (conversationId: string): boolean => remove.run(conversationId).changes > 0,
  };
}
