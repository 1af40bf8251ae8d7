// Data access for the project pipeline. Every read of projects carries the caller's scope predicate;
// stage events, progress, problems and investments are reached through their project (files: modules/files).
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import {
  clusters,
  enterprises,
  projectInvestments,
  projectProblems,
  projectProgress,
  projects,
  projectStageEvents,
  teams,
  units,
  users,
} from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';
import { searchPredicate } from '../../core/search.js';
import { BAND_RANGES, type SORTS } from './constants.js';
import { warningLevelSql, type WarningConfig } from './warnings.js';

const park = alias(units, 'park_unit');
const pending = alias(projectStageEvents, 'pending_event');

const listColumns = {
  id: projects.id,
  code: projects.code,
  name: projects.name,
  stage: projects.stage,
  approvedStage: projects.approvedStage,
  approvedStageAt: projects.approvedStageAt,
  pendingStageEventId: projects.pendingStageEventId,
  pendingToStage: pending.toStage,
  pendingKind: pending.kind,
  ownerUnitId: projects.ownerUnitId,
  ownerUnitName: units.name,
  clusterId: projects.clusterId,
  clusterName: clusters.name,
  teamId: projects.teamId,
  teamName: teams.name,
  enterpriseId: projects.enterpriseId,
  enterpriseName: enterprises.name,
  investorName: projects.investorName,
  industryCode: projects.industryCode,
  totalInvestment: projects.totalInvestment,
  fixedAssetInvestment: projects.fixedAssetInvestment,
  foreignCapital: projects.foreignCapital,
  signedAmount: projects.signedAmount,
  signedAt: projects.signedAt,
  plannedStartMonth: projects.plannedStartMonth,
  startedAt: projects.startedAt,
  flags: projects.flags,
  lastProgressAt: projects.lastProgressAt,
  stageChangedAt: projects.stageChangedAt,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
  version: projects.version,
};

const detailColumns = {
  ...listColumns,
  leadId: projects.leadId,
  parkUnitId: projects.parkUnitId,
  parkUnitName: park.name,
  leaderName: projects.leaderName,
  liaisonName: projects.liaisonName,
  liaisonPhone: projects.liaisonPhone,
  content: projects.content,
  capitalOrigin: projects.capitalOrigin,
  isNew: projects.isNew,
  excludedFromCount: projects.excludedFromCount,
  agreementType: projects.agreementType,
  signedEvent: projects.signedEvent,
  registeredUscc: projects.registeredUscc,
  registeredCapital: projects.registeredCapital,
  landMu: projects.landMu,
  producedAt: projects.producedAt,
  capacity: projects.capacity,
  terminatedReason: projects.terminatedReason,
  createdBy: projects.createdBy,
};

export type ProjectListRow = Awaited<ReturnType<typeof findProjects>>['items'][number];
export type ProjectDetailRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

export const inScope = (scope: DataScope) =>
  and(
    isNull(projects.deletedAt),
    scopePredicate(scope, { ownerUnitId: projects.ownerUnitId, teamId: projects.teamId }),
  )!;

function listBase(tx: Tx) {
  return tx
    .select(listColumns)
    .from(projects)
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .leftJoin(clusters, eq(clusters.id, projects.clusterId))
    .leftJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .leftJoin(pending, eq(pending.id, projects.pendingStageEventId));
}

function detailBase(tx: Tx) {
  return tx
    .select(detailColumns)
    .from(projects)
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .leftJoin(clusters, eq(clusters.id, projects.clusterId))
    .leftJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .leftJoin(pending, eq(pending.id, projects.pendingStageEventId))
    .leftJoin(park, eq(park.id, projects.parkUnitId));
}

// ---------------------------------------------------------------------------------------------- lists

export interface ProjectFilters {
  q?: string;
  stage?: string[];
  pending?: boolean;
  ownerUnitIds?: number[];
  clusterId?: number;
  teamId?: number;
  enterpriseId?: number;
  band?: string;
  flags?: string[];
  warning?: 'yellow' | 'red' | 'any';
  signedFrom?: string;
  signedTo?: string;
  createdFrom?: string;
  createdTo?: string;
}

const SORT_COLUMNS = {
  updatedAt: projects.updatedAt,
  createdAt: projects.createdAt,
  totalInvestment: projects.totalInvestment,
  signedAt: projects.signedAt,
  name: projects.name,
  lastProgressAt: projects.lastProgressAt,
} as const;

