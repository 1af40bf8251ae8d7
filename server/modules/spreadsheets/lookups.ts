// Recognising what people write for reference data: county and zone names (full, short, without the city or the
// 区/县/市 suffix, 高新区 for 聊城高新技术产业开发区), industry clusters, stages, ownership, tags, lead sources, industries
// and places (GB/T 2260). Pure functions over data loaded once per import.
import { createRequire } from 'node:module';
import { DIVISIONS as INDUSTRY_DIVISIONS, SECTIONS, normalizeIndustryCode } from '../../reference/industries.js';
import { isDivisionCode } from '../../reference/divisions.js';
import { toHalfWidth } from './values.js';

const compact = (s: string) =>
  toHalfWidth(s)
    .replace(/[\s\u00a0]+/g, '')
    .trim();

// ------------------------------------------------------------------------------------------------ units

export interface UnitRef {
  id: number;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: number | null;
  divisionCode?: string | null;
}
export type UnitMatch = { unit: UnitRef } | { error: 'unknown' | 'ambiguous'; candidates?: string[] };

const ZONE_SHORT: [RegExp, string][] = [
  [/经济技术开发区$/, '经开区'],
  [/经济开发区$/, '经开区'],
  [/高新技术产业开发区$/, '高新区'],
  [/高新技术开发区$/, '高新区'],
  [/旅游度假区$/, '度假区'],
  [/产业园$/, '园区'],
];

/** Resolves unit names against the organisation tree, preferring units near the caller (own subtree, then own city). */
export class UnitResolver {
  private aliases = new Map<string, Set<number>>();
  private byId = new Map<number, UnitRef>();
  private cityPrefixes: string[] = [];

  constructor(units: UnitRef[], kinds?: readonly string[]) {
    for (const u of units) this.byId.set(u.id, u);
    const cities = units.filter((u) => u.kind === 'city' || u.kind === 'province');
    this.cityPrefixes = [
      ...new Set(cities.flatMap((c) => [c.name, c.name.replace(/(省|市)$/, '')]).filter((p) => p.length >= 2)),
    ].sort((a, b) => b.length - a.length);
    for (const u of units) {
      if (kinds && !kinds.includes(u.kind)) continue;
      for (const a of this.aliasesOf(u)) {
        let set = this.aliases.get(a);
        if (!set) {
          set = new Set();
          this.aliases.set(a, set);
        }
        set.add(u.id);
      }
    }
  }

  private stripCity(s: string): string {
    let out = s;
    for (let again = true; again; ) {
      again = false;
      for (const p of this.cityPrefixes) {
        if (out.startsWith(p) && out.length > p.length) {
          out = out.slice(p.length);
          again = true;
          break;
        }
      }
    }
    return out;
  }

  private aliasesOf(u: UnitRef): Set<string> {
    const out = new Set<string>();
    const add = (s: string | null | undefined) => {
      if (s) out.add(compact(s));
    };
    for (const n of [u.name, u.shortName]) {
      if (!n) continue;
      add(n);
      const bare = this.stripCity(compact(n));
      add(bare);
      for (const [re, short] of ZONE_SHORT) if (re.test(bare)) add(bare.replace(re, short));
      if (['district', 'county'].includes(u.kind)) {
        const noSuffix = bare.replace(/(自治县|区|县|市)$/, '');
        if (noSuffix && noSuffix !== bare) add(noSuffix);
      }
    }
    return out;
  }

  get(id: number) {
    return this.byId.get(id);
  }

  /** Whether a text is one of the units' names as people write it (full or short; no search inside longer text). */
  isName(text: string): boolean {
    const input = compact(text).replace(/^(山东省)/, '');
    return !!input && (this.aliases.has(input) || this.aliases.has(this.stripCity(input)));
  }

