// The "add email account" form. The core logs in to both servers before saving, so a wrong password or an
// unreachable host is reported here, in the agent's language, with the server's own words underneath.
// Providers that sign mail apps in with OAuth 2.0 get a browser sign-in instead of a password.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError, SignIn, TlsMode } from '../../../../shared/domain/types';
import { presetFor } from '../../../../shared/domain/email-presets';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { SignInFooter, startBrowserSignIn, type PendingSignIn } from './BrowserSignIn';

interface OAuthFields {
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  scopes: string;
}
const NO_OAUTH: OAuthFields = { clientId: '', clientSecret: '', authorizationUrl: '', tokenUrl: '', scopes: '' };

interface ServerFields {
  host: string;
  port: string;
  tls: TlsMode;
}

const TLS_MODES: TlsMode[] = ['tls', 'starttls', 'off'];

/** This computer itself: nothing crosses a network, so no TLS is needed (a local bridge or test server). */
const isLoopback = (host: string) => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host.trim());
const DEFAULT_PORTS: Record<'imap' | 'smtp', Record<TlsMode, string>> = {
  imap: { tls: '993', starttls: '143', off: '143' },
  smtp: { tls: '465', starttls: '587', off: '25' },
};

export function AddAccountDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (a: Account) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [user, setUser] = useState('');
  const [userTouched, setUserTouched] = useState(false);
  const [password, setPassword] = useState('');
  const [method, setMethod] = useState<SignIn['kind']>('password');
  const [oauth, setOauth] = useState<OAuthFields>(NO_OAUTH);
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  // The app's own OAuth registrations (Gmail, Outlook), where whoever distributes it configured them.
  const [clients, setClients] = useState<Record<string, { clientId: string; clientSecret?: string }>>({});
  useEffect(() => {
    void getApi()
      .invoke('app.info', {})
      .then((r) => r.ok && setClients(r.value.oauthClients));
  }, []);
  const preset = presetFor(email);
  // The app is registered with this address's provider (whenever the address or the registrations arrive):
  // browser sign-in is the way, with the app's client, and no password to create.
  const registered = preset?.oauth ? clients[preset.id] : undefined;
  useEffect(() => {
    if (!registered) return;
    setOauth((o) => ({ ...o, clientId: registered.clientId, clientSecret: registered.clientSecret ?? '' }));
    setMethod('oauth2');
  }, [registered]);
  const [imap, setImap] = useState<ServerFields>({ host: '', port: '993', tls: 'tls' });
  const [smtp, setSmtp] = useState<ServerFields>({ host: '', port: '465', tls: 'tls' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const onEmail = (v: string) => {
    setEmail(v);
    if (!userTouched) setUser(v);
    const known = presetFor(v);
    if (known) {
      setImap({ host: known.imap.host, port: String(known.imap.port), tls: known.imap.tls });
      setSmtp({ host: known.smtp.host, port: String(known.smtp.port), tls: known.smtp.tls });
      if (known.oauth) {
        const endpoints = known.oauth;
        setOauth((o) => ({ ...o, authorizationUrl: endpoints.authorizationUrl, tokenUrl: endpoints.tokenUrl, scopes: endpoints.scopes.join(' ') }));
      }
      return;
    }
    const domain = v.split('@')[1];
    if (domain) {
      setImap((s) => (s.host === '' || s.host.startsWith('imap.') ? { ...s, host: `imap.${domain}` } : s));
      setSmtp((s) => (s.host === '' || s.host.startsWith('smtp.') ? { ...s, host: `smtp.${domain}` } : s));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    let signIn: SignIn = { kind: 'password', password };
    if (method === 'oauth2') {
      const started = await startBrowserSignIn({
        provider: {
          authorizationUrl: oauth.authorizationUrl.trim(),
          tokenUrl: oauth.tokenUrl.trim(),
          clientId: oauth.clientId.trim(),
          clientSecret: oauth.clientSecret.trim() || undefined,
          scopes: oauth.scopes.split(/\s+/).filter(Boolean),
        },
        loginHint: email.trim(),
      });
      if (!started.ok) {
        setBusy(false);
        setError(started.error);
        return;
      }
      setPending(started.pending);
      signIn = { kind: 'oauth2', flowId: started.pending.flowId };
    }
    const r = await getApi().invoke('accounts.addEmail', {
      email: email.trim(),
      displayName: displayName.trim() || undefined,
      imap: { host: imap.host.trim(), port: Number(imap.port), tls: imap.tls },
      smtp: { host: smtp.host.trim(), port: Number(smtp.port), tls: smtp.tls },
      user: user.trim(),
      signIn,
    });
    setBusy(false);
    setPending(null);
    if (r.ok) onAdded(r.value);
    else setError(r.error);
  };

  const oauthField = (key: keyof OAuthFields, label: string, required = true) => (
    <label>
      {label}
      <input name={`oauth-${key}`} required={required} value={oauth[key]} onChange={(e) => setOauth({ ...oauth, [key]: e.target.value })} />
    </label>
  );

  const server = (kind: 'imap' | 'smtp', value: ServerFields, set: (s: ServerFields) => void) => (
    <fieldset className="server">
      <legend>{t(kind === 'imap' ? 'account.incoming' : 'account.outgoing')}</legend>
      <label className="grow">
        {t('account.host')}
        <input name={`${kind}-host`} required value={value.host} onChange={(e) => set({ ...value, host: e.target.value })} />
      </label>
      <label className="port">
        {t('account.port')}
        <input
          name={`${kind}-port`}
          required
          inputMode="numeric"
          pattern="[0-9]{1,5}"
          value={value.port}
          onChange={(e) => set({ ...value, port: e.target.value })}
        />
      </label>
      <label>
        {t('account.security')}
        <select
          name={`${kind}-tls`}
          value={value.tls}
          onChange={(e) => {
            const tls = e.target.value as TlsMode;
            const wasDefault = Object.values(DEFAULT_PORTS[kind]).includes(value.port);
            set({ ...value, tls, port: wasDefault ? DEFAULT_PORTS[kind][tls] : value.port });
          }}
        >
          {TLS_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`account.tls_${m}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
  return (
    <Dialog title={t('account.title')} onClose={onClose}>
      <form className="account-form" onSubmit={submit}>
        <label>
          {t('account.email')}
          <input name="email" type="email" required autoComplete="email" value={email} onChange={(e) => onEmail(e.target.value)} />
        </label>
        <label>
          {t('account.displayName')}
          <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        {preset && (
          <div className="preset-hint" role="note" data-testid="preset-hint">
            <strong>{t('presets.applied', { name: preset.name })}</strong> {t(`presets.${preset.id}`)}
          </div>
        )}
        {server('imap', imap, setImap)}
        {server('smtp', smtp, setSmtp)}
        {[imap, smtp].some((x) => x.tls === 'off' && !isLoopback(x.host)) && (
          <p className="warning" role="alert" data-testid="no-tls-warning">
            {t('account.noTlsWarning')}
          </p>
        )}
        <label>
          {t('account.user')}
          <input
            name="user"
            required
            value={user}
            onChange={(e) => {
              setUser(e.target.value);
              setUserTouched(true);
            }}
          />
        </label>
        <fieldset className="sign-in-method">
          <legend>{t('signIn.method')}</legend>
          <label className="inline">
            <input type="radio" name="method" value="password" checked={method === 'password'} onChange={() => setMethod('password')} />
            {t('signIn.password')}
          </label>
          <label className="inline">
            <input type="radio" name="method" value="oauth2" checked={method === 'oauth2'} onChange={() => setMethod('oauth2')} />
            {t('signIn.oauth')}
          </label>
        </fieldset>
        {method === 'password' ? (
          <label>
            {t('account.password')}
            <input name="password" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        ) : (
          <div className="oauth-fields">
            <p className="hint">{registered && preset ? t('signIn.oauthHintRegistered', { name: preset.name }) : t('signIn.oauthHint')}</p>
            {!registered && oauthField('clientId', t('signIn.clientId'))}
            {!registered && oauthField('clientSecret', t('signIn.clientSecret'), false)}
            <details open={!preset?.oauth}>
              <summary>{t('signIn.server')}</summary>
              {registered && oauthField('clientId', t('signIn.clientId'))}
              {oauthField('authorizationUrl', t('signIn.authorizationUrl'))}
              {oauthField('tokenUrl', t('signIn.tokenUrl'))}
              {oauthField('scopes', t('signIn.scopes'))}
            </details>
          </div>
        )}
        <SignInFooter
          pending={pending}
          onStopWaiting={() => setPending(null)}
          error={error}
          busy={busy}
          onClose={onClose}
          submitLabel={method === 'oauth2' ? t('signIn.submit') : t('account.submit')}
        />
      </form>
    </Dialog>
  );
}
