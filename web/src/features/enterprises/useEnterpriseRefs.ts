// Code lists the enterprise pages need: clusters, industries (GB/T 4754), units and teams. Loaded through the shared code lists.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useCodeListOptions, useCodeLists } from '../shell/useCodeLists';
import { OWNERSHIPS, REGIONS, TIERS } from './types';

export function useEnterpriseRefs() {
  const { t, tk } = useI18n();
  const lists = useCodeLists();
  const shared = useCodeListOptions(lists);
  const { clusters, industries, units, teams } = lists;

  return useMemo(
    () => ({
      clusters,
      industries,
      units,
      teams,
      ...shared,
      unitOptions: units.map((u) => ({ value: u.id, label: u.name })),
      sectionOptions: industries.sections.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })),
      ownershipOptions: OWNERSHIPS.map((o) => ({ value: o, label: t(`ent.own.${o}`) })),
      tierOptions: TIERS.map((o) => ({ value: o, label: t(`ent.tier.${o}`) })),
      regionOptions: REGIONS.map((o) => ({ value: o, label: t(`ent.region.${o}`) })),
      ownershipLabel: (o: string | null) => (o ? tk(`ent.own.${o}`, o) : null),
      tierLabel: (o: string) => tk(`ent.tier.${o}`, o),
      regionLabel: (o: string | null) => (o ? tk(`ent.region.${o}`, o) : null),
    }),
    [clusters, industries, units, teams, shared, t, tk],
  );
}

export type EnterpriseRefs = ReturnType<typeof useEnterpriseRefs>;

export const TIER_COLORS: Record<string, string> = {
  fortune500: 'red',
  china500: 'volcano',
  private500: 'orange',
  listed: 'gold',
  little_giant: 'cyan',
  unicorn: 'purple',
  champion: 'magenta',
  chain_leader: 'geekblue',
  local_stock: 'default',
};
