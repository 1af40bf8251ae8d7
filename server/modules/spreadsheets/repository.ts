// Data access for imports: jobs, their parsed rows, the lookups of existing records for duplicate checks, and the
// set-based writes: the dry run's rows as one jsonb parameter per chunk, and a commit's records COPYed into a temporary table.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { copyInTx, copyLine } from '../../db/copy.js';
import { clusters, importJobs, importMappings, units, users } from '../../db/schema.js';
import type { Entity } from './fields.js';

export const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);
const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
const textArray = (xs: string[]) => sql`${JSON.stringify(xs)}::jsonb`;

// ------------------------------------------------------------------------------------------------ jobs

export type JobRow = typeof importJobs.$inferSelect;

export async function insertJob(tx: Tx, v: typeof importJobs.$inferInsert): Promise<JobRow> {
  const [row] = await tx.insert(importJobs).values(v).returning();
  return row;
}

export async function findJob(tx: Tx, id: number, userId: number): Promise<JobRow | undefined> {
  const [row] = await tx
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.userId, userId)));
  return row;
}

export async function listJobs(tx: Tx, userId: number, limit = 20) {
  return tx
    .select({
      id: importJobs.id,
      entity: importJobs.entity,
      fileName: importJobs.fileName,
      status: importJobs.status,
      summary: importJobs.summary,
      createdAt: importJobs.createdAt,
      committedAt: importJobs.committedAt,
    })
    .from(importJobs)
    .where(eq(importJobs.userId, userId))
    .orderBy(desc(importJobs.id))
    .limit(limit);
}

export async function updateJob(
  tx: Tx,
  id: number,
  set: Partial<typeof importJobs.$inferInsert>,
  expectStatus?: string,
): Promise<boolean> {
  const rows = await tx
    .update(importJobs)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(importJobs.id, id), expectStatus ? eq(importJobs.status, expectStatus) : undefined))
    .returning({ id: importJobs.id });
  return rows.length === 1;
}

/** The last committed import of the same file by the same unit, if any. */
export async function committedWithSameFile(tx: Tx, entity: Entity, sha256: string, unitId: number, exceptId: number) {
  const r = await tx.execute(sql`SELECT id, committed_at AS "committedAt" FROM import_jobs
    WHERE entity = ${entity} AND file_sha256 = ${sha256} AND unit_id = ${unitId} AND status = 'committed' AND id <> ${exceptId}
    ORDER BY id DESC LIMIT 1`);
  return rowsOf<{ id: number; committedAt: Date | string }>(r)[0];
}

/** Parsed rows of jobs that were never committed and are older than a week go: the file's content is not kept longer. */
export async function purgeStaleRows(tx: Tx) {
  await tx.execute(sql`DELETE FROM import_rows r USING import_jobs j
    WHERE r.job_id = j.id AND j.status <> 'committed' AND j.updated_at < now() - interval '7 days'`);
}

// ------------------------------------------------------------------------------------------------ rows

export interface StoredRow {
  rowNo: number;
  raw: string[];
  values: Record<string, unknown> | null;
  labels: Record<string, string> | null;
  errors: unknown[] | null;
  warnings: unknown[] | null;
  duplicates: unknown[] | null;
  status: string;
  contentHash: string | null;
  recordId: number | null;
  /** A person's decision on a duplicate: import it anyway (with a reason) or skip it. */
  decision?: 'import' | 'skip' | null;
  decisionReason?: string | null;
}

const ROW_COLUMNS = sql`r.row_no AS "rowNo", r.raw, r."values", r.labels, r.errors, r.warnings, r.duplicates, r.status, r.content_hash AS "contentHash", rr.record_id AS "recordId",
  r.decision, r.decision_reason AS "decisionReason"`;
const ROW_FROM = sql`import_rows r LEFT JOIN import_row_records rr ON rr.job_id = r.job_id AND rr.row_no = r.row_no`;

export async function insertRows(tx: Tx, jobId: number, rows: StoredRow[]) {
  if (!rows.length) return;
  await tx.execute(sql`INSERT INTO import_rows (job_id, row_no, raw, "values", labels, errors, warnings, duplicates, status, content_hash)
    SELECT ${jobId}, x.row_no, x.raw, x."values", x.labels, x.errors, x.warnings, x.duplicates, x.status, x.content_hash
    FROM jsonb_to_recordset(${json(
      rows.map((r) => ({
        row_no: r.rowNo,
        raw: r.raw,
        values: r.values,
        labels: r.labels,
        errors: r.errors,
        warnings: r.warnings,
        duplicates: r.duplicates,
        status: r.status,
        content_hash: r.contentHash,
      })),
    )}) AS x(row_no int, raw jsonb, "values" jsonb, labels jsonb, errors jsonb, warnings jsonb, duplicates jsonb, status text, content_hash text)`);
}

