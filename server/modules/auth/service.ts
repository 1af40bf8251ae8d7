// Login, logout, sessions and password changes. Sessions are rows in the database.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext, Principal, RequestContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import type { Role } from '../../core/policy.js';
import { cachedSecurityPolicy, getSecurityPolicy, type SecurityPolicy } from '../settings/service.js';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import * as repo from './repository.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: number;
}

export async function login(
  db: Db,
  ctx: RequestContext,
  username: string,
  password: string,
  userAgent?: string,
): Promise<LoginResult> {
  const now = new Date();
  const user = await repo.accountByUsername(db, username);
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
      await writeAudit(tx, ctx, {
        action: 'auth.login',
        outcome: 'failure',
        actor,
        ...target,
        detail: locked ? 'account locked' : 'account disabled',
      });
      return null;
    }
    if (!ok) {
      // Count the failure atomically, so that parallel attempts cannot slip past the threshold.
      const failedLogins = await repo.countFailedLogin(tx, user.id);
      await writeAudit(tx, ctx, {
        action: 'auth.login',
        outcome: 'failure',
        actor,
        ...target,
        detail: `wrong password (${failedLogins})`,
      });
      if (failedLogins >= policy.lockoutThreshold) {
        const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
        await repo.setLoginState(tx, user.id, { lockedUntil: until, failedLogins: 0 });
        await repo.deleteSessionsOf(tx, user.id);
        await writeAudit(tx, ctx, {
          action: 'auth.lockout',
          actor,
          ...target,
          changes: { lockedUntil: [null, until.toISOString()] },
          detail: `${policy.lockoutThreshold} failed logins`,
        });
      }
      return null;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteHours * 3_600_000);
    await repo.insertSession(tx, {
      idHash: sha256(token),
      userId: user.id,
      csrfToken,
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await repo.setLoginState(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await writeAudit(tx, ctx, { action: 'auth.login', actor, ...target });
    return { token, csrfToken, expiresAt, userId: user.id };
  });
  if (!result) throw new AppError('AUTH_FAILED');
  return result;
}

export function passwordExpired(changedAt: Date, policy: SecurityPolicy, now = new Date()): boolean {
  return policy.passwordExpiryDays > 0 && now.getTime() - changedAt.getTime() > policy.passwordExpiryDays * 86_400_000;
}

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
}

/** Finds the live session behind a cookie token; ends it when idle or past its lifetime. */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | { expired: true } | null> {
  const idHash = sha256(token);
  const row = await repo.sessionWithUser(db, idHash);
  if (!row) return null;
  const now = new Date();
  const policy = await cachedSecurityPolicy(db);
  const idleLimit = row.s.lastSeenAt.getTime() + policy.sessionIdleMinutes * 60_000;
  if (row.s.expiresAt <= now || idleLimit <= now.getTime() || row.u.status !== 'active') {
    await repo.deleteSession(db, idHash);
    return { expired: true };
  }
  // Touch at most every 30 s: enough for a 30-minute idle limit, and far fewer writes.
  if (now.getTime() - row.s.lastSeenAt.getTime() > 30_000) {
    await repo.touchSession(db, idHash, now);
  }
  const teams = (row.teamIds ?? []).map((teamId) => ({ teamId: Number(teamId) }));
  return {
    csrfToken: row.s.csrfToken,
    principal: {
      userId: row.u.id,
      username: row.u.username,
      displayName: row.u.displayName,
      role: row.u.role as Role,
      unitId: row.u.unitId,
      teamIds: teams.map((t) => t.teamId),
      sessionIdHash: idHash,
      mustChangePassword: row.u.mustChangePassword || passwordExpired(row.u.passwordChangedAt, policy, now),
    },
  };
}

export async function logout(db: Db, ctx: AuthedContext): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, ctx.principal.sessionIdHash);
    await writeAudit(tx, ctx, {
      action: 'auth.logout',
      targetType: 'user',
      targetId: ctx.principal.userId,
      targetLabel: ctx.principal.username,
    });
  });
}

/** Ends every session of a user (disable, password reset, role change). */
export async function endSessionsOf(tx: Tx, userId: number, exceptIdHash?: string): Promise<void> {
  await repo.deleteSessionsOf(tx, userId, exceptIdHash);
}

/** Sets a password after the policy and history checks; used by change and by administrators' resets. */
export async function setPassword(
  tx: Tx,
  userId: number,
  username: string,
  password: string,
  opts: { mustChange: boolean; field?: string },
) {
  const policy = await getSecurityPolicy(tx);
  const field = opts.field ?? 'newPassword';
  const errors = checkPasswordStrength(password, username, policy, field);
  if (errors.length) throw validationError(errors);
  if (policy.passwordHistory > 0) {
    const recent = await repo.recentPasswordHashes(tx, userId, policy.passwordHistory);
    for (const h of recent) {
      if (await verifyPassword(h, password)) throw validationError([{ field, code: 'password_reused' }]);
    }
  }
  const h = await hashPassword(password);
  const now = new Date();
  await repo.storePasswordHash(tx, userId, h, opts.mustChange, now);
  // Keep only as much history as the policy asks for (at least 5 for a later, stricter policy).
  const keep = Math.max(policy.passwordHistory, 5);
  await repo.trimPasswordHistory(tx, userId, keep);
}

export async function changeOwnPassword(db: Db, ctx: AuthedContext, currentPassword: string, newPassword: string) {
  const user = await repo.accountById(db, ctx.principal.userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await db.transaction((tx) =>
      writeAudit(tx, ctx, {
        action: 'auth.password_change',
        outcome: 'failure',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.username,
        detail: 'wrong current password',
      }),
    );
    throw new AppError('PASSWORD_WRONG', [{ field: 'currentPassword', code: 'invalid' }]);
  }
  if (currentPassword === newPassword) throw validationError([{ field: 'newPassword', code: 'password_reused' }]);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, user.username, newPassword, { mustChange: false });
    // Other sessions of this account end; this one goes on.
    await endSessionsOf(tx, user.id, ctx.principal.sessionIdHash);
    await writeAudit(tx, ctx, {
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
      targetLabel: user.username,
    });
  });
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await repo.deleteExpiredSessions(db, new Date());
}

/** The name of the signed-in user's unit, for the session answer. */
export async function unitNameOf(db: Db, userId: number): Promise<string> {
  return (await repo.unitNameOfUser(db, userId)) ?? '';
}