  /** The unit a text names; `prefer` lists unit-id sets to try first (own subtree, own city). */
  resolve(text: string, prefer: Set<number>[] = []): UnitMatch {
    const input = compact(text).replace(/^(山东省)/, '');
    if (!input) return { error: 'unknown' };
    const tries = [input, this.stripCity(input)];
    let found: Set<number> | undefined;
    for (const t of tries) {
      found = this.aliases.get(t);
      if (found?.size) break;
    }
    if (!found?.size) {
      // The longest alias the text contains ("东昌府区古楼街道" → 东昌府区), at least two characters long.
      const bare = this.stripCity(input);
      let best = '';
      for (const [a, ids] of this.aliases) {
        if (a.length >= 2 && a.length > best.length && bare.includes(a) && ids.size) {
          best = a;
          found = ids;
        }
      }
    }
    if (!found?.size) return { error: 'unknown' };
    let ids = [...found];
    for (const p of prefer) {
      if (ids.length <= 1) break;
      const near = ids.filter((id) => p.has(id));
      if (near.length) ids = near;
    }
    if (ids.length > 1) return { error: 'ambiguous', candidates: ids.map((i) => this.byId.get(i)!.name) };
    return { unit: this.byId.get(ids[0])! };
  }
}

// ------------------------------------------------------------------------------------------------ clusters

export interface ClusterRef {
  id: number;
  code: string;
  name: string;
  category: string;
}

/** 新材料, 新材料产业, 高端装备 (→ 高端装备制造), 高端装备制造业, NM … → the city's cluster. */
export function matchCluster(clusters: ClusterRef[], text: string): ClusterRef | 'unknown' | 'ambiguous' {
  const raw = compact(text);
  if (!raw) return 'unknown';
  const variants = [
    ...new Set([
      raw,
      raw.replace(/(产业集群|产业链|产业|集群)$/, ''),
      raw.replace(/(产业集群|产业链|产业|集群|业)$/, ''),
    ]),
  ].filter(Boolean);
  const pick = (pred: (c: ClusterRef, v: string) => boolean): ClusterRef | 'ambiguous' | null => {
    const hits = clusters.filter((c) => variants.some((v) => pred(c, v)));
    return hits.length === 1 ? hits[0] : hits.length > 1 ? 'ambiguous' : null;
  };
  return (
    pick((c, v) => c.name === v || c.code.toLowerCase() === v.toLowerCase()) ??
    pick((c, v) => v.length >= 2 && (c.name.startsWith(v) || v.startsWith(c.name))) ??
    pick((c, v) => v.length >= 2 && (c.name.includes(v) || v.includes(c.name))) ??
    'unknown'
  );
}

// ------------------------------------------------------------------------------------------------ code lists

/**
 * What people write in a stage column, by stage: the default table; an administrator may replace it (the settings key
 * `import_stage_phrases`). A phrase is compared after removing spaces and trailing punctuation.
 */
export const DEFAULT_STAGE_PHRASES: Record<string, string[]> = {
  planning: ['谋划', '谋划中', '线索', '储备', '储备项目', '前期', '前期谋划', '前期工作', '策划', '意向', 'planning'],
  negotiating: [
    '在谈',
    '洽谈',
    '洽谈中',
    '在洽谈',
    '正在洽谈',
    '正在对接',
    '对接中',
    '商谈',
    '商谈中',
    '谈判',
    '谈判中',
    '接洽',
    '考察',
    '考察对接',
    '意向洽谈',
    'negotiating',
  ],
  signed: [
    '签约',
    '已签约',
    '签约未开工',
    '已签约未开工',
    '签约待建',
    '已签约待开工',
    '已签订',
    '已签订协议',
    '已签署',
    '签订协议',
    '协议已签',
    '签约落地',
    'signed',
  ],
  registered: [
    '注册',
    '已注册',
    '落地',
    '已落地',
    '注册落地',
    '已注册未开工',
    '已落地未开工',
    '公司已注册',
    'registered',
  ],
  started: [
    '开工',
    '已开工',
    '开工建设',
    '在建',
    '正在建设',
    '建设中',
    '施工中',
    '在施工',
    '续建',
    '主体施工',
    '设备安装',
    '基础施工',
    '土建施工',
    'started',
  ],
  producing: [
    '投产',
    '已投产',
    '竣工',
    '已竣工',
    '竣工投产',
    '试生产',
    '试产',
    '部分投产',
    '已完工',
    '建成投产',
    'producing',
  ],
  at_capacity: ['达产', '已达产', '达效', '达产达效', '全面达产', 'at capacity', 'at_capacity'],
  terminated: ['终止', '已终止', '退库', '已退库', '取消', '中止', '放弃', '停建', 'terminated'],
};