export async function updateRows(tx: Tx, jobId: number, rows: StoredRow[]) {
  if (!rows.length) return;
  await tx.execute(sql`UPDATE import_rows r SET "values" = x."values", labels = x.labels, errors = x.errors, warnings = x.warnings,
      duplicates = x.duplicates, status = x.status, content_hash = x.content_hash
    FROM jsonb_to_recordset(${json(
      rows.map((r) => ({
        row_no: r.rowNo,
        values: r.values,
        labels: r.labels,
        errors: r.errors,
        warnings: r.warnings,
        duplicates: r.duplicates,
        status: r.status,
        content_hash: r.contentHash,
      })),
    )}) AS x(row_no int, "values" jsonb, labels jsonb, errors jsonb, warnings jsonb, duplicates jsonb, status text, content_hash text)
    WHERE r.job_id = ${jobId} AND r.row_no = x.row_no`);
}

/** Rows after `afterRowNo`, in order, optionally of some statuses. */
export async function rowsAfter(
  tx: Tx,
  jobId: number,
  afterRowNo: number,
  limit: number,
  statuses?: string[],
): Promise<StoredRow[]> {
  const st = statuses?.length
    ? sql`AND r.status IN (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql``;
  return rowsOf<StoredRow>(
    await tx.execute(sql`SELECT ${ROW_COLUMNS} FROM ${ROW_FROM}
    WHERE r.job_id = ${jobId} AND r.row_no > ${afterRowNo} ${st} ORDER BY r.row_no LIMIT ${limit}`),
  );
}

/** A page of rows: all, or only those with problems (errors, duplicates or warnings). */
export async function rowsPage(
  tx: Tx,
  jobId: number,
  filter: 'problems' | 'all' | 'invalid' | 'duplicate' | 'valid',
  page: number,
  pageSize: number,
  rowNo?: number,
) {
  let where: SQL =
    filter === 'all'
      ? sql`TRUE`
      : filter === 'problems'
        ? sql`(r.status IN ('invalid', 'duplicate') OR r.warnings IS NOT NULL)`
        : sql`r.status = ${filter}`;
  if (rowNo != null) where = sql`${where} AND r.row_no = ${rowNo}`;
  const [items, total] = await Promise.all([
    // Errors first, then duplicates, then rows with notes only: what must be fixed comes before what may be looked at.
    tx.execute(sql`SELECT ${ROW_COLUMNS} FROM ${ROW_FROM} WHERE r.job_id = ${jobId} AND ${where}
      ORDER BY CASE r.status WHEN 'invalid' THEN 0 WHEN 'duplicate' THEN 1 ELSE 2 END, r.row_no
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    tx.execute(sql`SELECT count(*)::int AS n FROM import_rows r WHERE r.job_id = ${jobId} AND ${where}`),
  ]);
  return { items: rowsOf<StoredRow>(items), total: Number(rowsOf<{ n: number }>(total)[0].n) };
}

export async function statusCounts(tx: Tx, jobId: number): Promise<Record<string, number>> {
  const r = rowsOf<{ status: string; n: number }>(
    await tx.execute(sql`SELECT status, count(*)::int AS n FROM import_rows WHERE job_id = ${jobId} GROUP BY status`),
  );
  return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
}

/** Records a decision on a row flagged as a duplicate; false when the row is not (or no longer) a duplicate. */
export async function setDecision(
  tx: Tx,
  jobId: number,
  rowNo: number,
  d: { decision: 'import' | 'skip' | null; reason: string | null; userId: number },
) {
  const r =
    await tx.execute(sql`UPDATE import_rows SET decision = ${d.decision}, decision_reason = ${d.reason}, decided_by = ${d.userId}
    WHERE job_id = ${jobId} AND row_no = ${rowNo} AND status = 'duplicate' RETURNING row_no`);
  return rowsOf(r).length === 1;
}

/** How many duplicates a person decided to import anyway, and to skip. */
export async function decisionCounts(tx: Tx, jobId: number): Promise<{ import: number; skip: number }> {
  const r = rowsOf<{ decision: string; n: number }>(
    await tx.execute(sql`SELECT decision, count(*)::int AS n FROM import_rows
    WHERE job_id = ${jobId} AND status = 'duplicate' AND decision IS NOT NULL GROUP BY decision`),
  );
  const by = Object.fromEntries(r.map((x) => [x.decision, Number(x.n)]));
  return { import: by.import ?? 0, skip: by.skip ?? 0 };
}

