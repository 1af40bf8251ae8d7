import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTA_RULES } from './constants.js';
import { expectedBy, monthsElapsed, progressOf, qualifies, type MetOrganisation } from './quotas.js';

const ent = (over: Partial<MetOrganisation> = {}): MetOrganisation => ({
  enterpriseId: 1,
  organisationId: null,
  name: 'x',
  firstVisitId: 1,
  firstVisitDate: '2026-03-05',
  tiers: [],
  hqRegion: 'yrd',
  clusterId: null,
  organisationKind: null,
  ...over,
});
const org = (kind: string): MetOrganisation =>
  ent({ enterpriseId: null, organisationId: 9, organisationKind: kind, tiers: null, hqRegion: null });

describe('which organisation counts toward which quota', () => {
  it('teams: 世界500强, 行业领军 and 商协会 only', () => {
    const r = DEFAULT_QUOTA_RULES.team;
    expect(qualifies(r, ent({ tiers: ['fortune500'] }), [])).toBe(true);
    expect(qualifies(r, ent({ tiers: ['listed'] }), [])).toBe(false);
    expect(qualifies(r, org('chamber'), [])).toBe(true);
    expect(qualifies(r, org('university'), [])).toBe(false);
  });
  it('departments: well-known firms in the clusters of the teams they lead', () => {
    const r = DEFAULT_QUOTA_RULES.department;
    expect(qualifies(r, ent({ tiers: ['listed'], clusterId: 3 }), [3, 4])).toBe(true);
    expect(qualifies(r, ent({ tiers: ['listed'], clusterId: 5 }), [3, 4])).toBe(false);
    expect(qualifies(r, ent({ tiers: [], clusterId: 3 }), [3])).toBe(false);
  });
  it('counties: any enterprise from outside the city', () => {
    const r = DEFAULT_QUOTA_RULES.county;
    expect(qualifies(r, ent({ hqRegion: 'prd' }), [])).toBe(true);
    expect(qualifies(r, ent({ hqRegion: 'local' }), [])).toBe(false);
    expect(qualifies(r, org('chamber'), [])).toBe(false);
  });
});

describe('progress through the year', () => {
  it('spreads the target evenly and judges a past year whole', () => {
    expect(expectedBy(100, 3)).toBe(25);
    expect(expectedBy(10, 1)).toBe(1);
    expect(monthsElapsed(2025, '2026-04-10')).toBe(12);
    expect(monthsElapsed(2026, '2026-04-10')).toBe(4);
    expect(monthsElapsed(2027, '2026-04-10')).toBe(0);
  });
  it('counts each qualifying organisation in the month of its first visit', () => {
    const met = [
      ent({ firstVisitDate: '2026-01-20' }),
      ent({ enterpriseId: 2, firstVisitDate: '2026-03-01' }),
      ent({ enterpriseId: 3, hqRegion: 'local' }),
    ];
    const { progress, counted } = progressOf(
      { ...DEFAULT_QUOTA_RULES.county, target: 12 },
      met,
      [],
      2026,
      '2026-04-10',
    );
    expect(counted.map((m) => m.enterpriseId)).toEqual([1, 2]);
    expect(progress.byMonth.slice(0, 4)).toEqual([1, 0, 1, 0]);
    expect(progress).toMatchObject({ total: 2, expected: 4, behind: true });
  });
});
