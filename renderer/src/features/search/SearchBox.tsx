// The search box above the list ("/" focuses it, Escape clears it), with the operators a click away.
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchState } from './search-store';

export const SearchBox = forwardRef<HTMLInputElement, { search: SearchState }>(function SearchBox({ search }, ref) {
  const { t } = useTranslation();
  return (
    <div className="search-box" role="search">
      <input
        ref={ref}
        type="search"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        title={t('search.operators')}
        value={search.query}
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            search.setQuery('');
            (e.target as HTMLInputElement).blur();
          }
        }}
        dir="auto"
      />
      {search.results !== null && (
        <div className="search-summary" role="status" data-testid="search-summary">
          {search.error ? search.error.message : t('search.found', { count: search.results.length })}
        </div>
      )}
    </div>
  );
});
