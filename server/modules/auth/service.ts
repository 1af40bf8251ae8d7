// Login, logout, sessions and password changes. Sessions are rows in the database.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { passwordHistory, sessions, teamMembers, users } from '../../db/schema.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext, Principal, RequestContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import type { Role } from '../../core/policy.js';
import { cachedSecurityPolicy, getSecurityPolicy, type SecurityPolicy } from '../settings/service.js';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginResult { token: string; csrfToken: string; expiresAt: Date; userId: number }

export async function login(db: Db, ctx: RequestContext, username: string, password: string, userAgent?: string): Promise<LoginResult> {
  const now = new Date();
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  // Verify even for an unknown account, so that timing does not tell whether it exists.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  // A refused login still commits its audit events and failure count, so the transaction returns
  // the outcome and the error is thrown only after the commit.
  const result = await db.transaction(async (tx): Promise<LoginResult | null> => {
    const policy = await getSecurityPolicy(tx);
    const actor = { id: user?.id ?? null, name: user?.username ?? username.slice(0, 64) };
    if (!user) {
      await writeAudit(tx, ctx, { action: 'auth.login', outcome: 'failure', actor, detail: 'unknown account' });
      return null;
    }
    const target = { targetType: 'user', targetId: user.id, targetLabel: user.username };
    const locked = user.lockedUntil && user.lockedUntil > now;
    if (locked || user.status !== 'active') {
      await writeAudit(tx, ctx, { action: 'auth.login', outcome: 'failure', actor, ...target, detail: locked ? 'account locked' : 'account disabled' });
      return null;
    }
    if (!ok) {
      // Count the failure atomically, so that parallel attempts cannot slip past the threshold.
      const [row] = await tx.update(users).set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id)).returning({ failedLogins: users.failedLogins });
      await writeAudit(tx, ctx, { action: 'auth.login', outcome: 'failure', actor, ...target, detail: `wrong password (${row.failedLogins})` });
      if (row.failedLogins >= policy.lockoutThreshold) {
        const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
        await tx.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, user.id));
        await tx.delete(sessions).where(eq(sessions.userId, user.id));
        await writeAudit(tx, ctx, { action: 'auth.lockout', actor, ...target,
          changes: { lockedUntil: [null, until.toISOString()] }, detail: `${policy.lockoutThreshold} failed logins` });
      }
      return null;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteHours * 3_600_000);
    await tx.insert(sessions).values({ idHash: sha256(token), userId: user.id, csrfToken, ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300), createdAt: now, lastSeenAt: now, expiresAt });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    await writeAudit(tx, ctx, { action: 'auth.login', actor, ...target });
    return { token, csrfToken, expiresAt, userId: user.id };
  });
  if (!result) throw new AppError('AUTH_FAILED');
  return result;
}

export function passwordExpired(changedAt: Date, policy: SecurityPolicy, now = new Date()): boolean {
  return policy.passwordExpiryDays > 0 && now.getTime() - changedAt.getTime() > policy.passwordExpiryDays * 86_400_000;
}

export interface ResolvedSession { principal: Principal; csrfToken: string }

/** Finds the live session behind a cookie token; ends it when idle or past its lifetime. */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | { expired: true } | null> {
  const idHash = sha256(token);
  // One query: the session, its user and the user's teams.
  const [row] = await db.select({ s: sessions, u: users,
    teamIds: sql<number[]>`ARRAY(SELECT ${teamMembers.teamId} FROM ${teamMembers} WHERE ${teamMembers.userId} = ${users.id})` })
    .from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash));
  if (!row) return null;
  const now = new Date();
  const policy = await cachedSecurityPolicy(db);
  const idleLimit = row.s.lastSeenAt.getTime() + policy.sessionIdleMinutes * 60_000;
  if (row.s.expiresAt <= now || idleLimit <= now.getTime() || row.u.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return { expired: true };
  }
  // Touch at most every 30 s: enough for a 30-minute idle limit, and far fewer writes.
  if (now.getTime() - row.s.lastSeenAt.getTime() > 30_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  const teams = (row.teamIds ?? []).map((teamId) => ({ teamId: Number(teamId) }));
  return {
    csrfToken: row.s.csrfToken,
    principal: {
      userId: row.u.id, username: row.u.username, displayName: row.u.displayName, role: row.u.role as Role,
      unitId: row.u.unitId, teamIds: teams.map((t) => t.teamId), sessionIdHash: idHash,
      mustChangePassword: row.u.mustChangePassword || passwordExpired(row.u.passwordChangedAt, policy, now),
    },
  };
}

