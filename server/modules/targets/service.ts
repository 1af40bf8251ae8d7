// 目标清单 and progress: targets set by the bureau (audited, versioned), and progress computed from the project
// records under the counting rules, by unit or team and period, each figure with the records behind it.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { fmtMicro, toMicro } from '../../core/decimal.js';
import { resolveScope, type DataScope } from '../../core/scope.js';
import { listTeams, listUnits } from '../org/service.js';
import { readSetting, saveSetting } from '../settings/service.js';
import {
  COUNTY_KINDS,
  FX_KEY,
  INDICATOR_INFO,
  INDICATORS,
  TARGET_UNIT_KINDS,
  type Indicator,
  type UnitGroup,
} from './constants.js';
import {
  figureOf,
  periodOf,
  targetToDate,
  type Figure,
  type FxRule,
  type Period,
  type ProjectFacts,
} from './figures.js';
import * as repo from './repository.js';

export { parsePeriod, periodOf, type Figure, type Period } from './figures.js';

const TARGET_FIELDS = [
  'startYear',
  'endYear',
  'indicator',
  'ownerUnitId',
  'teamId',
  'annual',
  'quarters',
  'months',
  'note',
] as const;

export const listIndicators = () => INDICATORS.map((key) => ({ key, ...INDICATOR_INFO[key] }));

// ---------------------------------------------------------------------------------------------- targets

export interface TargetInput {
  startYear?: number;
  endYear?: number;
  indicator?: string;
  unitId?: number | null;
  teamId?: number | null;
  annual?: string;
  quarters?: string[] | null;
  months?: string[] | null;
  note?: string | null;
}

export async function listTargets(db: Db, ctx: AuthedContext, q: repo.TargetFilters) {
  const scope = await resolveScope(db, ctx.principal);
  return { items: await repo.findTargets(db, scope, q) };
}

function checkDecimal(field: string, value: string, integer: boolean, errors: FieldError[]): bigint | null {
  const v = toMicro(value);
  if (v === null || v < 0n || v > 10n ** 14n * 1_000_000n) {
    errors.push({ field, code: 'invalid' });
    return null;
  }
  if (v % 10_000n !== 0n) {
    errors.push({ field, code: 'invalid' });
    return null;
  } // two decimals at most
  if (integer && v % 1_000_000n !== 0n) {
    errors.push({ field, code: 'not_integer' });
    return null;
  }
  return v;
}

