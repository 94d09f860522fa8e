// i18next set up with the shared locale files. On first run the UI follows the languages the operating system
// (or browser) prefers; a language chosen in the picker is remembered on this machine.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { pickLanguage, resources, type Language } from '../../../shared/locales';
import { i18nOptions } from './options';

const STORAGE_KEY = 'inbox.language';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && Object.hasOwn(resources, saved)) return saved as Language;
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export async function setupI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init(i18nOptions(initialLanguage()));
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function changeLanguage(lng: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lng);
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}
