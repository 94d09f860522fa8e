// Canned responses, stored locally (one row, its language variants as JSON).
import type { Db } from '../connection.js';
import type { CannedResponse } from '../../../../shared/domain/types.js';

export function cannedResponseQueries(db: Db) {
  const all = db.prepare<[], { id: string; name: string; variants_json: string; updated_at: number }>(
    'SELECT * FROM canned_responses ORDER BY name COLLATE NOCASE, id',
  );
  const upsert = db.prepare(
    `INSERT INTO canned_responses (id, name, variants_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, variants_json = excluded.variants_json, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM canned_responses WHERE id = ?');
  return {
    list: (): CannedResponse[] =>
      all.all().map((r) => ({ id: r.id, name: r.name, variants: JSON.parse(r.variants_json) as Record<string, string>, updatedAt: r.updated_at })),
    save(c: CannedResponse): void {
      upsert.run(c.id, c.name, JSON.stringify(c.variants), c.updatedAt);
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