export async function logout(db: Db, ctx: AuthedContext): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, ctx.principal.sessionIdHash));
    await writeAudit(tx, ctx, { action: 'auth.logout', targetType: 'user', targetId: ctx.principal.userId, targetLabel: ctx.principal.username });
  });
}

/** Ends every session of a user (disable, password reset, role change). */
export async function endSessionsOf(tx: Tx, userId: number, exceptIdHash?: string): Promise<void> {
  await tx.delete(sessions).where(exceptIdHash
    ? and(eq(sessions.userId, userId), sql`${sessions.idHash} <> ${exceptIdHash}`)
    : eq(sessions.userId, userId));
}

/** Sets a password after the policy and history checks; used by change and by administrators' resets. */
export async function setPassword(tx: Tx, userId: number, username: string, password: string, opts: { mustChange: boolean; field?: string }) {
  const policy = await getSecurityPolicy(tx);
  const field = opts.field ?? 'newPassword';
  const errors = checkPasswordStrength(password, username, policy, field);
  if (errors.length) throw validationError(errors);
  if (policy.passwordHistory > 0) {
    const recent = await tx.select({ h: passwordHistory.passwordHash }).from(passwordHistory)
      .where(eq(passwordHistory.userId, userId)).orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id)).limit(policy.passwordHistory);
    for (const r of recent) {
      if (await verifyPassword(r.h, password)) throw validationError([{ field, code: 'password_reused' }]);
    }
  }
  const h = await hashPassword(password);
  const now = new Date();
  await tx.update(users).set({ passwordHash: h, passwordChangedAt: now, mustChangePassword: opts.mustChange, updatedAt: now,
    version: sql`${users.version} + 1` }).where(eq(users.id, userId));
  await tx.insert(passwordHistory).values({ userId, passwordHash: h, createdAt: now });
  // Keep only as much history as the policy asks for (at least 5 for a later, stricter policy).
  const keep = Math.max(policy.passwordHistory, 5);
  await tx.execute(sql`DELETE FROM password_history WHERE user_id = ${userId} AND id NOT IN (
    SELECT id FROM password_history WHERE user_id = ${userId} ORDER BY created_at DESC, id DESC LIMIT ${keep})`);
}

export async function changeOwnPassword(db: Db, ctx: AuthedContext, currentPassword: string, newPassword: string) {
  const [user] = await db.select().from(users).where(eq(users.id, ctx.principal.userId));
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await db.transaction((tx) => writeAudit(tx, ctx, { action: 'auth.password_change', outcome: 'failure', targetType: 'user',
      targetId: user.id, targetLabel: user.username, detail: 'wrong current password' }));
    throw new AppError('PASSWORD_WRONG', [{ field: 'currentPassword', code: 'invalid' }]);
  }
  if (currentPassword === newPassword) throw validationError([{ field: 'newPassword', code: 'password_reused' }]);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, user.username, newPassword, { mustChange: false });
    // Other sessions of this account end; this one goes on.
    await endSessionsOf(tx, user.id, ctx.principal.sessionIdHash);
    await writeAudit(tx, ctx, { action: 'auth.password_change', targetType: 'user', targetId: user.id, targetLabel: user.username });
  });
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
