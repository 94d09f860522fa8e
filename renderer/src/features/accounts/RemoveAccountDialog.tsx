// Removing an account (the demo workspace too): says what goes and what stays before anything is removed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

export function RemoveAccountDialog({ account, onClose, onRemoved }: { account: Account; onClose: () => void; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const remove = async () => {
    setBusy(true);
    const r = await getApi().invoke('accounts.remove', { id: account.id });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onRemoved();
  };
  return (
    <Dialog title={t('removeAccount.title', { name: account.name || account.address })} onClose={onClose}>
      <p>{t(account.channel === 'demo' ? 'removeAccount.demoBody' : 'removeAccount.body', { address: account.address })}</p>
      {account.channel !== 'demo' && <p className="hint">{t('removeAccount.serverUntouched')}</p>}
      <FormError error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('account.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          {busy ? t('removeAccount.removing') : t('removeAccount.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
