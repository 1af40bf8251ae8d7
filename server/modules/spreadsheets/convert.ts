// One spreadsheet row → the values of a new record, with field-level errors and warnings in zh-CN and en.
// The rules are the ones the entity APIs apply, taken from the same functions (core/validators, core/money,
// core/dates, reference/*): required fields, lengths, GB 32100 credit codes, phone numbers, GB/T 4754 industries,
// amount ranges, past dates from 2000 to tomorrow; only reading the cells (亿元, 2024年3月5日, short names) is ours.
import { createHash } from 'node:crypto';
import { errorBody, validationError } from '../../core/errors.js';
import { normalizeSearch } from '../../core/search.js';
import { normalizeMonth, pastDateProblem } from '../../core/dates.js';
import { areaProblem, MAX_AMOUNT, MAX_CAPITAL } from '../../core/money.js';
import { isPhone, isUSCC, isWebsite } from '../../core/validators.js';
import { divisionName } from '../../reference/divisions.js';
import { industryName } from '../../reference/industries.js';
import { fieldsOf, type Entity, type FieldDef } from './fields.js';
import type { ColumnMapping } from './headers.js';
import {
  CHANNEL_ZH,
  matchAgreement,
  matchChannel,
  matchCluster,
  matchIndustry,
  matchOwnership,
  matchPlace,
  matchStage,
  matchTiers,
  type StagePhrases,
  OWNERSHIP_ZH,
  TIER_ZH,
  type ClusterRef,
  type UnitResolver,
} from './lookups.js';
import { parseAmount, parseDate, parseDecimal2, toHalfWidth, type AmountUnit } from './values.js';

export interface Issue {
  field: string;
  code: string;
  zh: string;
  en: string;
}

const stdCache = new Map<string, { zh: string; en: string }>();
/** An issue with the entity APIs' own message for `code`, or a message of its own. */
export function issue(field: string, code: string, custom?: { zh: string; en: string }): Issue {
  if (custom) return { field, code, ...custom };
  let m = stdCache.get(code);
  if (!m) {
    m = {
      zh: errorBody(validationError([{ field, code }]), 'zh-CN').fields![0].message,
      en: errorBody(validationError([{ field, code }]), 'en').fields![0].message,
    };
    stdCache.set(code, m);
  }
  return { field, code, ...m };
}