/** The approved stage; a project nobody has approved yet (e.g. made from a lead) counts as 谋划. */
const approvedStageSql = sql<string>`COALESCE(${projects.approvedStage}, 'planning')`;

const ids = (xs: string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

export function filterWhere(scope: DataScope, f: ProjectFilters, now: Date, cfg: WarningConfig): SQL {
  const c: (SQL | undefined)[] = [inScope(scope)];
  c.push(searchPredicate(f.q, { text: projects.searchText, grams: projects.searchGrams }));
  // A stage counts once the bureau approved it: the stage filter reads the approved stage.
  if (f.stage?.length) c.push(sql`${approvedStageSql} IN (${ids(f.stage)})`);
  if (f.pending !== undefined)
    c.push(f.pending ? sql`${projects.pendingStageEventId} IS NOT NULL` : sql`${projects.pendingStageEventId} IS NULL`);
  if (f.ownerUnitIds) c.push(f.ownerUnitIds.length ? inArray(projects.ownerUnitId, f.ownerUnitIds) : sql`FALSE`);
  if (f.clusterId) c.push(eq(projects.clusterId, f.clusterId));
  if (f.teamId) c.push(eq(projects.teamId, f.teamId));
  if (f.enterpriseId) c.push(eq(projects.enterpriseId, f.enterpriseId));
  if (f.band && BAND_RANGES[f.band]) {
    const [lo, hi] = BAND_RANGES[f.band];
    c.push(sql`${projects.totalInvestment} >= ${lo}`);
    if (hi !== null) c.push(sql`${projects.totalInvestment} < ${hi}`);
  }
  if (f.flags?.length) c.push(sql`${projects.flags} @> ARRAY[${ids(f.flags)}]::text[]`);
  if (f.warning) {
    const level = warningLevelSql(now, cfg);
    c.push(f.warning === 'any' ? sql`${level} IS NOT NULL` : sql`${level} = ${f.warning}`);
  }
  if (f.signedFrom) c.push(sql`${projects.signedAt} >= ${f.signedFrom}::date`);
  if (f.signedTo) c.push(sql`${projects.signedAt} <= ${f.signedTo}::date`);
  if (f.createdFrom)
    c.push(sql`${projects.createdAt} >= (${f.createdFrom}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.createdTo)
    c.push(sql`${projects.createdAt} < ((${f.createdTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  return and(...c)!;
}

/** A page of the export, in id order after `afterId`. */
export function exportPage(tx: Tx, where: SQL, afterId: number, limit: number) {
  return tx
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      enterpriseName: enterprises.name,
      investorName: projects.investorName,
      ownerUnitName: units.name,
      parkName: park.name,
      clusterName: clusters.name,
      industryCode: projects.industryCode,
      stage: projects.stage,
      approvedStage: projects.approvedStage,
      totalInvestment: projects.totalInvestment,
      fixedAssetInvestment: projects.fixedAssetInvestment,
      foreignCapital: projects.foreignCapital,
      signedAmount: projects.signedAmount,
      signedAt: projects.signedAt,
      signedEvent: projects.signedEvent,
      registeredUscc: projects.registeredUscc,
      registeredCapital: projects.registeredCapital,
      landMu: projects.landMu,
      plannedStartMonth: projects.plannedStartMonth,
      startedAt: projects.startedAt,
      producedAt: projects.producedAt,
      leaderName: projects.leaderName,
      liaisonName: projects.liaisonName,
      liaisonPhone: projects.liaisonPhone,
      content: projects.content,
      flags: projects.flags,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .leftJoin(park, eq(park.id, projects.parkUnitId))
    .leftJoin(clusters, eq(clusters.id, projects.clusterId))
    .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .where(and(where, gt(projects.id, afterId)))
    .orderBy(asc(projects.id))
    .limit(limit);
}

export interface Paging {
  page: number;
  pageSize: number;
  sort: (typeof SORTS)[number];
  order: 'asc' | 'desc';
}

/** A page of projects, with a windowed count: at most offset + 10 pages + 1 rows are counted. */
export async function findProjects(tx: Tx, where: SQL, p: Paging, exactCount?: number) {
  const offset = (p.page - 1) * p.pageSize;
  const col = SORT_COLUMNS[p.sort];
  const order = p.order === 'asc' ? sql`${col} ASC NULLS LAST` : sql`${col} DESC NULLS LAST`;
  const tie = p.order === 'asc' ? asc(projects.id) : desc(projects.id);
  const window = offset + 10 * p.pageSize + 1;
  // The page's ids come from the projects table alone, and the joins run for those rows only. (Joining first
  // makes the planner join every row the filter matches before it sorts and cuts the page.)
  const page = tx
    .select({ id: projects.id })
    .from(projects)
    .where(where)
    .orderBy(order, tie)
    .limit(p.pageSize)
    .offset(offset);
  const [items, seen] = await Promise.all([
    listBase(tx).where(inArray(projects.id, page)).orderBy(order, tie),
    // With the exact totals at hand there is nothing more to count.
    exactCount !== undefined
      ? Promise.resolve(exactCount)
      : tx
          .select({ n: count() })
          .from(tx.select({ one: sql`1` }).from(projects).where(where).limit(window).as('w'))
          .then(([r]) => Number(r.n)),
  ]);
  // When the window fills up, total is a lower bound ("at least"): the pager shows the next ten pages.
  return { items, total: seen, totalIsExact: exactCount !== undefined || seen < window };
}

/** Count and total investment (万元) of everything the filter matches. */
export async function totalsOf(tx: Tx, where: SQL) {
  const [r] = await tx
    .select({ count: count(), totalInvestment: sql<string>`COALESCE(SUM(${projects.totalInvestment}), 0)::text` })
    .from(projects)
    .where(where);
  return { count: Number(r.count), totalInvestment: r.totalInvestment };
}

/** Per approved stage: count, total investment and the 20 largest projects. */
export async function kanban(tx: Tx, where: SQL) {
  const groups = await tx
    .select({
      stage: approvedStageSql,
      count: count(),
      totalInvestment: sql<string>`COALESCE(SUM(${projects.totalInvestment}), 0)::text`,
    })
    .from(projects)
    .where(where)
    .groupBy(approvedStageSql);
  const rn =
    sql<number>`row_number() OVER (PARTITION BY ${approvedStageSql} ORDER BY ${projects.totalInvestment} DESC NULLS LAST, ${projects.id})`.as(
      'rn',
    );
  const sub = tx.select({ id: projects.id, rn }).from(projects).where(where).as('k');
  const top = await tx.select({ id: sub.id }).from(sub).where(lte(sub.rn, 20));
  const cards = top.length
    ? await listBase(tx)
        .where(
          inArray(
            projects.id,
            top.map((t) => t.id),
          ),
        )
        .orderBy(sql`${projects.totalInvestment} DESC NULLS LAST`, asc(projects.id))
    : [];
  return { groups: groups.map((g) => ({ ...g, count: Number(g.count) })), cards };
}

// ---------------------------------------------------------------------------------------------- one project

export async function findProject(tx: Tx, scope: DataScope, id: number, forUpdate = false) {
  const q = detailBase(tx).where(and(eq(projects.id, id), inScope(scope)));
  const [row] = forUpdate ? await q.for('update', { of: projects }) : await q;
  return row;
}

export type ProjectValues = {
  name: string;
  code?: string | null;
  enterpriseId?: number | null;
  investorName?: string | null;
  industryCode?: string | null;
  clusterId?: number | null;
  teamId?: number | null;
  ownerUnitId: number;
  parkUnitId?: number | null;
  leaderName?: string | null;
  liaisonName?: string | null;
  liaisonPhone?: string | null;
  content?: string | null;
  totalInvestment?: string | null;
  fixedAssetInvestment?: string | null;
  foreignCapital?: string | null;
  capitalOrigin?: string | null;
  isNew?: boolean;
  excludedFromCount?: string | null;
  plannedStartMonth?: string | null;
};
export type DerivedValues = {
  flags: string[];
  capitalOrigin: string | null;
  searchText: string;
  searchGrams: string[];
};

export async function insertProject(
  tx: Tx,
  v: ProjectValues & DerivedValues & { createdBy: number; leadId?: number | null },
) {
  const [row] = await tx
    .insert(projects)
    .values({ ...v, stage: 'planning', approvedStage: 'planning', approvedStageAt: new Date() })
    .returning({ id: projects.id });
  return row.id;
}

/** A project converted from a lead: 谋划 approved without a review (so no approval date), 在谈 submitted. */
export async function insertConvertedProject(
  tx: Tx,
  v: ProjectValues & DerivedValues & { createdBy: number; leadId: number },
) {
  const [row] = await tx
    .insert(projects)
    .values({ ...v, stage: 'negotiating', approvedStage: 'planning' })
    .returning({ id: projects.id });
  return row.id;
}

/** Updates only when the stored version is the one the caller read; returns false on a conflict. */
export async function updateProjectRow(
  tx: Tx,
  id: number,
  version: number,
  set: Partial<typeof projects.$inferInsert>,
): Promise<boolean> {
  const rows = await tx
    .update(projects)
    .set({ ...set, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.version, version), isNull(projects.deletedAt)))
    .returning({ id: projects.id });
  return rows.length === 1;
}

/** Changes derived or decided fields (flags, review outcome) under a row lock the caller holds. */
export async function setProjectFields(
  tx: Tx,
  id: number,
  set: Partial<typeof projects.$inferInsert>,
  bumpVersion: boolean,
) {
  await tx
    .update(projects)
    .set({ ...set, ...(bumpVersion ? { version: sql`${projects.version} + 1`, updatedAt: new Date() } : {}) })
    .where(eq(projects.id, id));
}

export async function codeTaken(tx: Tx, code: string, selfId?: number) {
  const rows = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.code, code), isNull(projects.deletedAt), selfId ? ne(projects.id, selfId) : undefined));
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------- reference look-ups

export async function investorFacts(tx: Tx, enterpriseId: number) {
  const [e] = await tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      tiers: enterprises.tiers,
      ownership: enterprises.ownership,
      hqDivision: enterprises.hqDivision,
      hqRegion: enterprises.hqRegion,
      hqCountry: enterprises.hqCountry,
      mergedIntoId: enterprises.mergedIntoId,
      deletedAt: enterprises.deletedAt,
    })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  return e;
}

