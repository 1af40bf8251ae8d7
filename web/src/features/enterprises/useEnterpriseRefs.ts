// Code lists the enterprise pages need: clusters, industries (GB/T 4754), units and teams. Loaded once per page.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Cluster, Items, Team, Unit } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { OWNERSHIPS, REGIONS, TIERS, type IndustriesResponse } from './types';

export function useEnterpriseRefs() {
  const { t, tk } = useI18n();
  const { can } = useAuth();
  const [clusters, setClusters] = useState<Cluster[]>([]);
  const [industries, setIndustries] = useState<IndustriesResponse>({ sections: [], items: [] });
  const [units, setUnits] = useState<Unit[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const canOrg = can('org.read');

  useEffect(() => {
    // Pickers are a convenience: a failed load leaves them empty, the page still works.
    api.get<IndustriesResponse>('/api/reference/industries').then(setIndustries).catch(() => {});
    if (!canOrg) return;
    api.get<Items<Cluster>>('/api/clusters').then((r) => setClusters(r.items)).catch(() => {});
    api.get<Items<Unit>>('/api/units').then((r) => setUnits(r.items.filter((u) => u.active))).catch(() => {});
    api.get<Items<Team>>('/api/teams').then((r) => setTeams(r.items)).catch(() => {});
  }, [canOrg]);

  return useMemo(() => ({
    clusters, industries, units, teams,
    clusterOptions: clusters.map((c) => ({ value: c.id, label: c.name })),
    unitOptions: units.map((u) => ({ value: u.id, label: u.name })),
    teamOptions: teams.map((x) => ({ value: x.id, label: x.name })),
    sectionOptions: industries.sections.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })),
    industryOptions: industries.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
    ownershipOptions: OWNERSHIPS.map((o) => ({ value: o, label: t(`ent.own.${o}`) })),
    tierOptions: TIERS.map((o) => ({ value: o, label: t(`ent.tier.${o}`) })),
    regionOptions: REGIONS.map((o) => ({ value: o, label: t(`ent.region.${o}`) })),
    ownershipLabel: (o: string | null) => (o ? tk(`ent.own.${o}`, o) : null),
    tierLabel: (o: string) => tk(`ent.tier.${o}`, o),
    regionLabel: (o: string | null) => (o ? tk(`ent.region.${o}`, o) : null),
  }), [clusters, industries, units, teams, t, tk]);
}

export type EnterpriseRefs = ReturnType<typeof useEnterpriseRefs>;

export const TIER_COLORS: Record<string, string> = {
  fortune500: 'red', china500: 'volcano', private500: 'orange', listed: 'gold', little_giant: 'cyan', unicorn: 'purple',
  champion: 'magenta', chain_leader: 'geekblue', local_stock: 'default',
};
