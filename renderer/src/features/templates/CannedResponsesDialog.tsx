// Managing canned responses: a name, a folder and one text per language, saved locally at once (online or not).
// The list is grouped by folder and searchable by name, folder or text, with how often each was used; a variant
// the app machine-translated is marked until someone reads it over (editing it counts). Responses go out as a
// JSON or CSV file and come in from one.
import { useRef, useState } from 'react';
import { FormError } from '../../components/FormError';
import { useTranslation } from 'react-i18next';
import type { ApiError, CannedImportResult, CannedResponse } from '../../../../shared/domain/types';
import { TEMPLATE_VARIABLES } from '../../../../shared/templates/render';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';

const LANGUAGES = ['en', 'es', 'de', 'fr', 'pt', 'it', 'nl', 'pl', 'ru', 'uk', 'tr', 'ar', 'he', 'zh', 'ja', 'ko', 'th', 'vi', 'id', 'ms', 'sv'];

interface Draft {
  id?: string;
  name: string;
  folder: string;
  variants: Array<{ language: string; text: string }>;
  review: string[];
}

const blank = (): Draft => ({ name: '', folder: '', variants: [{ language: 'en', text: '' }], review: [] });
const toDraft = (c: CannedResponse): Draft => ({ id: c.id, name: c.name, folder: c.folder, variants: Object.entries(c.variants).map(([language, text]) => ({ language, text })), review: c.review });

/** Responses whose name, folder or any text contains every word typed, grouped by folder (no folder last). */
export function groupResponses(templates: CannedResponse[], filter: string): Array<{ folder: string; items: CannedResponse[] }> {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = templates.filter((c) => {
    const hay = [c.name, c.folder, ...Object.values(c.variants)].join('\n').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const folders = [...new Set(matching.map((c) => c.folder))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return folders.map((folder) => ({ folder, items: matching.filter((c) => c.folder === folder) }));
}

/** Saves a file the agent downloads (the browser's download; Electron asks where to save it). */
function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function CannedResponsesDialog({ templates, onClose, onChanged }: { templates: CannedResponse[]; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(templates[0] ? toDraft(templates[0]) : blank());
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [filter, setFilter] = useState('');
  const [imported, setImported] = useState<CannedImportResult | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const folders = [...new Set(templates.map((c) => c.folder).filter(Boolean))].sort();

  const save = async () => {
    setSaved(false);
    const r = await getApi().invoke('canned.save', {
      ...(draft.id ? { id: draft.id } : {}),
      name: draft.name,
      folder: draft.folder,
      variants: Object.fromEntries(draft.variants.map((v) => [v.language, v.text])),
      review: draft.review,
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
    setDraft(blank());
    onChanged();
  };
  const addStarterSet = async () => {
    const r = await getApi().invoke('canned.addStarterSet', {});
    if (!r.ok) return setError(r.error);
    setError(null);
    onChanged();
  };
  const exportAs = async (format: 'csv' | 'json') => {
    const r = await getApi().invoke('canned.export', { format });
    if (!r.ok) return setError(r.error);
    download(r.value.fileName, r.value.text, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
  };
  const importFile = async (file: File) => {
    setImported(null);
    const format = /\.csv$/i.test(file.name) ? 'csv' : 'json';
    const r = await getApi().invoke('canned.import', { format, text: await file.text() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setImported(r.value);
    onChanged();
  };
  const unused = LANGUAGES.filter((l) => !draft.variants.some((v) => v.language === l));
  const editText = (i: number, text: string) =>
    setDraft({
      ...draft,
      variants: draft.variants.map((x, j) => (j === i ? { ...x, text } : x)),
      // Editing a machine-translated variant is reading it over.
      review: draft.review.filter((l) => l !== draft.variants[i]!.language),
    });

  return (
    <Dialog title={t('templates.title')} onClose={onClose}>
      <div className="canned-layout">
        <div className="canned-side">
          <input type="search" aria-label={t('templates.filter')} placeholder={t('templates.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
          <ul className="canned-list">
            {groupResponses(templates, filter).map((g) => (
              <li key={g.folder || '\u0000'}>
                <div className="canned-folder">{g.folder || t('templates.noFolder')}</div>
                <ul>
                  {g.items.map((c) => (
                    <li key={c.id}>
                      <button type="button" className={draft.id === c.id ? 'active' : ''} onClick={() => (setDraft(toDraft(c)), setSaved(false))}>
                        <span>{c.name}</span>
                        {c.review.length > 0 && (
                          <span className="review-dot" title={t('templates.review')}>
                            ●
                          </span>
                        )}
                        {c.useCount > 0 && <span className="hint">{t('templates.uses', { count: c.useCount })}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            <li>
              <button type="button" onClick={() => (setDraft(blank()), setSaved(false))}>
                + {t('templates.new')}
              </button>
            </li>
            <li>
              <button type="button" onClick={() => void addStarterSet()} title={t('templates.starterHint')}>
                + {t('templates.starter')}
              </button>
            </li>
          </ul>
          <div className="canned-transfer" title={t('templates.transferHint')}>
            <button type="button" onClick={() => void exportAs('csv')}>
              {t('templates.export')} CSV
            </button>
            <button type="button" onClick={() => void exportAs('json')}>
              {t('templates.export')} JSON
            </button>
            <button type="button" onClick={() => fileRef.current?.click()}>
              {t('templates.import')}
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,.json,text/csv,application/json"
              hidden
              aria-label={t('templates.import')}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </div>
          {imported && (
            <div className="hint" role="status">
              {t('templates.imported', { added: imported.added, updated: imported.updated })}
              {imported.skipped.map((s) => (
                <div key={s.row} className="warning">
                  {t('templates.importSkipped', { row: s.row, reason: s.reason })}
                </div>
              ))}
            </div>
          )}
        </div>
        <div className="canned-editor">
          <div className="canned-name-row">
            <label>
              {t('templates.name')}
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </label>
            <label>
              {t('templates.folder')}
              <input list="canned-folders" value={draft.folder} onChange={(e) => setDraft({ ...draft, folder: e.target.value })} />
              <datalist id="canned-folders">
                {folders.map((f) => (
                  <option key={f} value={f} />
                ))}
              </datalist>
            </label>
          </div>
          {draft.variants.map((v, i) => (
            <div className="variant" key={v.language}>
              <div className="variant-head">
                <strong>{v.language}</strong>
                {draft.review.includes(v.language) && (
                  <>
                    <span className="review-badge">{t('templates.review')}</span>
                    <button type="button" className="link-button" onClick={() => setDraft({ ...draft, review: draft.review.filter((l) => l !== v.language) })}>
                      {t('templates.reviewed')}
                    </button>
                  </>
                )}
                {draft.variants.length > 1 && (
                  <button
                    type="button"
                    aria-label={t('templates.removeLanguage', { language: v.language })}
                    onClick={() => setDraft({ ...draft, variants: draft.variants.filter((_, j) => j !== i), review: draft.review.filter((l) => l !== v.language) })}
                  >
                    ×
                  </button>
                )}
              </div>
              <textarea aria-label={`${t('templates.text')} (${v.language})`} rows={5} dir="auto" lang={v.language} value={v.text} onChange={(e) => editText(i, e.target.value)} />
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
