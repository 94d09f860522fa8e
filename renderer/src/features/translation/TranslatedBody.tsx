// A customer's message in the agent's language, with the original one click away and the provider named; or,
// when it could not be translated now, why (the original stays readable either way).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationTranslation } from '../../../../shared/domain/types';

type Entry = ConversationTranslation['messages'][number];

export function TranslatedBody({ entry, original }: { entry: Entry; original: React.ReactNode }) {
  const { t } = useTranslation();
  const [showOriginal, setShowOriginal] = useState(false);
  if (!entry.translation) {
    return (
      <>
        {original}
        {entry.state !== 'done' && (
          <div className="translation-problem" role="note" data-testid="translation-problem">
            {t(entry.state === 'queued' ? 'translation.queued' : 'translation.failed', { reason: entry.error ?? '' })}
          </div>
        )}
      </>
    );
  }
  return (
    <>
      {showOriginal ? (
        original
      ) : (
        <div className="body translated" dir="auto" lang={entry.translation.language} data-testid="translated-body">
          {entry.translation.text}
        </div>
      )}
      <div className="translation-meta">
        {t('translation.by', { provider: entry.translation.provider, from: entry.language ?? '?' })}{' '}
        <button type="button" className="link-button" onClick={() => setShowOriginal(!showOriginal)}>
          {showOriginal ? t('translation.showTranslation') : t('translation.showOriginal')}
        </button>
      </div>
    </>
  );
}
