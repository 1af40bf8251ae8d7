// 客商联系人: contacts kept by a unit or a team. Owner and scope come from the caller, never from the request.
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import { resolveScope, type DataScope } from '../../core/scope.js';
import { isMobile, maskPhone } from '../../core/validators.js';
import * as repo from './repository.js';

const FIELDS = ['name', 'organization', 'title', 'phone', 'email', 'notes', 'teamId'] as const;

/** Roles that only read business data see phone numbers masked. */
function present<T extends { phone: string | null }>(ctx: AuthedContext, row: T): T {
  return can(ctx.principal.role, 'business.write') ? row : { ...row, phone: maskPhone(row.phone) };
}

function check(v: Partial<repo.ContactValues>) {
  const errors: FieldError[] = [];
  if (v.name !== undefined && !v.name.trim()) errors.push({ field: 'name', code: 'required' });
  if (v.phone && !isMobile(v.phone) && !/^0\d{2,3}-?\d{7,8}$/.test(v.phone))
    errors.push({ field: 'phone', code: 'invalid' });
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) errors.push({ field: 'email', code: 'invalid' });
  if (errors.length) throw validationError(errors);
}

function checkTeam(ctx: AuthedContext, scope: DataScope, teamId: number | null | undefined) {
  if (teamId == null || scope.kind === 'all') return;
  if (!ctx.principal.teamIds.includes(teamId))
    throw validationError([
      { field: 'teamId', code: 'invalid', message: '只能选择您所在的团组 / only a team you belong to' },
    ]);
}

export async function listContacts(db: Db, ctx: AuthedContext, f: { q?: string; page: number; pageSize: number }) {
  const scope = await resolveScope(db, ctx.principal);
  const r = await repo.findContacts(db, scope, f);
  return { items: r.items.map((i) => present(ctx, i)), total: r.total };
}

export async function getContact(db: Db, ctx: AuthedContext, id: number) {
  const row = await repo.findContact(db, await resolveScope(db, ctx.principal), id);
  if (!row) throw new AppError('NOT_FOUND');
  return present(ctx, row);
}

export async function createContact(db: Db, ctx: AuthedContext, input: repo.ContactValues) {
  check(input);
  const scope = await resolveScope(db, ctx.principal);
  let teamId = input.teamId ?? null;
  // A team member's record belongs to their team, or they could not see it afterwards.
  if (teamId == null && ctx.principal.role === 'team_member') {
    if (ctx.principal.teamIds.length !== 1) throw validationError([{ field: 'teamId', code: 'required' }]);
    teamId = ctx.principal.teamIds[0];
  }
  checkTeam(ctx, scope, teamId);
  const id = await db.transaction(async (tx) => {
    const newId = await repo.insertContact(tx, {
      ...input,
      teamId,
      ownerUnitId: ctx.principal.unitId,
      createdBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'contact.create',
      targetType: 'contact',
      targetId: newId,
      targetLabel: input.name,
      changes: diffFields(null, { ...input, teamId } as Record<string, unknown>, FIELDS),
    });
    return newId;
  });
  return getContact(db, ctx, id);
}

export async function updateContact(
  db: Db,
  ctx: AuthedContext,
  id: number,
  version: number,
  patch: Partial<repo.ContactValues>,
) {
  check(patch);
  const scope = await resolveScope(db, ctx.principal);
  if (patch.teamId !== undefined) checkTeam(ctx, scope, patch.teamId);
  await db.transaction(async (tx) => {
    const before = await repo.findContact(tx, scope, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    if (!(await repo.updateContactRow(tx, id, version, patch))) throw new AppError('VERSION_CONFLICT');
    const after = { ...before, ...patch };
    await writeAudit(tx, ctx, {
      action: 'contact.update',
      targetType: 'contact',
      targetId: id,
      targetLabel: after.name,
      changes: diffFields(before, after, FIELDS),
    });
  });
  return getContact(db, ctx, id);
}

export async function deleteContact(db: Db, ctx: AuthedContext, id: number, version: number) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.findContact(tx, scope, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    if (!(await repo.softDeleteContact(tx, id, version))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'contact.delete',
      targetType: 'contact',
      targetId: id,
      targetLabel: before.name,
      changes: diffFields(before, null, FIELDS),
    });
  });
}