const phraseKey = (s: string) =>
  compact(s)
    .toLowerCase()
    .replace(/[。.,，;；!！、]+$/, '');

/** A stage table ready for matching: each phrase once, the longest first (for phrases inside a longer text). */
export class StagePhrases {
  private readonly exact = new Map<string, string>();
  private readonly byLength: [string, string][];

  constructor(table: Record<string, string[]> = DEFAULT_STAGE_PHRASES) {
    for (const [stage, phrases] of Object.entries(table)) {
      for (const p of [stage, ...phrases]) {
        const k = phraseKey(p);
        if (k && !this.exact.has(k)) this.exact.set(k, stage);
      }
    }
    this.byLength = [...this.exact].filter(([k]) => [...k].length >= 2).sort((a, b) => b[0].length - a[0].length);
  }

  /**
   * The stage a phrase names: an exact phrase of the table, else the longest phrase a short text contains that is not
   * negated ("已签约，正在办理手续" → signed; "未开工" alone is not 开工). Null when nothing is recognised.
   */
  match(text: string): string | null {
    const t = phraseKey(text);
    if (!t) return null;
    const hit = this.exact.get(t);
    if (hit) return hit;
    if ([...t].length > 24) return null;
    for (const [k, stage] of this.byLength) {
      const at = t.indexOf(k);
      if (at >= 0 && !/(未|尚未|没有|暂未|不)$/.test(t.slice(0, at))) return stage;
    }
    return null;
  }
}

const defaultStages = new StagePhrases();

/** A stage phrase by the default table: 在谈/洽谈中 → negotiating, 已签约未开工 → signed, 正在建设 → started, 已竣工 → producing. */
export function matchStage(text: string, table: StagePhrases = defaultStages): string | null {
  return table.match(text);
}

export function matchAgreement(text: string): string | null {
  const t = compact(text).toLowerCase();
  if (/补充|supplement/.test(t)) return 'supplement';
  if (/框架|战略合作|意向|framework/.test(t)) return 'framework';
  if (/投资|合同|正式|investment/.test(t)) return 'investment';
  return null;
}

export const OWNERSHIP_ZH: Record<string, string> = {
  soe_central: '央企',
  soe_local: '地方国企',
  private: '民企',
  foreign: '外企',
  hmt: '港澳台企业',
};
export function matchOwnership(text: string): string | null {
  const t = compact(text).toLowerCase();
  if (!t) return null;
  if (Object.keys(OWNERSHIP_ZH).includes(t)) return t;
  if (/港|澳|台/.test(t)) return 'hmt';
  if (/央企|中央|central/.test(t)) return 'soe_central';
  if (/国企|国有|省属|市属|县属|地方国|state|soe/.test(t)) return 'soe_local';
  if (/外资|外企|外商|合资|独资|foreign/.test(t)) return 'foreign';
  if (/民企|民营|私营|个体|私人|股份制|private/.test(t)) return 'private';
  return null;
}

