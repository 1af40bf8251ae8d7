// Data access for sign-in: sessions, password history and the credential columns of accounts.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { passwordHistory, sessions, teamMembers, units, users } from '../../db/schema.js';

export type AccountRow = typeof users.$inferSelect;

/** Usernames are unique without regard to case. */
export async function accountByUsername(db: Tx, username: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function accountById(db: Tx, id: number): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function unitNameOfUser(db: Tx, userId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  return row?.unitName;
}

/** Counts a failed login in the row itself, so that parallel attempts cannot slip past the threshold. */
export async function countFailedLogin(tx: Tx, userId: number): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins });
  return row.failedLogins;
}

export async function setLoginState(
  tx: Tx,
  userId: number,
  state: { failedLogins: number; lockedUntil: Date | null; lastLoginAt?: Date },
) {
  await tx.update(users).set(state).where(eq(users.id, userId));
}

export async function storePasswordHash(
  tx: Tx,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
  now: Date,
) {
  await tx
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
  await tx.insert(passwordHistory).values({ userId, passwordHash, createdAt: now });
}

export async function recentPasswordHashes(tx: Tx, userId: number, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ h: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(limit);
  return rows.map((r) => r.h);
}

/** Keeps only the newest `keep` entries of a user's password history. */
export async function trimPasswordHistory(tx: Tx, userId: number, keep: number) {
  await tx.execute(sql`DELETE FROM password_history WHERE user_id = ${userId} AND id NOT IN (
    SELECT id FROM password_history WHERE user_id = ${userId} ORDER BY created_at DESC, id DESC LIMIT ${keep})`);
}

// ---------------------------------------------------------------------------------------------- sessions

export async function insertSession(tx: Tx, values: typeof sessions.$inferInsert) {
  await tx.insert(sessions).values(values);
}

/** One query: the session, its user and the user's teams. */
export async function sessionWithUser(db: Tx, idHash: string) {
  const [row] = await db
    .select({
      s: sessions,
      u: users,
      teamIds: sql<
        number[]
      >`ARRAY(SELECT ${teamMembers.teamId} FROM ${teamMembers} WHERE ${teamMembers.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  return row;
}

export async function touchSession(db: Tx, idHash: string, lastSeenAt: Date) {
  await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Tx, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user, or all but one. */
export async function deleteSessionsOf(tx: Tx, userId: number, exceptIdHash?: string) {
  await tx
    .delete(sessions)
    .where(
      exceptIdHash
        ? and(eq(sessions.userId, userId), sql`${sessions.idHash} <> ${exceptIdHash}`)
        : eq(sessions.userId, userId),
    );
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
