// Connecting a marketplace or social account through its API (eBay, Mercado Libre, a Page's Messenger or
// Instagram inbox): the steps to take on the provider's
// side, then the keys they give, checked with the provider before anything is saved.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError, Result } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

interface Field {
  key: string;
  secret?: boolean;
  placeholder?: string;
  /** A yes/no choice (unticked by default, never required). */
  checkbox?: boolean;
}

interface ApiChannel {
  /** The locale namespace of its texts: title, step1–3, one label per field, privacy, submit. */
  ns: 'ebay' | 'mercadolibre' | 'messenger' | 'instagram';
  fields: Field[];
  connect(values: Record<string, string>): Promise<Result<Account>>;
}

export const EBAY: ApiChannel = {
  ns: 'ebay',
  fields: [{ key: 'username' }, { key: 'clientId' }, { key: 'clientSecret', secret: true }, { key: 'refreshToken', secret: true, placeholder: 'v^1.1#i^1#…' }],
  connect: (v) => getApi().invoke('accounts.addEbay', { username: v.username!, clientId: v.clientId!, clientSecret: v.clientSecret!, refreshToken: v.refreshToken! }),
};

export const MERCADO_LIBRE: ApiChannel = {
  ns: 'mercadolibre',
  fields: [{ key: 'clientId' }, { key: 'clientSecret', secret: true }, { key: 'refreshToken', secret: true, placeholder: 'TG-…' }],
  connect: (v) => getApi().invoke('accounts.addMercadoLibre', { clientId: v.clientId!, clientSecret: v.clientSecret!, refreshToken: v.refreshToken! }),
};

const metaPage = (platform: 'messenger' | 'instagram'): ApiChannel => ({
  ns: platform,
  fields: [{ key: 'pageToken', secret: true, placeholder: 'EAA…' }, { key: 'humanAgent', checkbox: true }],
  connect: (v) => getApi().invoke('accounts.addMetaPage', { platform, pageToken: v.pageToken!, humanAgent: v.humanAgent === 'true' }),
});
export const MESSENGER = metaPage('messenger');
export const INSTAGRAM = metaPage('instagram');

export function AddApiAccountDialog({ channel, onClose, onAdded }: { channel: ApiChannel; onClose: () => void; onAdded: (a: Account) => void }) {
  const { t } = useTranslation();
  const { ns } = channel;
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const complete = channel.fields.every((f) => f.checkbox || (values[f.key] ?? '').trim() !== '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await channel.connect(Object.fromEntries(channel.fields.map((f) => [f.key, (values[f.key] ?? '').trim()])));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onAdded(r.value);
  };
  return (
    <Dialog title={t(`${ns}.title`)} onClose={onClose}>
      <form className="account-form" onSubmit={(e) => void submit(e)}>
        <ol className="steps">
          <li>{t(`${ns}.step1`)}</li>
          <li>{t(`${ns}.step2`)}</li>
          <li>{t(`${ns}.step3`)}</li>
        </ol>
        {channel.fields.map((f) =>
          f.checkbox ? (
            <label key={f.key} className="checkbox">
              <input type="checkbox" name={`${ns}-${f.key}`} checked={values[f.key] === 'true'} onChange={(e) => setValues({ ...values, [f.key]: String(e.target.checked) })} />
              {t(`${ns}.${f.key}`)}
            </label>
          ) : (
          <label key={f.key}>
            {t(`${ns}.${f.key}`)}
            <input
              name={`${ns}-${f.key}`}
              type={f.secret ? 'password' : 'text'}
              required
              autoComplete="off"
              spellCheck={false}
              value={values[f.key] ?? ''}
              placeholder={f.placeholder}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
          </label>
          ),
        )}
        <p className="hint">{t(`${ns}.privacy`)}</p>
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('account.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !complete}>
            {busy ? t('account.checking') : t(`${ns}.submit`)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
