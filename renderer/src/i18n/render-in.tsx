// Renders a view to HTML in a chosen UI language, for the views' tests (no window needed).
import { createInstance } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/locales';
import { i18nOptions } from './options';

export async function renderIn(language: Language, view: ReactElement): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init(i18nOptions(language));
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{view}</I18nextProvider>);
}

/** The text a screen reader or the eye gets from rendered HTML. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
