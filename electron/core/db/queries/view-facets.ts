// What the sidebar's views are made of: the tags in use, and the customers' languages and marketplaces of the
// recent conversations — each read without walking every conversation (a profile may hold a million).
import type { Db } from '../connection.js';
import type { ViewFacets } from '../../../../shared/domain/types.js';

/** Languages and marketplaces are read from this many newest conversations. */
const RECENT = 5000;
/** At most this many of each. */
const MAX = 100;


export function viewFacetQueries(db: Db) {
  // Tag after tag through conversation_tags_by_tag: one seek each, however many conversations carry them.
  const tags = db.prepare<[], { tag: string }>(
    `WITH RECURSIVE t(tag) AS (
       SELECT min(tag) FROM conversation_tags
       UNION ALL SELECT (SELECT min(tag) FROM conversation_tags WHERE tag > t.tag) FROM t WHERE t.tag IS NOT NULL LIMIT ${MAX + 1}
     ) SELECT tag FROM t WHERE tag IS NOT NULL`,
  );
  const recent = db.prepare<[], { language: string | null; marketplace: string | null; name: string | null }>(
    `SELECT language, marketplace_json ->> '$.id' AS marketplace, marketplace_json ->> '$.name' AS name
     FROM (SELECT language, marketplace_json FROM conversations ORDER BY last_message_at DESC LIMIT ${RECENT})`,
  );
  return {
    get(): ViewFacets {
      const languages = new Map<string, number>();
      const marketplaces = new Map<string, { id: string; name: string; n: number }>();
      for (const r of recent.all()) {
        if (r.language) languages.set(r.language, (languages.get(r.language) ?? 0) + 1);
        if (r.marketplace) {
          const key = r.marketplace.toLowerCase();
          const m = marketplaces.get(key) ?? { id: key, name: r.name ?? r.marketplace, n: 0 };
          m.n++;
          marketplaces.set(key, m);
        }
      }
      return {
        tags: tags.all().map((r) => r.tag).slice(0, MAX),
        // The most frequent first.
        languages: [...languages.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX).map(([l]) => l),
        marketplaces: [...marketplaces.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).slice(0, MAX).map(({ id, name }) => ({ id, name })),
      };
    },
  };
}