/** Checks a target as it would be after the change; returns the values to store. */
async function prepare(tx: Tx, input: TargetInput, before: repo.TargetValues | null): Promise<repo.TargetValues> {
  const errors: FieldError[] = [];
  const startYear = input.startYear ?? before?.startYear;
  const endYear = input.endYear ?? (input.startYear !== undefined && !before ? input.startYear : before?.endYear);
  if (startYear == null) errors.push({ field: 'startYear', code: 'required' });
  if (startYear != null && endYear != null && (endYear < startYear || endYear - startYear > 5))
    errors.push({ field: 'endYear', code: 'invalid' });
  const indicator = (input.indicator ?? before?.indicator) as Indicator | undefined;
  if (!indicator) errors.push({ field: 'indicator', code: 'required' });
  else if (!(INDICATORS as readonly string[]).includes(indicator))
    errors.push({ field: 'indicator', code: 'not_allowed' });
  const info = indicator && INDICATOR_INFO[indicator];
  const integer = info?.unit === 'count';

  // The subject: a unit (county, zone, department) or a team, which answers through its lead unit.
  let ownerUnitId = before?.ownerUnitId ?? null;
  let teamId = before?.teamId ?? null;
  if (input.teamId !== undefined || input.unitId !== undefined) {
    teamId = input.teamId ?? null;
    if (teamId != null) {
      const team = (await listTeams(tx)).find((t) => t.id === teamId);
      if (!team) errors.push({ field: 'teamId', code: 'not_found' });
      else if (!team.leadUnitId) errors.push({ field: 'teamId', code: 'invalid' });
      else ownerUnitId = team.leadUnitId;
    } else if (input.unitId == null) {
      errors.push({ field: 'unitId', code: 'required' });
    } else {
      const unit = (await listUnits(tx)).find((u) => u.id === input.unitId);
      if (!unit) errors.push({ field: 'unitId', code: 'not_found' });
      else if (!(TARGET_UNIT_KINDS as readonly string[]).includes(unit.kind))
        errors.push({ field: 'unitId', code: 'not_allowed' });
      else ownerUnitId = unit.id;
    }
  } else if (!before) errors.push({ field: 'unitId', code: 'required' });

  const annualText = input.annual ?? before?.annual;
  let annual: bigint | null = null;
  if (annualText == null) errors.push({ field: 'annual', code: 'required' });
  else annual = checkDecimal('annual', annualText, integer, errors);

  const multiYear = startYear != null && endYear != null && endYear > startYear;
  const quarters = input.quarters !== undefined ? input.quarters : (before?.quarters ?? null);
  let months = input.months !== undefined ? input.months : (before?.months ?? null);
  let outQuarters = quarters;
  const checkSplit = (field: 'quarters' | 'months', parts: string[] | null, n: number) => {
    if (parts == null) return;
    if (multiYear || info?.additive === false) {
      errors.push({ field, code: 'not_allowed' });
      return;
    }
    if (parts.length !== n) {
      errors.push({ field, code: 'invalid' });
      return;
    }
    let sum = 0n;
    for (const [i, p] of parts.entries()) {
      const v = checkDecimal(`${field}.${i}`, p, integer, errors);
      if (v === null) return;
      sum += v;
    }
    if (annual !== null && sum !== annual) errors.push({ field, code: 'split_mismatch' });
  };
  checkSplit('quarters', quarters, 4);
  checkSplit('months', months, 12);
  if (months && !quarters && !errors.length) {
    // The months decide the quarters.
    outQuarters = [0, 1, 2, 3].map((q) =>
      fmtMicro(months!.slice(q * 3, q * 3 + 3).reduce((s, m) => s + toMicro(m)!, 0n)),
    );
  }
  if (months && quarters && !errors.length) {
    for (let q = 0; q < 4; q++) {
      const sum = months.slice(q * 3, q * 3 + 3).reduce((s, m) => s + toMicro(m)!, 0n);
      if (sum !== toMicro(quarters[q])) {
        errors.push({ field: 'months', code: 'split_mismatch' });
        break;
      }
    }
  }
  if (errors.length) throw validationError(errors);
  const norm = (xs: string[] | null) => (xs ? xs.map((x) => fmtMicro(toMicro(x)!)) : null);
  months = norm(months);
  const v: repo.TargetValues = {
    startYear: startYear!,
    endYear: endYear!,
    indicator: indicator!,
    ownerUnitId: ownerUnitId!,
    teamId,
    annual: fmtMicro(annual!),
    quarters: norm(outQuarters),
    months,
    note: input.note !== undefined ? input.note?.trim() || null : (before?.note ?? null),
  };
  return v;
}

export async function createTarget(db: Db, ctx: AuthedContext, input: TargetInput) {
  const scope = await resolveScope(db, ctx.principal);
  const id = await db.transaction(async (tx) => {
    const v = await prepare(tx, input, null);
    if (await repo.subjectTaken(tx, v)) throw validationError([{ field: 'indicator', code: 'taken' }]);
    const newId = await repo.insertTarget(tx, { ...v, createdBy: ctx.principal.userId });
    await writeAudit(tx, ctx, {
      action: 'target.create',
      targetType: 'target',
      targetId: newId,
      targetLabel: `${v.startYear}-${v.endYear} ${v.indicator}`,
      changes: diffFields(null, v as unknown as Record<string, unknown>, TARGET_FIELDS),
    });
    return newId;
  });
  return (await repo.findTarget(db, scope, id))!;
}