/** The duplicates a person decided to import, with their reasons and matches (audited at the commit). */
export async function decidedImports(tx: Tx, jobId: number) {
  return rowsOf<{ rowNo: number; reason: string; duplicates: unknown[]; decidedBy: number }>(
    await tx.execute(sql`SELECT row_no AS "rowNo",
      decision_reason AS reason, duplicates, decided_by AS "decidedBy"
    FROM import_rows WHERE job_id = ${jobId} AND status = 'duplicate' AND decision = 'import' ORDER BY row_no`),
  );
}

// ------------------------------------------------------------------------------------------------ remembered mappings

export interface RememberedMapping {
  mapping: unknown;
  jobId: number | null;
  confirmedAt: Date;
}

/** The mapping this unit confirmed for a sheet of this layout, if any. */
export async function rememberedMapping(
  tx: Tx,
  entity: Entity,
  unitId: number,
  key: string,
): Promise<RememberedMapping | undefined> {
  const [row] = await tx
    .select({ mapping: importMappings.mapping, jobId: importMappings.jobId, confirmedAt: importMappings.confirmedAt })
    .from(importMappings)
    .where(
      and(eq(importMappings.entity, entity), eq(importMappings.unitId, unitId), eq(importMappings.headerKey, key)),
    );
  return row;
}

/** Keeps the mapping a commit confirmed, replacing the one kept for the same layout. */
export async function rememberMapping(
  tx: Tx,
  v: {
    entity: Entity;
    unitId: number;
    key: string;
    headers: string[];
    mapping: unknown;
    jobId: number;
    userId: number;
  },
) {
  await tx
    .insert(importMappings)
    .values({
      entity: v.entity,
      unitId: v.unitId,
      headerKey: v.key,
      headers: v.headers,
      mapping: v.mapping,
      jobId: v.jobId,
      confirmedBy: v.userId,
    })
    .onConflictDoUpdate({
      target: [importMappings.entity, importMappings.unitId, importMappings.headerKey],
      set: { headers: v.headers, mapping: v.mapping, jobId: v.jobId, confirmedBy: v.userId, confirmedAt: new Date() },
    });
}

export async function markDuplicate(tx: Tx, jobId: number, rows: { rowNo: number; duplicates: unknown[] }[]) {
  if (!rows.length) return;
  await tx.execute(sql`UPDATE import_rows r SET status = 'duplicate', duplicates = x.duplicates
    FROM jsonb_to_recordset(${json(rows.map((p) => ({ row_no: p.rowNo, duplicates: p.duplicates })))}) AS x(row_no int, duplicates jsonb)
    WHERE r.job_id = ${jobId} AND r.row_no = x.row_no`);
}

// ------------------------------------------------------------------------------------------------ reference data

export async function loadUnits(tx: Tx) {
  return tx
    .select({
      id: units.id,
      name: units.name,
      shortName: units.shortName,
      kind: units.kind,
      parentId: units.parentId,
      divisionCode: units.divisionCode,
    })
    .from(units)
    .where(eq(units.active, true));
}

export async function loadClusters(tx: Tx) {
  return tx
    .select({ id: clusters.id, code: clusters.code, name: clusters.name, category: clusters.category })
    .from(clusters);
}

export async function loadUsers(tx: Tx) {
  return tx
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId })
    .from(users)
    .where(eq(users.status, 'active'));
}

// ------------------------------------------------------------------------------------------------ existing records

export async function analyzeRows(tx: Tx) {
  await tx.execute(sql`ANALYZE import_rows`);
}

/** Rows committed by earlier imports of this unit with the same content, whose record still exists. */
export async function importedBefore(
  tx: Tx,
  entity: Entity,
  table: string,
  unitId: number,
  hashes: string[],
  exceptJobId: number,
) {
  if (!hashes.length) return new Map<string, { jobId: number; recordId: number }>();
  const r = rowsOf<{ hash: string; jobId: number; recordId: number }>(
    await tx.execute(sql`SELECT DISTINCT ON (r.content_hash) r.content_hash AS hash,
      r.job_id AS "jobId", rr.record_id AS "recordId"
    FROM import_rows r JOIN import_jobs j ON j.id = r.job_id
    JOIN import_row_records rr ON rr.job_id = r.job_id AND rr.row_no = r.row_no
    JOIN ${sql.raw(table)} t ON t.id = rr.record_id AND t.deleted_at IS NULL
    WHERE r.content_hash IN (SELECT jsonb_array_elements_text(${textArray(hashes)}))
      AND j.entity = ${entity} AND j.unit_id = ${unitId} AND j.status = 'committed' AND j.id <> ${exceptJobId}
    ORDER BY r.content_hash, r.job_id DESC`),
  );
  return new Map(r.map((x) => [x.hash, { jobId: Number(x.jobId), recordId: Number(x.recordId) }]));
}

// ------------------------------------------------------------------------------------------------ commit

