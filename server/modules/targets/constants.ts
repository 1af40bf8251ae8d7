// The indicators the city measures, each computed from the project records (never typed), with its unit and how
// a yearly target accrues through the year.

export const INDICATORS = [
  'signed_100m_count',
  'signed_amount',
  'funds_in_place',
  'start_rate',
  'production_rate',
  'top500_count',
  'contracted_fdi',
  'contracted_fdi_cny',
  'overdue_unstarted',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type IndicatorUnit = 'count' | 'wan_yuan' | 'wan_usd' | 'percent';

export const INDICATOR_INFO: Record<Indicator, { zh: string; en: string; unit: IndicatorUnit; additive: boolean }> = {
  signed_100m_count: { zh: '新签约亿元以上项目数', en: 'New signed projects ≥ 1亿元', unit: 'count', additive: true },
  signed_amount: { zh: '签约总额', en: 'Signed amount', unit: 'wan_yuan', additive: true },
  funds_in_place: { zh: '当年实际到位资金', en: 'Funds in place this year', unit: 'wan_yuan', additive: true },
  start_rate: { zh: '开工率', en: 'Start rate', unit: 'percent', additive: false },
  production_rate: { zh: '投产转化率', en: 'Production rate', unit: 'percent', additive: false },
  top500_count: {
    zh: '500强/央企亿元以上项目数',
    en: 'Top 500 / central SOE projects ≥ 1亿元',
    unit: 'count',
    additive: true,
  },
  contracted_fdi: { zh: '合同外资', en: 'Contracted foreign capital', unit: 'wan_usd', additive: true },
  contracted_fdi_cny: {
    zh: '合同外资（折人民币）',
    en: 'Contracted foreign capital in CNY',
    unit: 'wan_yuan',
    additive: true,
  },
  overdue_unstarted: { zh: '逾期未开工项目数', en: 'Signed projects overdue to start', unit: 'count', additive: true },
};

/** Unit groups that are assessed and ranked together: counties with districts and zones, and industry teams. */
export const UNIT_GROUPS = ['counties', 'teams'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

/** Unit kinds ranked as a county-level unit; parks roll up to the county or zone above them. */
export const COUNTY_KINDS = ['county', 'district', 'zone'] as const;

/** Unit kinds that may carry targets (the city's own goals, counties and zones, departments, the bureau). */
export const TARGET_UNIT_KINDS = ['city', 'county', 'district', 'zone', 'department', 'bureau'] as const;

/** The settings key of the foreign-capital conversion rules. */
export const FX_KEY = 'fx_conversion';
