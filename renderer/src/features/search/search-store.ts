// The search the agent is typing: results as they type (a short pause, the newest query only), refreshed when
// conversations change, and nothing (the normal list) while the box is empty.
import { useEffect, useRef, useState } from 'react';
import type { ApiError, ConversationSummary } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';

export interface SearchState {
  query: string;
  setQuery(q: string): void;
  /** null while the box is empty: the list shows the mailbox. */
  results: ConversationSummary[] | null;
  error: ApiError | null;
}

export function useSearch(refreshKey: unknown): SearchState {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ConversationSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      setError(null);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      void getApi()
        .invoke('search.conversations', { query: q, limit: 200 })
        .then((r) => {
          if (ticket !== latest.current) return; // an older query answering late
          if (r.ok) {
            setResults(r.value);
            setError(null);
          } else setError(r.error);
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [query, refreshKey]);
  return { query, setQuery, results, error };
}
