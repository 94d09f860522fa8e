// One customer's data: export everything kept about them, or erase it (here, and optionally on the mail server).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, CustomerErasure, CustomerExport } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

export function CustomerDataDialog({ address, name, onClose, onErased }: { address: string; name: string; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<CustomerExport | null>(null);
  const [erased, setErased] = useState<CustomerErasure | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [onServer, setOnServer] = useState(false);

  const run = async <T,>(fn: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, done: (v: T) => void) => {
    setBusy(true);
    setError(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    done(r.value);
  };
  const exportData = () => run(() => getApi().invoke('customers.export', { address }), setExported);
  const erase = () =>
    run(
      () => getApi().invoke('customers.erase', { address, onServer }),
      (v) => {
        setErased(v);
        onErased();
      },
    );

  return (
    <Dialog title={t('privacy.customerTitle', { name: name || address })} onClose={onClose}>
      <p className="hint">{address}</p>
      {erased ? (
        <p role="status" data-testid="erase-result">
          {t('privacy.erased', { count: erased.messages })} {erased.serverDeletions > 0 && t('privacy.erasedOnServer', { count: erased.serverDeletions })}
        </p>
      ) : (
        <>
          <section>
            <h3>{t('privacy.exportHeading')}</h3>
            <p>{t('privacy.exportBody')}</p>
            <button type="button" onClick={() => void exportData()} disabled={busy}>
              {t('privacy.export')}
            </button>
            {exported && (
              <p role="status" data-testid="export-result">
                {t('privacy.exported', { count: exported.messages })} <code>{exported.file}</code>
              </p>
            )}
          </section>
          <section>
            <h3>{t('privacy.eraseHeading')}</h3>
            <p>{t('privacy.eraseBody')}</p>
            {!confirming ? (
              <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy}>
                {t('privacy.erase')}
              </button>
            ) : (
              <div className="erase-confirm">
                <label className="inline">
                  <input type="checkbox" checked={onServer} onChange={(e) => setOnServer(e.target.checked)} />
                  {t('privacy.alsoOnServer')}
                </label>
                <p className="warning">{t('privacy.cannotUndo')}</p>
                <div className="dialog-actions">
                  <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
                    {t('account.cancel')}
                  </button>
                  <button type="button" className="danger" onClick={() => void erase()} disabled={busy}>
                    {t('privacy.eraseConfirm', { address })}
                  </button>
                </div>
              </div>
            )}
          </section>
        </>
      )}
      <FormError error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('privacy.close')}
        </button>
      </div>
    </Dialog>
  );
}
