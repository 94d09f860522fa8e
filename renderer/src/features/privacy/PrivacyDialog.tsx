// Privacy settings: how long resolved conversations are kept here, and the audit log (read only).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, AuditEntry } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

export function PrivacyDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState<string>('');
  const [log, setLog] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const loadLog = async () => {
    const r = await getApi().invoke('audit.list', { limit: 200 });
    if (r.ok) setLog(r.value);
    else setError(r.error);
  };
  useEffect(() => {
    void getApi()
      .invoke('settings.get', {})
      .then((r) => (r.ok ? setMonths(r.value.retentionMonths === null ? '' : String(r.value.retentionMonths)) : setError(r.error)));
    void loadLog();
  }, []);

  const save = async () => {
    const value = months.trim() === '' ? null : Math.round(Number(months));
    if (value !== null && (!Number.isFinite(value) || value < 1 || value > 240)) return setError({ code: 'INVALID_INPUT', message: t('privacy.retentionRange') });
    const r = await getApi().invoke('settings.set', { retentionMonths: value });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
    await loadLog();
  };

  return (
    <Dialog title={t('privacy.title')} onClose={onClose}>
      <label>
        {t('privacy.retention')}
        <input name="retention-months" inputMode="numeric" placeholder={t('privacy.retentionNever')} value={months} onChange={(e) => (setMonths(e.target.value), setSaved(false))} />
      </label>
      <p className="hint">{t('privacy.retentionHint')}</p>
      <div className="dialog-actions">
        {saved && <span role="status">{t('privacy.saved')}</span>}
        <button type="button" onClick={() => void save()}>
          {t('privacy.save')}
        </button>
      </div>
      <FormError error={error} />
      <h3>{t('privacy.auditLog')}</h3>
      <p className="hint">{t('privacy.auditHint')}</p>
      <table className="audit-log" data-testid="audit-log">
        <tbody>
          {log.map((e) => (
            <tr key={e.seq}>
              <td>{new Date(e.at).toLocaleString(i18n.language)}</td>
              <td>{t(`privacy.action.${e.action.replace('.', '_')}`)}</td>
              <td>{e.subject}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('privacy.close')}
        </button>
      </div>
    </Dialog>
  );
}
