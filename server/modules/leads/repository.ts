// Data access for leads (线索). Every read of leads carries the caller's visibility predicate: owned leads by the
// data scope (owner unit / team), pool leads (公海, no owner) for every business role.
import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import {
  clusters,
  enterprises,
  leadFollowUps,
  leads,
  leadTransfers,
  teamMembers,
  teams,
  units,
  users,
} from '../../db/schema.js';
import { scopePredicate, unitSubtree, type DataScope } from '../../core/scope.js';
import { searchPredicate } from '../../core/search.js';
import { BUSINESS_ROLES, can } from '../../core/policy.js';
import { staleCutoff, type SORTS } from './constants.js';

const ownerUser = alias(users, 'owner_user');
const creator = alias(users, 'creator');

const columns = {
  id: leads.id,
  title: leads.title,
  enterpriseId: leads.enterpriseId,
  // The library's name when the lead points at an enterprise there, otherwise the free text.
  enterpriseName: sql<string | null>`coalesce(${enterprises.name}, ${leads.enterpriseName})`.as(
    'enterprise_name_shown',
  ),
  industryCode: leads.industryCode,
  clusterId: leads.clusterId,
  clusterName: clusters.name,
  intendedAmount: leads.intendedAmount,
  content: leads.content,
  sourceChannel: leads.sourceChannel,
  referrer: leads.referrer,
  status: leads.status,
  ownerUnitId: leads.ownerUnitId,
  ownerUnitName: units.name,
  ownerUserId: leads.ownerUserId,
  ownerUserName: ownerUser.displayName,
  teamId: leads.teamId,
  teamName: teams.name,
  projectId: leads.projectId,
  dropReason: leads.dropReason,
  lastFollowUpAt: leads.lastFollowUpAt,
  createdBy: leads.createdBy,
  createdByName: creator.displayName,
  version: leads.version,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
};

/** Leads the caller may see: not deleted, and in the pool (any business role) or owned within the data scope. */
export function visible(scope: DataScope): SQL {
  if (scope.kind === 'none') return sql`FALSE`;
  return and(
    isNull(leads.deletedAt),
    or(eq(leads.status, 'pool'), scopePredicate(scope, { ownerUnitId: leads.ownerUnitId, teamId: leads.teamId })),
  )!;
}

function base(tx: Tx) {
  return tx
    .select(columns)
    .from(leads)
    .leftJoin(enterprises, eq(enterprises.id, leads.enterpriseId))
    .leftJoin(clusters, eq(clusters.id, leads.clusterId))
    .leftJoin(units, eq(units.id, leads.ownerUnitId))
    .leftJoin(ownerUser, eq(ownerUser.id, leads.ownerUserId))
    .leftJoin(teams, eq(teams.id, leads.teamId))
    .leftJoin(creator, eq(creator.id, leads.createdBy));
}

export type LeadRow = Awaited<ReturnType<typeof findLead>> & object;

