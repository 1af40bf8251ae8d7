// 考核: schemes per year and unit group, reviewer scores with evidence, and monthly runs that freeze every figure,
// score, formula and record id under a seal chained to the previous run; rankings, flags and summons come from
// the frozen run only, so that later edits of the records never change a published verdict.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { fmtMicro, toMicro } from '../../core/decimal.js';
import { resolveScope, type DataScope } from '../../core/scope.js';
import { INDICATORS, UNIT_GROUPS, type Indicator, type UnitGroup } from '../targets/constants.js';
import { groupFigures, groupSubjects, parsePeriod, targetsToDate } from '../targets/service.js';
import { DEFAULT_RULES, METHODS, SCHEME_STATUSES, type SchemeItem, type SchemeRules } from './constants.js';
import { buildBulletinDocx, buildBulletinXlsx, bulletinTitle, type BulletinOptions } from './bulletin.js';
import { contentDisposition } from '../files/service.js';
import * as repo from './repository.js';
import { scoreRun, sealOf, type History, type SubjectInput, type UnitResult } from './scoring.js';

// ---------------------------------------------------------------------------------------------- schemes

export interface SchemeInput {
  year?: number;
  unitGroup?: string;
  name?: string;
  status?: string;
  items?: SchemeItem[];
  rules?: Partial<SchemeRules>;
}
const SCHEME_FIELDS = ['year', 'unitGroup', 'name', 'status', 'items', 'rules'] as const;

function checkItems(items: SchemeItem[], errors: FieldError[]) {
  const keys = new Set<string>();
  let weights = 0n;
  for (const [i, it] of items.entries()) {
    const f = (k: string) => `items.${i}.${k}`;
    if (!/^[a-z0-9_]{1,40}$/.test(it.key ?? '')) errors.push({ field: f('key'), code: 'invalid' });
    else if (keys.has(it.key)) errors.push({ field: f('key'), code: 'taken' });
    keys.add(it.key);
    if (!it.label?.trim()) errors.push({ field: f('label'), code: 'required' });
    if (!it.section?.trim()) errors.push({ field: f('section'), code: 'required' });
    if (!(METHODS as readonly string[]).includes(it.method)) {
      errors.push({ field: f('method'), code: 'not_allowed' });
      continue;
    }
    if (it.method !== 'reviewer' && !(INDICATORS as readonly string[]).includes(it.indicator ?? ''))
      errors.push({ field: f('indicator'), code: 'not_allowed' });
    const w = toMicro(it.weight);
    if (w === null || w < 0n || w > 100_000_000n) errors.push({ field: f('weight'), code: 'invalid' });
    else if (['ratio', 'efficacy', 'reviewer'].includes(it.method)) weights += w;
    if (it.method === 'ratio') {
      const c = toMicro(it.capRatio ?? '1');
      if (c === null || c < 1_000_000n || c > 5_000_000n) errors.push({ field: f('capRatio'), code: 'invalid' });
    }
    if (it.method === 'deduction' || it.method === 'bonus') {
      for (const k of ['perItem', 'cap'] as const) {
        const v = toMicro(it[k]);
        if (v === null || v < 0n) errors.push({ field: f(k), code: 'invalid' });
      }
    }
  }
  if (items.length && weights !== 100_000_000n) errors.push({ field: 'items', code: 'weights_sum' });
}

function cleanItems(items: SchemeItem[]): SchemeItem[] {
  return items.map((it) => ({
    key: it.key,
    section: it.section.trim(),
    label: it.label.trim(),
    method: it.method,
    ...(it.method !== 'reviewer' ? { indicator: it.indicator } : {}),
    weight: fmtMicro(toMicro(it.weight)!),
    ...(it.method === 'ratio' ? { capRatio: fmtMicro(toMicro(it.capRatio ?? '1')!) } : {}),
    ...(it.method === 'deduction' || it.method === 'bonus'
      ? { perItem: fmtMicro(toMicro(it.perItem)!), cap: fmtMicro(toMicro(it.cap)!) }
      : {}),
  }));
}

