// The customer's language on the thread: detected, or set by the agent (it then stays, and replies and
// translations follow it); "Detect automatically" hands it back to detection.
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/domain/types';
import { CUSTOMER_LANGUAGES } from '../../../../shared/domain/languages';
import { getApi } from '../../api/client';

export function LanguagePicker({ conversation, onError }: { conversation: ConversationSummary; onError: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const choose = async (value: string) => {
    const r = await getApi().invoke('conversations.setLanguage', { id: conversation.id, language: value === 'auto' ? null : value });
    if (!r.ok) onError(r.error.message);
  };
  return (
    <label className="language-picker">
      {t('translation.customerLanguage')}{' '}
      <select
        name="customer-language"
        value={conversation.languageSetByAgent ? (conversation.language ?? 'auto') : 'auto'}
        onChange={(e) => void choose(e.target.value)}
      >
        <option value="auto">
          {conversation.language && !conversation.languageSetByAgent
            ? t('translation.detected', { language: names.of(conversation.language) })
            : t('translation.detectAuto')}
        </option>
        {CUSTOMER_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {names.of(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
