// Which organisation a visit met counts toward which quota, and the progress of a unit or team through the year.
// The rule looks at the organisation itself (tier tags, industry cluster, headquarters, kind), never at a flag typed
// on the visit, so that the same visit counts the same way for everyone.
import type { QuotaRule } from './constants.js';

/** One organisation a subject met in the year: its first completed visit, and the facts the rule reads. */
export interface MetOrganisation {
  enterpriseId: number | null;
  organisationId: number | null;
  name: string;
  firstVisitId: number;
  firstVisitDate: string; // YYYY-MM-DD
  tiers: string[] | null;
  hqRegion: string | null;
  clusterId: number | null;
  organisationKind: string | null;
}

export function qualifies(rule: QuotaRule, m: MetOrganisation, relatedClusters: number[]): boolean {
  if (m.organisationId != null) return rule.organisationKinds.includes(m.organisationKind ?? '');
  if (rule.excludeLocal && m.hqRegion === 'local') return false;
  if (
    rule.relatedIndustry &&
    relatedClusters.length &&
    (m.clusterId == null || !relatedClusters.includes(m.clusterId))
  ) {
    return false;
  }
  return rule.anyEnterprise || (m.tiers ?? []).some((t) => rule.tiers.includes(t));
}

/** The share of the yearly target expected by the end of `month` (1–12): even months, rounded up. */
export const expectedBy = (target: number, month: number) =>
  Math.ceil((target * Math.max(0, Math.min(12, month))) / 12);

/** The month of the year up to which progress is judged: all twelve for a past year, none for a future one. */
export function monthsElapsed(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (year < y) return 12;
  if (year > y) return 0;
  return Number(today.slice(5, 7));
}

export interface Progress {
  target: number;
  total: number;
  /** Organisations counted for the first time in each month, January first. */
  byMonth: number[];
  expected: number;
  behind: boolean;
}

export function progressOf(
  rule: QuotaRule,
  met: MetOrganisation[],
  relatedClusters: number[],
  year: number,
  today: string,
) {
  const counted = met.filter((m) => qualifies(rule, m, relatedClusters));
  const byMonth = Array.from({ length: 12 }, () => 0);
  for (const m of counted) byMonth[Number(m.firstVisitDate.slice(5, 7)) - 1]++;
  const expected = expectedBy(rule.target, monthsElapsed(year, today));
  const progress: Progress = {
    target: rule.target,
    total: counted.length,
    byMonth,
    expected,
    behind: counted.length < expected,
  };
  return { progress, counted };
}
