// UI strings for every language the app ships, as i18next resources (namespace "common").
import en from './en/common.json' with { type: 'json' };
import zhCN from './zh-CN/common.json' with { type: 'json' };

export const resources = {
  en: { common: en },
  'zh-CN': { common: zhCN },
} as const;

export type Language = keyof typeof resources;
export const languages: { code: Language; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
];
