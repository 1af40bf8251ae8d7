// Enterprise names: the 字号 (trade name) that two records of the same company share, and a similarity score.
// A Chinese enterprise name is 行政区划 + 字号 + 行业 + 组织形式 (GB/T "企业名称登记管理规定"):
// 苏州 + 恒创 + 新材料科技 + 有限公司. Two records of one company usually differ in the region prefix,
// the industry words or the organisation form, not in the 字号.
import { createRequire } from 'node:module';
import { normalizeSearch } from '../../core/search.js';

const require = createRequire(import.meta.url);
const DIVISION_NAMES: Record<string, string> = require('../../reference/gb2260-divisions.json');

const ADMIN_SUFFIXES = [
  '特别行政区',
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '自治区',
  '自治州',
  '自治县',
  '地区',
  '新区',
  '省',
  '市',
  '县',
  '区',
  '盟',
  '旗',
];
const NOT_A_REGION = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划', '直辖县']);

/** Region words that may open a name: 山东省, 山东, 聊城市, 聊城, 东昌府 …, plus 中国 / 中华. Longest first. */
const REGION_WORDS: string[] = (() => {
  const out = new Set<string>(['中国', '中华', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门', '台湾']);
  for (const name of Object.values(DIVISION_NAMES)) {
    if (NOT_A_REGION.has(name)) continue;
    out.add(name);
    for (const suffix of ADMIN_SUFFIXES) {
      if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
        out.add(name.slice(0, -suffix.length));
        break;
      }
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
})();

/** Organisation forms, at the end of the name. Longest first. */
const ORG_FORMS = [
  '集团股份有限公司',
  '集团有限责任公司',
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '总公司',
  '分公司',
  '合伙企业',
  '公司',
  '集团',
  '控股',
  '股份',
  '总厂',
  '工厂',
  '厂',
].sort((a, b) => b.length - a.length);

/** Industry and generic words between the 字号 and the organisation form. Longest first. */
const INDUSTRY_WORDS = [
  '科技',
  '技术',
  '实业',
  '发展',
  '投资',
  '控股',
  '国际',
  '新材料',
  '材料',
  '新能源汽车',
  '新能源',
  '汽车零部件',
  '零部件',
  '汽车',
  '高端装备',
  '装备制造',
  '装备',
  '智能',
  '机械',
  '制造',
  '电子',
  '电气',
  '电器',
  '电力',
  '生物医药',
  '生物科技',
  '生物',
  '医药',
  '制药',
  '药业',
  '医疗器械',
  '器械',
  '医疗',
  '健康',
  '医养',
  '化工',
  '化学',
  '纺织',
  '服装',
  '服饰',
  '家纺',
  '食品',
  '农业',
  '农牧',
  '牧业',
  '轴承',
  '金属',
  '有色',
  '铝业',
  '钢铁',
  '钢管',
  '铜业',
  '环保',
  '能源',
  '信息',
  '软件',
  '网络',
  '数据',
  '数字',
  '物流',
  '贸易',
  '商贸',
  '工贸',
  '工业',
  '产业',
  '精密',
  '光电',
  '光伏',
  '储能',
  '动力',
  '电池',
  '半导体',
  '新型',
  '高新',
  '文化',
  '旅游',
  '文旅',
  '传媒',
  '建设',
  '工程',
  '置业',
  '管理',
  '咨询',
  '服务',
  '供应链',
  '资本',
  '基金',
  '创新',
  '研究院',
  '研究所',
  '系统',
  '设备',
  '自动化',
  '机器人',
  '航空',
  '航天',
  '通信',
  '集成电路',
  '芯片',
  '塑胶',
  '塑料',
  '橡胶',
  '玻璃',
  '陶瓷',
  '造纸',
  '纸业',
  '印染',
  '家居',
  '建材',
  '新型建材',
  '水泥',
  '铸造',
  '锻造',
  '模具',
  '五金',
  '机电',
  '动力电池',
  '复合材料',
  '高分子',
  '纳米',
  '碳素',
  '石化',
  '石油',
  '化纤',
  '纤维',
  '棉业',
  '粮油',
  '果蔬',
  '畜牧',
  '水产',
  '种业',
  '酒业',
  '树脂',
  '涂料',
  '颜料',
  '油墨',
  '光学',
  '激光',
  '传感',
  '仪器',
  '仪表',
  '新能源科技',
].sort((a, b) => b.length - a.length);

function stripStart(s: string, words: readonly string[], keep: number): string {
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of words) {
      if (s.startsWith(w) && s.length - w.length >= keep) {
        s = s.slice(w.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

function stripEnd(s: string, words: readonly string[], keep: number): string {
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of words) {
      if (s.endsWith(w) && s.length - w.length >= keep) {
        s = s.slice(0, -w.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/**
 * The 字号 of an enterprise name: without text in brackets, the organisation form, region prefixes and industry
 * words. "苏州恒创新材料科技有限公司" → "恒创"; "山东聊城恒创新材料有限公司" → "恒创". Never empty for a non-empty name:
 * a step that would leave fewer than two characters is skipped.
 */
export function tradeNameOf(name: string): string {
  const raw = name.replace(/[（(][^）)]*[）)]/g, '');
  let s = normalizeSearch(raw);
  if (!s) return normalizeSearch(name);
  // Industry words go before region words, so that a region-like 字号 (浦江, 东方) survives as the last two characters.
  s = stripEnd(s, ORG_FORMS, 2);
  s = stripEnd(s, INDUSTRY_WORDS, 2);
  s = stripEnd(s, ORG_FORMS, 2); // "恒创集团科技" → after 科技, 集团
  s = stripStart(s, REGION_WORDS, 2);
  return s;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Dice coefficient of character pairs, 0..1. */
function dice(a: string, b: string): number {
  const x = bigrams(a),
    y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let both = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      both++;
      counts.set(g, n - 1);
    }
  }
  return (2 * both) / (x.length + y.length);
}

/** How alike two enterprise names are, 0..1: the same 字号 counts most, then the pairs of characters the names share. */
export function nameSimilarity(a: string, b: string): number {
  const na = normalizeSearch(a.replace(/[（(][^）)]*[）)]/g, '')),
    nb = normalizeSearch(b.replace(/[（(][^）)]*[）)]/g, ''));
  if (na && na === nb) return 1;
  const ta = tradeNameOf(a),
    tb = tradeNameOf(b);
  const sameTrade = ta.length >= 2 && ta === tb;
  const tradeInside = !sameTrade && ta.length >= 2 && tb.length >= 2 && (nb.includes(ta) || na.includes(tb));
  const base = dice(na, nb);
  const score = sameTrade ? 0.6 + 0.4 * base : tradeInside ? 0.4 + 0.4 * base : 0.8 * base;
  return Math.round(score * 100) / 100;
}
