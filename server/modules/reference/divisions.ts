// Search in the GB/T 2260 list, for division pickers.
import { createRequire } from 'node:module';
import { divisionName } from '../../reference/divisions.js';

const require = createRequire(import.meta.url);
const NAMES: Record<string, string> = require('../../reference/gb2260-divisions.json');

// Placeholders of the list that are not places one would pick.
const SKIP = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

interface Division {
  code: string;
  name: string;
  fullName: string;
  level: 'province' | 'prefecture' | 'county';
}

const ALL: Division[] = Object.entries(NAMES)
  .filter(([, name]) => !SKIP.has(name))
  .map(([code, name]) => ({
    code,
    name,
    fullName: (divisionName(code) ?? name).replace(/ 市辖区| 县(?= )/g, ''),
    level: code.endsWith('0000')
      ? ('province' as const)
      : code.endsWith('00')
        ? ('prefecture' as const)
        : ('county' as const),
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

/** Divisions whose code starts with `q` or whose full name contains it (all of its words); provinces and prefectures first. */
export function searchDivisions(q: string, limit: number, code?: string): Division[] {
  if (code) return ALL.filter((d) => d.code === code);
  const s = q.trim();
  if (!s) return ALL.filter((d) => d.level === 'province').slice(0, limit);
  if (/^\d+$/.test(s)) return ALL.filter((d) => d.code.startsWith(s)).slice(0, limit);
  const words = s.split(/\s+/);
  const hits = ALL.filter((d) => words.every((w) => d.fullName.includes(w)));
  const rank = (d: Division) =>
    (d.name === s ? 0 : d.name.startsWith(s) ? 1 : 2) * 10 +
    (d.level === 'province' ? 0 : d.level === 'prefecture' ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code)).slice(0, limit);
}
