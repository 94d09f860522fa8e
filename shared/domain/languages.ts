// The customer languages the app detects and offers to choose from (BCP 47 base tags): those cross-border
// sellers' buyers write in.
export const CUSTOMER_LANGUAGES = [
  'en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'cs', 'sk', 'hu', 'ro', 'bg', 'el', 'tr', 'ru', 'uk',
  'id', 'ms', 'vi', 'th', 'zh', 'ja', 'ko', 'ar', 'he', 'hi', 'fa', 'hr', 'sl', 'lt', 'lv', 'et', 'ca',
] as const;
