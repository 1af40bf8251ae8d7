// One list or record from the API, fetched again whenever what it is asked with changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../../api/client';
import { reportError } from './feedback';

/**
 * The answer of GET `path` with `query`, kept in state and fetched again whenever either changes. An answer that
 * arrives after a newer request was sent is dropped (typing in a filter must never leave an older list on screen);
 * a failure is reported and the last data kept. `load()` fetches again and resolves to what it got (undefined when
 * it failed or was overtaken).
 */
export function useRemote<T>(path: string, query: object, initial: T) {
  const [data, setData] = useState<T>(initial);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  // Compared by value: callers build the query object afresh on each render.
  const key = JSON.stringify(query);
  const load = useCallback(async (): Promise<T | undefined> => {
    const mine = ++latest.current;
    setLoading(true);
    try {
      const r = await api.get<T>(path, JSON.parse(key) as Query);
      if (mine !== latest.current) return undefined;
      setData(r);
      return r;
    } catch (e) {
      if (mine === latest.current) reportError(e);
      return undefined;
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  }, [path, key]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, loading, load };
}
