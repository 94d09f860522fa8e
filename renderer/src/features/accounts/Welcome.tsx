// The first-run screen: connect an account, or look around in the demo workspace.
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../components/LanguageSelect';

export function Welcome({ onAddAccount, onPickChannel, onOpenDemo }: { onAddAccount: () => void; onPickChannel: () => void; onOpenDemo: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="welcome">
      <h1>{t('welcome.heading')}</h1>
      <p>{t('welcome.body')}</p>
      <div className="welcome-actions">
        <button className="primary" onClick={onAddAccount}>
          {t('welcome.addAccount')}
        </button>
        <button onClick={onPickChannel}>{t('welcome.otherChannel')}</button>
        <button onClick={onOpenDemo}>{t('welcome.openDemo')}</button>
      </div>
      <p className="hint">{t('welcome.demoHint')}</p>
      <div className="welcome-language">
        <LanguageSelect />
      </div>
    </main>
  );
}
