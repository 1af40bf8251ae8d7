// Code lists the project pages need: units (counties, zones, parks, departments), clusters, teams, industries,
// and the labels of the pipeline's own codes.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Cluster, Items, Team, Unit } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { ALL_STAGES, BANDS, FLAGS } from './types';

interface IndustryItem { code: string; name: string }

const LANDING_KINDS = ['county', 'district', 'zone', 'park'];

export function useProjectRefs() {
  const { tk } = useI18n();
  const { can } = useAuth();
  const [clusters, setClusters] = useState<Cluster[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [industries, setIndustries] = useState<IndustryItem[]>([]);
  const canOrg = can('org.read');

  useEffect(() => {
    // Pickers are a convenience: a failed load leaves them empty and the page still works.
    api.get<{ items: IndustryItem[] }>('/api/reference/industries').then((r) => setIndustries(r.items)).catch(() => {});
    if (!canOrg) return;
    api.get<Items<Cluster>>('/api/clusters').then((r) => setClusters(r.items)).catch(() => {});
    api.get<Items<Team>>('/api/teams').then((r) => setTeams(r.items)).catch(() => {});
    api.get<Items<Unit>>('/api/units').then((r) => setUnits(r.items.filter((u) => u.active))).catch(() => {});
  }, [canOrg]);

  return useMemo(() => {
    const stageLabel = (s: string | null | undefined) => (s ? tk(`projects.stage.${s}`, s) : '');
    const flagLabel = (f: string) => tk(`projects.flag.${f}`, f);
    return {
      clusters, teams, units, industries,
      clusterOptions: clusters.map((c) => ({ value: c.id, label: c.name })),
      teamOptions: teams.map((x) => ({ value: x.id, label: x.name })),
      landingOptions: units.filter((u) => LANDING_KINDS.includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      countyOptions: units.filter((u) => ['county', 'district', 'zone'].includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      parkOptions: units.filter((u) => ['park', 'zone'].includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      departmentOptions: units.filter((u) => ['department', 'bureau'].includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      industryOptions: industries.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
      stageOptions: ALL_STAGES.map((s) => ({ value: s, label: stageLabel(s) })),
      flagOptions: FLAGS.map((f) => ({ value: f, label: flagLabel(f) })),
      bandOptions: BANDS.map((b) => ({ value: b, label: tk(`projects.band.${b}`, b) })),
      stageLabel, flagLabel,
    };
  }, [clusters, teams, units, industries, tk]);
}

export type ProjectRefs = ReturnType<typeof useProjectRefs>;
