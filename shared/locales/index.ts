// UI strings for every language the app ships, as i18next resources (namespace "common"), and the choice of one
// from the languages the operating system or browser prefers.
import en from './en/common.json' with { type: 'json' };
import zhCN from './zh-CN/common.json' with { type: 'json' };
import zhTW from './zh-TW/common.json' with { type: 'json' };
import ja from './ja/common.json' with { type: 'json' };
import ko from './ko/common.json' with { type: 'json' };
import es from './es/common.json' with { type: 'json' };
import ptBR from './pt-BR/common.json' with { type: 'json' };
import de from './de/common.json' with { type: 'json' };
import fr from './fr/common.json' with { type: 'json' };
import ru from './ru/common.json' with { type: 'json' };

export const resources = {
  en: { common: en },
  'zh-CN': { common: zhCN },
  'zh-TW': { common: zhTW },
  ja: { common: ja },
  ko: { common: ko },
  es: { common: es },
  'pt-BR': { common: ptBR },
  de: { common: de },
  fr: { common: fr },
  ru: { common: ru },
} as const;

export type Language = keyof typeof resources;
/** Each language under its own name, as the picker lists them. */
export const languages: { code: Language; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'ja', label: '日本語' },
  { code: 'ko', label: '한국어' },
  { code: 'es', label: 'Español' },
  { code: 'pt-BR', label: 'Português (Brasil)' },
  { code: 'de', label: 'Deutsch' },
  { code: 'fr', label: 'Français' },
  { code: 'ru', label: 'Русский' },
];

const isLanguage = (code: string): code is Language => Object.hasOwn(resources, code);

/** Traditional-script Chinese locales: Taiwan, Hong Kong, Macau, or the script named outright. */
const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/i;

/**
 * The shipped language closest to the first of `preferred` (BCP 47 tags, most preferred first — the OS's
 * languages as `navigator.languages` gives them) that any shipped language serves: the same tag, else Chinese by
 * script, else the same base language (pt-PT reads pt-BR, de-AT reads de). English when none is served.
 */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const exact = languages.find((l) => l.code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact.code;
    const base = tag.split(/[-_]/)[0]!.toLowerCase();
    if (base === 'zh') return TRADITIONAL.test(tag.replace('_', '-')) ? 'zh-TW' : 'zh-CN';
    if (base === 'pt') return 'pt-BR';
    if (isLanguage(base)) return base;
  }
  return 'en';
}
