// Internal notes on a conversation.
import type { Db } from '../connection.js';
import type { Note } from '../../../../shared/domain/types.js';

export function noteQueries(db: Db) {
  const insert = db.prepare('INSERT INTO notes (id, conversation_id, text, created_at) VALUES (?, ?, ?, ?)');
  const forConversation = db.prepare<[string], { id: string; conversation_id: string; text: string; created_at: number }>(
    'SELECT * FROM notes WHERE conversation_id = ? ORDER BY created_at, id',
  );
  return {
    add(n: Note): void {
      insert.run(n.id, n.conversationId, n.text, n.createdAt);
    },
    list: (conversationId: string): Note[] =>
      forConversation.all(conversationId).map((r) => ({ id: r.id, conversationId: r.conversation_id, text: r.text, createdAt: r.created_at })),
  };
}
