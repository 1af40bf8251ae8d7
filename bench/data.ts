// Deterministic generator of province-scale data: realistic Chinese enterprise names, valid credit codes,
// projects spread over stages with amounts skewed toward a few very large ones, leads and follow-ups.
import { createRequire } from 'node:module';
import { gramsOf, searchTextOf } from '../server/core/search.js';
import { regionGroupOf } from '../server/reference/divisions.js';

const require = createRequire(import.meta.url);
export const DIVISIONS: Record<string, string> = require('../server/reference/gb2260-divisions.json');

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    /** Standard normal (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}
export type Rng = ReturnType<typeof rng>;

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 统一社会信用代码, unique per (division, serial). */
export function makeUSCC(division: string, serial: number): string {
  let body = '';
  let n = serial;
  for (let i = 0; i < 8; i++) {
    body = USCC_CHARS[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${division}${body}X`.slice(0, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

// 字号 are two characters from the pool people actually register with.
const ZIHAO =
  '华恒泰瑞鑫宏盛兴隆昌达润祥凤鲁信诚德正和安康丰源明辉博睿智创新远航宇金银海天龙腾飞跃嘉禾欣荣卓越永佳宝利通汇聚鼎峰晟铭远宸'.split(
    '',
  );
const INDUSTRY_WORDS: [word: string, industry: string, cluster: string][] = [
  ['新材料科技', 'C26', 'NM'],
  ['高分子材料', 'C29', 'NM'],
  ['精密机械', 'C34', 'HEM'],
  ['智能装备', 'C35', 'HEM'],
  ['轴承', 'C34', 'HEM'],
  ['新能源汽车零部件', 'C36', 'NEV'],
  ['动力电池', 'C38', 'NEV'],
  ['生物医药', 'C27', 'HC'],
  ['医疗器械', 'C35', 'HC'],
  ['铝业', 'C32', 'NFM'],
  ['铜材', 'C32', 'NFM'],
  ['精细化工', 'C26', 'GC'],
  ['纺织', 'C17', 'TX'],
  ['服饰', 'C18', 'TX'],
  ['文化旅游发展', 'R88', 'CT'],
  ['农业科技', 'A01', 'AG'],
  ['食品', 'C14', 'AG'],
  ['电子科技', 'C39', 'HEM'],
];
const SUFFIX = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'];
const OWNERSHIP = ['private', 'private', 'private', 'private', 'private', 'soe_local', 'soe_central', 'foreign', 'hmt'];
const TIERS = ['fortune500', 'china500', 'private500', 'listed', 'little_giant', 'unicorn', 'champion', 'chain_leader'];

const cityCodes = Object.keys(DIVISIONS).filter((c) => c.endsWith('00') && !c.endsWith('0000'));
const countyCodes = Object.keys(DIVISIONS).filter((c) => !c.endsWith('00'));
const shortCity = (code: string) => DIVISIONS[code].replace(/(市|地区|自治州|盟)$/, '');

export interface EnterpriseRow {
  id: number;
  name: string;
  uscc: string;
  ownership: string;
  tiers: string[];
  hqDivision: string;
  hqRegion: string | null;
  industryCode: string;
  cluster: string;
  registeredCapital: string;
  ownerUnitId: number;
}

export function makeEnterprise(r: Rng, id: number, ownerUnitIds: number[], homeDivision: string): EnterpriseRow {
  // 40% headquartered in the province, the rest across the country.
  const county =
    r.next() < 0.4 ? r.pick(countyCodes.filter((c) => c.startsWith(homeDivision.slice(0, 2)))) : r.pick(countyCodes);
  const city = county.slice(0, 4) + '00';
  const [word, industry, cluster] = r.pick(INDUSTRY_WORDS);
  const name = `${shortCity(DIVISIONS[city] ? city : cityCodes[0])}${r.pick(ZIHAO)}${r.pick(ZIHAO)}${word}${r.pick(SUFFIX)}`;
  const tiers = r.next() < 0.06 ? [r.pick(TIERS)] : [];
  const capital = Math.round(Math.exp(6 + r.normal() * 1.5)); // 万元, median ~400万
  return {
    id,
    name,
    uscc: makeUSCC(county, id),
    ownership: r.pick(OWNERSHIP),
    tiers,
    hqDivision: county,
    hqRegion: regionGroupOf(county, homeDivision),
    industryCode: industry,
    cluster,
    registeredCapital: `${Math.min(capital, 99_999_999)}.00`,
    ownerUnitId: r.pick(ownerUnitIds),
  };
}

export const STAGE_WEIGHTS: [string, number][] = [
  ['planning', 10],
  ['negotiating', 18],
  ['signed', 14],
  ['registered', 10],
  ['started', 26],
  ['producing', 16],
  ['at_capacity', 4],
  ['terminated', 2],
];
export function pickStage(r: Rng): string {
  let x = r.next() * STAGE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (const [s, w] of STAGE_WEIGHTS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'planning';
}

/** 万元, log-normal: median ~3亿, a long tail of very large projects, capped at 500亿. */
export const projectAmount = (r: Rng) => Math.min(Math.round(Math.exp(Math.log(30000) + r.normal() * 1.1)), 5_000_000);

const PROJECT_WORDS = [
  '年产5万吨',
  '年产10万套',
  '年产200万件',
  '智能制造',
  '扩建',
  '技术改造',
  '产业园',
  '研发中心',
  '生产基地',
  '二期',
];
export function projectName(r: Rng, enterpriseName: string): string {
  const zihao = enterpriseName.replace(/^.{2}/, '').slice(0, 2);
  return `${zihao}${r.pick(PROJECT_WORDS)}${r.pick(INDUSTRY_WORDS)[0].replace(/科技|发展/, '')}项目`;
}

export { copyLine } from '../server/db/copy.js';

export { gramsOf, searchTextOf };