export interface LeadFilter {
  q?: string;
  status?: string;
  sourceChannel?: string;
  clusterId?: number;
  ownerUnitId?: number;
  ownerUserId?: number;
  stale?: boolean;
  sort: (typeof SORTS)[number];
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export type LeadWhere = Omit<LeadFilter, 'sort' | 'order' | 'page' | 'pageSize'>;

/** The list's filter: the leads the caller may see that match. The list page and the export both read with it. */
export async function listWhere(tx: Tx, scope: DataScope, f: LeadWhere): Promise<SQL> {
  const conds: (SQL | undefined)[] = [
    visible(scope),
    searchPredicate(f.q, { text: leads.searchText, grams: leads.searchGrams }),
  ];
  if (f.status) conds.push(eq(leads.status, f.status));
  if (f.sourceChannel) conds.push(eq(leads.sourceChannel, f.sourceChannel));
  if (f.clusterId) conds.push(eq(leads.clusterId, f.clusterId));
  if (f.ownerUnitId) conds.push(inArray(leads.ownerUnitId, await unitSubtree(tx, f.ownerUnitId)));
  if (f.ownerUserId) conds.push(eq(leads.ownerUserId, f.ownerUserId));
  if (f.stale) {
    conds.push(
      eq(leads.status, 'following'),
      sql`coalesce(${leads.lastFollowUpAt}, ${leads.createdAt}) < ${staleCutoff().toISOString()}::timestamptz`,
    );
  }
  return and(...conds)!;
}

export async function findLeads(tx: Tx, where: SQL, f: LeadFilter) {
  const col = {
    updatedAt: leads.updatedAt,
    createdAt: leads.createdAt,
    lastFollowUpAt: leads.lastFollowUpAt,
    intendedAmount: leads.intendedAmount,
  }[f.sort];
  const order = f.order === 'asc' ? sql`${col} ASC NULLS LAST` : sql`${col} DESC NULLS LAST`;
  const offset = (f.page - 1) * f.pageSize;
  // The count stops after ten more pages: enough to page on, without counting a whole city's history each time.
  const cap = offset + f.pageSize * 10 + 1;
  const [items, [{ n }]] = await Promise.all([
    base(tx).where(where).orderBy(order, desc(leads.id)).limit(f.pageSize).offset(offset),
    tx.select({ n: count() }).from(tx.select({ id: leads.id }).from(leads).where(where).limit(cap).as('windowed')),
  ]);
  const total = Number(n);
  return { items, total, totalIsExact: total < cap };
}

/** A page of the export, in id order after `afterId`. */
export function exportPage(tx: Tx, where: SQL, afterId: number, limit: number) {
  return tx
    .select({
      id: leads.id,
      title: leads.title,
      enterpriseName: sql<string | null>`coalesce(${enterprises.name}, ${leads.enterpriseName})`,
      intendedAmount: leads.intendedAmount,
      sourceChannel: leads.sourceChannel,
      referrer: leads.referrer,
      ownerUnitName: units.name,
      ownerUserName: ownerUser.displayName,
      status: leads.status,
      clusterName: clusters.name,
      industryCode: leads.industryCode,
      content: leads.content,
      lastFollowUpAt: leads.lastFollowUpAt,
      updatedAt: leads.updatedAt,
    })
    .from(leads)
    .leftJoin(enterprises, eq(enterprises.id, leads.enterpriseId))
    .leftJoin(units, eq(units.id, leads.ownerUnitId))
    .leftJoin(ownerUser, eq(ownerUser.id, leads.ownerUserId))
    .leftJoin(clusters, eq(clusters.id, leads.clusterId))
    .where(and(where, gt(leads.id, afterId)))
    .orderBy(asc(leads.id))
    .limit(limit);
}

export async function findLead(tx: Tx, scope: DataScope, id: number) {
  const [row] = await base(tx).where(and(eq(leads.id, id), visible(scope)));
  return row;
}

/** The stored lead, locked for the rest of the transaction, when the caller may see it. */
export async function lockLead(tx: Tx, scope: DataScope, id: number) {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), visible(scope)))
    .for('update');
  return row;
}

/** The stored lead without a lock, when the caller may see it. */
export async function storedLead(tx: Tx, scope: DataScope, id: number) {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), visible(scope)));
  return row;
}
export type StoredLead = typeof leads.$inferSelect;

/** Whether the lead left the pool by a claim last: a claimer who lost the race is told so (the pool was public). */
export async function lastMoveWasClaim(tx: Tx, id: number): Promise<boolean> {
  const [t] = await tx
    .select({ kind: leadTransfers.kind })
    .from(leadTransfers)
    .innerJoin(leads, eq(leads.id, leadTransfers.leadId))
    .where(and(eq(leadTransfers.leadId, id), isNull(leads.deletedAt)))
    .orderBy(desc(leadTransfers.id))
    .limit(1);
  return t?.kind === 'claim';
}

