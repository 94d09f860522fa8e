// The composer's translation: the agent writes in their language and, before sending, sees (and may edit) the
// text in the customer's language. "Translate when sending" queues it instead, for when the provider is away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { FormError } from '../../components/FormError';

export interface DraftTranslation {
  /** The text the customer will get (edited by the agent), or null: translate on the way out. */
  preview: string | null;
}

export function TranslateDraft({
  conversationId,
  customerLanguage,
  draft,
  value,
  onChange,
}: {
  conversationId: string;
  customerLanguage: string;
  draft: string;
  value: DraftTranslation;
  onChange: (v: DraftTranslation) => void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const language = (() => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(customerLanguage) ?? customerLanguage;
    } catch {
      return customerLanguage;
    }
  })();
  const preview = async () => {
    setBusy(true);
    setError(null);
    const r = await getApi().invoke('translation.draft', { conversationId, text: draft });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onChange({ preview: r.value.text });
  };
  return (
    <div className="translate-draft" data-testid="translate-draft">
      <div className="translate-draft-actions">
        <button type="button" onClick={() => void preview()} disabled={busy || !draft.trim()}>
          {busy ? t('translation.translating') : t('translation.preview', { language })}
        </button>
        {value.preview !== null && (
          <button type="button" className="link-button" onClick={() => onChange({ preview: null })}>
            {t('translation.dropPreview')}
          </button>
        )}
      </div>
      {value.preview !== null ? (
        <textarea
          aria-label={t('translation.previewLabel', { language })}
          value={value.preview}
          onChange={(e) => onChange({ preview: e.target.value })}
          rows={4}
          dir="auto"
          lang={customerLanguage}
        />
      ) : (
        <p className="hint">{t('translation.onTheWay', { language })}</p>
      )}
      <FormError error={error} />
    </div>
  );
}
