// Accounts: the system administrator creates and maintains them; only the security administrator changes roles.
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import { BUSINESS_ROLES, isAdminRole, isRole } from '../../core/policy.js';
import { isMobile } from '../../core/validators.js';
import { endSessionsOf, setPassword } from '../auth/service.js';
import { generateInitialPassword } from '../auth/passwords.js';
import { getSecurityPolicy } from '../settings/service.js';
import { unitExists } from '../org/service.js';
import * as repo from './repository.js';

const USER_FIELDS = ['username', 'displayName', 'unitId', 'role', 'phone', 'status'] as const;

export type { UserFilter } from './repository.js';

export const listUsers = (db: Db, f: repo.UserFilter) => repo.findUsers(db, f);

async function getUser(db: Db, id: number) {
  const u = await repo.publicUserById(db, id);
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

async function checkUnit(db: Db, unitId: number) {
  if (!(await unitExists(db, unitId))) throw validationError([{ field: 'unitId', code: 'not_found' }]);
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: number;
  role: string;
  phone?: string | null;
}

export async function createUser(db: Db, ctx: AuthedContext, input: NewUser) {
  if (!(BUSINESS_ROLES as readonly string[]).includes(input.role)) {
    // Administrator roles are granted by the security administrator, never at creation.
    throw validationError([{ field: 'role', code: 'role_not_allowed' }]);
  }
  if (input.phone && !isMobile(input.phone)) throw validationError([{ field: 'phone', code: 'mobile' }]);
  await checkUnit(db, input.unitId);
  const initialPassword = generateInitialPassword();
  const id = await db.transaction(async (tx) => {
    const dup = await repo.userByUsername(tx, input.username);
    if (dup) throw validationError([{ field: 'username', code: 'taken' }]);
    const policy = await getSecurityPolicy(tx);
    const row = await repo.insertUser(tx, { ...input, passwordHash: '!', mustChangePassword: true });
    await setPassword(tx, row.id, row.username, initialPassword, {
      mustChange: policy.mustChangeInitialPassword,
      field: 'password',
    });
    await writeAudit(tx, ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      targetLabel: row.username,
      changes: diffFields(null, row, USER_FIELDS),
    });
    return row.id;
  });
  return { user: await getUser(db, id), initialPassword };
}

export async function updateUser(
  db: Db,
  ctx: AuthedContext,
  id: number,
  version: number,
  patch: { displayName?: string; unitId?: number; phone?: string | null },
) {
  if (patch.phone && !isMobile(patch.phone)) throw validationError([{ field: 'phone', code: 'mobile' }]);
  if (patch.unitId) await checkUnit(db, patch.unitId);
  await db.transaction(async (tx) => {
    const before = await repo.userById(tx, id);
    if (!before) throw new AppError('NOT_FOUND');
    const row = await repo.updateUserAt(tx, id, version, patch);
    if (!row) throw new AppError('VERSION_CONFLICT');
    // Moving to another unit changes the data scope: end the sessions so the new scope applies at once.
    if (patch.unitId && patch.unitId !== before.unitId) await endSessionsOf(tx, id);
    await writeAudit(tx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      targetLabel: row.username,
      changes: diffFields(before, row, USER_FIELDS),
    });
  });
  return getUser(db, id);
}

export type UserCommand = 'disable' | 'enable' | 'unlock' | 'reset-password';

export async function runUserCommand(
  db: Db,
  ctx: AuthedContext,
  id: number,
  command: UserCommand,
): Promise<{ initialPassword?: string }> {
  if (id === ctx.principal.userId && command !== 'reset-password') throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const u = await repo.userById(tx, id);
    if (!u) throw new AppError('NOT_FOUND');
    const label = { targetType: 'user', targetId: id, targetLabel: u.username };
    const bump = { version: u.version + 1, updatedAt: new Date() };
    switch (command) {
      case 'disable':
        await repo.updateUser(tx, id, { status: 'disabled', ...bump });
        await endSessionsOf(tx, id); // a disabled account is signed out everywhere at once
        await writeAudit(tx, ctx, { action: 'user.disable', ...label, changes: { status: [u.status, 'disabled'] } });
        return {};
      case 'enable':
        await repo.updateUser(tx, id, { status: 'active', ...bump });
        await writeAudit(tx, ctx, { action: 'user.enable', ...label, changes: { status: [u.status, 'active'] } });
        return {};
      case 'unlock':
        await repo.updateUser(tx, id, { lockedUntil: null, failedLogins: 0, ...bump });
        await writeAudit(tx, ctx, {
          action: 'user.unlock',
          ...label,
          changes: { lockedUntil: [u.lockedUntil?.toISOString() ?? null, null] },
        });
        return {};
      case 'reset-password': {
        const initialPassword = generateInitialPassword();
        await setPassword(tx, id, u.username, initialPassword, { mustChange: true, field: 'password' });
        await endSessionsOf(tx, id);
        await writeAudit(tx, ctx, { action: 'user.reset_password', ...label });
        return { initialPassword };
      }
    }
  });
}

/** Role changes: the security administrator's alone, never on their own account (三员分立). */
export async function changeRole(db: Db, ctx: AuthedContext, id: number, version: number, role: string) {
  if (!isRole(role)) throw validationError([{ field: 'role', code: 'invalid' }]);
  if (id === ctx.principal.userId) throw new AppError('ADMIN_ROLE_CONFLICT');
  await db.transaction(async (tx) => {
    const u = await repo.userById(tx, id);
    if (!u) throw new AppError('NOT_FOUND');
    const row = await repo.updateUserAt(tx, id, version, { role });
    if (!row) throw new AppError('VERSION_CONFLICT');
    // An administrator holds no business data scope, so team memberships go.
    if (isAdminRole(role)) await repo.removeTeamMemberships(tx, id);
    await endSessionsOf(tx, id);
    await writeAudit(tx, ctx, {
      action: 'user.role',
      targetType: 'user',
      targetId: id,
      targetLabel: u.username,
      changes: { role: [u.role, role] },
    });
  });
  return getUser(db, id);
}
