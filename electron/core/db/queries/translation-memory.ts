// The translation memory: a text is sent to a provider once per language pair, provider and glossary version.
import { createHash } from 'node:crypto';
import type { Db } from '../connection.js';

export interface MemoryKey {
  text: string;
  /** The source language asked for, or 'auto'. */
  source: string;
  target: string;
  provider: string;
  glossaryVersion?: number;
}

export const textHash = (text: string) => createHash('sha256').update(text).digest('base64url');

export function translationMemoryQueries(db: Db) {
  const one = db.prepare<[string, string, string, string, number], { translated: string; detected_lang: string | null }>(
    'SELECT translated, detected_lang FROM translation_memory WHERE text_hash = ? AND source_lang = ? AND target_lang = ? AND provider = ? AND glossary_version = ?',
  );
  const put = db.prepare(
    `INSERT INTO translation_memory (text_hash, source_lang, target_lang, provider, glossary_version, translated, detected_lang, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM translation_memory');
  const forget = db.prepare('DELETE FROM translation_memory WHERE text_hash = ?');
  return {
    get(k: MemoryKey): { text: string; detected: string | null } | null {
      const r = one.get(textHash(k.text), k.source, k.target, k.provider, k.glossaryVersion ?? 0);
      return r ? { text: r.translated, detected: r.detected_lang } : null;
    },
    put(k: MemoryKey, translated: string, detected: string | null, now: number): void {
      put.run(textHash(k.text), k.source, k.target, k.provider, k.glossaryVersion ?? 0, translated, detected, now);
    },
    size: (): number => count.get()!.n,
    /** Every translation of these texts (a customer's words, when their data is erased). */
    forget(texts: string[]): void {
      for (const t of texts) forget.run(textHash(t));
    },
  };
}
