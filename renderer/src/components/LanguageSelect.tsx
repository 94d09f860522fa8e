// The interface language picker, on the welcome screen and in the sidebar.
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../shared/locales';
import { changeLanguage } from '../i18n';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}
      <select name="language" value={i18n.language} onChange={(e) => void changeLanguage(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
