// Data access for targets and for the project facts that progress is computed from. Every read carries the
// caller's scope predicate: a county reads its own targets and the facts of its own projects only.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { projects, targets, teams, units } from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';

export type TargetValues = {
  startYear: number;
  endYear: number;
  indicator: string;
  ownerUnitId: number;
  teamId: number | null;
  annual: string;
  quarters: string[] | null;
  months: string[] | null;
  note: string | null;
};

const targetColumns = {
  id: targets.id,
  startYear: targets.startYear,
  endYear: targets.endYear,
  indicator: targets.indicator,
  ownerUnitId: targets.ownerUnitId,
  ownerUnitName: units.name,
  teamId: targets.teamId,
  teamName: teams.name,
  annual: targets.annual,
  quarters: targets.quarters,
  months: targets.months,
  note: targets.note,
  version: targets.version,
  createdAt: targets.createdAt,
  updatedAt: targets.updatedAt,
};

const targetScope = (scope: DataScope) =>
  and(isNull(targets.deletedAt), scopePredicate(scope, { ownerUnitId: targets.ownerUnitId, teamId: targets.teamId }))!;

export interface TargetFilters {
  year?: number;
  indicator?: string;
  ownerUnitId?: number;
  teamId?: number;
  multiYear?: boolean;
}

export async function findTargets(tx: Tx, scope: DataScope, f: TargetFilters) {
  const c: (SQL | undefined)[] = [targetScope(scope)];
  if (f.year) c.push(sql`${targets.startYear} <= ${f.year} AND ${targets.endYear} >= ${f.year}`);
  if (f.indicator) c.push(eq(targets.indicator, f.indicator));
  if (f.ownerUnitId) c.push(eq(targets.ownerUnitId, f.ownerUnitId));
  if (f.teamId) c.push(eq(targets.teamId, f.teamId));
  if (f.multiYear !== undefined)
    c.push(
      f.multiYear ? sql`${targets.endYear} > ${targets.startYear}` : sql`${targets.endYear} = ${targets.startYear}`,
    );
  const rows = await tx
    .select(targetColumns)
    .from(targets)
    .innerJoin(units, eq(units.id, targets.ownerUnitId))
    .leftJoin(teams, eq(teams.id, targets.teamId))
    .where(and(...c))
    .orderBy(asc(targets.startYear), asc(targets.indicator), asc(units.sort), asc(targets.id));
  return rows.map(shape);
}

export async function findTarget(tx: Tx, scope: DataScope, id: number, forUpdate = false) {
  const q = tx
    .select(targetColumns)
    .from(targets)
    .innerJoin(units, eq(units.id, targets.ownerUnitId))
    .leftJoin(teams, eq(teams.id, targets.teamId))
    .where(and(eq(targets.id, id), targetScope(scope)));
  const [row] = forUpdate ? await q.for('update', { of: targets }) : await q;
  return row ? shape(row) : undefined;
}

function shape<T extends { quarters: unknown; months: unknown }>(r: T) {
  return { ...r, quarters: (r.quarters as string[] | null) ?? null, months: (r.months as string[] | null) ?? null };
}