export const TIER_ZH: Record<string, string> = {
  fortune500: '世界500强',
  china500: '中国500强',
  private500: '民营500强',
  listed: '上市公司',
  little_giant: '专精特新“小巨人”',
  unicorn: '独角兽',
  champion: '行业冠军',
  chain_leader: '链主',
  local_stock: '本地存量企业',
};
const TIER_WORDS: [RegExp, string][] = [
  [/世界500强|财富500强|全球500强|fortune/i, 'fortune500'],
  [/民营500强|民企500强|民营企业500强/, 'private500'],
  [/中国500强|中国企业500强|china500/i, 'china500'],
  [/上市|listed/i, 'listed'],
  [/小巨人|专精特新|little/i, 'little_giant'],
  [/独角兽|unicorn/i, 'unicorn'],
  [/冠军|champion/i, 'champion'],
  [/链主|chain/i, 'chain_leader'],
  [/本地|存量|local/i, 'local_stock'],
];
/** "上市公司、专精特新" → ['listed', 'little_giant'] and the words not recognised. */
export function matchTiers(text: string): { tiers: string[]; unknown: string[] } {
  const tiers = new Set<string>();
  const unknown: string[] = [];
  for (const part of toHalfWidth(text)
    .split(/[、,，;；/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const hit = TIER_WORDS.find(([re]) => re.test(part));
    if (hit) tiers.add(hit[1]);
    else unknown.push(part);
  }
  return { tiers: [...tiers], unknown };
}

export const CHANNEL_ZH: Record<string, string> = {
  business_referral: '以商招商',
  commissioned: '委托招商',
  fund: '基金招商',
  equity: '资本招商',
  partner: '招商合伙人',
  ambassador: '招商大使',
  chamber: '商会协会',
  native: '乡贤',
  outpost: '驻外机构',
  event: '招商活动',
  visit: '走访',
  other: '其他',
};
const CHANNEL_WORDS: [RegExp, string][] = [
  [/以商招商|企业推荐|企业引荐|客商推荐|business/i, 'business_referral'],
  [/委托|中介|代理|commission/i, 'commissioned'],
  [/基金|fund/i, 'fund'],
  [/股权|资本|equity/i, 'equity'],
  [/合伙人|partner/i, 'partner'],
  [/大使|ambassador/i, 'ambassador'],
  [/商会|协会|chamber/i, 'chamber'],
  [/乡贤|老乡|校友|native/i, 'native'],
  [/驻外|联络处|联络站|办事处|outpost/i, 'outpost'],
  [/活动|展会|推介|博览|论坛|洽谈会|峰会|event/i, 'event'],
  [/走访|拜访|考察|登门|visit/i, 'visit'],
  [/其他|其它|other/i, 'other'],
];
export function matchChannel(text: string): string | null {
  const t = compact(text);
  if (!t) return null;
  if (Object.keys(CHANNEL_ZH).includes(t)) return t;
  return CHANNEL_WORDS.find(([re]) => re.test(t))?.[1] ?? null;
}

/** A GB/T 4754 code ("C3252", "3252", "C27 医药制造业") or an industry's name ("医药制造业", "制造业"). */
export function matchIndustry(text: string): string | null {
  const t = compact(text);
  if (!t) return null;
  const m = /^([A-Ta-t]?\d{2,4})(?!\d)/.exec(t);
  if (m) {
    const c = normalizeIndustryCode(m[1]);
    if (c) return c;
  }
  if (/^[A-Ta-t]$/.test(t)) return normalizeIndustryCode(t);
  for (const [d, v] of Object.entries(INDUSTRY_DIVISIONS)) if (v.name === t) return v.section + d;
  for (const [s, n] of Object.entries(SECTIONS)) if (n === t) return s;
  if (t.length >= 2) {
    const hits = Object.entries(INDUSTRY_DIVISIONS).filter(([, v]) => v.name.includes(t) || t.includes(v.name));
    if (hits.length === 1) return hits[0][1].section + hits[0][0];
  }
  return null;
}

// ------------------------------------------------------------------------------------------------ places

const require = createRequire(import.meta.url);
const NAMES: Record<string, string> = require('../../reference/gb2260-divisions.json');

interface Place {
  code: string;
  names: string[];
}
let places: { provinces: Place[]; cities: Place[]; counties: Place[] } | null = null;

function shortPlace(name: string): string {
  return name.replace(/(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|自治州|地区|盟)$/, '');
}

function loadPlaces() {
  if (places) return places;
  const provinces: Place[] = [];
  const cities: Place[] = [];
  const counties: Place[] = [];
  for (const [code, name] of Object.entries(NAMES)) {
    if (name === '市辖区' || name === '县' || name === '省直辖县级行政区划' || name === '自治区直辖县级行政区划')
      continue;
    const names = [...new Set([name, shortPlace(name)].filter((n) => n.length >= 2))];
    if (code.endsWith('0000')) provinces.push({ code, names });
    else if (code.endsWith('00')) cities.push({ code, names });
    else
      counties.push({
        code,
        names: [
          ...new Set(
            [name, ...(name.length > 2 ? [name.replace(/(区|县|市|旗)$/, '')] : [])].filter((n) => n.length >= 2),
          ),
        ],
      });
  }
  places = { provinces, cities, counties };
  return places;
}

/** The place whose name starts `s`, the longest such; null when two different places tie. */
function longestPrefix(list: Place[], s: string, within?: string): { place: Place; len: number } | null {
  let best: { place: Place; len: number } | null = null;
  let tie = false;
  for (const p of list) {
    if (within && !p.code.startsWith(within)) continue;
    for (const n of p.names) {
      if (!s.startsWith(n)) continue;
      if (!best || n.length > best.len) {
        best = { place: p, len: n.length };
        tie = false;
      } else if (n.length === best.len && p.code !== best.place.code) tie = true;
    }
  }
  return tie ? null : best;
}

const COUNTRIES = [
  '美国',
  '日本',
  '韩国',
  '德国',
  '法国',
  '英国',
  '新加坡',
  '意大利',
  '荷兰',
  '瑞士',
  '瑞典',
  '加拿大',
  '澳大利亚',
  '以色列',
  '丹麦',
  '芬兰',
  '挪威',
  '比利时',
  '奥地利',
  '西班牙',
  '葡萄牙',
  '印度',
  '泰国',
  '马来西亚',
  '越南',
  '印度尼西亚',
  '菲律宾',
  '阿联酋',
  '沙特阿拉伯',
  '卡塔尔',
  '俄罗斯',
  '巴西',
  '墨西哥',
  '新西兰',
  '爱尔兰',
  '卢森堡',
  '波兰',
  '捷克',
  '匈牙利',
  '土耳其',
  '南非',
  '埃及',
  '阿根廷',
  '智利',
  '哈萨克斯坦',
];

/**
 * A place as people write it ("上海市浦东新区", "江苏苏州", "深圳", "371502", "美国") → a GB/T 2260 code, or a country
 * for a headquarters abroad; null when nothing is recognised.
 */
export function matchPlace(text: string): { division: string } | { country: string } | null {
  const t = compact(text).replace(/^中国/, '');
  if (!t) return null;
  if (/^\d{6}$/.test(t)) return isDivisionCode(t) ? { division: t } : null;
  const country = COUNTRIES.find((c) => t.startsWith(c));
  if (country) return { country };
  if (/^(中国)?香港/.test(t)) return { division: '810000' };
  if (/^(中国)?澳门/.test(t)) return { division: '820000' };
  if (/^(中国)?台湾/.test(t)) return { division: '710000' };
  const { provinces, cities, counties } = loadPlaces();
  let rest = t;
  let code: string | null = null;
  const prov = longestPrefix(provinces, rest);
  if (prov) {
    code = prov.place.code;
    rest = rest.slice(prov.len);
  }
  const city = longestPrefix(cities, rest, code ? code.slice(0, 2) : undefined);
  if (city) {
    code = city.place.code;
    rest = rest.slice(city.len);
  }
  const county = rest
    ? longestPrefix(counties, rest, code ? code.slice(0, code.endsWith('0000') ? 2 : 4) : undefined)
    : null;
  if (county && (code || county.len >= 3)) code = county.place.code;
  return code ? { division: code } : null;
}
