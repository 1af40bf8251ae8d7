// Code lists the project pages need: units (counties, zones, parks, departments), clusters, teams, industries,
// and the labels of the pipeline's own codes.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useCodeListOptions, useCodeLists } from '../shell/useCodeLists';
import { ALL_STAGES, BANDS, FLAGS } from './types';

const LANDING_KINDS = ['county', 'district', 'zone', 'park'];

export function useProjectRefs() {
  const { tk } = useI18n();
  const lists = useCodeLists();
  const shared = useCodeListOptions(lists);
  const { clusters, teams, units } = lists;
  const industries = lists.industries.items;

  return useMemo(() => {
    const stageLabel = (s: string | null | undefined) => (s ? tk(`projects.stage.${s}`, s) : '');
    const flagLabel = (f: string) => tk(`projects.flag.${f}`, f);
    return {
      clusters,
      teams,
      units,
      industries,
      ...shared,
      landingOptions: units.filter((u) => LANDING_KINDS.includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      countyOptions: units
        .filter((u) => ['county', 'district', 'zone'].includes(u.kind))
        .map((u) => ({ value: u.id, label: u.name })),
      parkOptions: units.filter((u) => ['park', 'zone'].includes(u.kind)).map((u) => ({ value: u.id, label: u.name })),
      departmentOptions: units
        .filter((u) => ['department', 'bureau'].includes(u.kind))
        .map((u) => ({ value: u.id, label: u.name })),
      stageOptions: ALL_STAGES.map((s) => ({ value: s, label: stageLabel(s) })),
      flagOptions: FLAGS.map((f) => ({ value: f, label: flagLabel(f) })),
      bandOptions: BANDS.map((b) => ({ value: b, label: tk(`projects.band.${b}`, b) })),
      stageLabel,
      flagLabel,
    };
  }, [clusters, teams, units, industries, shared, tk]);
}

export type ProjectRefs = ReturnType<typeof useProjectRefs>;
