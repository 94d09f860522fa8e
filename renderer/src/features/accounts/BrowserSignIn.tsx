// The browser part of an OAuth sign-in: the core prepares the sign-in, the system browser shows the provider's
// page, and this panel waits, with the link to open the page again and a way to give up.
import { useTranslation } from 'react-i18next';
import type { ApiError, OAuthProvider } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { FormError } from '../../components/FormError';

export interface PendingSignIn {
  flowId: string;
  authorizationUrl: string;
}

/** Starts a sign-in and opens the provider's page (in Electron, the system browser; here, a new tab). */
export async function startBrowserSignIn(
  input: { provider: OAuthProvider; loginHint?: string } | { accountId: string },
): Promise<{ ok: true; pending: PendingSignIn } | { ok: false; error: ApiError }> {
  const r = await getApi().invoke('oauth.begin', input);
  if (!r.ok) return r;
  window.open(r.value.authorizationUrl, '_blank', 'noopener');
  return { ok: true, pending: r.value };
}

export function SignInWaiting({ pending, onCancel }: { pending: PendingSignIn; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="sign-in-waiting" role="status" data-testid="sign-in-waiting">
      <p>{t('signIn.waiting')}</p>
      <p>
        <a href={pending.authorizationUrl} target="_blank" rel="noreferrer">
          {t('signIn.openAgain')}
        </a>
        {' · '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            void getApi().invoke('oauth.cancel', { flowId: pending.flowId });
            onCancel();
          }}
        >
          {t('signIn.cancel')}
        </button>
      </p>
    </div>
  );
}

/** The end of a sign-in form: the browser panel while waiting, the error, and Cancel / submit. */
export function SignInFooter(p: {
  pending: PendingSignIn | null;
  onStopWaiting: () => void;
  error: ApiError | null;
  busy: boolean;
  onClose: () => void;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {p.pending && <SignInWaiting pending={p.pending} onCancel={p.onStopWaiting} />}
      <FormError error={p.error} />
      <div className="dialog-actions">
        <button type="button" onClick={p.onClose} disabled={p.busy}>
          {t('account.cancel')}
        </button>
        <button type="submit" className="primary" disabled={p.busy}>
          {p.pending ? t('signIn.waitingShort') : p.busy ? t('account.checking') : p.submitLabel}
        </button>
      </div>
    </>
  );
}
