// An account's signature: put under every reply the agent sends from it (after a "-- " line), as written in every
// customer's language — a translated reply keeps it untranslated.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { settingsStore } from '../settings/settings-store';

export function SignatureDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const [all, setAll] = useState<Record<string, string> | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void getApi()
      .invoke('settings.get', {})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setAll(r.value.signatures);
        setText(r.value.signatures[account.id] ?? '');
      });
  }, [account.id]);
  const save = async () => {
    if (!all) return;
    const next = { ...all };
    if (text.trim()) next[account.id] = text.trim();
    else delete next[account.id];
    const r = await getApi().invoke('settings.set', { signatures: next });
    if (!r.ok) return setError(r.error);
    settingsStore.publish(r.value);
    onClose();
  };
  return (
    <Dialog title={t('signature.title', { account: account.name || account.address })} onClose={onClose}>
      <label>
        {t('signature.label')}
        <textarea name="signature" rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
      </label>
      <p className="hint">{t('signature.hint')}</p>
      <FormError error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('signature.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={!all}>
          {t('signature.save')}
        </button>
      </div>
    </Dialog>
  );
}
