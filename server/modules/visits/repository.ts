// Data access for visits (走访), the organisations met, and the quota rules. A visit is seen by its owner unit's
// scope, its team, and every unit that went along.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import {
  enterprises,
  organisations,
  teams,
  units,
  users,
  visitCounterparts,
  visitLeads,
  visitParticipants,
  visitQuotaRules,
  visits,
  visitUnits,
  leads,
} from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';
import type { QuotaSubject } from './constants.js';
import type { MetOrganisation } from './quotas.js';

const leader = alias(users, 'leader');
const creator = alias(users, 'creator');

const intArray = (ids: number[]) =>
  sql`ARRAY[${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )}]::int[]`;

/** Visits the caller may see: owned in scope, of their team, or one their unit went along to. */
export function visible(scope: DataScope): SQL {
  if (scope.kind === 'none') return sql`FALSE`;
  const own = scopePredicate(scope, { ownerUnitId: visits.ownerUnitId, teamId: visits.teamId });
  if (scope.kind === 'all' || !scope.unitIds.length) return and(isNull(visits.deletedAt), own)!;
  const along = sql`EXISTS (SELECT 1 FROM visit_units vu WHERE vu.visit_id = ${visits.id}
    AND vu.unit_id = ANY(${intArray(scope.unitIds)}))`;
  return and(isNull(visits.deletedAt), or(own, along))!;
}

const columns = {
  id: visits.id,
  kind: visits.kind,
  status: visits.status,
  visitDate: visits.visitDate,
  divisionCode: visits.divisionCode,
  abroadCountry: visits.abroadCountry,
  regionGroup: visits.regionGroup,
  leaderUserId: visits.leaderUserId,
  leaderName: leader.displayName,
  outcome: visits.outcome,
  intentions: visits.intentions,
  ownerUnitId: visits.ownerUnitId,
  ownerUnitName: units.name,
  teamId: visits.teamId,
  teamName: teams.name,
  createdBy: visits.createdBy,
  createdByName: creator.displayName,
  version: visits.version,
  createdAt: visits.createdAt,
  updatedAt: visits.updatedAt,
};

const base = (tx: Tx) =>
  tx
    .select(columns)
    .from(visits)
    .leftJoin(units, eq(units.id, visits.ownerUnitId))
    .leftJoin(teams, eq(teams.id, visits.teamId))
    .leftJoin(leader, eq(leader.id, visits.leaderUserId))
    .leftJoin(creator, eq(creator.id, visits.createdBy));

export type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

export interface VisitFilter {
  kind?: string;
  status?: string;
  from?: string;
  to?: string;
  unitId?: number;
  regionGroup?: string;
  enterpriseId?: number;
  organisationId?: number;
  page: number;
  pageSize: number;
}

