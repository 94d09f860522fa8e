// Inserts a canned response into the reply, made ready for this conversation by the core: variables filled in,
// in the customer's language (or, when the reply will be translated, the agent's, with the customer's text for
// the translation preview). Opened with its button, or by typing "/" in an empty reply; the letters typed find a
// response by its name or folder, in order but not necessarily together ("wimo" finds "Where is my order");
// arrows and Enter pick one. The highlighted response is previewed on the real conversation, with a mark where a
// value is missing. With nothing typed, the responses used most come first.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, CannedInsert, CannedResponse } from '../../../../shared/domain/types';
import { splitUnfilled } from '../../../../shared/templates/render';
import { getApi } from '../../api/client';
import { FormError } from '../../components/FormError';

/** How well the letters typed match a name: in order, earlier and closer together scores higher; null: no match. */
export function fuzzyScore(query: string, name: string): number | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  const n = name.toLowerCase();
  if (!q) return 0;
  let at = -1;
  let score = 0;
  for (const ch of q) {
    const next = n.indexOf(ch, at + 1);
    if (next < 0) return null;
    // Letters side by side, or starting a word, count more than scattered ones.
    score += next === at + 1 ? 3 : next === 0 || /\s/.test(n[next - 1] ?? '') ? 2 : 1;
    at = next;
  }
  return score - at / 100;
}

/** The responses matching what was typed, best first; with nothing typed, the most used first. */
export function rankResponses(templates: CannedResponse[], query: string): CannedResponse[] {
  if (!query.trim()) return [...templates].sort((a, b) => b.useCount - a.useCount || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || a.name.localeCompare(b.name));
  return templates
    .map((c) => {
      const byName = fuzzyScore(query, c.name);
      const byFolder = c.folder ? fuzzyScore(query, `${c.folder} ${c.name}`) : null;
      return { c, score: byName ?? (byFolder === null ? null : byFolder - 1) };
    })
    .filter((x): x is { c: CannedResponse; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score || b.c.useCount - a.c.useCount)
    .map((x) => x.c);
}

/** A rendered response with its unfilled variables marked. */
export function MarkedText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <>
      {splitUnfilled(text).map((p, i) =>
        p.unfilled ? (
          <mark key={i} className="unfilled" title={t('templates.unfilled')}>
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

export function TemplatePicker({
  templates,
  conversationId,
  translating,
  onInsert,
  open,
  onOpenChange,
}: {
  templates: CannedResponse[];
  conversationId: string;
  /** The reply will be translated: the agent's language goes in the box, the customer's in the preview. */
  translating: boolean;
  onInsert: (insert: CannedInsert) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const setOpen = onOpenChange;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [preview, setPreview] = useState<CannedInsert | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = rankResponses(templates, query);
  const current = shown[active];

  useEffect(() => {
    if (!open || !current) return setPreview(null);
    let live = true;
    void getApi()
      .invoke('canned.use', { id: current.id, conversationId, translate: translating, use: false })
      .then((r) => live && setPreview(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [open, current?.id, current?.updatedAt, conversationId, translating]);

  const close = () => {
    setOpen(false);
    setQuery('');
    setActive(0);
    setError(null);
  };
  const pick = async (c: CannedResponse) => {
    if (busy) return;
    setBusy(true);
    // Using it may machine-translate a missing language first (once; then it is kept on the response).
    const r = await getApi().invoke('canned.use', { id: c.id, conversationId, translate: translating, use: true });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onInsert(r.value);
    close();
  };
  return (
    <div className="template-picker">
      <button type="button" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))}>
        {t('templates.button')}
      </button>
      {open && (
        <div className="template-popover" role="dialog" aria-label={t('templates.button')}>
          <input
            autoFocus
            aria-label={t('templates.search')}
            placeholder={t('templates.search')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') close();
              else if (e.key === 'ArrowDown') setActive((a) => Math.min(shown.length - 1, a + 1));
              else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
              else if (e.key === 'Enter' && current) void pick(current);
              else return;
              e.preventDefault();
            }}
          />
          {shown.length === 0 && <div className="hint">{t('templates.none')}</div>}
          <ul role="listbox">
            {shown.map((c, i) => (
              <li key={c.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onClick={() => void pick(c)} onMouseEnter={() => setActive(i)}>
                <span>
                  {c.folder && <span className="folder-label">{c.folder} / </span>}
                  {c.name}
                </span>
                <span className="lang-badge">{Object.keys(c.variants).join(' ')}</span>
              </li>
            ))}
          </ul>
          {preview && (
            <div className="template-preview" data-testid="template-preview">
              <div className="template-preview-text" dir="auto" lang={preview.draft.language}>
                <MarkedText text={preview.draft.text} />
              </div>
              {preview.missing.length > 0 && <div className="hint warning">{t('templates.missing', { list: preview.missing.map((v) => `{{${v}}}`).join(' ') })}</div>}
              {preview.customerVariantMissing && <div className="hint">{t('templates.willTranslate')}</div>}
            </div>
          )}
          {busy && <div className="hint">{t('templates.preparing')}</div>}
          <FormError error={error} />
        </div>
      )}
    </div>
  );
}
