// Calls GET /api/search: the top enterprises, leads and projects within the user's data scope.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';

export interface SearchHit {
  id: number;
  name: string;
  subtitle: string;
}
export interface SearchResult {
  enterprises: SearchHit[];
  leads: SearchHit[];
  projects: SearchHit[];
}
export const EMPTY_RESULT: SearchResult = { enterprises: [], leads: [], projects: [] };

export const SEARCH_GROUPS = [
  { key: 'enterprises', label: 'search.enterprises', path: '/enterprises' },
  { key: 'leads', label: 'search.leads', path: '/leads' },
  { key: 'projects', label: 'search.projects', path: '/projects' },
] as const;

/** Results for `q`, a moment after typing stops; stale answers are dropped. */
export function useSearch(q: string, delay = 250) {
  const [result, setResult] = useState<SearchResult>(EMPTY_RESULT);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    const text = q.trim();
    const mine = ++seq.current;
    if (!text) {
      setResult(EMPTY_RESULT);
      setLoading(false);
      return;
    }
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .get<SearchResult>('/api/search', { q: text.slice(0, 50) })
        .then((r) => {
          if (seq.current === mine) setResult(r);
        })
        .catch(() => {
          if (seq.current === mine) setResult(EMPTY_RESULT);
        })
        .finally(() => {
          if (seq.current === mine) setLoading(false);
        });
    }, delay);
    return () => clearTimeout(timer);
  }, [q, delay]);
  return { result, loading };
}
