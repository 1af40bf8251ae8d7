// The organisation's code lists that many pages pick from: clusters, teams, active units, and GB/T 4754 industries.
// The requests are shared by every component of a page and kept for 30 s, so a detail page with several panels
// asks once. A failed load leaves a list empty: pickers are a convenience and the page still works.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Cluster, Items, Team, Unit } from '../../api/types';
import { useAuth } from '../auth/AuthContext';

export interface IndustrySection {
  code: string;
  name: string;
}
export interface IndustryItem {
  code: string;
  name: string;
  section: string;
  sectionName: string;
}
export interface IndustriesResponse {
  sections: IndustrySection[];
  items: IndustryItem[];
}

const TTL_MS = 30_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

function load<T>(url: string, empty: T): Promise<T> {
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = api.get<T>(url).catch(() => {
    cache.delete(url);
    return empty;
  });
  cache.set(url, { at: Date.now(), value });
  return value;
}

export interface CodeLists {
  clusters: Cluster[];
  teams: Team[];
  units: Unit[];
  industries: IndustriesResponse;
}

export function useCodeLists(): CodeLists {
  const { can } = useAuth();
  const canOrg = can('org.read');
  const [lists, setLists] = useState<CodeLists>({
    clusters: [],
    teams: [],
    units: [],
    industries: { sections: [], items: [] },
  });
  useEffect(() => {
    let alive = true;
    const none: Items<never> = { items: [] };
    void Promise.all([
      load<IndustriesResponse>('/api/reference/industries', { sections: [], items: [] }),
      canOrg ? load<Items<Cluster>>('/api/clusters', none) : none,
      canOrg ? load<Items<Team>>('/api/teams', none) : none,
      canOrg ? load<Items<Unit>>('/api/units', none) : none,
    ]).then(([industries, c, t, u]) => {
      if (alive) setLists({ industries, clusters: c.items, teams: t.items, units: u.items.filter((x) => x.active) });
    });
    return () => {
      alive = false;
    };
  }, [canOrg]);
  return lists;
}

/** Select options shared by the list pages. */
export function useCodeListOptions(lists: CodeLists) {
  return useMemo(
    () => ({
      clusterOptions: lists.clusters.map((c) => ({ value: c.id, label: c.name })),
      teamOptions: lists.teams.map((x) => ({ value: x.id, label: x.name })),
      industryOptions: lists.industries.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
    }),
    [lists],
  );
}