export interface CommitRow extends StoredRow {
  /** An earlier committed import of this unit with the same row content, whose record still exists. */
  prev: { jobId: number; recordId: number } | null;
  /** A duplicate a person decided to import anyway: not checked for duplicates again. */
  decided: boolean;
}

/**
 * For every valid row of a job whose content an earlier committed import by this unit already brought in (and whose
 * record still exists): that import and record. One set-based query for the whole job, made under the commit's lock.
 */
export async function importedBeforeByRow(tx: Tx, entity: Entity, table: string, jobId: number, unitId: number) {
  const r = rowsOf<{ rowNo: number; jobId: number; recordId: number }>(
    await tx.execute(sql`SELECT DISTINCT ON (r.row_no) r.row_no AS "rowNo",
      r2.job_id AS "jobId", rr.record_id AS "recordId"
    FROM import_rows r
    JOIN import_rows r2 ON r2.content_hash = r.content_hash AND r2.job_id <> r.job_id
    JOIN import_jobs j ON j.id = r2.job_id AND j.entity = ${entity} AND j.unit_id = ${unitId} AND j.status = 'committed'
    JOIN import_row_records rr ON rr.job_id = r2.job_id AND rr.row_no = r2.row_no
    JOIN ${sql.raw(table)} t ON t.id = rr.record_id AND t.deleted_at IS NULL
    WHERE r.job_id = ${jobId} AND r.status = 'valid'
    ORDER BY r.row_no, r2.job_id DESC`),
  );
  return new Map(r.map((x) => [Number(x.rowNo), { jobId: Number(x.jobId), recordId: Number(x.recordId) }]));
}

/**
 * The valid rows of a job after `afterRowNo` (and the duplicates a person decided to import), with only what a commit
 * needs. `prev` is filled from importedBeforeByRow.
 */
export async function rowsForCommit(
  tx: Tx,
  jobId: number,
  afterRowNo: number,
  limit: number,
  importedBefore: Map<number, { jobId: number; recordId: number }>,
): Promise<CommitRow[]> {
  const r = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT r.row_no AS "rowNo", r."values", r.content_hash AS "contentHash",
      r.status = 'duplicate' AS decided
    FROM import_rows r
    WHERE r.job_id = ${jobId} AND r.row_no > ${afterRowNo} AND (r.status = 'valid' OR (r.status = 'duplicate' AND r.decision = 'import'))
    ORDER BY r.row_no LIMIT ${limit}`),
  );
  return r.map((x) => ({
    rowNo: Number(x.rowNo),
    values: x.values as Record<string, unknown>,
    contentHash: x.contentHash as string | null,
    raw: [],
    labels: null,
    errors: null,
    warnings: null,
    duplicates: null,
    status: 'valid',
    recordId: null,
    prev: importedBefore.get(Number(x.rowNo)) ?? null,
    decided: x.decided === true,
  }));
}

/** The sequence behind a table's serial id column. */
export async function sequenceOf(tx: Tx, table: string): Promise<string> {
  return rowsOf<{ s: string }>(await tx.execute(sql`SELECT pg_get_serial_sequence(${table}, 'id') AS s`))[0].s;
}

// Each chunk of records is COPYed into a temporary table of the transaction (no JSON for the database to parse), and
// one statement then writes the records (ids from the table's sequence), their timeline entries and the rows'
// records from it. Search grams travel as one space-separated string (grams hold no spaces).

/** A column of the records a chunk brings, with its type: the temporary table's and the COPY's. */
export type SourceColumn = [name: string, type: string];

/** The name of the transaction's temporary table for chunks of `entity` records. */
export const sourceTable = (entity: Entity) => `import_source_${entity}`;

/** The transaction's temporary table for chunks of `entity` records (gone at commit or rollback). */
export async function createSourceTable(tx: Tx, entity: Entity, columns: SourceColumn[]) {
  const cols = columns.map(([c, t]) => `"${c}" ${t}`).join(', ');
  await tx.execute(sql.raw(`CREATE TEMPORARY TABLE ${sourceTable(entity)} (${cols}) ON COMMIT DROP`));
}

/** Records (objects keyed by the columns) as COPY text. */
export function sourceText(columns: SourceColumn[], records: Record<string, unknown>[]): string {
  return records.map((r) => copyLine(columns.map(([c]) => r[c]))).join('');
}

/** Loads one chunk (COPY text of sourceText) into the temporary table, replacing the last one. */
export async function loadSource(tx: Tx, entity: Entity, columns: SourceColumn[], text: string) {
  await tx.execute(sql.raw(`TRUNCATE ${sourceTable(entity)}`));
  await copyInTx(
    tx,
    sourceTable(entity),
    columns.map(([c]) => c),
    text,
  );
}

export async function advisoryLock(tx: Tx, key: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}
