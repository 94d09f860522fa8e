// The shop's glossary as a translation provider keeps it (DeepL): one per provider account and language pair,
// with the glossary version it was made from, so a changed glossary is sent again and the old one removed.
import type { Migration } from './index.js';

export const migration0022: Migration = {
  version: 22,
  name: 'provider-glossaries',
  up(db) {
    db.exec(`
      CREATE TABLE provider_glossaries (
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        glossary_version INTEGER NOT NULL,
        glossary_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (provider, account, source_lang, target_lang)
      );
    `);
  },
};
