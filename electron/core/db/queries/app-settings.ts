// Queries on app-wide settings: one JSON value per key, read through the schema in shared/domain/settings.
import type { Db } from '../connection.js';
import { AppSettingsSchema, type AppSettings } from '../../../../shared/domain/settings.js';

export function appSettingQueries(db: Db) {
  const all = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM app_settings');
  const put = db.prepare('INSERT INTO app_settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json');
  return {
    /** Every setting, with defaults for those never changed (and for stored values this version rejects). */
    get(): AppSettings {
      const stored: Record<string, unknown> = {};
      for (const r of all.all()) stored[r.key] = JSON.parse(r.value_json) as unknown;
      const parsed = AppSettingsSchema.safeParse(stored);
      return parsed.success ? parsed.data : AppSettingsSchema.parse({});
    },
    set(changes: Partial<AppSettings>): void {
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) put.run(key, JSON.stringify(value));
    },
  };
}