export async function clusterCategory(tx: Tx, clusterId: number) {
  const [c] = await tx.select({ category: clusters.category }).from(clusters).where(eq(clusters.id, clusterId));
  return c?.category ?? null;
}

export async function projectIdsOfEnterprise(tx: Tx, enterpriseId: number) {
  return (
    await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.enterpriseId, enterpriseId), isNull(projects.deletedAt)))
  ).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------- duplicates

/** Live projects (any scope) sharing a code, a credit code or an investor with the probe. */
export async function duplicateCandidates(
  tx: Tx,
  p: {
    code?: string | null;
    registeredUscc?: string | null;
    enterpriseId?: number | null;
    investorName?: string | null;
  },
) {
  const any: SQL[] = [];
  if (p.code) any.push(sql`upper(${projects.code}) = upper(${p.code})`);
  if (p.registeredUscc) any.push(eq(projects.registeredUscc, p.registeredUscc));
  if (p.enterpriseId) any.push(eq(projects.enterpriseId, p.enterpriseId));
  else if (p.investorName?.trim())
    any.push(or(eq(projects.investorName, p.investorName.trim()), eq(enterprises.name, p.investorName.trim()))!);
  if (!any.length) return [];
  return detailBase(tx)
    .where(and(isNull(projects.deletedAt), or(...any)))
    .orderBy(desc(projects.id))
    .limit(500);
}

