// Translation settings: which provider (DeepL, Google, LibreTranslate, or an AI model server such as one on
// this computer), its address, key and model, and the language the agent reads and writes. The key is checked
// with the provider before it is saved.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { publishTranslationSettings, useTranslationSettings } from './translation-store';

type Provider = 'deepl' | 'google' | 'libretranslate' | 'openai';
const AGENT_LANGUAGES = ['en', 'zh', 'es', 'de', 'fr', 'it', 'pt', 'ja', 'ko', 'ru', 'tr', 'ar', 'vi', 'th', 'id'];

type Glossary = Array<{ term: string; fixed: Record<string, string> }>;

/** The glossary as the agent edits it: one term per line, fixed wordings after "|" as "es=…". */
export function glossaryToText(glossary: Glossary): string {
  return glossary.map((g) => [g.term, ...Object.entries(g.fixed).map(([l, w]) => `${l}=${w}`)].join(' | ')).join('\n');
}

export function glossaryFromText(text: string): Glossary {
  return text
    .split('\n')
    .map((line) => line.split('|').map((p) => p.trim()))
    .filter((parts) => parts[0])
    .map(([term, ...rest]) => ({
      term: term!,
      fixed: Object.fromEntries(rest.map((r) => /^([a-z]{2,3})\s*=\s*(.+)$/.exec(r)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1]!, m[2]!.trim()])),
    }));
}

export function TranslationDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const current = useTranslationSettings();
  const [provider, setProvider] = useState<Provider | ''>(current?.provider ?? '');
  const [apiUrl, setApiUrl] = useState(current?.apiUrl ?? '');
  const [model, setModel] = useState(current?.model ?? '');
  const [key, setKey] = useState('');
  const [agentLanguage, setAgentLanguage] = useState(current?.agentLanguage ?? (AGENT_LANGUAGES.find((l) => i18n.language.split('-')[0] === l) ?? 'en'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [glossary, setGlossary] = useState(glossaryToText(current?.glossary ?? []));
  const [autoAccounts, setAutoAccounts] = useState<string[]>(current?.autoAccounts ?? []);
  const [accounts, setAccounts] = useState<Account[]>([]);
  useEffect(() => {
    void getApi()
      .invoke('accounts.list', {})
      .then((r) => r.ok && setAccounts(r.value.filter((a) => a.channel !== 'demo')));
  }, []);
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const needsUrl = provider === 'libretranslate' || provider === 'openai';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const r = await getApi().invoke('translation.configure', {
      provider: provider || null,
      apiUrl: apiUrl.trim() || null,
      model: provider === 'openai' ? model.trim() || null : null,
      ...(key.trim() ? { key: key.trim() } : {}),
      agentLanguage,
      autoAccounts,
      glossary: glossaryFromText(glossary),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const { hasKey: _hasKey, ...settings } = r.value;
    publishTranslationSettings(settings);
    setKey('');
    setSaved(true);
  };
  return (
    <Dialog title={t('translation.settingsTitle')} onClose={onClose}>
      <form className="account-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('translation.agentLanguage')}
          <select name="agent-language" value={agentLanguage} onChange={(e) => setAgentLanguage(e.target.value)}>
            {AGENT_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {names.of(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('translation.provider')}
          <select name="provider" value={provider} onChange={(e) => setProvider(e.target.value as Provider | '')}>
            <option value="">{t('translation.providerNone')}</option>
            <option value="deepl">DeepL</option>
            <option value="google">Google Cloud Translation</option>
            <option value="libretranslate">LibreTranslate</option>
            <option value="openai">{t('translation.providerOpenAI')}</option>
          </select>
        </label>
        {provider && <p className="hint">{t(`translation.hint_${provider}`)}</p>}
        {provider && (
          <label>
            {needsUrl ? t('translation.apiUrl') : t('translation.apiUrlOptional')}
            <input name="translation-url" type="url" required={needsUrl} value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} placeholder={provider === 'openai' ? 'http://127.0.0.1:11434' : 'https://…'} />
          </label>
        )}
        {provider === 'openai' && (
          <label>
            {t('translation.model')}
            <input name="translation-model" required value={model} onChange={(e) => setModel(e.target.value)} placeholder="qwen2.5:7b" />
          </label>
        )}
        {provider && (
          <label>
            {t('translation.key')}
            <input name="translation-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder={t('translation.keyKept')} />
          </label>
        )}
        {provider && accounts.length > 0 && (
          <fieldset className="auto-accounts">
            <legend>{t('translation.autoAccounts')}</legend>
            {accounts.map((a) => (
              <label key={a.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={autoAccounts.includes(a.id)}
                  onChange={(e) => setAutoAccounts(e.target.checked ? [...autoAccounts, a.id] : autoAccounts.filter((id) => id !== a.id))}
                />
                {a.name || a.address}
              </label>
            ))}
          </fieldset>
        )}
        {provider && (
          <label>
            {t('translation.glossary')}
            <textarea name="glossary" rows={4} value={glossary} onChange={(e) => setGlossary(e.target.value)} placeholder={'Lumen Lamp Pro\nSKU-4471\nLumen & Loom | es=Lumen y Loom'} />
            <span className="hint">{t('translation.glossaryHint')}</span>
          </label>
        )}
        <FormError error={error} />
        {saved && (
          <p className="hint" role="status">
            {t('translation.saved')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('account.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('account.checking') : t('translation.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
