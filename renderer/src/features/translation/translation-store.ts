// The translation state the renderer keeps, per concern: the settings (provider and the agent's language, read
// once and after a change), and one conversation's translations (asked for on click, from the core's memory).
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ConversationTranslation } from '../../../../shared/domain/types';
import type { AppSettings } from '../../../../shared/domain/settings';
import { getApi } from '../../api/client';
import { settingsStore, useAppSettings } from '../settings/settings-store';

type TranslationSettings = AppSettings['translation'];

/** The translation settings, shared by every component that shows translation controls. */
export function useTranslationSettings(): TranslationSettings | null {
  return useAppSettings()?.translation ?? null;
}

export function publishTranslationSettings(s: TranslationSettings): void {
  settingsStore.publishPart('translation', s);
}

export interface ConversationTranslationState {
  result: ConversationTranslation | null;
  busy: boolean;
  error: ApiError | null;
  /** Shown in translation (true) or as written. */
  shown: boolean;
  translate(): Promise<void>;
  toggle(): void;
}

/** One conversation's translations: fetched on request, forgotten when another conversation opens. */
export function useConversationTranslation(conversationId: string | undefined): ConversationTranslationState {
  const [result, setResult] = useState<ConversationTranslation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    setResult(null);
    setError(null);
    setShown(false);
  }, [conversationId]);
  const translate = useCallback(async () => {
    if (!conversationId) return;
    setBusy(true);
    setError(null);
    const r = await getApi().invoke('translation.conversation', { conversationId });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setResult(r.value);
    setShown(true);
  }, [conversationId]);
  // Translations that waited for the provider: the core says when they are done, and they show without a click.
  const waiting = Boolean(result?.messages.some((m) => m.state === 'queued'));
  useEffect(() => {
    if (!conversationId || !waiting) return;
    return getApi().on('translations.ready', ({ conversationIds }) => {
      if (conversationIds.includes(conversationId)) void translate();
    });
  }, [conversationId, waiting, translate]);
  return { result, busy, error, shown, translate, toggle: () => setShown((s) => !s) };
}
