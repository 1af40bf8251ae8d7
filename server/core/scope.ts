// Data scope: the server turns the caller's unit and teams into an SQL predicate that every
// list and read of business records includes. Nothing is filtered in the browser alone.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.js';
import type { Principal } from './context.js';
import { cachedRead } from './read-cache.js';

export type DataScope = { kind: 'all' } | { kind: 'none' } | { kind: 'limited'; unitIds: number[]; teamIds: number[] };

/** The unit and all units below it (a county and its parks, a department and its offices). */
export async function unitSubtree(tx: Tx, unitId: number): Promise<number[]> {
  const rows = await tx.execute<{ id: number }>(sql`
    WITH RECURSIVE sub(id) AS (
      SELECT id FROM units WHERE id = ${unitId}
      UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id
    ) SELECT id FROM sub`);
  return (rows as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id));
}

export async function resolveScope(tx: Tx, p: Principal): Promise<DataScope> {
  switch (p.role) {
    case 'city_leader':
    case 'bureau_staff':
      return { kind: 'all' };
    case 'county_staff':
    case 'department_staff':
      return {
        kind: 'limited',
        unitIds: await cachedRead(tx, `subtree:${p.unitId}`, () => unitSubtree(tx, p.unitId)),
        teamIds: p.teamIds,
      };
    case 'team_member':
      return { kind: 'limited', unitIds: [], teamIds: p.teamIds };
    default:
      return { kind: 'none' }; // administrators see no business data
  }
}

const intArray = (ids: number[]) =>
  sql`ARRAY[${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )}]::int[]`;

/** The predicate for a table with an owner unit and an optional team column. */
export function scopePredicate(scope: DataScope, cols: { ownerUnitId: AnyPgColumn; teamId?: AnyPgColumn }): SQL {
  if (scope.kind === 'all') return sql`TRUE`;
  if (scope.kind === 'none') return sql`FALSE`;
  const parts: SQL[] = [];
  if (scope.unitIds.length) parts.push(sql`${cols.ownerUnitId} = ANY(${intArray(scope.unitIds)})`);
  if (cols.teamId && scope.teamIds.length) parts.push(sql`${cols.teamId} = ANY(${intArray(scope.teamIds)})`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`FALSE`;
}

export function scopeAllowsUnit(scope: DataScope, unitId: number, teamId?: number | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.unitIds.includes(unitId) || (teamId != null && scope.teamIds.includes(teamId));
}
