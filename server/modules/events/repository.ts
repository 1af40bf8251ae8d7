// Data access for events (招商活动) and the projects signed at them.
import { and, asc, count, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { eventSignings, events, projects, projectStageEvents, units } from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';
import { MAJOR_PROJECT_AMOUNT } from './constants.js';

const visible = (scope: DataScope) =>
  and(isNull(events.deletedAt), scopePredicate(scope, { ownerUnitId: events.ownerUnitId, teamId: events.teamId }))!;

/**
 * An event's figures: projects first signed there whose signing the bureau approved (count, amount, 亿元以上), and
 * those still awaiting the review. Re-signings are never counted.
 */
const totals = {
  signedCount: sql<number>`(SELECT count(*)::int FROM event_signings s JOIN project_stage_events pe ON pe.id = s.stage_event_id
    WHERE s.event_id = ${events.id} AND s.counted AND pe.status = 'approved')`,
  signedAmount: sql<string>`(SELECT coalesce(sum(s.signed_amount), 0)::numeric(18,2)::text FROM event_signings s
    JOIN project_stage_events pe ON pe.id = s.stage_event_id WHERE s.event_id = ${events.id} AND s.counted AND pe.status = 'approved')`,
  majorCount: sql<number>`(SELECT count(*)::int FROM event_signings s JOIN project_stage_events pe ON pe.id = s.stage_event_id
    WHERE s.event_id = ${events.id} AND s.counted AND pe.status = 'approved' AND s.signed_amount >= ${MAJOR_PROJECT_AMOUNT})`,
  pendingCount: sql<number>`(SELECT count(*)::int FROM event_signings s JOIN project_stage_events pe ON pe.id = s.stage_event_id
    WHERE s.event_id = ${events.id} AND s.counted AND pe.status = 'pending')`,
};

const columns = {
  id: events.id,
  name: events.name,
  type: events.type,
  isKey: events.isKey,
  level: events.level,
  startDate: events.startDate,
  endDate: events.endDate,
  place: events.place,
  divisionCode: events.divisionCode,
  regionGroup: events.regionGroup,
  organiser: events.organiser,
  ownerUnitId: events.ownerUnitId,
  ownerUnitName: units.name,
  teamId: events.teamId,
  createdBy: events.createdBy,
  version: events.version,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
  ...totals,
};

const base = (tx: Tx) => tx.select(columns).from(events).leftJoin(units, eq(units.id, events.ownerUnitId));

export interface EventFilter {
  year?: number;
  type?: string;
  level?: string;
  regionGroup?: string;
  isKey?: boolean;
  page: number;
  pageSize: number;
}

export async function findEvents(tx: Tx, scope: DataScope, f: EventFilter) {
  const conds: (SQL | undefined)[] = [visible(scope)];
  if (f.year) conds.push(gte(events.startDate, `${f.year}-01-01`), lte(events.startDate, `${f.year}-12-31`));
  if (f.type) conds.push(eq(events.type, f.type));
  if (f.level) conds.push(eq(events.level, f.level));
  if (f.regionGroup) conds.push(eq(events.regionGroup, f.regionGroup));
  if (f.isKey !== undefined) conds.push(eq(events.isKey, f.isKey));
  const where = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    base(tx)
      .where(where)
      .orderBy(desc(events.startDate), desc(events.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    tx.select({ n: count() }).from(events).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function findEvent(tx: Tx, scope: DataScope, id: number) {
  const [row] = await base(tx).where(and(eq(events.id, id), visible(scope)));
  return row;
}

export async function lockEvent(tx: Tx, scope: DataScope, id: number) {
  const [row] = await tx
    .select()
    .from(events)
    .where(and(eq(events.id, id), visible(scope)))
    .for('update');
  return row;
}

export type EventValues = Omit<typeof events.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

export async function insertEvent(tx: Tx, v: EventValues) {
  const [row] = await tx.insert(events).values(v).returning({ id: events.id });
  return row.id;
}

export async function updateEventRow(tx: Tx, id: number, version: number, set: Partial<EventValues>) {
  const rows = await tx
    .update(events)
    .set({ ...set, version: sql`${events.version} + 1`, updatedAt: new Date() })
    .where(and(eq(events.id, id), eq(events.version, version), isNull(events.deletedAt)))
    .returning({ id: events.id });
  return rows.length > 0;
}

/** Serialises signings of one project, so that two ceremonies entered at once cannot both count it. */
export async function lockProjectSignings(tx: Tx, projectId: number) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`event-signing:${projectId}`}))`);
}

/** The signing that counts the project (its first), with the review of the stage move it made. */
export async function countedSigningOf(tx: Tx, projectId: number) {
  const [row] = await tx
    .select({ id: eventSignings.id, eventId: eventSignings.eventId, reviewStatus: projectStageEvents.status })
    .from(eventSignings)
    .leftJoin(projectStageEvents, eq(projectStageEvents.id, eventSignings.stageEventId))
    .where(and(eq(eventSignings.projectId, projectId), eq(eventSignings.counted, true)));
  return row;
}

export async function signingAt(tx: Tx, eventId: number, projectId: number) {
  const [row] = await tx
    .select({ id: eventSignings.id })
    .from(eventSignings)
    .where(and(eq(eventSignings.eventId, eventId), eq(eventSignings.projectId, projectId)));
  return row;
}

/** A first signing whose move the bureau returned no longer counts: the project may be signed again elsewhere. */
export async function uncount(tx: Tx, signingId: number) {
  await tx.update(eventSignings).set({ counted: false }).where(eq(eventSignings.id, signingId));
}

export async function insertSigning(tx: Tx, v: typeof eventSignings.$inferInsert) {
  const [row] = await tx.insert(eventSignings).values(v).returning({ id: eventSignings.id });
  return row.id;
}

export async function signingsOf(tx: Tx, eventId: number) {
  return tx
    .select({
      id: eventSignings.id,
      projectId: eventSignings.projectId,
      projectName: projects.name,
      counted: eventSignings.counted,
      signedAmount: eventSignings.signedAmount,
      stageEventId: eventSignings.stageEventId,
      reviewStatus: projectStageEvents.status,
      firstEventId: sql<
        number | null
      >`(SELECT s2.event_id FROM event_signings s2 WHERE s2.project_id = ${eventSignings.projectId}
      AND s2.counted LIMIT 1)`,
      createdAt: eventSignings.createdAt,
    })
    .from(eventSignings)
    .innerJoin(projects, eq(projects.id, eventSignings.projectId))
    .leftJoin(projectStageEvents, eq(projectStageEvents.id, eventSignings.stageEventId))
    .where(eq(eventSignings.eventId, eventId))
    .orderBy(asc(eventSignings.id));
}

/** Key events of the year held (started) by level, and city-level key events by the campaign's region group. */
export async function keyEventCounts(tx: Tx, scope: DataScope, year: number) {
  const rows = await tx
    .select({ level: events.level, regionGroup: events.regionGroup, n: count() })
    .from(events)
    .where(
      and(
        visible(scope),
        eq(events.isKey, true),
        gte(events.startDate, `${year}-01-01`),
        lte(events.startDate, `${year}-12-31`),
      ),
    )
    .groupBy(events.level, events.regionGroup);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