export async function updateTarget(db: Db, ctx: AuthedContext, id: number, version: number, input: TargetInput) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.findTarget(tx, scope, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    const v = await prepare(tx, input, before);
    if (await repo.subjectTaken(tx, v, id)) throw validationError([{ field: 'indicator', code: 'taken' }]);
    if (!(await repo.updateTargetAt(tx, id, version, v))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'target.update',
      targetType: 'target',
      targetId: id,
      targetLabel: `${v.startYear}-${v.endYear} ${v.indicator}`,
      changes: diffFields(
        before as unknown as Record<string, unknown>,
        v as unknown as Record<string, unknown>,
        TARGET_FIELDS,
      ),
    });
  });
  return (await repo.findTarget(db, scope, id))!;
}

export async function withdrawTarget(db: Db, ctx: AuthedContext, id: number, version: number) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.findTarget(tx, scope, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    if (!(await repo.withdrawTargetAt(tx, id, version))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'target.withdraw',
      targetType: 'target',
      targetId: id,
      targetLabel: `${before.startYear}-${before.endYear} ${before.indicator}`,
      changes: diffFields(before as unknown as Record<string, unknown>, null, TARGET_FIELDS),
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------- conversion rule

/** Shipped default: 7.10 万元 per 万美元 from 2000; the bureau sets the rate and the date it applies from. */
export const DEFAULT_FX: FxRule[] = [{ from: '2000-01-01', rate: '7.1000' }];

export async function getFxRules(tx: Tx) {
  const row = await readSetting(tx, FX_KEY);
  return { rules: (row?.value as { rules?: FxRule[] } | undefined)?.rules ?? DEFAULT_FX, version: row?.version ?? 0 };
}

export async function updateFxRules(db: Db, ctx: AuthedContext, rules: FxRule[], version: number) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const clean = rules.map((r, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.from) || Number.isNaN(Date.parse(r.from)))
      errors.push({ field: `rules.${i}.from`, code: 'invalid' });
    else if (seen.has(r.from)) errors.push({ field: `rules.${i}.from`, code: 'taken' });
    seen.add(r.from);
    const rate = toMicro(r.rate);
    if (rate === null || rate <= 0n || rate > 100_000_000n) errors.push({ field: `rules.${i}.rate`, code: 'invalid' });
    return { from: r.from, rate: rate === null ? r.rate : fmtMicro(rate, 4) };
  });
  if (!clean.length) errors.push({ field: 'rules', code: 'required' });
  if (errors.length) throw validationError(errors);
  return db.transaction(async (tx) => {
    const before = await getFxRules(tx);
    await saveSetting(tx, FX_KEY, { rules: clean }, version);
    await writeAudit(tx, ctx, {
      action: 'fx_conversion.update',
      targetType: 'setting',
      targetId: FX_KEY,
      changes: diffFields({ rules: before.rules }, { rules: clean }, ['rules']),
    });
    return { rules: clean, version: version + 1 };
  });
}

// ---------------------------------------------------------------------------------------------- progress

export interface Subject {
  id: number;
  name: string;
  kind: 'unit' | 'team';
  sort: number;
}

/** The subjects of a group (within the scope when given), and which subject each project counts for. */
async function subjectsOf(tx: Tx, group: UnitGroup, scope: DataScope | null) {
  if (group === 'teams') {
    const teams = await listTeams(tx);
    const visible = teams.filter(
      (t) => !scope || scope.kind === 'all' || (scope.kind === 'limited' && scope.teamIds.includes(t.id)),
    );
    return {
      subjects: visible.map((t, i): Subject => ({ id: t.id, name: t.name, kind: 'team', sort: i })),
      subjectOf: (f: ProjectFacts) => f.teamId,
    };
  }
  const units = await listUnits(tx);
  const byId = new Map(units.map((u) => [u.id, u]));
  const county = (id: number | null): number | null => {
    for (let u = id == null ? undefined : byId.get(id); u; u = u.parentId == null ? undefined : byId.get(u.parentId)) {
      if ((COUNTY_KINDS as readonly string[]).includes(u.kind)) return u.id;
    }
    return null;
  };
  const visible = units.filter(
    (u) =>
      (COUNTY_KINDS as readonly string[]).includes(u.kind) &&
      u.active &&
      (!scope || scope.kind === 'all' || (scope.kind === 'limited' && scope.unitIds.includes(u.id))),
  );
  return {
    subjects: visible.map((u): Subject => ({ id: u.id, name: u.shortName ?? u.name, kind: 'unit', sort: u.sort })),
    subjectOf: (f: ProjectFacts) => f.countyUnitId,
    county,
  };
}

