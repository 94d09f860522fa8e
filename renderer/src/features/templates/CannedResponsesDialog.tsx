// Managing canned responses: a name and one text per language. Saved locally at once, online or not.
import { useState } from 'react';
import { FormError } from '../../components/FormError';
import { useTranslation } from 'react-i18next';
import type { ApiError, CannedResponse } from '../../../../shared/domain/types';
import { TEMPLATE_VARIABLES } from '../../../../shared/templates/render';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';

const LANGUAGES = ['en', 'es', 'de', 'fr', 'pt', 'it', 'nl', 'pl', 'ru', 'tr', 'ar', 'he', 'zh', 'ja', 'ko', 'th', 'vi', 'id'];

interface Draft {
  id?: string;
  name: string;
  variants: Array<{ language: string; text: string }>;
}

const toDraft = (c: CannedResponse): Draft => ({ id: c.id, name: c.name, variants: Object.entries(c.variants).map(([language, text]) => ({ language, text })) });

export function CannedResponsesDialog({ templates, onClose, onChanged }: { templates: CannedResponse[]; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(templates[0] ? toDraft(templates[0]) : { name: '', variants: [{ language: 'en', text: '' }] });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setSaved(false);
    const r = await getApi().invoke('canned.save', {
      ...(draft.id ? { id: draft.id } : {}),
      name: draft.name,
      variants: Object.fromEntries(draft.variants.map((v) => [v.language, v.text])),
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
    setDraft(toDraft(r.value));
    onChanged();
  };
  const remove = async () => {
    if (!draft.id) return;
    const r = await getApi().invoke('canned.delete', { id: draft.id });
    if (!r.ok) return setError(r.error);
    setDraft({ name: '', variants: [{ language: 'en', text: '' }] });
    onChanged();
  };
  const addStarterSet = async () => {
    const r = await getApi().invoke('canned.addStarterSet', {});
    if (!r.ok) return setError(r.error);
    setError(null);
    onChanged();
  };
  const unused = LANGUAGES.filter((l) => !draft.variants.some((v) => v.language === l));

  return (
    <Dialog title={t('templates.title')} onClose={onClose}>
      <div className="canned-layout">
        <ul className="canned-list">
          {templates.map((c) => (
            <li key={c.id}>
              <button type="button" className={draft.id === c.id ? 'active' : ''} onClick={() => (setDraft(toDraft(c)), setSaved(false))}>
                {c.name}
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => (setDraft({ name: '', variants: [{ language: 'en', text: '' }] }), setSaved(false))}>
              + {t('templates.new')}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => void addStarterSet()} title={t('templates.starterHint')}>
              + {t('templates.starter')}
            </button>
          </li>
        </ul>
        <div className="canned-editor">
          <label>
            {t('templates.name')}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          {draft.variants.map((v, i) => (
            <div className="variant" key={v.language}>
              <div className="variant-head">
                <strong>{v.language}</strong>
                {draft.variants.length > 1 && (
                  <button
                    type="button"
                    aria-label={t('templates.removeLanguage', { language: v.language })}
                    onClick={() => setDraft({ ...draft, variants: draft.variants.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                )}
              </div>
              <textarea
                aria-label={`${t('templates.text')} (${v.language})`}
                rows={5}
                dir="auto"
                value={v.text}
                onChange={(e) => setDraft({ ...draft, variants: draft.variants.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
              />
            </div>
          ))}
          <div className="variant-add">
            <select
              aria-label={t('templates.addLanguage')}
              value=""
              onChange={(e) => e.target.value && setDraft({ ...draft, variants: [...draft.variants, { language: e.target.value, text: '' }] })}
            >
              <option value="">+ {t('templates.addLanguage')}</option>
              {unused.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <span className="hint">{t('templates.variables', { list: TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ') })}</span>
          </div>
          <FormError error={error} />
          <div className="dialog-actions">
            {saved && <span className="hint">{t('templates.saved')}</span>}
            {draft.id && (
              <button type="button" onClick={() => void remove()}>
                {t('templates.delete')}
              </button>
            )}
            <button type="button" onClick={onClose}>
              {t('templates.close')}
            </button>
            <button type="button" className="primary" onClick={() => void save()}>
              {t('templates.save')}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
