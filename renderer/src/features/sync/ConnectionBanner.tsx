// Above the list: the core out of reach, or an account offline with what waits to be sent, or — online — what
// still waits or failed, with the way to the outbox.
import { useTranslation } from 'react-i18next';
import type { OutboxCounts } from './outbox-store';

export function ConnectionBanner({ coreConnected, offline, outbox, onOpenOutbox }: { coreConnected: boolean; offline: boolean; outbox: OutboxCounts; onOpenOutbox: () => void }) {
  const { t } = useTranslation();
  const details = (
    <button type="button" className="link-button" onClick={onOpenOutbox}>
      {t('outboxList.open')}
    </button>
  );
  if (!coreConnected)
    return (
      <div className="banner" role="alert">
        {t('errors.OFFLINE')}
      </div>
    );
  if (offline)
    return (
      <div className="banner offline" role="alert" data-testid="offline-banner">
        {outbox.pending > 0 ? t('offline.banner', { count: outbox.pending }) : t('offline.bannerNone')}
        {outbox.pending + outbox.failed > 0 && details}
      </div>
    );
  if (outbox.pending === 0 && outbox.failed === 0) return null;
  return (
    <div className="outbox-line" role="status" data-testid="outbox-status">
      {outbox.pending > 0 && <span>{t('offline.pending', { count: outbox.pending })}</span>}
      {outbox.failed > 0 && <span className="failed">{t('offline.failed', { count: outbox.failed })}</span>}
      {details}
    </div>
  );
}