/** The units or teams assessed together in a group. */
export async function groupSubjects(tx: Tx, group: UnitGroup) {
  return (await subjectsOf(tx, group, null)).subjects;
}

const factsOf = (rows: repo.RawFacts[], county?: (id: number) => number | null): ProjectFacts[] =>
  rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    ownerUnitId: Number(r.owner_unit_id),
    countyUnitId: county ? county(Number(r.owner_unit_id)) : null,
    teamId: r.team_id == null ? null : Number(r.team_id),
    signedOn: r.signed_on,
    startedOn: r.started_on,
    producedOn: r.produced_on,
    terminatedOn: r.terminated_on,
    amount: r.amount,
    foreignCapital: r.foreign_capital,
    flags: r.flags ?? [],
    plannedStartMonth: r.planned_start_month,
    fundsInPlace: r.funds,
  }));

export interface GroupFigures {
  period: Period;
  subjects: Subject[];
  figures: Map<number, Record<Indicator, Figure>>;
  fx: FxRule[];
}

/**
 * Every indicator's figure for every subject of the group. `scope` limits the records read (a county's own
 * figures); the assessment run reads with the whole city's scope, since a ranking compares every unit.
 */
export async function groupFigures(
  tx: Tx,
  scope: DataScope,
  group: UnitGroup,
  period: Period,
  indicators: readonly Indicator[] = INDICATORS,
) {
  const { subjects, subjectOf, county } = await subjectsOf(tx, group, scope.kind === 'all' ? null : scope);
  const fx = (await getFxRules(tx)).rules;
  const facts = factsOf(await repo.countedProjectFacts(tx, scope, period.year, period.month, period.to), county);
  const bySubject = new Map<number, ProjectFacts[]>(subjects.map((s) => [s.id, []]));
  for (const f of facts) {
    const s = subjectOf(f);
    if (s != null) bySubject.get(s)?.push(f);
  }
  const figures = new Map<number, Record<Indicator, Figure>>();
  for (const s of subjects) {
    const own = bySubject.get(s.id)!;
    figures.set(
      s.id,
      Object.fromEntries(indicators.map((i) => [i, figureOf(i, own, period, fx)])) as Record<Indicator, Figure>,
    );
  }
  return { period, subjects, figures, fx } satisfies GroupFigures;
}

/** The targets accrued through the period's month, by subject and indicator (yearly targets of the period's year). */
export async function targetsToDate(tx: Tx, scope: DataScope, group: UnitGroup, period: Period) {
  const rows = await repo.findTargets(tx, scope, { year: period.year, multiYear: false });
  const out = new Map<number, Partial<Record<Indicator, { annual: string; toDate: string; targetId: number }>>>();
  for (const t of rows) {
    const subject = group === 'teams' ? t.teamId : t.teamId == null ? t.ownerUnitId : null;
    if (subject == null) continue;
    const info = INDICATOR_INFO[t.indicator as Indicator];
    if (!info) continue;
    const m = out.get(subject) ?? {};
    m[t.indicator as Indicator] = {
      annual: t.annual,
      toDate: targetToDate(t, period.month, info.additive),
      targetId: t.id,
    };
    out.set(subject, m);
  }
  return out;
}

