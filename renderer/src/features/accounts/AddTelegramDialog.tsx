// Connecting a Telegram bot: what to create on Telegram's side (a bot with @BotFather), then its token, which
// is checked with Telegram before anything is saved.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

export function AddTelegramDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (a: Account) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await getApi().invoke('accounts.addTelegram', { token: token.trim() });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onAdded(r.value);
  };
  return (
    <Dialog title={t('telegram.title')} onClose={onClose}>
      <form className="account-form" onSubmit={(e) => void submit(e)}>
        <ol className="steps">
          <li>{t('telegram.step1')}</li>
          <li>{t('telegram.step2')}</li>
          <li>{t('telegram.step3')}</li>
        </ol>
        <label>
          {t('telegram.token')}
          <input name="telegram-token" required autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} placeholder="123456789:AA…" />
        </label>
        <p className="hint">{t('telegram.privacy')}</p>
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('account.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !token.trim()}>
            {busy ? t('account.checking') : t('telegram.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