// ---------------------------------------------------------------------------------------------- stage events

const submitter = alias(users, 'submitter');
const reviewer = alias(users, 'reviewer');
const eventColumns = {
  id: projectStageEvents.id,
  projectId: projectStageEvents.projectId,
  projectName: projects.name,
  projectCode: projects.code,
  ownerUnitId: projects.ownerUnitId,
  ownerUnitName: units.name,
  totalInvestment: projects.totalInvestment,
  fromStage: projectStageEvents.fromStage,
  toStage: projectStageEvents.toStage,
  kind: projectStageEvents.kind,
  effectiveDate: projectStageEvents.effectiveDate,
  fields: projectStageEvents.fields,
  reason: projectStageEvents.reason,
  status: projectStageEvents.status,
  submittedBy: projectStageEvents.submittedBy,
  submittedByName: submitter.displayName,
  submittedAt: projectStageEvents.submittedAt,
  reviewedBy: projectStageEvents.reviewedBy,
  reviewedByName: reviewer.displayName,
  reviewedAt: projectStageEvents.reviewedAt,
  reviewNote: projectStageEvents.reviewNote,
};
export type StageEventRow = Awaited<ReturnType<typeof findStageEvents>>['items'][number];

function eventBase(tx: Tx) {
  return tx
    .select(eventColumns)
    .from(projectStageEvents)
    .innerJoin(projects, eq(projects.id, projectStageEvents.projectId))
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .leftJoin(submitter, eq(submitter.id, projectStageEvents.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, projectStageEvents.reviewedBy));
}

