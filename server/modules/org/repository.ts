// Data access for units, clusters and teams. Organisation records are not scoped: every signed-in user may read them.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { clusters, teamMembers, teams, units, users } from '../../db/schema.js';

export type UnitRow = typeof units.$inferSelect;
export type UnitValues = Omit<typeof units.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type TeamValues = Omit<typeof teams.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

// ---------------------------------------------------------------------------------------------- lookups
// Shared by every module that checks a reference to the organisation (through org/service.ts).

export async function unitById(tx: Tx, id: number) {
  const [row] = await tx.select().from(units).where(eq(units.id, id));
  return row;
}

export async function unitExists(tx: Tx, id: number) {
  return (await tx.select({ id: units.id }).from(units).where(eq(units.id, id))).length > 0;
}

export async function clusterExists(tx: Tx, id: number) {
  return (await tx.select({ id: clusters.id }).from(clusters).where(eq(clusters.id, id))).length > 0;
}

export async function teamExists(tx: Tx, id: number) {
  return (await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, id))).length > 0;
}

export async function userExists(tx: Tx, id: number) {
  return (await tx.select({ id: users.id }).from(users).where(eq(users.id, id))).length > 0;
}

// ---------------------------------------------------------------------------------------------- units

export const listUnits = (db: Tx) => db.select().from(units).orderBy(asc(units.sort), asc(units.id));
export const listClusters = (db: Tx) => db.select().from(clusters).orderBy(asc(clusters.sort), asc(clusters.id));

/** The unit and all the units above it. */
export async function unitAndAncestorIds(tx: Tx, id: number): Promise<number[]> {
  const rows = await tx.execute<{ id: number }>(sql`WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM units WHERE id = ${id}
    UNION ALL SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id) SELECT id FROM up`);
  return (rows as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id));
}

export async function unitIdByCode(tx: Tx, code: string) {
  const [row] = await tx.select({ id: units.id }).from(units).where(eq(units.code, code));
  return row?.id;
}

export async function insertUnit(tx: Tx, values: UnitValues) {
  const [row] = await tx.insert(units).values(values).returning();
  return row;
}

/** Updates a unit only at the version the caller read; undefined when another save came first. */
export async function updateUnitAt(tx: Tx, id: number, version: number, patch: Partial<UnitValues>) {
  const [row] = await tx
    .update(units)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------------------------------------- teams

export async function teamsWithNames(db: Tx) {
  return db
    .select({
      team: teams,
      clusterName: clusters.name,
      leadUnitName: units.name,
      leaderName: users.displayName,
    })
    .from(teams)
    .leftJoin(clusters, eq(clusters.id, teams.clusterId))
    .leftJoin(units, eq(units.id, teams.leadUnitId))
    .leftJoin(users, eq(users.id, teams.leaderUserId))
    .orderBy(asc(teams.id));
}

export async function allTeamMembers(db: Tx) {
  return db
    .select({
      teamId: teamMembers.teamId,
      userId: teamMembers.userId,
      displayName: users.displayName,
      unitName: units.name,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .innerJoin(units, eq(units.id, users.unitId));
}

export async function teamById(tx: Tx, id: number) {
  const [row] = await tx.select().from(teams).where(eq(teams.id, id));
  return row;
}

export async function teamIdByName(tx: Tx, name: string) {
  const [row] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  return row?.id;
}

export async function insertTeam(tx: Tx, values: TeamValues) {
  const [row] = await tx.insert(teams).values(values).returning();
  return row;
}

/** Updates a team only at the version the caller read; undefined when another save came first. */
export async function updateTeamAt(tx: Tx, id: number, version: number, patch: Partial<TeamValues>) {
  const [row] = await tx
    .update(teams)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(teams.id, id), eq(teams.version, version)))
    .returning();
  return row;
}

export async function usersWithRoles(tx: Tx, ids: number[]) {
  return tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids));
}

export async function memberIdsOfTeam(tx: Tx, teamId: number) {
  return (await tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId))).map(
    (r) => r.userId,
  );
}

export async function replaceTeamMembers(tx: Tx, teamId: number, userIds: number[]) {
  await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (userIds.length) await tx.insert(teamMembers).values(userIds.map((userId) => ({ teamId, userId })));
}
