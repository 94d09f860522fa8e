// The list of keyboard shortcuts ("?").
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export const SHORTCUTS: Array<{ keys: string; label: string }> = [
  { keys: 'J', label: 'shortcuts.next' },
  { keys: 'K', label: 'shortcuts.prev' },
  { keys: 'R', label: 'shortcuts.reply' },
  { keys: 'U', label: 'shortcuts.unread' },
  { keys: 'S', label: 'shortcuts.star' },
  { keys: 'E', label: 'shortcuts.close' },
  { keys: 'A', label: 'shortcuts.archive' },
  { keys: 'Delete', label: 'shortcuts.delete' },
  { keys: 'Z', label: 'shortcuts.snooze' },
  { keys: 'N', label: 'shortcuts.newMail' },
  { keys: '/', label: 'shortcuts.search' },
  { keys: 'Ctrl+Enter', label: 'shortcuts.send' },
  { keys: '?', label: 'shortcuts.help' },
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <dl className="shortcuts">
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
