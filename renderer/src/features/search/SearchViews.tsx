// Views in the sidebar, each a search with its count: unread, needing a reply, urgent, breaching soon (replies due
// within a quarter of an hour or late, soonest first), one per channel connected; the agent's saved searches; and,
// folded until opened, by status, tag, customer language and marketplace. Clicking one puts its query in the
// search box (where the agent can narrow it further); the search in the box can be saved as a view.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError, ChannelKind, ViewFacets } from '../../../../shared/domain/types';
import type { AppSettings } from '../../../../shared/domain/settings';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { SearchState } from './search-store';

/** Counts stop here: a view with more says "500+". */
const COUNT_LIMIT = 500;

interface View {
  id: string;
  label: string;
  query: string;
}

type SavedSearch = AppSettings['savedSearches'][number];

export function SearchViews({ search, accounts, refreshKey }: { search: SearchState; accounts: Account[]; refreshKey: unknown }) {
  const { t, i18n } = useTranslation();
  const channels = [...new Set(accounts.map((a) => a.channel))].filter((c): c is ChannelKind => c !== 'demo');
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const [facets, setFacets] = useState<ViewFacets | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void getApi()
      .invoke('settings.get', {})
      .then((r) => (r.ok ? setSaved(r.value.savedSearches) : setError(r.error)));
  }, []);

  const views: View[] = [
    { id: 'unread', label: t('views.unread'), query: 'is:unread' },
    { id: 'unanswered', label: t('views.needsReply'), query: 'is:unanswered' },
    { id: 'urgent', label: t('views.urgent'), query: 'is:urgent is:unanswered' },
    { id: 'due', label: t('views.due'), query: 'is:due sort:due' },
    { id: 'mine', label: t('views.mine'), query: 'is:mine status:open' },
    { id: 'unassigned', label: t('views.unassigned'), query: 'is:unassigned status:open' },
    ...(channels.length > 1 ? channels.map((c) => ({ id: c, label: t(`channels.${c}`), query: `channel:${c}` })) : []),
  ];
  const savedViews: View[] = saved.map((s, i) => ({ id: `saved-${i}`, label: s.name, query: s.query }));

  const storeSaved = async (next: SavedSearch[]): Promise<boolean> => {
    const r = await getApi().invoke('settings.set', { savedSearches: next });
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setSaved(r.value.savedSearches);
    setError(null);
    return true;
  };
  const current = search.query.trim();
  const canSave = current !== '' && !saved.some((s) => s.query === current);

  let languageName: Intl.DisplayNames | null = null;
  try {
    languageName = new Intl.DisplayNames([i18n.language], { type: 'language' });
  } catch {
    languageName = null;
  }
  const groups: Array<{ id: string; label: string; views: View[] }> = [
    {
      id: 'status',
      label: t('views.byStatus'),
      views: [
        { id: 'status-open', label: t('views.open'), query: 'status:open' },
        { id: 'status-snoozed', label: t('views.snoozed'), query: 'status:snoozed' },
        { id: 'status-closed', label: t('views.closed'), query: 'status:closed' },
      ],
    },
    { id: 'tag', label: t('views.byTag'), views: (facets?.tags ?? []).map((tag) => ({ id: `tag-${tag}`, label: tag, query: `tag:${quoted(tag)}` })) },
    { id: 'lang', label: t('views.byLanguage'), views: (facets?.languages ?? []).map((l) => ({ id: `lang-${l}`, label: languageName?.of(l) ?? l, query: `lang:${l}` })) },
    {
      id: 'marketplace',
      label: t('views.byMarketplace'),
      views: (facets?.marketplaces ?? []).map((m) => ({ id: `marketplace-${m.id}`, label: m.name, query: `marketplace:${m.id}` })),
    },
  ];
  const [open, setOpen] = useState<Record<string, boolean>>({});
  // Tags, languages and marketplaces are read once a group is unfolded, and again as conversations change while
  // one is open (folded, they cost nothing).
  const anyOpen = Object.values(open).some(Boolean);
  useEffect(() => {
    if (!anyOpen) return;
    void getApi()
      .invoke('views.facets', {})
      .then((r) => (r.ok ? setFacets(r.value) : setError(r.error)));
  }, [anyOpen, refreshKey]);

  // Counted: the views always shown, the saved ones, and those of the groups unfolded.
  const counted = [...views, ...savedViews, ...groups.filter((g) => open[g.id]).flatMap((g) => g.views)];
  const key = counted.map((v) => v.query).join('|');
  const [counts, setCounts] = useState<Record<string, { count: number; more: boolean }>>({});
  useEffect(() => {
    let live = true;
    void Promise.all(counted.map((v) => getApi().invoke('search.count', { query: v.query, cap: COUNT_LIMIT }))).then((rs) => {
      if (live) setCounts(Object.fromEntries(rs.map((r, i) => [counted[i]!.query, r.ok ? r.value : { count: 0, more: false }])));
    });
    return () => {
      live = false;
    };
  }, [key, refreshKey]);

  const button = (v: View) => (
    <button className={`view-button${current === v.query ? ' active' : ''}`} onClick={() => search.setQuery(v.query)} data-testid={`view-${v.id}`}>
      {v.label}
      {counts[v.query] && <span className="count">{counts[v.query]!.more ? `${COUNT_LIMIT}+` : counts[v.query]!.count}</span>}
    </button>
  );

  return (
    <>
      <ul className="views saved-views" aria-label={t('views.label')}>
        {views.map((v) => (
          <li key={v.id}>{button(v)}</li>
        ))}
      </ul>
      {(savedViews.length > 0 || canSave) && (
        <ul className="views saved-searches" aria-label={t('views.saved')}>
          {savedViews.map((v, i) => (
            <li key={v.id} className="saved-search">
              {button(v)}
              <button
                type="button"
                className="link-button remove-saved"
                aria-label={t('views.removeSaved', { name: v.label })}
                title={t('views.removeSaved', { name: v.label })}
                onClick={() => void storeSaved(saved.filter((_, k) => k !== i))}
              >
                ×
              </button>
            </li>
          ))}
          {canSave && (
            <li>
              <button type="button" className="link-button" onClick={() => setSaving(true)} data-testid="save-search">
                {t('views.saveSearch')}
              </button>
            </li>
          )}
        </ul>
      )}
      {groups.map((g) => (
        <details key={g.id} className="view-group" open={Boolean(open[g.id])} onToggle={(e) => setOpen((o) => ({ ...o, [g.id]: (e.target as HTMLDetailsElement).open }))}>
          <summary data-testid={`view-group-${g.id}`}>{g.label}</summary>
          <ul className="views">
            {g.views.map((v) => (
              <li key={v.id}>{button(v)}</li>
            ))}
            {g.views.length === 0 && facets && <li className="hint">{t('views.none')}</li>}
          </ul>
        </details>
      ))}
      <FormError error={error} />
      {saving && <SaveSearchDialog query={current} onClose={() => setSaving(false)} onSave={async (name) => (await storeSaved([...saved, { name, query: current }])) && setSaving(false)} />}
    </>
  );
}

/** A tag with spaces or quotes in it, as the search reads it. */
function quoted(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

function SaveSearchDialog({ query, onClose, onSave }: { query: string; onClose: () => void; onSave: (name: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(query.slice(0, 60));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) void onSave(name.trim());
  };
  return (
    <Dialog title={t('views.saveTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <p className="hint">{t('views.saveHint', { query })}</p>
        <label>
          {t('views.name')}
          <input name="saved-search-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('views.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('views.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
