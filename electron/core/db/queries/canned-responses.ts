// Canned responses, stored locally (one row, its language variants as JSON), with their folder, how often each
// was used, and which variants were machine-translated and await a person's review.
import type { Db } from '../connection.js';
import type { CannedResponse } from '../../../../shared/domain/types.js';

interface Row {
  id: string;
  name: string;
  folder: string;
  variants_json: string;
  review_json: string;
  use_count: number;
  last_used_at: number | null;
  updated_at: number;
}

const fromRow = (r: Row): CannedResponse => ({
  id: r.id,
  name: r.name,
  folder: r.folder,
  variants: JSON.parse(r.variants_json) as Record<string, string>,
  review: JSON.parse(r.review_json) as string[],
  useCount: r.use_count,
  lastUsedAt: r.last_used_at,
  updatedAt: r.updated_at,
});

export function cannedResponseQueries(db: Db) {
  const all = db.prepare<[], Row>("SELECT * FROM canned_responses ORDER BY folder COLLATE NOCASE, name COLLATE NOCASE, id");
  const one = db.prepare<[string], Row>('SELECT * FROM canned_responses WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO canned_responses (id, name, folder, variants_json, review_json, use_count, last_used_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, folder = excluded.folder, variants_json = excluded.variants_json,
       review_json = excluded.review_json, updated_at = excluded.updated_at`,
  );
  const used = db.prepare('UPDATE canned_responses SET use_count = use_count + 1, last_used_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM canned_responses WHERE id = ?');
  return {
    list: (): CannedResponse[] => all.all().map(fromRow),
    get: (id: string): CannedResponse | undefined => {
      const r = one.get(id);
      return r ? fromRow(r) : undefined;
    },
    /** Creates or replaces one (its usage count is kept: it belongs to the response, not to an edit). */
    save(c: CannedResponse): void {
      upsert.run(c.id, c.name, c.folder, JSON.stringify(c.variants), JSON.stringify(c.review), c.useCount, c.lastUsedAt, c.updatedAt);
    },
    markUsed: (id: string, at: number): boolean => used.run(at, id).changes > 0,
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
