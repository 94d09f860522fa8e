// The notice of the moment, bottom right: a failed call in the agent's words (the server's own words below), or
// what just happened. A click dismisses it.
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/format';
import type { Notice } from './notice-store';

export function NoticeToast({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const { t } = useTranslation();
  const { message, detail } = notice.kind === 'error' ? errorText(t, notice.error) : notice;
  return (
    <div className={notice.kind === 'error' ? 'toast error' : 'toast'} role={notice.kind === 'error' ? 'alert' : 'status'} onClick={onDismiss}>
      <strong>{message}</strong>
      {detail && <small>{detail}</small>}
    </div>
  );
}