function checkRules(r: SchemeRules, errors: FieldError[]): SchemeRules {
  for (const k of ['flagPlaces', 'summonsPlaces', 'redMonths'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0 || r[k] > 50) errors.push({ field: `rules.${k}`, code: 'invalid' });
  }
  const red = toMicro(r.redLine);
  if (red === null || red < 0n || red > 200_000_000n) errors.push({ field: 'rules.redLine', code: 'invalid' });
  return {
    flagPlaces: r.flagPlaces,
    summonsPlaces: r.summonsPlaces,
    redMonths: r.redMonths,
    redLine: red === null ? r.redLine : fmtMicro(red),
  };
}

/** A scheme row with its documents typed. */
const shapeScheme = (row: repo.SchemeRow) => ({
  ...row,
  items: row.items as SchemeItem[],
  rules: row.rules as SchemeRules,
});

export const listSchemes = async (db: Tx, year?: number) => ({
  items: (await repo.listSchemes(db, year)).map(shapeScheme),
});

export async function getScheme(db: Tx, id: number) {
  const row = await repo.findScheme(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return shapeScheme(row);
}

export async function createScheme(db: Db, ctx: AuthedContext, input: SchemeInput) {
  return db.transaction(async (tx) => {
    const errors: FieldError[] = [];
    if (!input.year) errors.push({ field: 'year', code: 'required' });
    if (!(UNIT_GROUPS as readonly string[]).includes(input.unitGroup ?? ''))
      errors.push({ field: 'unitGroup', code: 'not_allowed' });
    if (!input.name?.trim()) errors.push({ field: 'name', code: 'required' });
    const items = input.items ?? [];
    checkItems(items, errors);
    const rules = checkRules({ ...DEFAULT_RULES, ...input.rules }, errors);
    if (!errors.length && (await repo.schemeTaken(tx, input.year!, input.unitGroup!)))
      errors.push({ field: 'unitGroup', code: 'taken' });
    if (input.status === 'published' && !items.length) errors.push({ field: 'items', code: 'required' });
    if (errors.length) throw validationError(errors);
    const v: repo.SchemeValues = {
      year: input.year!,
      unitGroup: input.unitGroup!,
      name: input.name!.trim(),
      status: (SCHEME_STATUSES as readonly string[]).includes(input.status ?? '') ? input.status! : 'draft',
      items: cleanItems(items),
      rules,
    };
    const row = await repo.insertScheme(tx, {
      ...v,
      ownerUnitId: ctx.principal.unitId,
      createdBy: ctx.principal.userId,
    });
    await repo.insertSchemeVersion(tx, row, ctx.principal.userId);
    await writeAudit(tx, ctx, {
      action: 'assessment_scheme.create',
      targetType: 'assessment_scheme',
      targetId: row.id,
      targetLabel: row.name,
      changes: diffFields(null, v as unknown as Record<string, unknown>, SCHEME_FIELDS),
    });
    return shapeScheme(row);
  });
}

export async function updateScheme(db: Db, ctx: AuthedContext, id: number, version: number, input: SchemeInput) {
  return db.transaction(async (tx) => {
    const before = await repo.findScheme(tx, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    const errors: FieldError[] = [];
    const items = input.items ?? (before.items as SchemeItem[]);
    if (input.items) checkItems(items, errors);
    const rules = checkRules({ ...(before.rules as SchemeRules), ...input.rules }, errors);
    if (input.name !== undefined && !input.name.trim()) errors.push({ field: 'name', code: 'required' });
    if (input.status !== undefined && !(SCHEME_STATUSES as readonly string[]).includes(input.status))
      errors.push({ field: 'status', code: 'not_allowed' });
    if (input.status === 'published' && !items.length) errors.push({ field: 'items', code: 'required' });
    if (errors.length) throw validationError(errors);
    const v: Partial<repo.SchemeValues> = {
      name: input.name?.trim() ?? before.name,
      status: input.status ?? before.status,
      items: input.items ? cleanItems(items) : before.items,
      rules,
    };
    const row = await repo.updateSchemeAt(tx, id, version, v);
    if (!row) throw new AppError('VERSION_CONFLICT');
    await repo.insertSchemeVersion(tx, row, ctx.principal.userId);
    await writeAudit(tx, ctx, {
      action:
        before.status !== row.status && row.status !== 'draft'
          ? `assessment_scheme.${row.status === 'published' ? 'publish' : 'consult'}`
          : 'assessment_scheme.update',
      targetType: 'assessment_scheme',
      targetId: id,
      targetLabel: row.name,
      changes: diffFields(
        before as unknown as Record<string, unknown>,
        row as unknown as Record<string, unknown>,
        SCHEME_FIELDS,
      ),
    });
    return shapeScheme(row);
  });
}

// ---------------------------------------------------------------------------------------------- versions and comments

/** Every saved version of a scheme, newest first, and the units' comments on each. */
export async function schemeHistory(db: Db, id: number) {
  if (!(await repo.findScheme(db, id))) throw new AppError('NOT_FOUND');
  const [versions, comments] = [await repo.schemeVersions(db, id), await repo.schemeComments(db, id)];
  return {
    versions: versions.map((v) => ({ ...v, items: v.items as SchemeItem[], rules: v.rules as SchemeRules })),
    comments,
  };
}

/** 征求意见: a unit comments on the version in consultation; a scheme in draft or published takes no comments. */
export async function commentOnScheme(db: Db, ctx: AuthedContext, id: number, text: string) {
  return db.transaction(async (tx) => {
    const scheme = await repo.findScheme(tx, id);
    if (!scheme) throw new AppError('NOT_FOUND');
    if (scheme.status !== 'consultation') throw new AppError('SCHEME_NOT_IN_CONSULTATION');
    if (!text.trim()) throw validationError([{ field: 'text', code: 'required' }]);
    const row = await repo.insertSchemeComment(tx, {
      schemeId: id,
      version: scheme.version,
      unitId: ctx.principal.unitId,
      authorId: ctx.principal.userId,
      text: text.trim(),
    });
    await writeAudit(tx, ctx, {
      action: 'assessment_scheme.comment',
      targetType: 'assessment_scheme',
      targetId: id,
      targetLabel: scheme.name,
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------- reviewer scores

export async function listReviews(db: Db, schemeId: number, period: string) {
  return { items: await repo.reviewsOf(db, schemeId, period) };
}

export async function putReview(
  db: Db,
  ctx: AuthedContext,
  input: {
    schemeId: number;
    itemKey: string;
    unitId: number;
    period: string;
    score: string;
    evidence: string;
    version?: number;
  },
) {
  return db.transaction(async (tx) => {
    const scheme = await repo.findScheme(tx, input.schemeId);
    if (!scheme) throw new AppError('NOT_FOUND');
    const errors: FieldError[] = [];
    const item = (scheme.items as SchemeItem[]).find((i) => i.key === input.itemKey);
    if (item?.method !== 'reviewer') errors.push({ field: 'itemKey', code: 'not_allowed' });
    const p = parsePeriod(input.period);
    if (!p || p.year !== scheme.year) errors.push({ field: 'period', code: 'invalid' });
    const score = toMicro(input.score);
    if (score === null || score < 0n || score % 10_000n !== 0n) errors.push({ field: 'score', code: 'invalid' });
    else if (item && score > toMicro(item.weight)!) errors.push({ field: 'score', code: 'score_above_weight' });
    if (!input.evidence?.trim()) errors.push({ field: 'evidence', code: 'required' });
    const subjects = await groupSubjects(tx, scheme.unitGroup as UnitGroup);
    if (!subjects.some((s) => s.id === input.unitId)) errors.push({ field: 'unitId', code: 'not_allowed' });
    if (errors.length) throw validationError(errors);
    const v = { score: fmtMicro(score!), evidence: input.evidence.trim(), reviewerId: ctx.principal.userId };
    const key = { schemeId: input.schemeId, itemKey: input.itemKey, unitId: input.unitId, period: input.period };
    const before = await repo.findReview(tx, key);
    let row: Awaited<ReturnType<typeof repo.insertReview>>;
    if (!before) {
      if (input.version) throw new AppError('VERSION_CONFLICT');
      row = await repo.insertReview(tx, { ...key, ...v });
      if (!row) throw new AppError('VERSION_CONFLICT');
    } else {
      if (input.version == null) throw new AppError('VERSION_CONFLICT');
      row = await repo.updateReviewAt(tx, before.id, input.version, v);
      if (!row) throw new AppError('VERSION_CONFLICT');
    }
    await writeAudit(tx, ctx, {
      action: 'assessment_review.save',
      targetType: 'assessment_review',
      targetId: row.id,
      targetLabel: `${input.period} ${input.itemKey} unit ${input.unitId}`,
      changes: diffFields(before ?? null, row, ['score', 'evidence']),
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------- runs

export interface RunDocument {
  year: number;
  month: number;
  from: string;
  to: string;
  unitGroup: string;
  fx: { from: string; rate: string }[];
  units: UnitResult[];
}

async function historyOf(tx: Tx, schemeId: number, period: string, rules: SchemeRules): Promise<History> {
  const past = await repo.lastRunsBefore(tx, schemeId, period, Math.max(rules.redMonths - 1, 1));
  const prevRank = new Map<number, number>();
  for (const u of (past[0]?.results as RunDocument | undefined)?.units ?? []) prevRank.set(u.subjectId, u.rank);
  const redStreak = new Map<number, number>();
  const subjects = new Set(past.flatMap((r) => (r.results as RunDocument).units.map((u) => u.subjectId)));
  for (const id of subjects) {
    let n = 0;
    for (const r of past.slice(0, Math.max(rules.redMonths - 1, 0))) {
      if ((r.results as RunDocument).units.find((u) => u.subjectId === id)?.red) n++;
      else break;
    }
    redStreak.set(id, n);
  }
  return { prevRank, redStreak };
}

export async function createRun(
  db: Db,
  ctx: AuthedContext,
  input: { schemeId: number; period: string; rerun?: boolean; reason?: string | null },
) {
  const p = parsePeriod(input.period);
  if (!p) throw validationError([{ field: 'period', code: 'invalid' }]);
  const id = await db.transaction(async (tx) => {
    const scheme = await repo.findScheme(tx, input.schemeId, true);
    if (!scheme) throw new AppError('NOT_FOUND');
    if (scheme.status !== 'published') throw new AppError('SCHEME_NOT_PUBLISHED');
    if (p.year !== scheme.year) throw validationError([{ field: 'period', code: 'not_allowed' }]);
    const latest = await repo.latestRun(tx, scheme.id);
    const seq = (await repo.seqFor(tx, scheme.id, input.period)) + 1;
    if (seq > 1 && !input.rerun) throw new AppError('RUN_EXISTS');
    const reason = input.reason?.trim() || null;
    if (seq > 1 && !reason) throw validationError([{ field: 'reason', code: 'reason_required' }]);

    // The whole city's records: a ranking compares every unit of the group.
    const all: DataScope = { kind: 'all' };
    const group = scheme.unitGroup as UnitGroup;
    const items = scheme.items as SchemeItem[];
    const rules = scheme.rules as SchemeRules;
    const used = [...new Set(items.map((i) => i.indicator).filter((x): x is Indicator => !!x))];
    const g = await groupFigures(tx, all, group, p, used);
    const t = await targetsToDate(tx, all, group, p);
    const reviews = await repo.reviewsOf(tx, scheme.id, input.period);
    const subjects: SubjectInput[] = g.subjects.map((s) => ({
      subjectId: s.id,
      name: s.name,
      figures: Object.fromEntries(used.map((i) => [i, g.figures.get(s.id)![i]])),
      targets: Object.fromEntries(used.map((i) => [i, t.get(s.id)?.[i]?.toDate])),
      reviews: Object.fromEntries(
        reviews.filter((r) => r.unitId === s.id).map((r) => [r.itemKey, { score: r.score, evidence: r.evidence }]),
      ),
    }));
    const units = scoreRun(items, rules, subjects, await historyOf(tx, scheme.id, input.period, rules));
    const results: RunDocument = {
      year: p.year,
      month: p.month,
      from: p.from,
      to: p.to,
      unitGroup: group,
      fx: g.fx,
      units,
    };
    const frozenScheme = {
      name: scheme.name,
      year: scheme.year,
      unitGroup: scheme.unitGroup,
      version: scheme.version,
      items,
      rules,
    };
    // Through JSON once, so that what is sealed is exactly what jsonb stores and gives back.
    const sealed = JSON.parse(JSON.stringify({ scheme: frozenScheme, results }));
    const prevHash = latest?.hash ?? null;
    const hash = sealOf({
      schemeId: scheme.id,
      period: input.period,
      seq,
      scheme: sealed.scheme,
      results: sealed.results,
      prevHash,
    });
    const runId = await repo.insertRun(tx, {
      schemeId: scheme.id,
      period: input.period,
      seq,
      reason,
      scheme: sealed.scheme,
      results: sealed.results,
      prevHash,
      hash,
      createdBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: seq > 1 ? 'assessment_run.rerun' : 'assessment_run.create',
      targetType: 'assessment_run',
      targetId: runId,
      targetLabel: `${scheme.name} ${input.period} #${seq}`,
      detail: reason ?? undefined,
    });
    return runId;
  });
  return getRun(db, ctx, id);
}

export async function listRuns(db: Db, schemeId?: number) {
  return { items: await repo.listRuns(db, schemeId) };
}

/** A run as stored, with its seal checked: a change made outside the application shows as tampered. */
async function loadRun(tx: Tx, id: number) {
  const found = await repo.findRun(tx, id);
  if (!found) throw new AppError('NOT_FOUND');
  const run = found.run;
  const before = await repo.runBefore(tx, run);
  const intact = sealOf(run) === run.hash && (run.prevHash ?? null) === (before?.hash ?? null);
  return { run, createdByName: found.createdByName, intact };
}

/**
 * What the caller may see of a run: the bureau and city leaders everything; a county or team its own rows in
 * full, and the others' ranks and totals only when the bureau published the ranking.
 */
function visibleUnits(scope: DataScope, group: string, run: repo.RunRow) {
  const units = (run.results as RunDocument).units;
  if (scope.kind === 'all') return units;
  const own = (u: UnitResult) =>
    scope.kind === 'limited' && (group === 'teams' ? scope.teamIds : scope.unitIds).includes(u.subjectId);
  return units.flatMap((u) =>
    own(u)
      ? [u]
      : run.publishLevel === 'ranking'
        ? [{ ...u, items: [], red: false, summoned: false, summonsReason: null }]
        : [],
  );
}

export async function getRun(db: Db, ctx: AuthedContext, id: number) {
  const scope = await resolveScope(db, ctx.principal);
  const { run, createdByName, intact } = await loadRun(db, id);
  const doc = run.results as RunDocument;
  const units = visibleUnits(scope, doc.unitGroup, run);
  if (scope.kind !== 'all' && !units.length) throw new AppError('NOT_FOUND');
  return {
    id: run.id,
    schemeId: run.schemeId,
    period: run.period,
    seq: run.seq,
    reason: run.reason,
    hash: run.hash,
    prevHash: run.prevHash,
    integrity: intact ? 'ok' : 'tampered',
    publishLevel: run.publishLevel,
    createdBy: run.createdBy,
    createdByName,
    createdAt: run.createdAt,
    scheme: run.scheme as { name: string; year: number; unitGroup: string; items: SchemeItem[]; rules: SchemeRules },
    from: doc.from,
    to: doc.to,
    fx: doc.fx,
    units,
  };
}

/** The records behind one frozen score: the ids the run froze, with the projects' names as the caller may see them. */
export async function runRecords(db: Db, ctx: AuthedContext, id: number, subjectId: number, itemKey: string) {
  const run = await getRun(db, ctx, id);
  const unit = run.units.find((u) => u.subjectId === subjectId);
  const item = unit?.items.find((i) => i.key === itemKey);
  if (!unit || !item) throw new AppError('NOT_FOUND');
  const scope = await resolveScope(db, ctx.principal);
  return { subjectId, name: unit.name, item, items: await repo.projectsByIds(db, scope, item.recordIds) };
}

export async function publishRun(db: Db, ctx: AuthedContext, id: number, level: 'none' | 'ranking') {
  await db.transaction(async (tx) => {
    const found = await repo.findRun(tx, id);
    if (!found) throw new AppError('NOT_FOUND');
    await repo.setPublishLevel(tx, id, level);
    await writeAudit(tx, ctx, {
      action: 'assessment_run.publish',
      targetType: 'assessment_run',
      targetId: id,
      changes: diffFields({ publishLevel: found.run.publishLevel }, { publishLevel: level }, ['publishLevel']),
    });
  });
  return getRun(db, ctx, id);
}

/** Two runs side by side: each unit's total and rank in both, and the items whose score changed. */
export async function compareRuns(db: Db, ctx: AuthedContext, a: number, b: number) {
  const [ra, rb] = [await getRun(db, ctx, a), await getRun(db, ctx, b)];
  const ids = [...new Set([...ra.units, ...rb.units].map((u) => u.subjectId))];
  return {
    a: { id: ra.id, period: ra.period, seq: ra.seq, integrity: ra.integrity },
    b: { id: rb.id, period: rb.period, seq: rb.seq, integrity: rb.integrity },
    units: ids.map((id) => {
      const [x, y] = [ra.units.find((u) => u.subjectId === id), rb.units.find((u) => u.subjectId === id)];
      const changed = (y?.items ?? [])
        .filter((it) => x?.items.find((o) => o.key === it.key)?.score !== it.score)
        .map((it) => ({ key: it.key, a: x?.items.find((o) => o.key === it.key)?.score ?? null, b: it.score }));
      return {
        subjectId: id,
        name: (x ?? y)!.name,
        totalA: x?.total ?? null,
        totalB: y?.total ?? null,
        rankA: x?.rank ?? null,
        rankB: y?.rank ?? null,
        changedItems: changed,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------- bulletins

/** A bulletin is made from a frozen, intact run, by the bureau; its figures are the run's, never recomputed. */
async function runForBulletin(db: Db, ctx: AuthedContext, id: number) {
  const { run, intact } = await loadRun(db, id);
  if (!intact) throw new AppError('RUN_TAMPERED');
  const doc = run.results as RunDocument;
  await db.transaction(async (tx) => {
    await writeAudit(tx, ctx, { action: 'assessment_run.bulletin', targetType: 'assessment_run', targetId: id });
  });
  return { run, doc, scheme: run.scheme as { name: string; items: SchemeItem[]; rules: SchemeRules } };
}

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The bulletin as a download: its bytes, type and Content-Disposition. */
export async function bulletinFile(
  db: Db,
  ctx: AuthedContext,
  id: number,
  format: 'docx' | 'xlsx',
  opts: BulletinOptions,
) {
  const { run, doc, scheme } = await runForBulletin(db, ctx, id);
  const input = { period: run.period, seq: run.seq, hash: run.hash, schemeName: scheme.name, items: scheme.items, doc };
  const data = format === 'docx' ? await buildBulletinDocx(input, opts) : await buildBulletinXlsx(input, opts);
  const name = `${bulletinTitle(input)}.${format}`;
  return { data, mime: MIME[format], disposition: contentDisposition(name) };
}