export type LeadValues = {
  title: string;
  enterpriseId?: number | null;
  enterpriseName?: string | null;
  industryCode?: string | null;
  clusterId?: number | null;
  intendedAmount?: string | null;
  content?: string | null;
  sourceChannel: string;
  referrer?: string | null;
  teamId?: number | null;
};
type Owner = { status: string; ownerUnitId: number | null; ownerUserId: number | null; teamId: number | null };

export async function insertLead(
  tx: Tx,
  values: LeadValues & Owner & { createdBy: number; searchText: string; searchGrams: string[] },
) {
  const [row] = await tx.insert(leads).values(values).returning({ id: leads.id });
  return row.id;
}

export type LeadPatch = Partial<
  LeadValues &
    Owner & {
      projectId: number | null;
      dropReason: string | null;
      searchText: string;
      searchGrams: string[];
    }
>;

/** Updates only when the stored version is the one the caller read; returns false on a conflict. */
export async function updateLeadRow(tx: Tx, id: number, version: number, patch: LeadPatch): Promise<boolean> {
  const rows = await tx
    .update(leads)
    .set({ ...patch, version: sql`${leads.version} + 1`, updatedAt: new Date() })
    .where(and(eq(leads.id, id), eq(leads.version, version), isNull(leads.deletedAt)))
    .returning({ id: leads.id });
  return rows.length === 1;
}

/** A follow-up does not change the lead's own fields: no version bump, lastFollowUpAt only moves forward. */
export async function touchFollowUp(tx: Tx, id: number, at: Date) {
  await tx
    .update(leads)
    .set({
      lastFollowUpAt: sql`greatest(${leads.lastFollowUpAt}, ${at.toISOString()}::timestamptz)`,
      updatedAt: new Date(),
    })
    .where(eq(leads.id, id));
}

export async function insertFollowUp(tx: Tx, v: typeof leadFollowUps.$inferInsert) {
  const [row] = await tx.insert(leadFollowUps).values(v).returning({ id: leadFollowUps.id });
  return row.id;
}

export async function insertTransfer(tx: Tx, v: typeof leadTransfers.$inferInsert) {
  await tx.insert(leadTransfers).values(v);
}

// Children of a lead the caller has already read through its scope.
export async function followUpsOf(tx: Tx, leadId: number) {
  return tx
    .select({
      id: leadFollowUps.id,
      at: leadFollowUps.at,
      method: leadFollowUps.method,
      content: leadFollowUps.content,
      nextStep: leadFollowUps.nextStep,
      userId: leadFollowUps.userId,
      userName: users.displayName,
      unitId: leadFollowUps.unitId,
      unitName: units.name,
      createdAt: leadFollowUps.createdAt,
    })
    .from(leadFollowUps)
    .leftJoin(users, eq(users.id, leadFollowUps.userId))
    .leftJoin(units, eq(units.id, leadFollowUps.unitId))
    .where(eq(leadFollowUps.leadId, leadId))
    .orderBy(desc(leadFollowUps.at), desc(leadFollowUps.id));
}

export async function transfersOf(tx: Tx, leadId: number) {
  const fromUnit = alias(units, 'from_unit'),
    toUnit = alias(units, 'to_unit');
  const fromUser = alias(users, 'from_user'),
    toUser = alias(users, 'to_user'),
    byUser = alias(users, 'by_user');
  return tx
    .select({
      id: leadTransfers.id,
      kind: leadTransfers.kind,
      reason: leadTransfers.reason,
      at: leadTransfers.at,
      fromUnitId: leadTransfers.fromUnitId,
      fromUnitName: fromUnit.name,
      fromUserId: leadTransfers.fromUserId,
      fromUserName: fromUser.displayName,
      toUnitId: leadTransfers.toUnitId,
      toUnitName: toUnit.name,
      toUserId: leadTransfers.toUserId,
      toUserName: toUser.displayName,
      byUserId: leadTransfers.byUserId,
      byUserName: byUser.displayName,
    })
    .from(leadTransfers)
    .leftJoin(fromUnit, eq(fromUnit.id, leadTransfers.fromUnitId))
    .leftJoin(toUnit, eq(toUnit.id, leadTransfers.toUnitId))
    .leftJoin(fromUser, eq(fromUser.id, leadTransfers.fromUserId))
    .leftJoin(toUser, eq(toUser.id, leadTransfers.toUserId))
    .leftJoin(byUser, eq(byUser.id, leadTransfers.byUserId))
    .where(eq(leadTransfers.leadId, leadId))
    .orderBy(desc(leadTransfers.at), desc(leadTransfers.id));
}

