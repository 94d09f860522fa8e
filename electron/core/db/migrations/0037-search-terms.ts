// The words of the full-text index, listed (an fts5vocab table over it): a search for a word beginning looks up
// the few indexed words that begin so and asks for those, which FTS5 reads newest first and stops at a page,
// instead of merging every hit of every such word before the first one is returned (a word found in every
// message took over 100 ms at a million).
import type { Migration } from './index.js';

export const migration0037: Migration = {
  version: 37,
  name: 'search-terms',
  up(db) {
    db.exec(`CREATE VIRTUAL TABLE message_search_terms USING fts5vocab(message_search, 'row');`);
  },
};
