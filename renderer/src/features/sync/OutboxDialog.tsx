// What is waiting to reach the servers, and what could not: each change with its reason, to retry or drop.
// (Replies can also be retried, edited or discarded in their thread.)
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, OutboxOp } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { fullTime } from '../../components/format';

const KIND_LABELS: Record<string, string> = {
  'message.send': 'outboxList.kind.send',
  'message.set-flag': 'outboxList.kind.flag',
  'conversation.move': 'outboxList.kind.move',
  'email.append-sent': 'outboxList.kind.appendSent',
};

export function OutboxDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [ops, setOps] = useState<OutboxOp[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const load = async () => {
    const r = await getApi().invoke('outbox.list', {});
    if (r.ok) setOps(r.value);
    else setError(r.error);
  };
  useEffect(() => {
    void load();
    return getApi().on('outbox.changed', () => void load());
  }, []);
  const act = async (name: 'outbox.retry' | 'outbox.discard', ids: string[]) => {
    for (const id of ids) {
      const r = await getApi().invoke(name, { id });
      if (!r.ok) setError(r.error);
    }
    await load();
  };
  const failed = ops.filter((o) => o.status === 'failed');
  return (
    <Dialog title={t('outboxList.title')} onClose={onClose}>
      <FormError error={error} />
      {ops.length === 0 ? (
        <p>{t('outboxList.empty')}</p>
      ) : (
        <ul className="outbox-list">
          {ops.map((o) => (
            <li key={o.id} className={`outbox-op ${o.status}`} data-testid="outbox-op">
              <div>
                <strong>{t(KIND_LABELS[o.kind] ?? 'outboxList.kind.other')}</strong> · {t(`outboxList.status.${o.status}`)}
                {o.attempts > 0 && ` · ${t('outboxList.attempts', { count: o.attempts })}`}
                <small> · {fullTime(o.createdAt, i18n.language)}</small>
              </div>
              {o.lastError && <div className="reason">{o.lastError}</div>}
              {o.status === 'failed' && (
                <div className="actions">
                  <button type="button" onClick={() => void act('outbox.retry', [o.id])}>
                    {t('outbox.retry')}
                  </button>
                  <button type="button" onClick={() => void act('outbox.discard', [o.id])}>
                    {t('outbox.discard')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        {failed.length > 1 && (
          <button type="button" className="primary" onClick={() => void act('outbox.retry', failed.map((o) => o.id))}>
            {t('outboxList.retryAll', { count: failed.length })}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('outboxList.close')}
        </button>
      </div>
    </Dialog>
  );
}