export async function progress(db: Db, ctx: AuthedContext, q: { year: number; month: number; group: UnitGroup }) {
  const scope = await resolveScope(db, ctx.principal);
  const period = periodOf(q.year, q.month);
  const g = await groupFigures(db, scope, q.group, period);
  const t = await targetsToDate(db, scope, q.group, period);
  return {
    period: `${q.year}-${String(q.month).padStart(2, '0')}`,
    from: period.from,
    to: period.to,
    fx: g.fx,
    indicators: listIndicators(),
    rows: g.subjects.map((s) => ({
      subjectId: s.id,
      subjectName: s.name,
      kind: s.kind,
      figures: INDICATORS.map((i) => {
        const f = g.figures.get(s.id)![i];
        const target = t.get(s.id)?.[i];
        return {
          indicator: i,
          value: f.value,
          recordCount: f.recordIds.length,
          numerator: f.numerator ?? null,
          base: f.base ?? null,
          targetAnnual: target?.annual ?? null,
          targetToDate: target?.toDate ?? null,
        };
      }),
    })),
  };
}

/** Progress against multi-year cumulative goals: actual from the goal's first year through the period. */
export async function cumulativeProgress(db: Db, ctx: AuthedContext, q: { year: number; month: number }) {
  const scope = await resolveScope(db, ctx.principal);
  const goals = await repo.findTargets(db, scope, { year: q.year, multiYear: true });
  const fx = (await getFxRules(db)).rules;
  const units = await listUnits(db);
  const subtree = (root: number) => {
    const ids = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const u of units)
        if (u.parentId != null && ids.has(u.parentId) && !ids.has(u.id)) {
          ids.add(u.id);
          grew = true;
        }
    }
    return ids;
  };
  const items = [];
  for (const g of goals) {
    const to = periodOf(q.year, q.month).to;
    const facts = factsOf(await repo.countedProjectFacts(db, scope, q.year, q.month, to, g.startYear));
    const mine =
      g.teamId != null
        ? facts.filter((f) => f.teamId === g.teamId)
        : (() => {
            const s = subtree(g.ownerUnitId);
            return facts.filter((f) => s.has(f.ownerUnitId));
          })();
    const f = figureOf(
      g.indicator as Indicator,
      mine,
      { year: q.year, month: q.month, from: `${g.startYear}-01-01`, to },
      fx,
    );
    items.push({ ...g, actual: f.value, recordIds: f.recordIds });
  }
  return { items };
}

/** The records behind one figure: the projects, with the dates and amounts the figure used. */
export async function figureRecords(
  db: Db,
  ctx: AuthedContext,
  q: { year: number; month: number; group: UnitGroup; subjectId: number; indicator: Indicator },
) {
  const scope = await resolveScope(db, ctx.principal);
  const period = periodOf(q.year, q.month);
  const { subjects, subjectOf, county } = await subjectsOf(db, q.group, scope.kind === 'all' ? null : scope);
  if (!subjects.some((s) => s.id === q.subjectId)) throw new AppError('NOT_FOUND');
  const fx = (await getFxRules(db)).rules;
  const facts = factsOf(await repo.countedProjectFacts(db, scope, q.year, q.month, period.to), county).filter(
    (f) => subjectOf(f) === q.subjectId,
  );
  const fig = figureOf(q.indicator, facts, period, fx);
  const ids = new Set(fig.recordIds);
  return {
    indicator: q.indicator,
    value: fig.value,
    numerator: fig.numerator ?? null,
    base: fig.base ?? null,
    items: facts
      .filter((f) => ids.has(f.id))
      .map((f) => ({
        id: f.id,
        name: f.name,
        ownerUnitId: f.ownerUnitId,
        signedOn: f.signedOn,
        startedOn: f.startedOn,
        producedOn: f.producedOn,
        amount: f.amount,
        foreignCapital: f.foreignCapital,
        fundsInPlace: f.fundsInPlace,
        flags: f.flags,
        plannedStartMonth: f.plannedStartMonth,
      })),
  };
}
