// Code lists the lead pages need: clusters, teams, units, industries (GB/T 4754), and the labels of the lead's own codes.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useCodeListOptions, useCodeLists } from '../shell/useCodeLists';
import { FOLLOW_UP_METHODS, LEAD_STATUSES, SOURCE_CHANNELS } from './types';

export function useLeadRefs() {
  const { tk } = useI18n();
  const lists = useCodeLists();
  const shared = useCodeListOptions(lists);
  const { clusters, teams, units } = lists;
  const industries = lists.industries.items;

  return useMemo(() => {
    const channelLabel = (c: string) => tk(`leads.channel.${c}`, c);
    const statusLabel = (s: string) => tk(`leads.status.${s}`, s);
    const methodLabel = (m: string | null) => (m ? tk(`leads.method.${m}`, m) : '');
    return {
      clusters,
      teams,
      units,
      industries,
      ...shared,
      unitOptions: units
        .filter((u) => !['leading_group', 'office'].includes(u.kind))
        .map((u) => ({ value: u.id, label: u.name })),
      channelOptions: SOURCE_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
      statusOptions: LEAD_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
      methodOptions: FOLLOW_UP_METHODS.map((m) => ({ value: m, label: methodLabel(m) })),
      channelLabel,
      statusLabel,
      methodLabel,
    };
  }, [clusters, teams, units, industries, shared, tk]);
}

export type LeadRefs = ReturnType<typeof useLeadRefs>;
