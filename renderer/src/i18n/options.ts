// How i18next is set up, the same in the window and in the views' tests: the shipped languages, English for
// anything missing. Counts in sentences are written the language's way (1,234 · 1.234 · 1 234) by the strings'
// own `{{count, number}}`.
import type { InitOptions } from 'i18next';
import { resources, type Language } from '../../../shared/locales';

export function i18nOptions(lng: Language): InitOptions {
  return {
    resources,
    lng,
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  };
}
