import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Health } from '../../api/types';

let cached: Promise<Health | null> | null = null;

/** GET /api/health, once per page load: version and database kind for the footer and profile. */
export function useHealth(): Health | null {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    let alive = true;
    cached ??= api.get<Health>('/api/health', undefined, { quiet: true }).catch(() => {
      cached = null;
      return null;
    });
    void cached.then((h) => {
      if (alive) setHealth(h);
    });
    return () => {
      alive = false;
    };
  }, []);
  return health;
}