export async function findStageEvents(
  tx: Tx,
  scope: DataScope,
  f: { status?: string; projectId?: number; page: number; pageSize: number },
) {
  const where = and(
    inScope(scope),
    f.status ? eq(projectStageEvents.status, f.status) : undefined,
    f.projectId ? eq(projectStageEvents.projectId, f.projectId) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    eventBase(tx)
      .where(where)
      .orderBy(
        f.status === 'pending' ? asc(projectStageEvents.submittedAt) : desc(projectStageEvents.submittedAt),
        desc(projectStageEvents.id),
      )
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    tx
      .select({ total: count() })
      .from(projectStageEvents)
      .innerJoin(projects, eq(projects.id, projectStageEvents.projectId))
      .where(where),
  ]);
  return { items: items.map(withFields), total: Number(total) };
}

const withFields = <T extends { fields: unknown }>(e: T) => ({
  ...e,
  fields: (e.fields ?? {}) as Record<string, unknown>,
});

export async function findStageEvent(tx: Tx, scope: DataScope, id: number) {
  const [row] = await eventBase(tx).where(and(eq(projectStageEvents.id, id), inScope(scope)));
  return row ? withFields(row) : undefined;
}

export async function insertStageEvent(tx: Tx, v: typeof projectStageEvents.$inferInsert) {
  const [row] = await tx.insert(projectStageEvents).values(v).returning({ id: projectStageEvents.id });
  return row.id;
}

export async function priorValuesOf(tx: Tx, eventId: number) {
  const [row] = await tx
    .select({ priorValues: projectStageEvents.priorValues })
    .from(projectStageEvents)
    .where(eq(projectStageEvents.id, eventId));
  return (row?.priorValues ?? {}) as Record<string, unknown>;
}

/** Records the decision if the event is still pending; false when someone decided first. */
export async function decideStageEvent(
  tx: Tx,
  id: number,
  status: 'approved' | 'returned',
  by: number,
  note: string | null,
) {
  const rows = await tx
    .update(projectStageEvents)
    .set({ status, reviewedBy: by, reviewedAt: new Date(), reviewNote: note })
    .where(and(eq(projectStageEvents.id, id), eq(projectStageEvents.status, 'pending')))
    .returning({ id: projectStageEvents.id });
  return rows.length === 1;
}

// ---------------------------------------------------------------------------------------------- progress, problems, investments

export async function insertProgress(tx: Tx, v: typeof projectProgress.$inferInsert) {
  const [row] = await tx.insert(projectProgress).values(v).returning();
  return row;
}

export async function progressOf(tx: Tx, projectId: number) {
  return tx
    .select({
      id: projectProgress.id,
      at: projectProgress.at,
      content: projectProgress.content,
      userId: projectProgress.userId,
      userName: users.displayName,
      createdAt: projectProgress.createdAt,
    })
    .from(projectProgress)
    .leftJoin(users, eq(users.id, projectProgress.userId))
    .where(eq(projectProgress.projectId, projectId))
    .orderBy(desc(projectProgress.at), desc(projectProgress.id));
}

const dept = alias(units, 'dept_unit');
const problemColumns = {
  id: projectProblems.id,
  projectId: projectProblems.projectId,
  content: projectProblems.content,
  departmentUnitId: projectProblems.departmentUnitId,
  departmentName: dept.name,
  status: projectProblems.status,
  resolution: projectProblems.resolution,
  createdBy: projectProblems.createdBy,
  createdByName: users.displayName,
  version: projectProblems.version,
  createdAt: projectProblems.createdAt,
  updatedAt: projectProblems.updatedAt,
  projectName: projects.name,
  projectCode: projects.code,
  projectStage: projects.stage,
  projectOwnerUnitName: units.name,
  projectOwnerUnitId: projects.ownerUnitId,
  projectTeamId: projects.teamId,
};
export type ProblemRow = Awaited<ReturnType<typeof findProblems>>['items'][number];