export const STAGE_ZH: Record<string, { zh: string; en: string }> = {
  planning: { zh: '谋划', en: 'Planning' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册', en: 'Registered' },
  started: { zh: '开工', en: 'Started' },
  producing: { zh: '投产', en: 'Producing' },
  at_capacity: { zh: '达产', en: 'At capacity' },
  terminated: { zh: '终止', en: 'Terminated' },
};

export interface ImportPrincipal {
  userId: number;
  unitId: number;
  role: string;
  teamIds: number[];
}

export interface ConvertContext {
  entity: Entity;
  principal: ImportPrincipal;
  /** The caller sees everything (the bureau): it may file records under the unit the sheet names. */
  scopeAll: boolean;
  /** The caller's unit and the units below it. */
  scopeUnitIds: Set<number>;
  /** The units of the caller's city, preferred when a name is ambiguous. */
  homeUnitIds: Set<number>;
  /** Counties, districts, zones and parks. */
  countyUnits: UnitResolver;
  /** Any unit that keeps business records. */
  anyUnits: UnitResolver;
  clusters: ClusterRef[];
  usersByName: Map<string, { id: number; unitId: number }[]>;
  homeDivision: string;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  /** What people write for each project stage (the default table or the administrator's). */
  stages?: StagePhrases;
}

export interface ConvertedRow {
  values: Record<string, unknown>;
  labels: Record<string, string>;
  errors: Issue[];
  warnings: Issue[];
}

/** A message in both languages. */
export const say = (zh: string, en: string) => ({ zh, en });

/** Converts one field's cell text; puts the value in `fv`, its display in `labels`. */
function convertField(
  ctx: ConvertContext,
  def: FieldDef,
  text: string,
  unit: AmountUnit | null,
  out: ConvertedRow,
  fv: Record<string, unknown>,
) {
  const { key } = def;
  const err = (code: string, custom?: { zh: string; en: string }) => out.errors.push(issue(key, code, custom));
  const warn = (code: string, custom: { zh: string; en: string }) => out.warnings.push(issue(key, code, custom));
  switch (def.kind) {
    case 'text':
    case 'country':
    case 'user': {
      const s = def.max && def.max <= 200 ? text.replace(/\s*[\r\n]+\s*/g, ' ') : text;
      if (def.max && [...s].length > def.max)
        return err('too_long', say(`过长（最多${def.max}字）`, `is too long (at most ${def.max} characters)`));
      fv[key] = s;
      return;
    }
    case 'money': {
      const r = parseAmount(text, { headerUnit: unit, currency: def.currency });
      if (!r) return;
      if ('error' in r) {
        return r.error === 'currency'
          ? err(
              'invalid',
              def.currency === 'usd'
                ? say('此列为美元金额（万美元）', 'this column is in US dollars (万美元)')
                : say('此列为人民币金额（万元）', 'this column is in RMB (万元)'),
            )
          : err('invalid', say('不是有效的金额', 'is not an amount'));
      }
      const capital = def.limit === 'capital';
      const unitOf = def.currency === 'usd' ? '万美元' : '万元';
      if (r.cents < 0n || (capital ? r.cents >= MAX_CAPITAL : r.cents > MAX_AMOUNT)) {
        // The bound in words a clerk reads at once: 10⁸ 万元 is 1 万亿元, 10¹⁰ 万元 is 100 万亿元.
        return capital
          ? err(
              'capital_out_of_range',
              say(
                `须为不小于 0 且小于 100 万亿元的金额（此格按${r.unit}读作 ${r.value} ${unitOf}）`,
                `must be at least 0 and below 100 trillion (read as ${r.value} ${unitOf})`,
              ),
            )
          : err(
              'amount_out_of_range',
              say(
                `金额须不小于 0 且不超过 1 万亿${def.currency === 'usd' ? '美元' : '元'}（即 100,000,000 ${unitOf}；此格按${r.unit}读作 ${r.value} ${unitOf}）`,
                `must be at least 0 and at most 1 trillion (100,000,000 ${unitOf}; read as ${r.value} ${unitOf})`,
              ),
            );
      }
      fv[key] = r.value;
      const base = def.currency === 'usd' ? '万美元' : '万元';
      out.labels[key] = `${r.value}${base}`;
      if (r.unit !== base) out.labels[key] += `（${text.trim()}${/[元万亿]/.test(text) ? '' : r.unit}）`;
      if (r.rounded) warn('rounded', say(`已四舍五入到0.01${base}`, `rounded to 0.01 ${base}`));
      if (r.approximate)
        warn(
          'approximate',
          say(
            `“${text.trim()}”是约数，按${r.value}${base}导入`,
            `“${text.trim()}” is approximate; imported as ${r.value} ${base}`,
          ),
        );
      return;
    }
    case 'date':
    case 'pastDate':
    case 'month': {
      const r = parseDate(text);
      if (!r) return;
      if ('error' in r) {
        return r.error === 'no_such_date'
          ? err('invalid', say(`日期不存在：${text.trim()}`, `no such date: ${text.trim()}`))
          : err('invalid', say('不是有效日期，请写作 2024-03-05 或 2024年3月5日', 'is not a date; write 2024-03-05'));
      }
      if (def.kind === 'month') {
        const month = normalizeMonth(r.value);
        if (!month) return err('invalid');
        fv[key] = month;
        out.labels[key] = r.value.slice(0, 7);
        return;
      }
      if (def.kind === 'pastDate') {
        const problem = pastDateProblem(r.value, ctx.today);
        if (problem) return err(problem);
      }
      if (r.monthOnly) warn('month_only', say('只有年月，按当月1日导入', 'only a month; imported as its first day'));
      fv[key] = r.value;
      return;
    }
    case 'unit':
      fv[key] = text;
      return; // resolved with the owner, below
    case 'cluster': {
      const c = matchCluster(ctx.clusters, text);
      if (c === 'unknown' || c === 'ambiguous') {
        const names = ctx.clusters.map((x) => x.name).join('、');
        return err(
          'not_found',
          c === 'ambiguous'
            ? say(
                `“${text}”可指多个产业集群，请写全称（${names}）`,
                `“${text}” names several clusters; use the full name`,
              )
            : say(`未找到产业集群“${text}”（可选：${names}）`, `no cluster “${text}”`),
        );
      }
      fv.clusterId = c.id;
      out.labels[key] = c.name;
      return;
    }
    case 'stage': {
      const s = matchStage(text, ctx.stages);
      if (!s) {
        return err(
          'unknown_stage',
          say(
            `无法识别的项目阶段“${text.trim()}”：请写谋划、在谈、签约、注册、开工、投产、达产或终止（也可写“洽谈中”“已签约未开工”“正在建设”“已投产”等）`,
            `unknown stage “${text.trim()}”: write planning, negotiating, signed, registered, started, producing, at capacity or terminated`,
          ),
        );
      }
      fv[key] = s;
      out.labels[key] = STAGE_ZH[s].zh;
      return;
    }
    case 'uscc': {
      const u = toHalfWidth(text)
        .replace(/[\s-]+/g, '')
        .toUpperCase();
      if (!isUSCC(u))
        return err(
          'invalid',
          say(
            '不是有效的统一社会信用代码（18位，校验位不符）',
            'is not a valid unified social credit code (18 characters with a check character)',
          ),
        );
      fv[key] = u;
      return;
    }
    case 'phone': {
      const parts = toHalfWidth(text)
        .split(/[、,，;；/\s]+/)
        .map((p) => p.replace(/^\+?86-?/, '').trim())
        .filter(Boolean);
      const first = parts[0] ?? '';
      if (!isPhone(first)) return err('invalid', say('不是有效的电话号码', 'is not a valid phone number'));
      if (parts.length > 1)
        warn(
          'first_phone',
          say(`有多个号码，只导入第一个：${first}`, `several numbers; only the first is imported: ${first}`),
        );
      fv[key] = first;
      return;
    }
    case 'industry': {
      const c = matchIndustry(text);
      if (!c) return err('invalid', say('不是有效的国民经济行业代码（GB/T 4754）', 'is not a GB/T 4754 industry code'));
      fv[key] = c;
      out.labels[key] = `${c} ${industryName(c) ?? ''}`.trim();
      return;
    }
    case 'ownership': {
      const o = matchOwnership(text);
      if (!o)
        return err('invalid', say('无法识别的企业性质（央企、地方国企、民企、外企、港澳台企业）', 'unknown ownership'));
      fv[key] = o;
      out.labels[key] = OWNERSHIP_ZH[o];
      return;
    }
    case 'tiers': {
      const r = matchTiers(text);
      if (r.unknown.length)
        warn(
          'unknown_tags',
          say(`未识别的标签已忽略：${r.unknown.join('、')}`, `unknown tags ignored: ${r.unknown.join(', ')}`),
        );
      fv[key] = r.tiers;
      out.labels[key] = r.tiers.map((t) => TIER_ZH[t]).join('、');
      return;
    }
    case 'division': {
      const p = matchPlace(text);
      if (!p) return err('invalid', say(`未识别的地区“${text}”`, `unknown place “${text}”`));
      if ('country' in p) {
        fv.hqCountry = p.country;
        out.labels[key] = p.country;
      } else {
        fv[key] = p.division;
        out.labels[key] = divisionName(p.division) ?? p.division;
      }
      return;
    }
    case 'channel': {
      const c = matchChannel(text);
      if (!c) {
        warn(
          'unknown_channel',
          say(`未识别的来源渠道“${text}”，按“其他”导入`, `unknown source “${text}”; imported as other`),
        );
        fv[key] = 'other';
      } else fv[key] = c;
      out.labels[key] = CHANNEL_ZH[fv[key] as string];
      return;
    }
    case 'agreement': {
      const a = matchAgreement(text);
      if (!a)
        return err(
          'invalid',
          say('协议类型须为投资协议、框架协议或补充协议', 'must be an investment, framework or supplement agreement'),
        );
      fv[key] = a;
      out.labels[key] = { investment: '投资协议', framework: '框架协议', supplement: '补充协议' }[a]!;
      return;
    }
    case 'area': {
      const a = parseDecimal2(text);
      if (!a || areaProblem(a.value)) return err('invalid', say('不是有效的面积（亩）', 'is not an area in mu'));
      fv[key] = a.value;
      return;
    }
    case 'website': {
      if (!isWebsite(text.trim())) return err('invalid');
      fv[key] = text.trim();
      return;
    }
  }
}

export interface Owner {
  ownerUnitId: number;
  parkUnitId: number | null;
  teamId: number | null;
}

/** Where the record belongs: the caller's unit, or for the bureau (and teams) the unit the sheet names. */
export function resolveOwner(
  ctx: ConvertContext,
  text: string | undefined,
  field: string,
  resolver: UnitResolver,
  out: ConvertedRow,
): Owner {
  const p = ctx.principal;
  let teamId: number | null = null;
  if (p.role === 'team_member') {
    if (p.teamIds.length === 1) teamId = p.teamIds[0];
    else out.errors.push(issue('teamId', 'required'));
  }
  const own: Owner = { ownerUnitId: p.unitId, parkUnitId: null, teamId };
  if (!text) return own;
  const r = resolver.resolve(text, [ctx.scopeUnitIds, ctx.homeUnitIds]);
  if ('error' in r) {
    out.errors.push(
      issue(
        field,
        'not_found',
        r.error === 'ambiguous'
          ? say(
              `“${text}”可指多个单位（${(r.candidates ?? []).slice(0, 4).join('、')}），请写全称`,
              `“${text}” names several units; use the full name`,
            )
          : say(`未找到单位“${text}”`, `no unit “${text}”`),
      ),
    );
    return own;
  }
  const u = r.unit;
  out.labels[field] = u.name;
  const park = u.kind === 'park' ? u : null;
  if (ctx.scopeAll || p.role === 'team_member') {
    return { ownerUnitId: park ? (park.parentId ?? u.id) : u.id, parkUnitId: park?.id ?? null, teamId };
  }
  if (!ctx.scopeUnitIds.has(u.id)) {
    out.errors.push(
      issue(
        field,
        'not_in_scope',
        say(
          `“${u.name}”超出您的数据范围：只能导入本单位的数据`,
          `“${u.name}” is outside your data scope: import your own unit's records only`,
        ),
      ),
    );
    return own;
  }
  return { ownerUnitId: p.unitId, parkUnitId: park?.id ?? null, teamId };
}

/** The fields' values under `keys`, null where the row gives none. */
export const pick = (fv: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, fv[k] ?? null]));

