// Views in the sidebar, each a search with its count: unread, needing a reply, urgent, breaching soon (replies due
// within a quarter of an hour or late, soonest first), and one per channel connected.
// Clicking one puts its query in the search box (where the agent can narrow it further).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ChannelKind } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import type { SearchState } from './search-store';

/** Counts stop here: a view with more says "500+". */
const COUNT_LIMIT = 500;

export function SearchViews({ search, accounts, refreshKey }: { search: SearchState; accounts: Account[]; refreshKey: unknown }) {
  const { t } = useTranslation();
  const channels = [...new Set(accounts.map((a) => a.channel))].filter((c): c is ChannelKind => c !== 'demo');
  const views = [
    { id: 'unread', label: t('views.unread'), query: 'is:unread' },
    { id: 'unanswered', label: t('views.needsReply'), query: 'is:unanswered' },
    { id: 'urgent', label: t('views.urgent'), query: 'is:urgent is:unanswered' },
    { id: 'due', label: t('views.due'), query: 'is:due sort:due' },
    ...(channels.length > 1 ? channels.map((c) => ({ id: c, label: t(`channels.${c}`), query: `channel:${c}` })) : []),
  ];
  const key = views.map((v) => v.query).join('|');
  const [counts, setCounts] = useState<Record<string, { count: number; more: boolean }>>({});
  useEffect(() => {
    let live = true;
    void Promise.all(views.map((v) => getApi().invoke('search.count', { query: v.query, cap: COUNT_LIMIT }))).then((rs) => {
      if (live) setCounts(Object.fromEntries(rs.map((r, i) => [views[i]!.query, r.ok ? r.value : { count: 0, more: false }])));
    });
    return () => {
      live = false;
    };
  }, [key, refreshKey]);
  return (
    <ul className="views saved-views" aria-label={t('views.label')}>
      {views.map((v) => (
        <li key={v.id}>
          <button className={`view-button${search.query.trim() === v.query ? ' active' : ''}`} onClick={() => search.setQuery(v.query)} data-testid={`view-${v.id}`}>
            {v.label}
            {counts[v.query] && <span className="count">{counts[v.query]!.more ? `${COUNT_LIMIT}+` : counts[v.query]!.count}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
