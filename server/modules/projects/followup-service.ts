// Following a project up: progress reports, problems (问题诉求) assigned to departments, the investment plan and its
// monthly completion, and the timeline that puts them together with stage moves and edits.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { resolveScope, scopeAllowsUnit, unitSubtree, type DataScope } from '../../core/scope.js';
import { todayShanghai } from '../../core/dates.js';
import { checkAmount, checkPastDate, clean } from './checks.js';
import { fromCents, toCents } from '../../core/money.js';
import * as repo from './repository.js';
import { unitById } from '../org/service.js';
import { addTimelineEntry, timelineOf } from '../timeline/service.js';

async function projectInScope(tx: Tx, scope: DataScope, id: number, forUpdate = false) {
  const p = await repo.findProject(tx, scope, id, forUpdate);
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

// ---------------------------------------------------------------------------------------------- progress

export async function addProgress(
  db: Db,
  ctx: AuthedContext,
  projectId: number,
  input: { at: string; content: string },
) {
  const errors: FieldError[] = [];
  checkPastDate('at', input.at, errors);
  const content = clean(input.content);
  if (!content) errors.push({ field: 'content', code: 'required' });
  const scope = await resolveScope(db, ctx.principal);
  return db.transaction(async (tx) => {
    const p = await projectInScope(tx, scope, projectId, true);
    if (errors.length) throw validationError(errors);
    const row = await repo.insertProgress(tx, {
      projectId,
      at: input.at,
      content: content!,
      userId: ctx.principal.userId,
    });
    // A report dated today counts from now; an earlier one from the start of its day (Asia/Shanghai).
    await repo.touchProgress(
      tx,
      projectId,
      input.at === todayShanghai() ? new Date() : new Date(`${input.at}T00:00:00+08:00`),
    );
    await writeAudit(tx, ctx, {
      action: 'project.progress',
      targetType: 'project',
      targetId: projectId,
      targetLabel: p.name,
      changes: { progress: [null, `${input.at} ${content}`] },
    });
    return { ...row, userName: ctx.principal.displayName };
  });
}

export async function listProgress(db: Db, ctx: AuthedContext, projectId: number) {
  await projectInScope(db, await resolveScope(db, ctx.principal), projectId);
  return { items: await repo.progressOf(db, projectId) };
}

// ---------------------------------------------------------------------------------------------- problems

export const PROBLEM_STATUSES = ['open', 'in_progress', 'solved'] as const;
const PROBLEM_FIELDS = ['content', 'departmentUnitId', 'status', 'resolution'] as const;

/** Units whose assigned problems the caller handles: their own unit and those below it. */
async function myUnits(tx: Tx, ctx: AuthedContext, scope: DataScope) {
  return scope.kind === 'limited' ? unitSubtree(tx, ctx.principal.unitId) : [];
}

const presentProblem = (scope: DataScope, r: repo.ProblemRow) => {
  const { projectOwnerUnitId, projectTeamId, ...rest } = r;
  // Outside the caller's scope, the project shows only as a read-only summary.
  return { ...rest, projectInScope: scopeAllowsUnit(scope, projectOwnerUnitId, projectTeamId) };
};

export async function listProblems(
  db: Db,
  ctx: AuthedContext,
  f: { status?: string; assignedToMe?: boolean; projectId?: number; page: number; pageSize: number },
) {
  const scope = await resolveScope(db, ctx.principal);
  const mine = await myUnits(db, ctx, scope);
  const r = await repo.findProblems(db, repo.problemWhere(scope, mine, f), f);
  return { items: r.items.map((x) => presentProblem(scope, x)), total: r.total };
}

export async function listProjectProblems(db: Db, ctx: AuthedContext, projectId: number) {
  const scope = await resolveScope(db, ctx.principal);
  await projectInScope(db, scope, projectId);
  return listProblems(db, ctx, { projectId, page: 1, pageSize: 200 });
}

async function checkDepartment(tx: Tx, id: number | null | undefined, errors: FieldError[]) {
  if (id == null) return;
  if (!(await unitById(tx, id))) errors.push({ field: 'departmentUnitId', code: 'not_found' });
}

export async function createProblem(
  db: Db,
  ctx: AuthedContext,
  projectId: number,
  input: { content: string; departmentUnitId?: number | null },
) {
  const scope = await resolveScope(db, ctx.principal);
  return db.transaction(async (tx) => {
    const p = await projectInScope(tx, scope, projectId);
    const errors: FieldError[] = [];
    const content = clean(input.content);
    if (!content) errors.push({ field: 'content', code: 'required' });
    await checkDepartment(tx, input.departmentUnitId, errors);
    if (errors.length) throw validationError(errors);
    const id = await repo.insertProblem(tx, {
      projectId,
      content: content!,
      departmentUnitId: input.departmentUnitId ?? null,
      createdBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'project.problem_create',
      targetType: 'project',
      targetId: projectId,
      targetLabel: p.name,
      changes: diffFields(
        null,
        { content, departmentUnitId: input.departmentUnitId ?? null, status: 'open', resolution: null } as Record<
          string,
          unknown
        >,
        PROBLEM_FIELDS,
      ),
      detail: `problem ${id}`,
    });
    return getProblem(tx, ctx, scope, id);
  });
}

async function getProblem(tx: Tx, ctx: AuthedContext, scope: DataScope, id: number) {
  const row = await repo.findProblem(tx, repo.problemVisibility(scope, await myUnits(tx, ctx, scope)), id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentProblem(scope, row);
}

export interface ProblemPatch {
  content?: string;
  departmentUnitId?: number | null;
  status?: (typeof PROBLEM_STATUSES)[number];
  resolution?: string | null;
}

export async function updateProblem(db: Db, ctx: AuthedContext, id: number, version: number, patch: ProblemPatch) {
  const scope = await resolveScope(db, ctx.principal);
  return db.transaction(async (tx) => {
    const before = await repo.findProblem(tx, repo.problemVisibility(scope, await myUnits(tx, ctx, scope)), id, true);
    if (!before) throw new AppError('NOT_FOUND');
    const errors: FieldError[] = [];
    const full = scopeAllowsUnit(scope, before.projectOwnerUnitId, before.projectTeamId);
    // A department handling a problem of a project outside its scope answers it; it does not rewrite or reassign it.
    if (!full)
      for (const k of ['content', 'departmentUnitId'] as const)
        if (patch[k] !== undefined) errors.push({ field: k, code: 'read_only' });
    const set: Record<string, unknown> = {};
    if (patch.content !== undefined) {
      const c = clean(patch.content);
      if (!c) errors.push({ field: 'content', code: 'required' });
      else set.content = c;
    }
    if (patch.departmentUnitId !== undefined) {
      await checkDepartment(tx, patch.departmentUnitId, errors);
      set.departmentUnitId = patch.departmentUnitId;
    }
    if (patch.resolution !== undefined) set.resolution = clean(patch.resolution) ?? null;
    if (patch.status !== undefined) set.status = patch.status;
    const after = { ...before, ...set };
    if (after.status === 'solved' && !after.resolution) errors.push({ field: 'resolution', code: 'required' });
    if (errors.length) throw validationError(errors);
    if (!(await repo.updateProblemRow(tx, id, version, set))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'project.problem_update',
      targetType: 'project',
      targetId: before.projectId,
      targetLabel: before.projectName,
      changes: diffFields(before, after, PROBLEM_FIELDS),
      detail: `problem ${id}`,
    });
    return getProblem(tx, ctx, scope, id);
  });
}

// ---------------------------------------------------------------------------------------------- investments

export interface MonthInput {
  month: number;
  planned?: string | null;
  completed?: string | null;
  fundsInPlace?: string | null;
}

type InvestmentRow = Awaited<ReturnType<typeof repo.investmentsOf>>[number];

function yearsOf(rows: InvestmentRow[]) {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  return years.map((year) => {
    const ms = rows.filter((r) => r.year === year);
    const sum = (k: 'completed' | 'fundsInPlace') =>
      fromCents(ms.filter((m) => m.month > 0).reduce((a, m) => a + (toCents(m[k]) ?? 0n), 0n));
    return {
      year,
      planned: ms.find((m) => m.month === 0)?.planned ?? null,
      months: ms
        .filter((m) => m.month > 0)
        .map(({ month, planned, completed, fundsInPlace }) => ({ month, planned, completed, fundsInPlace })),
      completedTotal: sum('completed'),
      fundsInPlaceTotal: sum('fundsInPlace'),
    };
  });
}

export async function getInvestments(db: Db, ctx: AuthedContext, projectId: number) {
  await projectInScope(db, await resolveScope(db, ctx.principal), projectId);
  return { years: yearsOf(await repo.investmentsOf(db, projectId)) };
}

const flatten = (y: ReturnType<typeof yearsOf>[number] | undefined) => {
  const out: Record<string, unknown> = { planned: y?.planned ?? null };
  for (const m of y?.months ?? [])
    for (const k of ['planned', 'completed', 'fundsInPlace'] as const) out[`${m.month}.${k}`] = m[k] ?? null;
  return out;
};

/** Replaces one year's plan and monthly figures (万元). Carries the project's version: it is part of the project. */
export async function putInvestmentYear(
  db: Db,
  ctx: AuthedContext,
  projectId: number,
  year: number,
  input: { planned?: string | null; months: MonthInput[]; version: number },
) {
  const errors: FieldError[] = [];
  const thisYear = Number(todayShanghai().slice(0, 4));
  if (year < 2000 || year > thisYear + 10) errors.push({ field: 'year', code: 'invalid' });
  const planned = checkAmount('planned', input.planned, errors) ?? null;
  const seen = new Set<number>();
  const rows: {
    projectId: number;
    year: number;
    month: number;
    planned: string | null;
    completed: string | null;
    fundsInPlace: string | null;
  }[] = [];
  input.months.forEach((m, i) => {
    if (seen.has(m.month)) errors.push({ field: `months.${i}.month`, code: 'invalid' });
    seen.add(m.month);
    const row = {
      projectId,
      year,
      month: m.month,
      planned: null as string | null,
      completed: null as string | null,
      fundsInPlace: null as string | null,
    };
    for (const k of ['planned', 'completed', 'fundsInPlace'] as const)
      row[k] = checkAmount(`months.${i}.${k}`, m[k], errors) ?? null;
    if (row.planned || row.completed || row.fundsInPlace) rows.push(row);
  });
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const p = await projectInScope(tx, scope, projectId, true);
    if (errors.length) throw validationError(errors);
    const before = yearsOf(await repo.investmentsOf(tx, projectId)).find((y) => y.year === year);
    if (!(await repo.updateProjectRow(tx, projectId, input.version, {}))) throw new AppError('VERSION_CONFLICT');
    await repo.replaceInvestmentYear(tx, projectId, year, [
      ...(planned ? [{ projectId, year, month: 0, planned, completed: null, fundsInPlace: null }] : []),
      ...rows,
    ]);
    const after = yearsOf(await repo.investmentsOf(tx, projectId)).find((y) => y.year === year);
    const changes = diffFields(flatten(before), flatten(after), Object.keys({ ...flatten(before), ...flatten(after) }));
    await writeAudit(tx, ctx, {
      action: 'project.investments',
      targetType: 'project',
      targetId: projectId,
      targetLabel: p.name,
      changes,
      detail: `year ${year}`,
    });
    await addTimelineEntry(tx, {
      entityType: 'project',
      entityId: projectId,
      kind: 'investments',
      summary: String(year),
      data: { year },
      userId: ctx.principal.userId,
    });
  });
  return getInvestments(db, ctx, projectId);
}

