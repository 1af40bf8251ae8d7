// Derived project flags (亿元以上, 500强, 外资, 市外资金, 先进制造业, 战略性新兴产业, 四新 …): computed by the server
// on every save from the project, its investor and its cluster; never typed by a user.
import { regionGroupOf } from '../../reference/divisions.js';
import { toCents } from '../../core/money.js';

export const PROJECT_FLAGS = [
  'over_100m',
  'over_1b',
  'fortune500',
  'china500',
  'central_soe',
  'foreign',
  'out_of_city',
  'out_of_province',
  'advanced_manufacturing',
  'strategic_emerging',
  'four_new',
] as const;
export type ProjectFlag = (typeof PROJECT_FLAGS)[number];

export const FLAG_LABELS: Record<ProjectFlag, { zh: string; en: string }> = {
  over_100m: { zh: '亿元以上', en: '≥ 100M CNY' },
  over_1b: { zh: '10亿元以上', en: '≥ 1B CNY' },
  fortune500: { zh: '世界500强', en: 'Fortune Global 500' },
  china500: { zh: '中国500强', en: 'China Top 500' },
  central_soe: { zh: '央企', en: 'Central SOE' },
  foreign: { zh: '外资', en: 'Foreign capital' },
  out_of_city: { zh: '市外资金', en: 'From outside the city' },
  out_of_province: { zh: '省外资金', en: 'From outside the province' },
  advanced_manufacturing: { zh: '先进制造业', en: 'Advanced manufacturing' },
  strategic_emerging: { zh: '战略性新兴产业', en: 'Strategic emerging industry' },
  four_new: { zh: '四新', en: '"Four new" economy' },
};

export type CapitalOrigin = 'local_city' | 'in_province' | 'out_province' | 'abroad';

export interface FlagConfig {
  /** The city's GB/T 2260 code (聊城 371500). */
  homeDivision: string;
  /** GB/T 4754 divisions (two digits, section C) that count as advanced manufacturing. */
  advancedManufacturingDivisions: string[];
  /** Divisions that count as 四新 besides the emerging clusters (信息技术服务, 研究和试验发展). */
  fourNewDivisions: string[];
}

export const DEFAULT_FLAG_CONFIG: FlagConfig = {
  homeDivision: '371500',
  advancedManufacturingDivisions: ['34', '35', '36', '37', '38', '39', '40'],
  fourNewDivisions: ['63', '64', '65', '73'],
};

export interface InvestorFacts {
  tiers: string[];
  ownership: string | null;
  hqDivision: string | null;
  hqRegion?: string | null;
  hqCountry?: string | null;
}

export interface FlagInput {
  totalInvestment: string | null;
  foreignCapital: string | null;
  industryCode: string | null;
  clusterCategory: string | null;
  investor: InvestorFacts | null;
  /** Used only when there is no investor to derive it from. */
  capitalOrigin?: string | null;
}

const FORTUNE500 = ['fortune500', 'fortune_global_500', 'global500'];
const CHINA500 = ['china500', 'china_top500'];
const CENTRAL_SOE = ['central_soe', 'soe_central'];

/** Where the investor's capital comes from, seen from the city; null when unknown. */
export function capitalOriginOf(
  investor: InvestorFacts | null,
  home = DEFAULT_FLAG_CONFIG.homeDivision,
): CapitalOrigin | null {
  if (!investor) return null;
  const abroad =
    investor.hqRegion === 'abroad' || (!!investor.hqCountry && !['CN', 'CHN', '中国'].includes(investor.hqCountry));
  const region = abroad
    ? 'abroad'
    : (regionGroupOf(investor.hqDivision, home) ?? (investor.hqRegion as string | null) ?? null);
  switch (region) {
    case null:
      return null;
    case 'local':
      return 'local_city';
    case 'in_province':
      return 'in_province';
    case 'hmt':
    case 'abroad':
      return 'abroad';
    default:
      return 'out_province';
  }
}

/** "C3461" → "34"; null for a section alone or no code. */
const division = (code: string | null) => (code ? (/^[A-T](\d{2})/.exec(code)?.[1] ?? null) : null);

export function computeFlags(p: FlagInput, config: FlagConfig = DEFAULT_FLAG_CONFIG): ProjectFlag[] {
  const out = new Set<ProjectFlag>();
  const total = toCents(p.totalInvestment);
  if (total !== null && total >= 10_000n * 100n) out.add('over_100m');
  if (total !== null && total >= 100_000n * 100n) out.add('over_1b');
  const inv = p.investor;
  const tiers = inv?.tiers ?? [];
  if (tiers.some((t) => FORTUNE500.includes(t))) out.add('fortune500');
  if (tiers.some((t) => CHINA500.includes(t))) out.add('china500');
  if ((inv?.ownership && CENTRAL_SOE.includes(inv.ownership)) || tiers.some((t) => CENTRAL_SOE.includes(t)))
    out.add('central_soe');
  const fc = toCents(p.foreignCapital);
  if ((fc !== null && fc > 0n) || inv?.ownership === 'foreign' || inv?.ownership === 'hmt') out.add('foreign');
  const origin = inv
    ? capitalOriginOf(inv, config.homeDivision)
    : ((p.capitalOrigin as CapitalOrigin | null | undefined) ?? null);
  if (origin && origin !== 'local_city') out.add('out_of_city');
  if (origin === 'out_province' || origin === 'abroad') out.add('out_of_province');
  const code = p.industryCode;
  const div = division(code);
  if (code?.startsWith('C') && div && config.advancedManufacturingDivisions.includes(div))
    out.add('advanced_manufacturing');
  if (p.clusterCategory === 'emerging') out.add('strategic_emerging');
  if (p.clusterCategory === 'emerging' || (div && config.fourNewDivisions.includes(div))) out.add('four_new');
  return PROJECT_FLAGS.filter((f) => out.has(f));
}
