// Which channel to connect: the ones this app connects, and what to do for the others (marketplaces whose
// buyers write by e-mail, WhatsApp, which needs a public web address a desktop app does not have).
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';

export type ConnectableChannel = 'email' | 'telegram' | 'ebay' | 'mercadolibre' | 'messenger' | 'instagram';

export function ChannelPickerDialog({ onClose, onPick }: { onClose: () => void; onPick: (c: ConnectableChannel) => void }) {
  const { t } = useTranslation();
  const option = (id: ConnectableChannel, icon: string) => (
    <li className="channel-option">
      <button type="button" onClick={() => onPick(id)}>
        <span aria-hidden="true">{icon}</span> {t(`picker.${id}`)}
      </button>
      <p className="hint">{t(`picker.${id}Hint`)}</p>
    </li>
  );
  const note = (id: 'byEmail' | 'whatsapp') => (
    <li className="channel-note" data-testid={`picker-${id}`}>
      <strong>{t(`picker.${id}`)}</strong>
      <p className="hint">{t(`picker.${id}Hint`)}</p>
    </li>
  );
  return (
    <Dialog title={t('picker.title')} onClose={onClose}>
      <ul className="channel-picker">
        {option('email', '✉')}
        {option('telegram', '✈')}
        {option('ebay', '🛒')}
        {option('mercadolibre', '🤝')}
        {option('messenger', '💬')}
        {option('instagram', '📷')}
        {note('byEmail')}
        {note('whatsapp')}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('account.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
