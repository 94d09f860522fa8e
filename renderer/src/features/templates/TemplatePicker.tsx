// Inserts a canned response into the reply, in the customer's language, with its variables filled in. Opened
// with its button, or by typing "/" in an empty reply; the letters typed find a response by its name, in order
// but not necessarily together ("wimo" finds "Where is my order"); arrows and Enter pick one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../../../shared/domain/types';
import { chooseVariant, renderTemplate, type TemplateContext } from '../../../../shared/templates/render';

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

export function TemplatePicker({
  templates,
  language,
  context,
  onInsert,
  open,
  onOpenChange,
}: {
  templates: CannedResponse[];
  language: string | null;
  context: TemplateContext;
  onInsert: (text: string) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const setOpen = onOpenChange;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = templates
    .map((c) => ({ c, score: fuzzyScore(query, c.name) }))
    .filter((x): x is { c: CannedResponse; score: number } => x.score !== null && chooseVariant(x.c.variants, language) !== null)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.c);
  const pick = (c: CannedResponse) => {
    const variant = chooseVariant(c.variants, language);
    if (!variant) return;
    onInsert(renderTemplate(variant.text, context));
    setOpen(false);
    setQuery('');
    setActive(0);
  };
  return (
    <div className="template-picker">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
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
              if (e.key === 'Escape') setOpen(false);
              else if (e.key === 'ArrowDown') setActive((a) => Math.min(shown.length - 1, a + 1));
              else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
              else if (e.key === 'Enter' && shown[active]) pick(shown[active]!);
              else return;
              e.preventDefault();
            }}
          />
          {shown.length === 0 && <div className="hint">{t('templates.none')}</div>}
          <ul role="listbox">
            {shown.map((c, i) => {
              const variant = chooseVariant(c.variants, language)!;
              return (
                <li key={c.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onClick={() => pick(c)}>
                  <span>{c.name}</span>
                  <span className="lang-badge">{variant.language}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
