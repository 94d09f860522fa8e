// The thread index: every Message-ID seen in a conversation (its own and those it refers to).
import type { Db } from '../connection.js';

export function threadIdQueries(db: Db) {
  const lookup = db.prepare<[string, string], { conversation_id: string }>(
    'SELECT conversation_id FROM thread_ids WHERE account_id = ? AND message_id_header = ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO thread_ids (account_id, message_id_header, conversation_id) VALUES (?, ?, ?)',
  );
  const repoint = db.prepare('UPDATE thread_ids SET conversation_id = ? WHERE conversation_id = ?');
  return {
    conversationOf(accountId: string, header: string): string | undefined {
      return lookup.get(accountId, header)?.conversation_id;
    },
    add(accountId: string, header: string, conversationId: string): void {
      insert.run(accountId, header, conversationId);
    },
    repoint(fromConversationId: string, toConversationId: string): void {
      repoint.run(toConversationId, fromConversationId);
    },
  };
}