export async function subjectTaken(tx: Tx, v: TargetValues, exceptId?: number) {
  const rows = await tx
    .select({ id: targets.id })
    .from(targets)
    .where(
      and(
        isNull(targets.deletedAt),
        eq(targets.startYear, v.startYear),
        eq(targets.endYear, v.endYear),
        eq(targets.indicator, v.indicator),
        eq(targets.ownerUnitId, v.ownerUnitId),
        sql`coalesce(${targets.teamId}, 0) = ${v.teamId ?? 0}`,
        exceptId ? sql`${targets.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows.length > 0;
}

export async function insertTarget(tx: Tx, v: TargetValues & { createdBy: number }) {
  const [row] = await tx.insert(targets).values(v).returning({ id: targets.id });
  return row.id;
}

/** Writes only if the row still has the version the client read. */
export async function updateTargetAt(tx: Tx, id: number, version: number, v: Partial<TargetValues>) {
  const rows = await tx
    .update(targets)
    .set({ ...v, version: version + 1, updatedAt: new Date() })
    .where(and(eq(targets.id, id), eq(targets.version, version), isNull(targets.deletedAt)))
    .returning({ id: targets.id });
  return rows.length === 1;
}

export async function withdrawTargetAt(tx: Tx, id: number, version: number) {
  const rows = await tx
    .update(targets)
    .set({ deletedAt: new Date(), version: version + 1, updatedAt: new Date() })
    .where(and(eq(targets.id, id), eq(targets.version, version), isNull(targets.deletedAt)))
    .returning({ id: targets.id });
  return rows.length === 1;
}

export interface RawFacts {
  id: number;
  name: string;
  code: string | null;
  owner_unit_id: number;
  team_id: number | null;
  flags: string[];
  planned_start_month: string | null;
  amount: string | null;
  foreign_capital: string | null;
  signed_on: string | null;
  started_on: string | null;
  produced_on: string | null;
  terminated_on: string | null;
  funds: string;
}

const SIGNED_OR_LATER = sql`('signed', 'registered', 'started', 'producing', 'at_capacity')`;
const STARTED_OR_LATER = sql`('started', 'producing', 'at_capacity')`;
const PRODUCING_OR_LATER = sql`('producing', 'at_capacity')`;

/**
 * The facts of every counted project signed by `to`, within the scope. The counting rules of the record itself:
 * not withdrawn, not excluded by the bureau (government-funded infrastructure and the like carry the reason),
 * not capital from inside the city, not real estate (GB/T 4754 K70). A stage's date is the day (Asia/Shanghai)
 * the bureau first approved a move into it or beyond; an expansion counts only its signed increment.
 */
export async function countedProjectFacts(
  tx: Tx,
  scope: DataScope,
  year: number,
  month: number,
  to: string,
  sinceYear = year,
) {
  const res = await tx.execute(sql`
    WITH first_approval AS (
      SELECT project_id,
        min(reviewed_at) FILTER (WHERE to_stage IN ${SIGNED_OR_LATER}) AS signed_at,
        min(reviewed_at) FILTER (WHERE to_stage IN ${STARTED_OR_LATER}) AS started_at,
        min(reviewed_at) FILTER (WHERE to_stage IN ${PRODUCING_OR_LATER}) AS produced_at,
        min(reviewed_at) FILTER (WHERE to_stage = 'terminated') AS terminated_at
      FROM project_stage_events WHERE status = 'approved' AND reviewed_at IS NOT NULL
      GROUP BY project_id
    ), reach AS (
      -- Converted to the Shanghai calendar day after taking the earliest: the same day, far fewer conversions.
      SELECT project_id, (signed_at AT TIME ZONE 'Asia/Shanghai')::date AS signed_on,
        (started_at AT TIME ZONE 'Asia/Shanghai')::date AS started_on, (produced_at AT TIME ZONE 'Asia/Shanghai')::date AS produced_on,
        (terminated_at AT TIME ZONE 'Asia/Shanghai')::date AS terminated_on
      FROM first_approval WHERE signed_at IS NOT NULL
    ), funds AS (
      SELECT project_id, sum(funds_in_place) AS funds FROM project_investments
      WHERE year BETWEEN ${sinceYear} AND ${year} AND month >= 1 AND (year < ${year} OR month <= ${month})
      GROUP BY project_id
    )
    SELECT projects.id, projects.name, projects.code, projects.owner_unit_id, projects.team_id, projects.flags, projects.planned_start_month::text AS planned_start_month,
      (CASE WHEN projects.is_new THEN coalesce(projects.signed_amount, projects.total_investment) ELSE projects.signed_amount END)::text AS amount,
      projects.foreign_capital::text AS foreign_capital, r.signed_on::text AS signed_on, r.started_on::text AS started_on,
      r.produced_on::text AS produced_on, r.terminated_on::text AS terminated_on, coalesce(f.funds, 0)::text AS funds
    FROM projects
    JOIN reach r ON r.project_id = projects.id
    LEFT JOIN funds f ON f.project_id = projects.id
    WHERE projects.deleted_at IS NULL
      AND ${scopePredicate(scope, { ownerUnitId: projects.ownerUnitId, teamId: projects.teamId })}
      AND projects.excluded_from_count IS NULL
      AND coalesce(projects.capital_origin, '') <> 'local_city'
      AND coalesce(projects.industry_code, '') NOT LIKE 'K70%'
      AND r.signed_on <= ${to}::date
    ORDER BY projects.id`);
  return (res as unknown as { rows: RawFacts[] }).rows;
}
