// Data access for assessment schemes, reviewer scores and frozen runs. Schemes and runs are the city's own
// documents (read by every business user, shown per the publication level); reviewer scores are the bureau's.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  assessmentReviews,
  assessmentRuns,
  assessmentSchemeComments,
  assessmentSchemes,
  assessmentSchemeVersions,
  projects,
  units,
  users,
} from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';

export type SchemeRow = typeof assessmentSchemes.$inferSelect;
export type RunRow = typeof assessmentRuns.$inferSelect;
export type SchemeValues = Pick<SchemeRow, 'year' | 'unitGroup' | 'name' | 'status' | 'items' | 'rules'>;

export const listSchemes = (tx: Tx, year?: number) =>
  tx
    .select()
    .from(assessmentSchemes)
    .where(year ? eq(assessmentSchemes.year, year) : undefined)
    .orderBy(desc(assessmentSchemes.year), asc(assessmentSchemes.unitGroup));

export async function findScheme(tx: Tx, id: number, forUpdate = false) {
  const q = tx.select().from(assessmentSchemes).where(eq(assessmentSchemes.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function schemeTaken(tx: Tx, year: number, unitGroup: string, exceptId?: number) {
  const rows = await tx
    .select({ id: assessmentSchemes.id })
    .from(assessmentSchemes)
    .where(
      and(
        eq(assessmentSchemes.year, year),
        eq(assessmentSchemes.unitGroup, unitGroup),
        exceptId ? sql`${assessmentSchemes.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows.length > 0;
}

export async function insertScheme(tx: Tx, v: SchemeValues & { ownerUnitId: number; createdBy: number }) {
  const [row] = await tx.insert(assessmentSchemes).values(v).returning();
  return row;
}

export async function updateSchemeAt(tx: Tx, id: number, version: number, v: Partial<SchemeValues>) {
  const rows = await tx
    .update(assessmentSchemes)
    .set({ ...v, version: version + 1, updatedAt: new Date() })
    .where(and(eq(assessmentSchemes.id, id), eq(assessmentSchemes.version, version)))
    .returning();
  return rows[0];
}

export async function insertSchemeVersion(tx: Tx, row: SchemeRow, savedBy: number) {
  await tx.insert(assessmentSchemeVersions).values({
    schemeId: row.id,
    version: row.version,
    status: row.status,
    name: row.name,
    items: row.items,
    rules: row.rules,
    savedBy,
  });
}

export const schemeVersions = (tx: Tx, schemeId: number) =>
  tx
    .select({
      version: assessmentSchemeVersions.version,
      status: assessmentSchemeVersions.status,
      name: assessmentSchemeVersions.name,
      items: assessmentSchemeVersions.items,
      rules: assessmentSchemeVersions.rules,
      savedByName: users.displayName,
      savedAt: assessmentSchemeVersions.savedAt,
    })
    .from(assessmentSchemeVersions)
    .leftJoin(users, eq(users.id, assessmentSchemeVersions.savedBy))
    .where(eq(assessmentSchemeVersions.schemeId, schemeId))
    .orderBy(desc(assessmentSchemeVersions.version));

export const schemeComments = (tx: Tx, schemeId: number) =>
  tx
    .select({
      id: assessmentSchemeComments.id,
      version: assessmentSchemeComments.version,
      unitId: assessmentSchemeComments.unitId,
      unitName: units.name,
      authorName: users.displayName,
      text: assessmentSchemeComments.text,
      createdAt: assessmentSchemeComments.createdAt,
    })
    .from(assessmentSchemeComments)
    .innerJoin(units, eq(units.id, assessmentSchemeComments.unitId))
    .leftJoin(users, eq(users.id, assessmentSchemeComments.authorId))
    .where(eq(assessmentSchemeComments.schemeId, schemeId))
    .orderBy(asc(assessmentSchemeComments.id));

export async function insertSchemeComment(tx: Tx, v: typeof assessmentSchemeComments.$inferInsert) {
  const [row] = await tx.insert(assessmentSchemeComments).values(v).returning();
  return row;
}

// ---------------------------------------------------------------------------------------------- reviewer scores

export const reviewsOf = (tx: Tx, schemeId: number, period: string) =>
  tx
    .select({
      id: assessmentReviews.id,
      schemeId: assessmentReviews.schemeId,
      itemKey: assessmentReviews.itemKey,
      unitId: assessmentReviews.unitId,
      period: assessmentReviews.period,
      score: assessmentReviews.score,
      evidence: assessmentReviews.evidence,
      reviewerId: assessmentReviews.reviewerId,
      reviewerName: users.displayName,
      version: assessmentReviews.version,
      updatedAt: assessmentReviews.updatedAt,
    })
    .from(assessmentReviews)
    .leftJoin(users, eq(users.id, assessmentReviews.reviewerId))
    .where(and(eq(assessmentReviews.schemeId, schemeId), eq(assessmentReviews.period, period)))
    .orderBy(asc(assessmentReviews.itemKey), asc(assessmentReviews.unitId));

export async function findReview(tx: Tx, k: { schemeId: number; itemKey: string; unitId: number; period: string }) {
  const [row] = await tx
    .select()
    .from(assessmentReviews)
    .where(
      and(
        eq(assessmentReviews.schemeId, k.schemeId),
        eq(assessmentReviews.itemKey, k.itemKey),
        eq(assessmentReviews.unitId, k.unitId),
        eq(assessmentReviews.period, k.period),
      ),
    )
    .for('update');
  return row;
}

export async function insertReview(tx: Tx, v: typeof assessmentReviews.$inferInsert) {
  const rows = await tx.insert(assessmentReviews).values(v).onConflictDoNothing().returning();
  return rows[0];
}

export async function updateReviewAt(
  tx: Tx,
  id: number,
  version: number,
  v: { score: string; evidence: string; reviewerId: number },
) {
  const rows = await tx
    .update(assessmentReviews)
    .set({ ...v, version: version + 1, updatedAt: new Date() })
    .where(and(eq(assessmentReviews.id, id), eq(assessmentReviews.version, version)))
    .returning();
  return rows[0];
}

// ---------------------------------------------------------------------------------------------- runs

const runSummary = {
  id: assessmentRuns.id,
  schemeId: assessmentRuns.schemeId,
  period: assessmentRuns.period,
  seq: assessmentRuns.seq,
  reason: assessmentRuns.reason,
  hash: assessmentRuns.hash,
  publishLevel: assessmentRuns.publishLevel,
  createdBy: assessmentRuns.createdBy,
  createdByName: users.displayName,
  createdAt: assessmentRuns.createdAt,
};

export const listRuns = (tx: Tx, schemeId?: number) =>
  tx
    .select(runSummary)
    .from(assessmentRuns)
    .leftJoin(users, eq(users.id, assessmentRuns.createdBy))
    .where(schemeId ? eq(assessmentRuns.schemeId, schemeId) : undefined)
    .orderBy(desc(assessmentRuns.period), desc(assessmentRuns.seq));

export async function findRun(tx: Tx, id: number) {
  const [row] = await tx
    .select({ run: assessmentRuns, createdByName: users.displayName })
    .from(assessmentRuns)
    .leftJoin(users, eq(users.id, assessmentRuns.createdBy))
    .where(eq(assessmentRuns.id, id));
  return row;
}

/** The latest run of the scheme (any period), locked so that two runs cannot chain to the same predecessor. */
export async function latestRun(tx: Tx, schemeId: number) {
  const [row] = await tx
    .select()
    .from(assessmentRuns)
    .where(eq(assessmentRuns.schemeId, schemeId))
    .orderBy(desc(assessmentRuns.id))
    .limit(1)
    .for('update');
  return row;
}

export async function runBefore(tx: Tx, run: RunRow) {
  const [row] = await tx
    .select({ hash: assessmentRuns.hash })
    .from(assessmentRuns)
    .where(and(eq(assessmentRuns.schemeId, run.schemeId), lt(assessmentRuns.id, run.id)))
    .orderBy(desc(assessmentRuns.id))
    .limit(1);
  return row;
}

/** The last run of each period before `period`, newest first. */
export async function lastRunsBefore(tx: Tx, schemeId: number, period: string, count: number) {
  const rows = await tx.execute(sql`
    SELECT DISTINCT ON (period) id, period, results FROM ${assessmentRuns}
    WHERE scheme_id = ${schemeId} AND period < ${period} ORDER BY period DESC, seq DESC LIMIT ${count}`);
  return (rows as unknown as { rows: { id: number; period: string; results: unknown }[] }).rows;
}

export async function seqFor(tx: Tx, schemeId: number, period: string) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${assessmentRuns.seq}), 0)::int` })
    .from(assessmentRuns)
    .where(and(eq(assessmentRuns.schemeId, schemeId), eq(assessmentRuns.period, period)));
  return Number(row.n);
}

export async function insertRun(tx: Tx, v: typeof assessmentRuns.$inferInsert) {
  const [row] = await tx.insert(assessmentRuns).values(v).returning({ id: assessmentRuns.id });
  return row.id;
}

export async function setPublishLevel(tx: Tx, id: number, level: string) {
  await tx.update(assessmentRuns).set({ publishLevel: level }).where(eq(assessmentRuns.id, id));
}

/** The projects behind a frozen score, as far as the caller's scope reaches (name and unit as they are now). */
export async function projectsByIds(tx: Tx, scope: DataScope, ids: number[]) {
  if (!ids.length) return [];
  return tx
    .select({
      id: projects.id,
      name: projects.name,
      code: projects.code,
      ownerUnitName: units.name,
      approvedStage: projects.approvedStage,
      signedAmount: projects.signedAmount,
      totalInvestment: projects.totalInvestment,
    })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .where(
      and(
        inArray(projects.id, ids),
        isNull(projects.deletedAt),
        scopePredicate(scope, { ownerUnitId: projects.ownerUnitId, teamId: projects.teamId }),
      ),
    )
    .orderBy(asc(projects.id));
}