function problemBase(tx: Tx) {
  return tx
    .select(problemColumns)
    .from(projectProblems)
    .innerJoin(projects, eq(projects.id, projectProblems.projectId))
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .leftJoin(dept, eq(dept.id, projectProblems.departmentUnitId))
    .leftJoin(users, eq(users.id, projectProblems.createdBy));
}

/** Problems visible to the caller: those of projects in scope, and those assigned to the caller's departments. */
export function problemVisibility(scope: DataScope, myUnits: number[]): SQL {
  const assigned = myUnits.length ? inArray(projectProblems.departmentUnitId, myUnits) : sql`FALSE`;
  return and(isNull(projects.deletedAt), or(inScope(scope), assigned))!;
}

export function problemWhere(
  scope: DataScope,
  myUnits: number[],
  f: { status?: string; projectId?: number; assignedToMe?: boolean },
): SQL {
  return and(
    problemVisibility(scope, myUnits),
    f.status ? eq(projectProblems.status, f.status) : undefined,
    f.projectId ? eq(projectProblems.projectId, f.projectId) : undefined,
    f.assignedToMe ? (myUnits.length ? inArray(projectProblems.departmentUnitId, myUnits) : sql`FALSE`) : undefined,
  )!;
}

export async function findProblems(tx: Tx, where: SQL, page: { page: number; pageSize: number }) {
  const [items, [{ total }]] = await Promise.all([
    problemBase(tx)
      .where(where)
      .orderBy(
        sql`CASE ${projectProblems.status} WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END`,
        desc(projectProblems.updatedAt),
        desc(projectProblems.id),
      )
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    tx
      .select({ total: count() })
      .from(projectProblems)
      .innerJoin(projects, eq(projects.id, projectProblems.projectId))
      .where(where),
  ]);
  return { items, total: Number(total) };
}

export async function findProblem(tx: Tx, where: SQL, id: number, forUpdate = false) {
  const q = problemBase(tx).where(and(eq(projectProblems.id, id), where));
  const [row] = forUpdate ? await q.for('update', { of: projectProblems }) : await q;
  return row;
}

export async function insertProblem(tx: Tx, v: typeof projectProblems.$inferInsert) {
  const [row] = await tx.insert(projectProblems).values(v).returning({ id: projectProblems.id });
  return row.id;
}

