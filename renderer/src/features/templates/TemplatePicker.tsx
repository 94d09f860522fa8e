// Inserts a canned response into the reply, in the customer's language, with its variables filled in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../../../shared/domain/types';
import { chooseVariant, renderTemplate, type TemplateContext } from '../../../../shared/templates/render';

export function TemplatePicker({
  templates,
  language,
  context,
  onInsert,
}: {
  templates: CannedResponse[];
  language: string | null;
  context: TemplateContext;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const shown = templates.filter((c) => c.name.toLowerCase().includes(query.trim().toLowerCase()));
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
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          />
          {shown.length === 0 && <div className="hint">{t('templates.none')}</div>}
          <ul role="listbox">
            {shown.map((c) => {
              const variant = chooseVariant(c.variants, language);
              if (!variant) return null;
              return (
                <li
                  key={c.id}
                  role="option"
                  aria-selected={false}
                  onClick={() => {
                    onInsert(renderTemplate(variant.text, context));
                    setOpen(false);
                    setQuery('');
                  }}
                >
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
