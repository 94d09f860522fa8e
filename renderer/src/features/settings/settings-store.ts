// The app's settings as the window last read them: one `settings.get` for every view that shows one of them (the
// reply box's signature, the translation controls), replaced after a save.
import { useEffect } from 'react';
import type { AppSettings } from '../../../../shared/domain/settings';
import { getApi } from '../../api/client';
import { Store, useStore } from '../../app/store';

class SettingsStore extends Store<AppSettings | null> {
  #loading = false;

  constructor() {
    super(null);
  }

  /** Reads the settings once, the first time a view needs them. */
  load(): void {
    if (this.get() || this.#loading) return;
    this.#loading = true;
    void getApi()
      .invoke('settings.get', {})
      .then((r) => {
        this.#loading = false;
        if (r.ok && !this.get()) this.set(r.value);
      });
  }

  /** After a save: the settings as the core answered. */
  publish(settings: AppSettings): void {
    this.set(settings);
  }

  /** After a save of one part (a dialog that saves only that part): that part, once the rest is known. */
  publishPart<K extends keyof AppSettings>(key: K, value: AppSettings[K]): void {
    const current = this.get();
    if (current) this.set({ ...current, [key]: value });
  }
}

export const settingsStore = new SettingsStore();

/** The settings, read on first use (null until they arrive). */
export function useAppSettings(): AppSettings | null {
  useEffect(() => settingsStore.load(), []);
  return useStore(settingsStore);
}
