// Data access for accounts. Password hashes never leave this module and auth: lists read the public columns only.
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { teamMembers, units, users } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;
type UserValues = Omit<typeof users.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
  phone: users.phone,
  status: users.status,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  mustChangePassword: users.mustChangePassword,
  version: users.version,
};

export interface UserFilter {
  q?: string;
  unitId?: number;
  role?: string;
  page: number;
  pageSize: number;
}

export async function findUsers(db: Db, f: UserFilter) {
  const conds: SQL[] = [];
  if (f.q) conds.push(or(ilike(users.username, `%${f.q}%`), ilike(users.displayName, `%${f.q}%`))!);
  if (f.unitId) conds.push(eq(users.unitId, f.unitId));
  if (f.role) conds.push(eq(users.role, f.role));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [{ total }]] = await Promise.all([
    db
      .select(publicColumns)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(asc(users.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: Number(total) };
}

/** An account as lists and forms show it (no password fields). */
export async function publicUserById(db: Tx, id: number) {
  const [u] = await db
    .select(publicColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id));
  return u;
}

export async function userById(tx: Tx, id: number): Promise<UserRow | undefined> {
  const [u] = await tx.select().from(users).where(eq(users.id, id));
  return u;
}

/** Usernames are unique without regard to case. */
export async function userByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  const [u] = await tx.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return u;
}

export async function insertUser(tx: Tx, values: UserValues) {
  const [row] = await tx.insert(users).values(values).returning();
  return row;
}

/** Updates an account only at the version the caller read; undefined when another save came first. */
export async function updateUserAt(tx: Tx, id: number, version: number, patch: Partial<UserValues>) {
  const [row] = await tx
    .update(users)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

/** Administrator commands (disable, unlock …) act on the account as they read it in the same transaction. */
export async function updateUser(tx: Tx, id: number, patch: Partial<typeof users.$inferInsert>) {
  await tx.update(users).set(patch).where(eq(users.id, id));
}

export async function removeTeamMemberships(tx: Tx, userId: number) {
  await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
}
