// Code lists the lead pages need: clusters, teams, units, industries (GB/T 4754), and the labels of the lead's own codes.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Cluster, Items, Team, Unit } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { FOLLOW_UP_METHODS, LEAD_STATUSES, SOURCE_CHANNELS } from './types';

interface IndustryItem { code: string; name: string; section: string; sectionName: string }

export function useLeadRefs() {
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
    const channelLabel = (c: string) => tk(`leads.channel.${c}`, c);
    const statusLabel = (s: string) => tk(`leads.status.${s}`, s);
    const methodLabel = (m: string | null) => (m ? tk(`leads.method.${m}`, m) : '');
    return {
      clusters, teams, units, industries,
      clusterOptions: clusters.map((c) => ({ value: c.id, label: c.name })),
      teamOptions: teams.map((x) => ({ value: x.id, label: x.name })),
      unitOptions: units.filter((u) => !['leading_group', 'office'].includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      industryOptions: industries.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
      channelOptions: SOURCE_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
      statusOptions: LEAD_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
      methodOptions: FOLLOW_UP_METHODS.map((m) => ({ value: m, label: methodLabel(m) })),
      channelLabel, statusLabel, methodLabel,
    };
  }, [clusters, teams, units, industries, tk]);
}

export type LeadRefs = ReturnType<typeof useLeadRefs>;