export async function findVisits(tx: Tx, scope: DataScope, f: VisitFilter) {
  const conds: (SQL | undefined)[] = [visible(scope)];
  if (f.kind) conds.push(eq(visits.kind, f.kind));
  if (f.status) conds.push(eq(visits.status, f.status));
  if (f.from) conds.push(gte(visits.visitDate, f.from));
  if (f.to) conds.push(lte(visits.visitDate, f.to));
  if (f.regionGroup) conds.push(eq(visits.regionGroup, f.regionGroup));
  if (f.unitId)
    conds.push(
      sql`EXISTS (SELECT 1 FROM visit_units vu WHERE vu.visit_id = ${visits.id} AND vu.unit_id = ${f.unitId})`,
    );
  if (f.enterpriseId) {
    conds.push(sql`EXISTS (SELECT 1 FROM visit_counterparts vc LEFT JOIN enterprises e ON e.id = vc.enterprise_id
      WHERE vc.visit_id = ${visits.id} AND coalesce(e.merged_into_id, vc.enterprise_id) = ${f.enterpriseId})`);
  }
  if (f.organisationId) {
    conds.push(sql`EXISTS (SELECT 1 FROM visit_counterparts vc WHERE vc.visit_id = ${visits.id}
      AND vc.organisation_id = ${f.organisationId})`);
  }
  const where = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    base(tx)
      .where(where)
      .orderBy(desc(visits.visitDate), desc(visits.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    tx.select({ n: count() }).from(visits).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function findVisit(tx: Tx, scope: DataScope, id: number) {
  const [row] = await base(tx).where(and(eq(visits.id, id), visible(scope)));
  return row;
}

/** The visit row itself, locked for a change, when the caller may see it. */
export async function lockVisit(tx: Tx, scope: DataScope, id: number) {
  const [row] = await tx
    .select()
    .from(visits)
    .where(and(eq(visits.id, id), visible(scope)))
    .for('update');
  return row;
}

export async function visitByIdempotencyKey(tx: Tx, key: string) {
  const [row] = await tx
    .select({ id: visits.id, createdBy: visits.createdBy })
    .from(visits)
    .where(eq(visits.idempotencyKey, key));
  return row;
}

/** Serialises submissions carrying the same key, so that a draft sent twice at once is recorded once. */
export async function lockIdempotencyKey(tx: Tx, key: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`visit:${key}`}))`);
}

export type VisitValues = Omit<typeof visits.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

export async function insertVisit(tx: Tx, v: VisitValues) {
  const [row] = await tx.insert(visits).values(v).returning({ id: visits.id });
  return row.id;
}

export async function updateVisitRow(tx: Tx, id: number, version: number, set: Partial<VisitValues>): Promise<boolean> {
  const rows = await tx
    .update(visits)
    .set({ ...set, version: sql`${visits.version} + 1`, updatedAt: new Date() })
    .where(and(eq(visits.id, id), eq(visits.version, version), isNull(visits.deletedAt)))
    .returning({ id: visits.id });
  return rows.length > 0;
}

export async function softDeleteVisit(tx: Tx, id: number, version: number): Promise<boolean> {
  const rows = await tx
    .update(visits)
    .set({ deletedAt: new Date(), version: sql`${visits.version} + 1` })
    .where(and(eq(visits.id, id), eq(visits.version, version), isNull(visits.deletedAt)))
    .returning({ id: visits.id });
  return rows.length > 0;
}

export async function setParticipants(tx: Tx, visitId: number, userIds: number[]) {
  await tx.delete(visitParticipants).where(eq(visitParticipants.visitId, visitId));
  if (userIds.length) await tx.insert(visitParticipants).values(userIds.map((userId) => ({ visitId, userId })));
}

export async function setUnits(tx: Tx, visitId: number, unitIds: number[]) {
  await tx.delete(visitUnits).where(eq(visitUnits.visitId, visitId));
  if (unitIds.length) await tx.insert(visitUnits).values(unitIds.map((unitId) => ({ visitId, unitId })));
}

export async function setCounterparts(tx: Tx, visitId: number, enterpriseIds: number[], organisationIds: number[]) {
  await tx.delete(visitCounterparts).where(eq(visitCounterparts.visitId, visitId));
  const rows = [
    ...enterpriseIds.map((enterpriseId) => ({ visitId, enterpriseId })),
    ...organisationIds.map((organisationId) => ({ visitId, organisationId })),
  ];
  if (rows.length) await tx.insert(visitCounterparts).values(rows);
}

export async function linkLead(tx: Tx, visitId: number, leadId: number) {
  await tx.insert(visitLeads).values({ visitId, leadId });
}

export async function participantsOf(tx: Tx, visitId: number) {
  return tx
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId })
    .from(visitParticipants)
    .innerJoin(users, eq(users.id, visitParticipants.userId))
    .where(eq(visitParticipants.visitId, visitId))
    .orderBy(asc(users.id));
}

export async function unitsOf(tx: Tx, visitId: number) {
  return tx
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(visitUnits)
    .innerJoin(units, eq(units.id, visitUnits.unitId))
    .where(eq(visitUnits.visitId, visitId))
    .orderBy(asc(units.sort), asc(units.id));
}

export async function counterpartsOf(tx: Tx, visitId: number) {
  return tx
    .select({
      enterpriseId: visitCounterparts.enterpriseId,
      organisationId: visitCounterparts.organisationId,
      name: sql<string>`coalesce(${enterprises.name}, ${organisations.name})`,
      kind: sql<string>`coalesce(${organisations.kind}, 'enterprise')`,
      tiers: enterprises.tiers,
    })
    .from(visitCounterparts)
    .leftJoin(enterprises, eq(enterprises.id, visitCounterparts.enterpriseId))
    .leftJoin(organisations, eq(organisations.id, visitCounterparts.organisationId))
    .where(eq(visitCounterparts.visitId, visitId))
    .orderBy(asc(visitCounterparts.id));
}

export async function leadsOf(tx: Tx, visitId: number) {
  return tx
    .select({ id: leads.id, title: leads.title, status: leads.status, intendedAmount: leads.intendedAmount })
    .from(visitLeads)
    .innerJoin(leads, eq(leads.id, visitLeads.leadId))
    .where(eq(visitLeads.visitId, visitId))
    .orderBy(asc(leads.id));
}

export async function sourceVisitOfLead(tx: Tx, leadId: number) {
  const [row] = await tx.select({ visitId: visitLeads.visitId }).from(visitLeads).where(eq(visitLeads.leadId, leadId));
  return row?.visitId ?? null;
}

export async function activeUserIds(tx: Tx, ids: number[]) {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

export async function existingUnitIds(tx: Tx, ids: number[]) {
  if (!ids.length) return [];
  const rows = await tx.select({ id: units.id }).from(units).where(inArray(units.id, ids));
  return rows.map((r) => r.id);
}

export async function homeDivision(tx: Tx): Promise<string> {
  const [row] = await tx
    .select({ code: units.divisionCode })
    .from(units)
    .where(and(eq(units.kind, 'city'), isNull(units.parentId)))
    .orderBy(asc(units.id))
    .limit(1);
  return row?.code ?? '371500';
}

// ---------------------------------------------------------------------------------------------- organisations

export async function findOrganisations(tx: Tx, f: { q?: string; kind?: string; limit: number }) {
  const conds: SQL[] = [];
  if (f.q) conds.push(sql`${organisations.name} ILIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.kind) conds.push(eq(organisations.kind, f.kind));
  return tx
    .select()
    .from(organisations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.name))
    .limit(f.limit);
}