export async function updateProblemRow(
  tx: Tx,
  id: number,
  version: number,
  set: Partial<typeof projectProblems.$inferInsert>,
) {
  const rows = await tx
    .update(projectProblems)
    .set({ ...set, version: sql`${projectProblems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projectProblems.id, id), eq(projectProblems.version, version)))
    .returning({ id: projectProblems.id });
  return rows.length === 1;
}

export async function investmentsOf(tx: Tx, projectId: number) {
  return tx
    .select()
    .from(projectInvestments)
    .where(eq(projectInvestments.projectId, projectId))
    .orderBy(asc(projectInvestments.year), asc(projectInvestments.month));
}

export async function replaceInvestmentYear(
  tx: Tx,
  projectId: number,
  year: number,
  rows: (typeof projectInvestments.$inferInsert)[],
) {
  await tx
    .delete(projectInvestments)
    .where(and(eq(projectInvestments.projectId, projectId), eq(projectInvestments.year, year)));
  if (rows.length) await tx.insert(projectInvestments).values(rows);
}

/** The stored row, without scope: for recomputing derived fields inside a change the caller already checked. */
export async function rawProject(tx: Tx, id: number) {
  const [row] = await tx.select().from(projects).where(eq(projects.id, id));
  return row;
}

/** A progress report moves lastProgressAt forward, never back. */
export async function touchProgress(tx: Tx, id: number, at: Date) {
  await tx
    .update(projects)
    .set({
      lastProgressAt: sql`GREATEST(COALESCE(${projects.lastProgressAt}, ${at.toISOString()}::timestamptz), ${at.toISOString()}::timestamptz)`,
    })
    .where(eq(projects.id, id));
}

// ---------------------------------------------------------------------------------------------- spreadsheet imports

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);

export interface ExistingProject {
  id: number;
  name: string;
  code: string | null;
  registeredUscc: string | null;
  investorName: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  ownerUnitId: number;
  teamId: number | null;
  totalInvestment: string | null;
  signedAmount: string | null;
}
/** Every live project's duplicate keys (code, credit code, investor, name), for checking a whole import in memory. */
export async function liveProjectKeys(tx: Tx): Promise<ExistingProject[]> {
  return rowsOf<ExistingProject>(
    await tx.execute(sql`SELECT p.id, p.name, p.code, p.registered_uscc AS "registeredUscc", p.investor_name AS "investorName",
      p.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", p.owner_unit_id AS "ownerUnitId", p.team_id AS "teamId",
      p.total_investment AS "totalInvestment", p.signed_amount AS "signedAmount"
    FROM projects p LEFT JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.deleted_at IS NULL AND (p.code IS NOT NULL OR p.registered_uscc IS NOT NULL OR p.investor_name IS NOT NULL OR p.enterprise_id IS NOT NULL)`),
  );
}

const jsonb = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * An import's chunk of projects from the temporary table `source`, as the sheet gives their stage: a stage beyond 谋划 is a stage move from planning, approved at once when
 * the importer may approve (the bureau), otherwise waiting for the bureau (the project's pending move).
 */
export async function importProjects(
  tx: Tx,
  source: string,
  jobId: number,
  userId: number,
  seqs: { project: string; event: string },
  approve: boolean,
) {
  await tx.execute(sql`WITH src AS MATERIALIZED (
      SELECT x.*, nextval(${seqs.project}::regclass)::int AS pid,
        CASE WHEN x.stage <> 'planning' THEN nextval(${seqs.event}::regclass)::int END AS eid
      FROM ${sql.raw(source)} x
    ), ins AS (
      INSERT INTO projects (id, code, name, enterprise_id, investor_name, stage, approved_stage, approved_stage_at, pending_stage_event_id,
        owner_unit_id, park_unit_id, cluster_id, team_id, industry_code, leader_name, liaison_name, liaison_phone, content,
        total_investment, fixed_asset_investment, foreign_capital, capital_origin, flags, signed_at, signed_amount, agreement_type,
        signed_event, registered_uscc, registered_capital, land_mu, planned_start_month, started_at, produced_at, capacity,
        terminated_reason, created_by, search_text, search_grams)
      SELECT pid, code, name, enterprise_id, investor_name, stage, CASE WHEN ${approve} THEN stage ELSE 'planning' END, now(),
        CASE WHEN ${approve} THEN NULL ELSE eid END,
        owner_unit_id, park_unit_id, cluster_id, team_id, industry_code, leader_name, liaison_name, liaison_phone, content,
        total_investment, fixed_asset_investment, foreign_capital, capital_origin, coalesce(flags, '{}'), signed_at, signed_amount, agreement_type,
        signed_event, registered_uscc, registered_capital, land_mu, planned_start_month, started_at, produced_at, capacity,
        terminated_reason, ${userId}, search_text, coalesce(string_to_array(g, ' '), '{}') FROM src
    ), moves AS (
      INSERT INTO project_stage_events (id, project_id, from_stage, to_stage, kind, effective_date, fields, reason, prior_values, status,
        submitted_by, reviewed_by, reviewed_at, review_note)
      SELECT eid, pid, 'planning', stage, move_kind, effective_date, coalesce(move_fields, '{}'), move_reason, ${jsonb({ imported: true })},
        CASE WHEN ${approve} THEN 'approved' ELSE 'pending' END, ${userId},
        CASE WHEN ${approve} THEN ${userId}::int END, CASE WHEN ${approve} THEN now() END,
        CASE WHEN ${approve} THEN '投促局导入时确认' END
      FROM src WHERE eid IS NOT NULL
    ), tl AS (
      INSERT INTO timeline_entries (entity_type, entity_id, kind, summary, data, user_id)
      SELECT 'project', pid, 'imported', '表格导入', ${jsonb({ importId: jobId })}, ${userId} FROM src
    )
    INSERT INTO import_row_records (job_id, row_no, record_id) SELECT ${jobId}, row_no, pid FROM src`);
}

/** Every cluster's category (a project's flags read it). */
export async function clusterCategories(tx: Tx) {
  return tx.select({ id: clusters.id, category: clusters.category }).from(clusters);
}
