// The field-work register's fixed choices and the default 千企大走访 quotas (DOMAIN: each team ≥ 10 世界500强 /
// 行业领军 / 商协会; each city department ≥ 3 well-known firms in industries related to its functions; each county
// and zone ≥ 100 target firms). An administrator changes them per year.
export const VISIT_KINDS = ['visit', 'outbound', 'reception', 'video'] as const; // 走访 / 外出招商 / 来访接待 / 视频洽谈
export const VISIT_STATUSES = ['planned', 'completed'] as const;
export const ORGANISATION_KINDS = [
  'chamber',
  'association',
  'agent',
  'university',
  'institute',
  'park',
  'other',
] as const;
export const QUOTA_SUBJECTS = ['team', 'department', 'county'] as const;
export type QuotaSubject = (typeof QUOTA_SUBJECTS)[number];

/** Unit kinds whose quota is the county one (counties, districts, development zones) or the department one. */
export const COUNTY_UNIT_KINDS = ['county', 'district', 'zone'] as const;
export const DEPARTMENT_UNIT_KINDS = ['department'] as const;

export interface QuotaRule {
  subject: QuotaSubject;
  target: number;
  /** An enterprise qualifies when it carries any of these tier tags … */
  tiers: string[];
  /** … or always, when this is set. */
  anyEnterprise: boolean;
  /** Enterprises headquartered in the city itself are not target firms. */
  excludeLocal: boolean;
  /** Only enterprises in the clusters of the teams the unit leads (a department's own field). */
  relatedIndustry: boolean;
  /** Organisations of these kinds qualify (chambers and associations for the teams). */
  organisationKinds: string[];
}

export const DEFAULT_QUOTA_RULES: Record<QuotaSubject, QuotaRule> = {
  team: {
    subject: 'team',
    target: 10,
    tiers: ['fortune500', 'champion', 'chain_leader'],
    anyEnterprise: false,
    excludeLocal: false,
    relatedIndustry: false,
    organisationKinds: ['chamber', 'association'],
  },
  department: {
    subject: 'department',
    target: 3,
    tiers: ['fortune500', 'china500', 'private500', 'listed', 'champion', 'chain_leader', 'unicorn', 'little_giant'],
    anyEnterprise: false,
    excludeLocal: false,
    relatedIndustry: true,
    organisationKinds: [],
  },
  county: {
    subject: 'county',
    target: 100,
    tiers: [],
    anyEnterprise: true,
    excludeLocal: true,
    relatedIndustry: false,
    organisationKinds: [],
  },
};