export async function organisationByName(tx: Tx, name: string) {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(sql`lower(btrim(${organisations.name})) = lower(btrim(${name}))`);
  return row;
}

export async function existingOrganisationIds(tx: Tx, ids: number[]) {
  if (!ids.length) return [];
  return (await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, ids))).map(
    (r) => r.id,
  );
}

export async function insertOrganisation(tx: Tx, v: typeof organisations.$inferInsert) {
  const [row] = await tx.insert(organisations).values(v).returning();
  return row;
}

// ---------------------------------------------------------------------------------------------- quotas

export async function quotaRulesOf(tx: Tx, year: number) {
  return tx.select().from(visitQuotaRules).where(eq(visitQuotaRules.year, year));
}

export type QuotaRuleValues = Omit<typeof visitQuotaRules.$inferInsert, 'id' | 'version' | 'updatedAt'>;

export async function insertQuotaRule(tx: Tx, v: QuotaRuleValues): Promise<boolean> {
  const rows = await tx.insert(visitQuotaRules).values(v).onConflictDoNothing().returning({ id: visitQuotaRules.id });
  return rows.length > 0;
}

export async function updateQuotaRule(
  tx: Tx,
  year: number,
  subject: string,
  version: number,
  set: Partial<QuotaRuleValues>,
) {
  const rows = await tx
    .update(visitQuotaRules)
    .set({ ...set, version: sql`${visitQuotaRules.version} + 1`, updatedAt: new Date() })
    .where(
      and(eq(visitQuotaRules.year, year), eq(visitQuotaRules.subject, subject), eq(visitQuotaRules.version, version)),
    )
    .returning({ id: visitQuotaRules.id });
  return rows.length > 0;
}