// ---------------------------------------------------------------------------------------------- timeline

export interface TimelineItem {
  at: Date;
  kind: string;
  text: string;
  data: Record<string, unknown> | null;
  userName: string | null;
}

export async function getTimeline(db: Db, ctx: AuthedContext, projectId: number) {
  const scope = await resolveScope(db, ctx.principal);
  await projectInScope(db, scope, projectId);
  const [events, progress, problems, entries] = await Promise.all([
    repo.findStageEvents(db, scope, { projectId, page: 1, pageSize: 200 }),
    repo.progressOf(db, projectId),
    listProblems(db, ctx, { projectId, page: 1, pageSize: 200 }),
    timelineOf(db, 'project', [projectId]),
  ]);
  const items: TimelineItem[] = [];
  for (const e of events.items) {
    items.push({
      at: e.submittedAt,
      kind: `stage_${e.kind}`,
      text: e.reason ?? '',
      userName: e.submittedByName,
      data: { eventId: e.id, fromStage: e.fromStage, toStage: e.toStage, effectiveDate: e.effectiveDate },
    });
    if (e.reviewedAt)
      items.push({
        at: e.reviewedAt,
        kind: e.status === 'approved' ? 'stage_approved' : 'stage_returned',
        text: e.reviewNote ?? '',
        userName: e.reviewedByName,
        data: { eventId: e.id, fromStage: e.fromStage, toStage: e.toStage },
      });
  }
  for (const p of progress)
    items.push({ at: p.createdAt, kind: 'progress', text: p.content, userName: p.userName, data: { date: p.at } });
  for (const p of problems.items) {
    items.push({
      at: p.createdAt,
      kind: 'problem',
      text: p.content,
      userName: p.createdByName,
      data: { problemId: p.id, departmentName: p.departmentName },
    });
    if (p.status === 'solved')
      items.push({
        at: p.updatedAt,
        kind: 'problem_solved',
        text: p.resolution ?? '',
        userName: null,
        data: { problemId: p.id },
      });
  }
  for (const t of entries)
    items.push({
      at: t.at,
      kind: t.kind,
      text: t.summary,
      userName: t.userName,
      data: (t.data as Record<string, unknown>) ?? null,
    });
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { items };
}
