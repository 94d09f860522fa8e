// A thin bar over the list while any account is syncing: which folder, how far.
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../../shared/domain/types';

export function SyncBar({ progress }: { progress: SyncProgress[] }) {
  const { t } = useTranslation();
  const active = progress.filter((p) => !p.finished);
  if (active.length === 0) return null;
  const done = active.reduce((s, p) => s + p.done, 0);
  const total = active.reduce((s, p) => s + p.total, 0);
  const folder = active[0]!.folder;
  return (
    <div className="sync-bar" role="status" aria-live="polite">
      <span>{total > 0 ? t('sync.progress', { folder, done, total }) : t('sync.starting', { folder })}</span>
      <progress max={Math.max(total, 1)} value={total > 0 ? done : undefined} />
    </div>
  );
}
