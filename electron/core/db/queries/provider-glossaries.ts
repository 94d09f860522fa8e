// Which glossary a provider holds for a language pair (see migration 0022).
import type { Db } from '../connection.js';

export interface ProviderGlossaryKey {
  provider: string;
  /** Which account at the provider (a fingerprint of its address and key): another key cannot see the glossary. */
  account: string;
  source: string;
  target: string;
}

export function providerGlossaryQueries(db: Db) {
  const one = db.prepare<[string, string, string, string], { glossary_version: number; glossary_id: string }>(
    'SELECT glossary_version, glossary_id FROM provider_glossaries WHERE provider = ? AND account = ? AND source_lang = ? AND target_lang = ?',
  );
  const put = db.prepare(
    `INSERT INTO provider_glossaries (provider, account, source_lang, target_lang, glossary_version, glossary_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider, account, source_lang, target_lang) DO UPDATE SET glossary_version = excluded.glossary_version, glossary_id = excluded.glossary_id, created_at = excluded.created_at`,
  );
  const forget = db.prepare('DELETE FROM provider_glossaries WHERE provider = ? AND account = ? AND source_lang = ? AND target_lang = ? AND glossary_id = ?');
  return {
    get(k: ProviderGlossaryKey): { version: number; id: string } | undefined {
      const r = one.get(k.provider, k.account, k.source, k.target);
      return r ? { version: r.glossary_version, id: r.glossary_id } : undefined;
    },
    put(k: ProviderGlossaryKey, version: number, id: string, at: number): void {
      put.run(k.provider, k.account, k.source, k.target, version, id, at);
    },
    forget(k: ProviderGlossaryKey, id: string): void {
      forget.run(k.provider, k.account, k.source, k.target, id);
    },
  };
}
