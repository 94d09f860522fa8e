// Connecting an eBay seller account: what to create on eBay's side (a developer app, and a user token for the
// seller with the Message API scope), then the app's keys and the refresh token, checked with eBay before
// anything is saved.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

export function AddEbayDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (a: Account) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', clientId: '', clientSecret: '', refreshToken: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const complete = Object.values(form).every((v) => v.trim() !== '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await getApi().invoke('accounts.addEbay', {
      username: form.username.trim(),
      clientId: form.clientId.trim(),
      clientSecret: form.clientSecret.trim(),
      refreshToken: form.refreshToken.trim(),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onAdded(r.value);
  };
  return (
    <Dialog title={t('ebay.title')} onClose={onClose}>
      <form className="account-form" onSubmit={(e) => void submit(e)}>
        <ol className="steps">
          <li>{t('ebay.step1')}</li>
          <li>{t('ebay.step2')}</li>
          <li>{t('ebay.step3')}</li>
        </ol>
        <label>
          {t('ebay.username')}
          <input name="ebay-username" required autoComplete="off" spellCheck={false} value={form.username} onChange={set('username')} />
        </label>
        <label>
          {t('ebay.clientId')}
          <input name="ebay-client-id" required autoComplete="off" spellCheck={false} value={form.clientId} onChange={set('clientId')} />
        </label>
        <label>
          {t('ebay.clientSecret')}
          <input name="ebay-client-secret" type="password" required autoComplete="off" value={form.clientSecret} onChange={set('clientSecret')} />
        </label>
        <label>
          {t('ebay.refreshToken')}
          <input name="ebay-refresh-token" type="password" required autoComplete="off" value={form.refreshToken} onChange={set('refreshToken')} placeholder="v^1.1#i^1#…" />
        </label>
        <p className="hint">{t('ebay.privacy')}</p>
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('account.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !complete}>
            {busy ? t('account.checking') : t('ebay.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
