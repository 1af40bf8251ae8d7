// Duplicate detection on entry ("同一项目多次签约"): the rules, kept pure so they can be tested without a database.
import { normalizeSearch } from '../../core/search.js';
import { toCents } from '../../core/money.js';

export type DuplicateReason = 'code' | 'uscc' | 'similar_name' | 'amount';

/** Words every project name carries; they say nothing about which project it is. */
const NOISE = [
  '项目',
  '年产',
  '建设',
  '新建',
  '扩建',
  '改建',
  '改扩建',
  '技改',
  '技术改造',
  '一期',
  '二期',
  '三期',
  '四期',
  '工程',
  '生产线',
  '有限公司',
  '股份',
  '集团',
  '万吨',
  '万套',
  '万台',
  '万件',
  '万平方米',
  '平方米',
  '万吨级',
  '及配套',
  '配套',
  '吨',
  '套',
  '台',
  '件',
  '条',
  '个',
  '亿元',
  '万元',
];
const NOISE_SORTED = [...NOISE].sort((a, b) => b.length - a.length);

/** The character pairs of a project name after removing numbers and boilerplate words. */
export function nameBigrams(name: string): Set<string> {
  let s = normalizeSearch(name).replace(/[0-9.]+/g, ' ');
  for (const w of NOISE_SORTED) s = s.split(w).join(' ');
  const out = new Set<string>();
  for (const part of s.split(' ')) {
    const chars = [...part];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return out;
}

/** Two names are similar when they share at least two pairs after stripping. */
export function similarNames(a: string, b: string): boolean {
  const x = nameBigrams(a);
  let shared = 0;
  for (const g of nameBigrams(b)) if (x.has(g) && ++shared >= 2) return true;
  return false;
}

/** Two amounts within 10% of the larger one. */
export function amountsClose(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = toCents(a ?? null),
    y = toCents(b ?? null);
  if (x === null || y === null || x <= 0n || y <= 0n) return false;
  const big = x > y ? x : y;
  const diff = x > y ? x - y : y - x;
  return diff * 10n <= big;
}

export interface DuplicateProbe {
  id?: number;
  name?: string | null;
  code?: string | null;
  registeredUscc?: string | null;
  enterpriseId?: number | null;
  investorName?: string | null;
  totalInvestment?: string | null;
}

export interface DuplicateCandidateFacts {
  id: number;
  name: string;
  code: string | null;
  registeredUscc: string | null;
  enterpriseId: number | null;
  investorName: string | null;
  /** The name of the candidate's investor in the enterprise library, if any. */
  enterpriseName?: string | null;
  totalInvestment: string | null;
}

const sameInvestor = (p: DuplicateProbe, c: DuplicateCandidateFacts) =>
  (p.enterpriseId != null && p.enterpriseId === c.enterpriseId) ||
  (p.enterpriseId == null &&
    !!p.investorName &&
    [c.investorName, c.enterpriseName].some((n) => !!n && normalizeSearch(n) === normalizeSearch(p.investorName!)));

/** Why a candidate looks like the probe; empty when it does not. */
export function duplicateReasons(p: DuplicateProbe, c: DuplicateCandidateFacts): DuplicateReason[] {
  if (p.id === c.id) return [];
  const out: DuplicateReason[] = [];
  if (p.code && c.code && p.code.trim().toUpperCase() === c.code.trim().toUpperCase()) out.push('code');
  if (p.registeredUscc && c.registeredUscc && p.registeredUscc === c.registeredUscc) out.push('uscc');
  if (sameInvestor(p, c)) {
    if (p.name && similarNames(p.name, c.name)) out.push('similar_name');
    if (amountsClose(p.totalInvestment, c.totalInvestment)) out.push('amount');
  }
  return out;
}
