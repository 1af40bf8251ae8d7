// Units, clusters and teams: the organisation the rest of the product hangs on.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import { forgetReads } from '../../core/read-cache.js';
import * as repo from './repository.js';

export const UNIT_KINDS = [
  'province',
  'city',
  'leading_group',
  'office',
  'bureau',
  'department',
  'county',
  'district',
  'zone',
  'park',
  'outpost',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitInput {
  code: string;
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  parentId?: number | null;
  divisionCode?: string | null;
  sort?: number;
  active?: boolean;
}

const UNIT_FIELDS = ['code', 'name', 'shortName', 'kind', 'parentId', 'divisionCode', 'sort', 'active'] as const;

export const listUnits = (db: Tx) => repo.listUnits(db);
export const listClusters = (db: Tx) => repo.listClusters(db);

// ---------------------------------------------------------------------------------------------- lookups
// The one place other modules check a reference to a unit, cluster or team.

export const unitById = (tx: Tx, id: number) => repo.unitById(tx, id);
export const unitExists = (tx: Tx, id: number) => repo.unitExists(tx, id);
export const clusterExists = (tx: Tx, id: number) => repo.clusterExists(tx, id);
export const teamExists = (tx: Tx, id: number) => repo.teamExists(tx, id);

// ---------------------------------------------------------------------------------------------- units

async function checkUnitInput(tx: Tx, input: Partial<UnitInput>, selfId?: number) {
  if (input.divisionCode && !/^\d{6}$/.test(input.divisionCode))
    throw validationError([{ field: 'divisionCode', code: 'invalid' }]);
  if (input.parentId != null) {
    if (!(await repo.unitExists(tx, input.parentId))) throw validationError([{ field: 'parentId', code: 'not_found' }]);
    if (selfId !== undefined) {
      // A unit cannot move under itself or one of its own descendants.
      if ((await repo.unitAndAncestorIds(tx, input.parentId)).includes(selfId)) {
        throw validationError([
          { field: 'parentId', code: 'invalid', message: '不能把单位移到它自己下面 / a unit cannot sit under itself' },
        ]);
      }
    }
  }
  if (input.code !== undefined) {
    const dup = await repo.unitIdByCode(tx, input.code);
    if (dup !== undefined && dup !== selfId) throw validationError([{ field: 'code', code: 'taken' }]);
  }
}

export async function createUnit(db: Db, ctx: AuthedContext, input: UnitInput) {
  return db.transaction(async (tx) => {
    await checkUnitInput(tx, input);
    const row = await repo.insertUnit(tx, { ...input });
    forgetReads('subtree:');
    await writeAudit(tx, ctx, {
      action: 'unit.create',
      targetType: 'unit',
      targetId: row.id,
      targetLabel: row.name,
      changes: diffFields(null, row, UNIT_FIELDS),
    });
    return row;
  });
}

export async function updateUnit(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<UnitInput>) {
  return db.transaction(async (tx) => {
    const before = await repo.unitById(tx, id);
    if (!before) throw new AppError('NOT_FOUND');
    await checkUnitInput(tx, patch, id);
    const row = await repo.updateUnitAt(tx, id, version, patch);
    if (!row) throw new AppError('VERSION_CONFLICT');
    forgetReads('subtree:');
    await writeAudit(tx, ctx, {
      action: 'unit.update',
      targetType: 'unit',
      targetId: id,
      targetLabel: row.name,
      changes: diffFields(before, row, UNIT_FIELDS),
    });
    return row;
  });
}

export interface TeamInput {
  name: string;
  clusterId?: number | null;
  leadUnitId?: number | null;
  leaderUserId?: number | null;
  description?: string | null;
}
const TEAM_FIELDS = ['name', 'clusterId', 'leadUnitId', 'leaderUserId', 'description'] as const;

export async function listTeams(db: Tx) {
  const rows = await repo.teamsWithNames(db);
  const members = await repo.allTeamMembers(db);
  return rows.map((r) => ({
    ...r.team,
    clusterName: r.clusterName,
    leadUnitName: r.leadUnitName,
    leaderName: r.leaderName,
    members: members
      .filter((m) => m.teamId === r.team.id)
      .map(({ userId, displayName, unitName }) => ({ userId, displayName, unitName })),
  }));
}

async function checkTeamInput(tx: Tx, input: Partial<TeamInput>, selfId?: number) {
  const errors = [];
  if (input.clusterId != null && !(await repo.clusterExists(tx, input.clusterId)))
    errors.push({ field: 'clusterId', code: 'not_found' });
  if (input.leadUnitId != null && !(await repo.unitExists(tx, input.leadUnitId)))
    errors.push({ field: 'leadUnitId', code: 'not_found' });
  if (input.leaderUserId != null && !(await repo.userExists(tx, input.leaderUserId)))
    errors.push({ field: 'leaderUserId', code: 'not_found' });
  if (input.name !== undefined) {
    const dup = await repo.teamIdByName(tx, input.name);
    if (dup !== undefined && dup !== selfId) errors.push({ field: 'name', code: 'taken' });
  }
  if (errors.length) throw validationError(errors);
}

export async function createTeam(db: Db, ctx: AuthedContext, input: TeamInput) {
  return db.transaction(async (tx) => {
    await checkTeamInput(tx, input);
    const row = await repo.insertTeam(tx, input);
    await writeAudit(tx, ctx, {
      action: 'team.create',
      targetType: 'team',
      targetId: row.id,
      targetLabel: row.name,
      changes: diffFields(null, row, TEAM_FIELDS),
    });
    return row;
  });
}

export async function updateTeam(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<TeamInput>) {
  return db.transaction(async (tx) => {
    const before = await repo.teamById(tx, id);
    if (!before) throw new AppError('NOT_FOUND');
    await checkTeamInput(tx, patch, id);
    const row = await repo.updateTeamAt(tx, id, version, patch);
    if (!row) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'team.update',
      targetType: 'team',
      targetId: id,
      targetLabel: row.name,
      changes: diffFields(before, row, TEAM_FIELDS),
    });
    return row;
  });
}

/** Replaces a team's members. Membership widens data scope, so it is audited like a permission change. */
export async function setTeamMembers(db: Db, ctx: AuthedContext, id: number, userIds: number[]) {
  return db.transaction(async (tx) => {
    const team = await repo.teamById(tx, id);
    if (!team) throw new AppError('NOT_FOUND');
    const unique = [...new Set(userIds)];
    if (unique.length) {
      const found = await repo.usersWithRoles(tx, unique);
      const bad = unique.filter((u) => !found.some((f) => f.id === u && !f.role.endsWith('_admin')));
      if (bad.length)
        throw validationError([
          {
            field: 'userIds',
            code: 'not_found',
            message: `用户不存在或为管理员账号 / unknown or administrator accounts: ${bad.join(', ')}`,
          },
        ]);
    }
    const before = (await repo.memberIdsOfTeam(tx, id)).sort((a, b) => a - b);
    await repo.replaceTeamMembers(tx, id, unique);
    const after = [...unique].sort((a, b) => a - b);
    await writeAudit(tx, ctx, {
      action: 'team.members',
      targetType: 'team',
      targetId: id,
      targetLabel: team.name,
      changes: JSON.stringify(before) === JSON.stringify(after) ? null : { members: [before, after] },
    });
    return after;
  });
}
