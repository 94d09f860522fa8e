// For an account whose password was rejected or whose OAuth sign-in expired or was revoked: a new password, or
// the browser sign-in again. What waited in the outbox goes out once the account is connected again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError, SignIn } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { SignInFooter, startBrowserSignIn, type PendingSignIn } from './BrowserSignIn';

export function SignInAgainDialog({ account, onClose, onDone }: { account: Account; onClose: () => void; onDone: (a: Account) => void }) {
  const { t } = useTranslation();
  const oauth = account.signIn === 'oauth2';
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    let signIn: SignIn = { kind: 'password', password };
    if (oauth) {
      const started = await startBrowserSignIn({ accountId: account.id });
      if (!started.ok) {
        setBusy(false);
        setError(started.error);
        return;
      }
      setPending(started.pending);
      signIn = { kind: 'oauth2', flowId: started.pending.flowId };
    }
    const r = await getApi().invoke('accounts.updateSignIn', { id: account.id, signIn });
    setBusy(false);
    setPending(null);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };

  return (
    <Dialog title={t('signIn.againTitle', { address: account.address })} onClose={onClose}>
      <form className="account-form" onSubmit={submit}>
        <p>{oauth ? t('signIn.againOAuth') : t('signIn.againPassword')}</p>
        {!oauth && (
          <label>
            {t('account.password')}
            <input name="password" type="password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        )}
        <SignInFooter
          pending={pending}
          onStopWaiting={() => setPending(null)}
          error={error}
          busy={busy}
          onClose={onClose}
          submitLabel={oauth ? t('signIn.submit') : t('signIn.save')}
        />
      </form>
    </Dialog>
  );
}