/** What an entity's record rule gets: each mapped field converted (`fields`), the cells' text by field, the row so far. */
export interface RowRuleInput {
  ctx: ConvertContext;
  fields: Record<string, unknown>;
  text: Record<string, string>;
  mapping: ColumnMapping[];
  out: ConvertedRow;
}
/** An entity's own rules over a converted row: its owner, the values of the new record (out.values), cross-field checks. */
export type RowRule = (input: RowRuleInput) => void;
const rowRules = new Map<Entity, RowRule>();
/** Registers an entity's record rule (its module's profile does, through profiles.ts). */
export function registerRowRule(entity: Entity, rule: RowRule): void {
  rowRules.set(entity, rule);
}

/** Converts a row under a mapping: each mapped cell by its field's kind, then the record's owner and entity rules. */
export function convertRow(ctx: ConvertContext, mapping: ColumnMapping[], cells: string[]): ConvertedRow {
  const out: ConvertedRow = { values: {}, labels: {}, errors: [], warnings: [] };
  const text: Record<string, string> = {};
  const units: Record<string, AmountUnit | null> = {};
  for (const m of mapping) {
    if (!m.field) continue;
    text[m.field] = String(cells[m.col] ?? '').trim();
    units[m.field] = m.unit ?? null;
  }
  const fv: Record<string, unknown> = {};
  for (const def of fieldsOf(ctx.entity)) {
    const t = text[def.key] ?? '';
    if (!t) {
      if (def.required) out.errors.push(issue(def.key, 'required'));
      continue;
    }
    convertField(ctx, def, t, units[def.key] ?? null, out, fv);
  }

  const rule = rowRules.get(ctx.entity);
  if (!rule) throw new Error(`no sheet profile is registered for "${ctx.entity}"`);
  rule({ ctx, fields: fv, text, mapping, out });
  return out;
}

// ------------------------------------------------------------------------------------------------ identity of a row

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** The row's content, independent of the sheet's layout: the same record typed again hashes the same. */
export function contentHash(entity: Entity, values: Record<string, unknown>): string {
  return createHash('sha256').update(entity).update('\n').update(stable(values)).digest('hex');
}

export const norm = (s: unknown) => (typeof s === 'string' ? normalizeSearch(s) : '');
