// Units, clusters and teams: the organisation the rest of the product hangs on.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { clusters, teamMembers, teams, units, users } from '../../db/schema.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import { forgetReads } from '../../core/read-cache.js';

export const UNIT_KINDS = ['province', 'city', 'leading_group', 'office', 'bureau', 'department', 'county', 'district', 'zone', 'park', 'outpost'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitInput { code: string; name: string; shortName?: string | null; kind: UnitKind; parentId?: number | null; divisionCode?: string | null; sort?: number; active?: boolean }

const UNIT_FIELDS = ['code', 'name', 'shortName', 'kind', 'parentId', 'divisionCode', 'sort', 'active'] as const;

export const listUnits = (db: Tx) => db.select().from(units).orderBy(asc(units.sort), asc(units.id));
export const listClusters = (db: Tx) => db.select().from(clusters).orderBy(asc(clusters.sort), asc(clusters.id));

async function checkUnitInput(tx: Tx, input: Partial<UnitInput>, selfId?: number) {
  if (input.divisionCode && !/^\d{6}$/.test(input.divisionCode)) throw validationError([{ field: 'divisionCode', code: 'invalid' }]);
  if (input.parentId != null) {
    const [parent] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.parentId));
    if (!parent) throw validationError([{ field: 'parentId', code: 'not_found' }]);
    if (selfId !== undefined) {
      // A unit cannot move under itself or one of its own descendants.
      const rows = await tx.execute<{ id: number }>(sql`WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM units WHERE id = ${input.parentId}
        UNION ALL SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id) SELECT id FROM up`);
      if ((rows as unknown as { rows: { id: number }[] }).rows.some((r) => Number(r.id) === selfId)) {
        throw validationError([{ field: 'parentId', code: 'invalid', message: '不能把单位移到它自己下面 / a unit cannot sit under itself' }]);
      }
    }
  }
  if (input.code !== undefined) {
    const [dup] = await tx.select({ id: units.id }).from(units).where(eq(units.code, input.code));
    if (dup && dup.id !== selfId) throw validationError([{ field: 'code', code: 'taken' }]);
  }
}

export async function createUnit(db: Db, ctx: AuthedContext, input: UnitInput) {
  return db.transaction(async (tx) => {
    await checkUnitInput(tx, input);
    const [row] = await tx.insert(units).values({ ...input }).returning();
    forgetReads('subtree:');
    await writeAudit(tx, ctx, { action: 'unit.create', targetType: 'unit', targetId: row.id, targetLabel: row.name, changes: diffFields(null, row, UNIT_FIELDS) });
    return row;
  });
}

export async function updateUnit(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<UnitInput>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(units).where(eq(units.id, id));
    if (!before) throw new AppError('NOT_FOUND');
    await checkUnitInput(tx, patch, id);
    const [row] = await tx.update(units).set({ ...patch, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(units.id, id), eq(units.version, version))).returning();
    if (!row) throw new AppError('VERSION_CONFLICT');
    forgetReads('subtree:');
    await writeAudit(tx, ctx, { action: 'unit.update', targetType: 'unit', targetId: id, targetLabel: row.name, changes: diffFields(before, row, UNIT_FIELDS) });
    return row;
  });
}

export interface TeamInput { name: string; clusterId?: number | null; leadUnitId?: number | null; leaderUserId?: number | null; description?: string | null }
const TEAM_FIELDS = ['name', 'clusterId', 'leadUnitId', 'leaderUserId', 'description'] as const;

export async function listTeams(db: Tx) {
  const rows = await db.select({
    team: teams, clusterName: clusters.name, leadUnitName: units.name, leaderName: users.displayName,
  }).from(teams)
    .leftJoin(clusters, eq(clusters.id, teams.clusterId))
    .leftJoin(units, eq(units.id, teams.leadUnitId))
    .leftJoin(users, eq(users.id, teams.leaderUserId))
    .orderBy(asc(teams.id));
  const members = await db.select({ teamId: teamMembers.teamId, userId: teamMembers.userId, displayName: users.displayName, unitName: units.name })
    .from(teamMembers).innerJoin(users, eq(users.id, teamMembers.userId)).innerJoin(units, eq(units.id, users.unitId));
  return rows.map((r) => ({
    ...r.team, clusterName: r.clusterName, leadUnitName: r.leadUnitName, leaderName: r.leaderName,
    members: members.filter((m) => m.teamId === r.team.id).map(({ userId, displayName, unitName }) => ({ userId, displayName, unitName })),
  }));
}

async function checkTeamInput(tx: Tx, input: Partial<TeamInput>, selfId?: number) {
  const errors = [];
  if (input.clusterId != null && !(await tx.select({ id: clusters.id }).from(clusters).where(eq(clusters.id, input.clusterId))).length) errors.push({ field: 'clusterId', code: 'not_found' });
  if (input.leadUnitId != null && !(await tx.select({ id: units.id }).from(units).where(eq(units.id, input.leadUnitId))).length) errors.push({ field: 'leadUnitId', code: 'not_found' });
  if (input.leaderUserId != null && !(await tx.select({ id: users.id }).from(users).where(eq(users.id, input.leaderUserId))).length) errors.push({ field: 'leaderUserId', code: 'not_found' });
  if (input.name !== undefined) {
    const [dup] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, input.name));
    if (dup && dup.id !== selfId) errors.push({ field: 'name', code: 'taken' });
  }
  if (errors.length) throw validationError(errors);
}

export async function createTeam(db: Db, ctx: AuthedContext, input: TeamInput) {
  return db.transaction(async (tx) => {
    await checkTeamInput(tx, input);
    const [row] = await tx.insert(teams).values(input).returning();
    await writeAudit(tx, ctx, { action: 'team.create', targetType: 'team', targetId: row.id, targetLabel: row.name, changes: diffFields(null, row, TEAM_FIELDS) });
    return row;
  });
}

export async function updateTeam(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<TeamInput>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(teams).where(eq(teams.id, id));
    if (!before) throw new AppError('NOT_FOUND');
    await checkTeamInput(tx, patch, id);
    const [row] = await tx.update(teams).set({ ...patch, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(teams.id, id), eq(teams.version, version))).returning();
    if (!row) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, { action: 'team.update', targetType: 'team', targetId: id, targetLabel: row.name, changes: diffFields(before, row, TEAM_FIELDS) });
    return row;
  });
}

/** Replaces a team's members. Membership widens data scope, so it is audited like a permission change. */
export async function setTeamMembers(db: Db, ctx: AuthedContext, id: number, userIds: number[]) {
  return db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, id));
    if (!team) throw new AppError('NOT_FOUND');
    const unique = [...new Set(userIds)];
    if (unique.length) {
      const found = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, unique));
      const bad = unique.filter((u) => !found.some((f) => f.id === u && !f.role.endsWith('_admin')));
      if (bad.length) throw validationError([{ field: 'userIds', code: 'not_found', message: `用户不存在或为管理员账号 / unknown or administrator accounts: ${bad.join(', ')}` }]);
    }
    const before = (await tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, id))).map((r) => r.userId).sort((a, b) => a - b);
    await tx.delete(teamMembers).where(eq(teamMembers.teamId, id));
    if (unique.length) await tx.insert(teamMembers).values(unique.map((userId) => ({ teamId: id, userId })));
    const after = [...unique].sort((a, b) => a - b);
    await writeAudit(tx, ctx, { action: 'team.members', targetType: 'team', targetId: id, targetLabel: team.name,
      changes: JSON.stringify(before) === JSON.stringify(after) ? null : { members: [before, after] } });
    return after;
  });
}
