// Notification settings: on or off (asking this window's permission the first time), quiet hours on this
// computer's clock, and accounts whose messages never notify.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { NotificationSettingsSchema, type NotificationSettings } from '../../../../shared/domain/notifications';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { allowNotifications } from './desktop-notifications';

export function NotificationsDialog({ accounts, onClose }: { accounts: Account[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [quiet, setQuiet] = useState({ on: false, from: '22:00', to: '07:00' });
  const [blocked, setBlocked] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void getApi()
      .invoke('settings.get', {})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setSettings(r.value.notifications);
        if (r.value.notifications.quietHours) setQuiet({ on: true, ...r.value.notifications.quietHours });
      });
  }, []);

  const change = (next: Partial<NotificationSettings>) => {
    setSettings((s) => (s ? { ...s, ...next } : s));
    setSaved(false);
  };
  const save = async () => {
    if (!settings) return;
    const parsed = NotificationSettingsSchema.safeParse({ ...settings, quietHours: quiet.on ? { from: quiet.from, to: quiet.to } : null });
    if (!parsed.success) return setError({ code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? '' });
    const r = await getApi().invoke('settings.set', { notifications: parsed.data });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
    // This window must be allowed to show them (a browser asks once).
    setBlocked(parsed.data.enabled && !(await allowNotifications()));
  };

  return (
    <Dialog title={t('notifications.title')} onClose={onClose}>
      {settings && (
        <>
          <label className="checkbox">
            <input type="checkbox" name="notifications-enabled" checked={settings.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
            {t('notifications.enabled')}
          </label>
          <p className="hint">{t('notifications.hint')}</p>
          <fieldset disabled={!settings.enabled}>
            <label className="checkbox">
              <input type="checkbox" name="quiet-hours" checked={quiet.on} onChange={(e) => (setQuiet({ ...quiet, on: e.target.checked }), setSaved(false))} />
              {t('notifications.quiet')}
            </label>
            <div className="inline-fields">
              <label>
                {t('notifications.quietFrom')}
                <input type="time" name="quiet-from" value={quiet.from} disabled={!quiet.on} onChange={(e) => (setQuiet({ ...quiet, from: e.target.value }), setSaved(false))} />
              </label>
              <label>
                {t('notifications.quietTo')}
                <input type="time" name="quiet-to" value={quiet.to} disabled={!quiet.on} onChange={(e) => (setQuiet({ ...quiet, to: e.target.value }), setSaved(false))} />
              </label>
            </div>
            {accounts.length > 0 && (
              <>
                <h3>{t('notifications.accounts')}</h3>
                {accounts.map((a) => (
                  <label className="checkbox" key={a.id}>
                    <input
                      type="checkbox"
                      checked={!settings.mutedAccounts.includes(a.id)}
                      onChange={(e) => change({ mutedAccounts: e.target.checked ? settings.mutedAccounts.filter((id) => id !== a.id) : [...settings.mutedAccounts, a.id] })}
                    />
                    {a.name} — {a.address}
                  </label>
                ))}
              </>
            )}
          </fieldset>
        </>
      )}
      <FormError error={error} />
      {blocked && <p className="hint" role="alert">{t('notifications.blocked')}</p>}
      <div className="dialog-actions">
        {saved && <span role="status">{t('notifications.saved')}</span>}
        <button type="button" onClick={() => void save()} disabled={!settings}>
          {t('notifications.save')}
        </button>
      </div>
    </Dialog>
  );
}