/** The subjects of one kind: units of the given kinds, or the teams; limited to the ones in the caller's scope. */
export async function quotaSubjects(tx: Tx, scope: DataScope, subject: QuotaSubject, unitKinds: readonly string[]) {
  if (subject === 'team') {
    const where =
      scope.kind === 'all'
        ? undefined
        : scope.kind === 'none' || !scope.teamIds.length
          ? sql`FALSE`
          : inArray(teams.id, scope.teamIds);
    return tx
      .select({ id: teams.id, name: teams.name, unitKind: sql<string | null>`NULL` })
      .from(teams)
      .where(where)
      .orderBy(asc(teams.id));
  }
  const conds: SQL[] = [inArray(units.kind, [...unitKinds]), eq(units.active, true)];
  if (scope.kind === 'none') conds.push(sql`FALSE`);
  else if (scope.kind === 'limited') conds.push(scope.unitIds.length ? inArray(units.id, scope.unitIds) : sql`FALSE`);
  return tx
    .select({ id: units.id, name: units.name, unitKind: units.kind })
    .from(units)
    .where(and(...conds))
    .orderBy(asc(units.sort), asc(units.id));
}

/** The clusters of the teams each unit leads: a department's "industries related to its own functions". */
export async function ledClusters(tx: Tx, unitIds: number[]) {
  if (!unitIds.length) return new Map<number, number[]>();
  const rows = await tx
    .select({ unitId: teams.leadUnitId, clusterId: teams.clusterId })
    .from(teams)
    .where(inArray(teams.leadUnitId, unitIds));
  const out = new Map<number, number[]>();
  for (const r of rows)
    if (r.unitId != null && r.clusterId != null) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.clusterId]);
  return out;
}

/**
 * Each organisation each subject met in completed visits of the year, once, with its first visit; merged enterprises
 * count as the enterprise they were merged into. Subjects are units (through visit_units) or teams (the visit's team).
 */
export async function metOrganisations(tx: Tx, subject: 'unit' | 'team', subjectIds: number[], year: number) {
  if (!subjectIds.length) return [];
  const subjectCol = subject === 'unit' ? sql`vu.unit_id` : sql`v.team_id`;
  const join = subject === 'unit' ? sql`JOIN visit_units vu ON vu.visit_id = v.id` : sql``;
  const res = await tx.execute(sql`
    SELECT ${subjectCol} AS subject_id, ce.id AS enterprise_id, o.id AS organisation_id,
      coalesce(ce.name, o.name) AS name, ce.tiers, ce.hq_region, ce.cluster_id, o.kind AS organisation_kind,
      (array_agg(v.id ORDER BY v.visit_date, v.id))[1] AS first_visit_id, min(v.visit_date)::text AS first_visit_date
    FROM visits v ${join}
    JOIN visit_counterparts vc ON vc.visit_id = v.id
    LEFT JOIN enterprises e ON e.id = vc.enterprise_id
    LEFT JOIN enterprises ce ON ce.id = coalesce(e.merged_into_id, e.id)
    LEFT JOIN organisations o ON o.id = vc.organisation_id
    WHERE v.deleted_at IS NULL AND v.status = 'completed'
      AND v.visit_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
      AND ${subjectCol} = ANY(${intArray(subjectIds)})
    GROUP BY 1, ce.id, o.id, ce.name, o.name, ce.tiers, ce.hq_region, ce.cluster_id, o.kind
    ORDER BY 1, first_visit_date, name`);
  const rows = (res as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    met: {
      enterpriseId: r.enterprise_id == null ? null : Number(r.enterprise_id),
      organisationId: r.organisation_id == null ? null : Number(r.organisation_id),
      name: String(r.name),
      firstVisitId: Number(r.first_visit_id),
      firstVisitDate: String(r.first_visit_date),
      tiers: (r.tiers as string[] | null) ?? null,
      hqRegion: (r.hq_region as string | null) ?? null,
      clusterId: r.cluster_id == null ? null : Number(r.cluster_id),
      organisationKind: (r.organisation_kind as string | null) ?? null,
    } satisfies MetOrganisation,
  }));
}
