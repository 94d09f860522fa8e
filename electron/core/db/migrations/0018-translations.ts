// The translation memory (every text translated once per language pair, provider and glossary version), and
// the agent's own words kept on a reply that was sent translated.
import type { Migration } from './index.js';

export const migration0018: Migration = {
  version: 18,
  name: 'translations',
  up(db) {
    db.exec(`
      CREATE TABLE translation_memory (
        text_hash TEXT NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        provider TEXT NOT NULL,
        glossary_version INTEGER NOT NULL DEFAULT 0,
        translated TEXT NOT NULL,
        detected_lang TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (text_hash, source_lang, target_lang, provider, glossary_version)
      );
      ALTER TABLE messages ADD COLUMN original_text TEXT;
      ALTER TABLE messages ADD COLUMN original_language TEXT;
    `);
  },
};