/** Active accounts that may own a lead (business roles that write), with their teams. */
export async function findAssignee(tx: Tx, id: number) {
  const [u] = await tx
    .select({
      id: users.id,
      displayName: users.displayName,
      unitId: users.unitId,
      role: users.role,
      status: users.status,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!u || u.status !== 'active' || !can(u.role, 'business.write')) return undefined;
  const teamIds = (
    await tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, id))
  ).map((r) => r.teamId);
  return { ...u, teamIds };
}

export async function listAssignees(tx: Tx, f: { q?: string; unitId?: number }) {
  const writers = BUSINESS_ROLES.filter((r) => can(r, 'business.write'));
  const conds: (SQL | undefined)[] = [eq(users.status, 'active'), inArray(users.role, writers as string[])];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        sql`${users.displayName} ILIKE ${like}`,
        sql`${users.username} ILIKE ${like}`,
        sql`${units.name} ILIKE ${like}`,
      ),
    );
  }
  if (f.unitId) conds.push(eq(users.unitId, f.unitId));
  return tx
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(...conds))
    .orderBy(asc(units.sort), asc(users.id))
    .limit(50);
}

// ---------------------------------------------------------------------------------------------- spreadsheet imports

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);
const textArray = (xs: string[]) => sql`${JSON.stringify(xs)}::jsonb`;

/** Live leads with these titles: an import's duplicates. */
export interface ExistingLead {
  id: number;
  title: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  status: string;
  ownerUnitId: number | null;
  teamId: number | null;
}
export async function existingLeads(tx: Tx, titles: string[]): Promise<ExistingLead[]> {
  if (!titles.length) return [];
  return rowsOf<ExistingLead>(
    await tx.execute(sql`SELECT l.id, l.title, l.enterprise_id AS "enterpriseId", coalesce(e.name, l.enterprise_name) AS "enterpriseName",
      l.status, l.owner_unit_id AS "ownerUnitId", l.team_id AS "teamId"
    FROM leads l LEFT JOIN enterprises e ON e.id = l.enterprise_id
    WHERE l.deleted_at IS NULL AND btrim(l.title) IN (SELECT jsonb_array_elements_text(${textArray(titles)}))`),
  );
}

const jsonb = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** An import's chunk of leads from the temporary table `source`: the records, their timeline, the rows' records. */
export async function importLeads(tx: Tx, source: string, jobId: number, userId: number, seq: string) {
  await tx.execute(sql`WITH src AS MATERIALIZED (
      SELECT x.*, nextval(${seq}::regclass)::int AS pid FROM ${sql.raw(source)} x
    ), ins AS (
      INSERT INTO leads (id, title, enterprise_id, enterprise_name, industry_code, cluster_id, intended_amount, content,
        source_channel, referrer, status, owner_unit_id, owner_user_id, team_id, created_by, search_text, search_grams)
      SELECT pid, title, enterprise_id, enterprise_name, industry_code, cluster_id, intended_amount, content,
        source_channel, referrer, 'following', owner_unit_id, owner_user_id, team_id, ${userId}, search_text, coalesce(string_to_array(g, ' '), '{}') FROM src
    ), tl AS (
      INSERT INTO timeline_entries (entity_type, entity_id, kind, summary, data, user_id)
      SELECT 'lead', pid, 'imported', '表格导入', ${jsonb({ importId: jobId })}, ${userId} FROM src
    )
    INSERT INTO import_row_records (job_id, row_no, record_id) SELECT ${jobId}, row_no, pid FROM src`);
}
