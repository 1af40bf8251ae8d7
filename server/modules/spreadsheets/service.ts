// Spreadsheet imports: upload → dry run (every row converted, checked and kept in import_rows, nothing written to the
// business tables) → optional mapping edits (the dry run again, from the kept cells) → commit (all valid rows in one
// transaction, duplicates skipped, one audit event). Long steps run in the background; the job row and an in-process
// progress map tell the client how far they are.
import fs from 'node:fs/promises';
import type { Database, Db, Tx } from '../../db/client.js';
import { writeAudit } from '../../core/audit.js';
import { todayShanghai } from '../../core/dates.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, errorBody, validationError, type ErrorCode, type Lang } from '../../core/errors.js';
import { resolveScope, unitSubtree, type DataScope } from '../../core/scope.js';
import { duplicateMessage, importChecksOf, RowChecker, type CheckedRow, type Duplicate } from './checks.js';
import { STAGE_ZH, type ConvertContext, type Issue } from './convert.js';
import { entityLabel, fieldsOf, type Entity } from './fields.js';
import {
  autoMapping,
  cleanMapping,
  combineHeaderRows,
  confirmedMapping,
  detectHeaderRow,
  headerKey,
  isEmptyRow,
  isNoteRow,
  isTotalRow,
  mappingProblems,
  profileColumns,
  type ColumnMapping,
  type MappingProblem,
  type ValueJudge,
} from './headers.js';
import { DEFAULT_STAGE_PHRASES, StagePhrases, UnitResolver, type ClusterRef } from './lookups.js';
import { csvSheets, xlsxSheetsInWorker, type SheetRow } from './reader.js';
import { sheetProfile, stageTableStore } from './profiles.js';
import * as repo from './repository.js';
import { declaredUnit, type AmountUnit } from './values.js';

export const MAX_FILE_BYTES = 30 * 1024 * 1024;
export const MAX_ROWS = 200_000;
const CHUNK = 1000;
/** Rows per commit statement: larger chunks spend less on round trips and planning (measured: 1,000 → 4,000 rows is ~20% faster). */
const COMMIT_CHUNK = 4000;
/** How long a request waits for a background step before answering with the job as it is. */
const WAIT_MS = 3000;

export interface Summary {
  sheetName?: string;
  headerRow?: number;
  encoding?: string;
  rows: number;
  valid: number;
  invalid: number;
  duplicate: number;
  duplicates: { file: number; existing: number; imported: number };
  withWarnings: number;
  skipped: { empty: number; totals: number; notes: number; headers: number };
  missingRequired: string[];
  sameFileCommitted?: { jobId: number; at: string } | null;
  committed?: { inserted: number; duplicates: number; invalidSkipped: number; at: string; notDuplicates?: number };
  /** The column of the clerk's own running number (序号), if any. */
  serialCol?: number | null;
  /** What stops the dry run's result from being committed until the mapping is corrected. */
  blockers?: MappingProblem[];
  /** The mapping was taken from the one this unit confirmed for a sheet of the same layout. */
  remembered?: { jobId: number | null; at: string } | null;
  /** Duplicates a person decided on: imported anyway (not duplicates) or skipped. */
  decisions?: { import: number; skip: number };
}

export interface UploadedFile {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  kind: 'xlsx' | 'csv';
  buffer?: Buffer;
  sheetRows?: number;
}

/** Progress of the steps running in this process (a commit's transaction cannot report through the database). */
const running = new Map<number, { progress: number }>();
const setProgress = (id: number, p: number) => {
  const r = running.get(id);
  if (r) r.progress = Math.max(r.progress, Math.min(99, Math.floor(p)));
};

const settle = (p: Promise<unknown>, ms: number) => Promise.race([p, new Promise((r) => setTimeout(r, ms))]);

// ------------------------------------------------------------------------------------------------ context

async function homeUnits(
  tx: Tx,
  unitId: number,
  units: { id: number; parentId: number | null; kind: string }[],
): Promise<Set<number>> {
  const byId = new Map(units.map((u) => [u.id, u]));
  let u = byId.get(unitId);
  while (u && u.kind !== 'city' && u.parentId != null) u = byId.get(u.parentId);
  return new Set(u ? await unitSubtree(tx, u.id) : []);
}

async function conversionContext(
  tx: Tx,
  ctx: AuthedContext,
  entity: Entity,
  scope: DataScope,
): Promise<ConvertContext> {
  const p = ctx.principal;
  const profile = sheetProfile(entity);
  const [units, clusters, users, facts] = await Promise.all([
    repo.loadUnits(tx),
    repo.loadClusters(tx),
    repo.loadUsers(tx),
    profile.conversionFacts?.(tx) ?? Promise.resolve({} as { homeDivision?: string }),
  ]);
  const usersByName = new Map<string, { id: number; unitId: number }[]>();
  for (const u of users)
    usersByName.set(u.displayName, [...(usersByName.get(u.displayName) ?? []), { id: u.id, unitId: u.unitId }]);
  return {
    entity,
    principal: { userId: p.userId, unitId: p.unitId, role: p.role, teamIds: p.teamIds },
    scopeAll: scope.kind === 'all',
    scopeUnitIds: new Set(scope.kind === 'limited' ? scope.unitIds : []),
    homeUnitIds: await homeUnits(tx, p.unitId, units),
    countyUnits: new UnitResolver(units, ['district', 'county', 'zone', 'park']),
    anyUnits: new UnitResolver(units.filter((u) => !['leading_group', 'office'].includes(u.kind))),
    clusters: clusters as ClusterRef[],
    usersByName,
    homeDivision: facts.homeDivision ?? '',
    today: todayShanghai(),
    stages: await stagePhrases(tx),
  };
}

/** The city's stage table, or the default one. */
async function stagePhrases(tx: Tx): Promise<StagePhrases> {
  const table = (await stageTableStore()?.read(tx))?.table;
  return new StagePhrases({ ...DEFAULT_STAGE_PHRASES, ...(table ?? {}) }); // a stage the city did not list keeps the defaults
}

/** How the values of a column are judged when profiling it: the county units (projects) or any unit, and the stage table. */
function valueJudge(entity: Entity, cctx: ConvertContext): ValueJudge {
  const units = sheetProfile(entity).ownerColumn === 'county' ? cctx.countyUnits : cctx.anyUnits;
  return { isCounty: (t) => units.isName(t), isStage: (t) => !!cctx.stages?.match(t) };
}

// ------------------------------------------------------------------------------------------------ views

const say = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
const issueText = (i: Issue, lang: Lang) => ({ field: i.field, code: i.code, message: lang === 'en' ? i.en : i.zh });

export function fieldList(entity: Entity, lang: Lang) {
  return fieldsOf(entity).map((f) => ({
    key: f.key,
    label: lang === 'en' ? f.en : f.zh,
    kind: f.kind,
    required: !!f.required,
    unit: f.kind === 'money' ? (f.currency === 'usd' ? '万美元' : '万元') : null,
  }));
}

export async function jobView(db: Db, ctx: AuthedContext, job: repo.JobRow) {
  const lang = ctx.lang;
  const live = running.get(job.id);
  let status = job.status;
  let errorCode = job.errorCode;
  // A step that was running in a process that has gone (a restart) will not finish.
  if (
    !live &&
    (status === 'parsing' || status === 'committing') &&
    Date.now() - new Date(job.updatedAt).getTime() > 10 * 60_000
  ) {
    const next = status === 'committing' ? 'ready' : 'failed';
    await repo.updateJob(db, job.id, { status: next, errorCode: 'INTERNAL' }, status);
    status = next;
    errorCode = 'INTERNAL';
  }
  const progress = live
    ? live.progress
    : status === 'ready' || status === 'committed' || status === 'failed'
      ? 100
      : job.progress;
  return {
    id: job.id,
    entity: job.entity,
    entityLabel: say(
      lang,
      entityLabel(job.entity as Entity).zh ?? job.entity,
      entityLabel(job.entity as Entity).en ?? job.entity,
    ),
    fileName: job.fileName,
    fileSize: job.fileSize,
    fileKind: job.fileKind,
    status,
    progress,
    summary: (job.summary as Summary | null) ?? null,
    mapping: (job.mapping as ColumnMapping[] | null) ?? [],
    blockers: ((job.summary as Summary | null)?.blockers ?? []).map((b) => blockerView(job.entity as Entity, b, lang)),
    headers: (job.headers as string[] | null) ?? [],
    fields: fieldList(job.entity as Entity, lang),
    error: errorCode
      ? { code: errorCode, message: errorBody(new AppError(errorCode as ErrorCode), lang).message }
      : null,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    committedAt: job.committedAt,
  };
}

async function ownJob(db: Db, ctx: AuthedContext, id: number) {
  const job = await repo.findJob(db, id, ctx.principal.userId);
  if (!job) throw new AppError('NOT_FOUND');
  return job;
}

export async function getImport(db: Db, ctx: AuthedContext, id: number) {
  return jobView(db, ctx, await ownJob(db, ctx, id));
}

export async function listImports(db: Db, ctx: AuthedContext) {
  const items = await repo.listJobs(db, ctx.principal.userId);
  return { items: items.map((j) => ({ ...j, summary: (j.summary as Summary | null) ?? null })) };
}

/** A mapping problem in plain words, naming the field and the column that seems to hold it. */
export function blockerView(entity: Entity, b: MappingProblem, lang: Lang) {
  const def = fieldsOf(entity).find((f) => f.key === b.field);
  const label = def ? (lang === 'en' ? def.en : def.zh) : b.field;
  const col =
    b.header || (b.col != null ? `${lang === 'en' ? 'column' : '第'} ${b.col + 1}${lang === 'en' ? '' : ' 列'}` : '');
  const message =
    b.code === 'required'
      ? say(
          lang,
          `必填字段“${label}”没有对应的列：请在列对应中为它选择一列`,
          `The required field “${label}” has no column: choose one in the mapping`,
        )
      : say(
          lang,
          `“${col}”列的内容看起来是“${label}”，但它没有导入，“${label}”也没有其他列：请把这一列对应为“${label}”，或确认不导入`,
          `Column “${col}” looks like “${label}” but is not imported, and no other column gives “${label}”: map it, or confirm it is not wanted`,
        );
  return { field: `mapping.${b.field}`, code: b.code, col: b.col ?? null, message };
}

export function presentRow(r: repo.StoredRow, lang: Lang, serialCol: number | null = null) {
  const labels = { ...(r.labels ?? {}) };
  const stage = r.values?.stage;
  if (typeof stage === 'string' && STAGE_ZH[stage] && labels.stage)
    labels.stage = lang === 'en' ? STAGE_ZH[stage].en : STAGE_ZH[stage].zh;
  return {
    rowNo: r.rowNo,
    clerkNo: serialCol != null ? String(r.raw[serialCol] ?? '').trim() || null : null,
    status: r.recordId != null ? 'committed' : r.status,
    cells: r.raw,
    values: r.values ?? {},
    labels,
    decision: r.decision ?? null,
    decisionReason: r.decisionReason ?? null,
    errors: ((r.errors ?? []) as Issue[]).map((i) => issueText(i, lang)),
    warnings: ((r.warnings ?? []) as Issue[]).map((i) => issueText(i, lang)),
    duplicates: ((r.duplicates ?? []) as Duplicate[]).map((d) => ({ ...d, message: duplicateMessage(d, lang) })),
    recordId: r.recordId,
  };
}

export async function listImportRows(
  db: Db,
  ctx: AuthedContext,
  id: number,
  q: { page: number; pageSize: number; filter?: 'problems' | 'all' | 'invalid' | 'duplicate' | 'valid' },
) {
  const job = await ownJob(db, ctx, id);
  const r = await repo.rowsPage(db, job.id, q.filter ?? 'problems', q.page, q.pageSize);
  const serialCol = (job.summary as Summary | null)?.serialCol ?? null;
  return {
    items: r.items.map((x) => presentRow(x, ctx.lang, serialCol)),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ------------------------------------------------------------------------------------------------ dry run

interface RowSource {
  sheetName: string;
  encoding?: string;
  headerRow: number;
  headers: string[];
  rows: AsyncIterable<SheetRow>;
  close: () => Promise<void>;
  /** The amount unit a title row declares ("金额单位：亿元"), for amount columns whose header names none. */
  sheetUnit: AmountUnit | null;
}

/** Finds the sheet and its header row: the first sheet whose first 15 rows hold a row of known column names. */
async function locateHeader(
  entity: Entity,
  file: UploadedFile,
  onProgress: (fraction: number) => void,
): Promise<RowSource | null> {
  const sheets = file.kind === 'xlsx' ? xlsxSheetsInWorker(file.path) : csvSheets(file.buffer!, onProgress);
  // Stepped by hand: leaving a for-await early would close the reader while the chosen sheet is still being read.
  for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
    const sheet = s.value;
    const it = sheet.rows[Symbol.asyncIterator]();
    const head: SheetRow[] = [];
    while (head.length < 15) {
      const n = await it.next();
      if (n.done) break;
      head.push(n.value);
    }
    const at = detectHeaderRow(
      entity,
      head.map((r) => r.cells),
    );
    if (at < 0) {
      while (!(await it.next()).done) {
        /* drain */
      }
      continue;
    }
    // A two-level header: the row under the found one subdivides it, or the found one subdivides the row above.
    let headerAt = at;
    let combined = at + 1 < head.length ? combineHeaderRows(head[at].cells, head[at + 1].cells) : null;
    if (combined) headerAt = at + 1;
    else if (at > 0) combined = combineHeaderRows(head[at - 1].cells, head[at].cells);
    const rest = head.slice(headerAt + 1);
    const rows: AsyncIterable<SheetRow> = {
      async *[Symbol.asyncIterator]() {
        yield* rest;
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
        for (let t = await sheets.next(); !t.done; t = await sheets.next())
          for await (const _ of t.value.rows) {
            /* the other sheets */
          }
      },
    };
    const headers = (combined ?? head[at].cells).map((c) =>
      String(c ?? '')
        .trim()
        .replace(/\s*[\r\n]+\s*/g, ''),
    );
    return {
      sheetName: sheet.name,
      encoding: sheet.encoding,
      headerRow: head[headerAt].rowNo,
      headers,
      rows,
      close: async () => {
        await sheets.return(undefined);
      },
      sheetUnit: declaredUnit(head.slice(0, Math.min(at, headerAt)).flatMap((r) => r.cells)),
    };
  }
  return null;
}

function emptySummary(): Summary {
  return {
    rows: 0,
    valid: 0,
    invalid: 0,
    duplicate: 0,
    duplicates: { file: 0, existing: 0, imported: 0 },
    withWarnings: 0,
    skipped: { empty: 0, totals: 0, notes: 0, headers: 0 },
    missingRequired: [],
  };
}

function tally(s: Summary, rows: CheckedRow[]) {
  for (const r of rows) {
    s.rows++;
    if (r.status === 'valid') s.valid++;
    else if (r.status === 'invalid') s.invalid++;
    else s.duplicate++;
    if (r.warnings.length) s.withWarnings++;
    const d = r.duplicates[0];
    if (d) s.duplicates[d.kind]++;
  }
}

function missingRequired(entity: Entity, mapping: ColumnMapping[]) {
  const mapped = new Set(mapping.map((m) => m.field).filter(Boolean));
  return fieldsOf(entity)
    .filter((f) => f.required && !mapped.has(f.key))
    .map((f) => f.key);
}

const orNull = <T>(xs: T[] | null | undefined) => (xs && xs.length ? xs : null);
/** What is kept of a checked row: empty lists are not stored. */
const toStored = (r: CheckedRow): repo.StoredRow => ({
  ...r,
  errors: orNull(r.errors),
  warnings: orNull(r.warnings),
  duplicates: orNull(r.duplicates),
  labels: r.labels && Object.keys(r.labels).length ? r.labels : null,
});

/** The dry run of an uploaded file: every data row converted and checked into import_rows. */
async function dryRunFile(database: Database, ctx: AuthedContext, job: repo.JobRow, file: UploadedFile) {
  const src = await locateHeader(job.entity as Entity, file, (f) => setProgress(job.id, f * 100));
  if (!src) throw new AppError('IMPORT_NO_HEADER');
  try {
    await readAndCheck(database, ctx, job, file, src);
  } finally {
    await src.close();
  }
}

async function readAndCheck(
  database: Database,
  ctx: AuthedContext,
  job: repo.JobRow,
  file: UploadedFile,
  src: RowSource,
) {
  const { db } = database;
  const entity = job.entity as Entity;
  const scope = await resolveScope(db, ctx.principal);
  const cctx = await conversionContext(db, ctx, entity, scope);
  // The first data rows are read ahead: what the columns hold decides the mapping as much as their headers do.
  const it = src.rows[Symbol.asyncIterator]();
  const ahead: SheetRow[] = [];
  while (ahead.length < SAMPLE_ROWS) {
    const n = await it.next();
    if (n.done) break;
    ahead.push(n.value);
  }
  const width = src.headers.length;
  const samples = ahead
    .map((r) => r.cells.slice(0, width))
    .filter((c) => !isEmptyRow(c) && !isTotalRow(c) && !isNoteRow(c));
  const { mapping, remembered } = await proposeMapping(
    db,
    ctx,
    entity,
    src,
    profileColumns(samples, width, valueJudge(entity, cctx)),
  );
  const checker = new RowChecker(entity, scope, ctx.principal.unitId, job.id, cctx, mapping);
  const summary = emptySummary();
  summary.sheetName = src.sheetName;
  summary.encoding = src.encoding;
  summary.headerRow = src.headerRow;
  summary.missingRequired = missingRequired(entity, mapping);
  summary.serialCol = mapping.find((m) => m.serial)?.col ?? null;
  summary.blockers = mappingProblems(entity, mapping);
  summary.remembered = remembered;
  checker.serialCol = summary.serialCol;
  const expected = Math.max(1, (file.sheetRows ?? 0) - src.headerRow);
  const headerLine = src.headers.join('\u0001');
  let batch: { rowNo: number; cells: string[] }[] = [];
  let seen = 0;
  let lastProgressWrite = Date.now();
  // The rows of chunk k are written while chunk k+1 is read and checked (one write in flight at a time).
  let writing: Promise<void> | null = null;
  const flush = async () => {
    if (!batch.length) return;
    const checked = await checker.check(db, batch);
    if (writing) await writing;
    writing = repo.insertRows(db, job.id, checked.map(toStored));
    writing.catch(() => {});
    tally(summary, checked);
    batch = [];
    if (file.kind === 'xlsx') setProgress(job.id, (seen / expected) * 100);
    if (Date.now() - lastProgressWrite > 2000) {
      lastProgressWrite = Date.now();
      await repo.updateJob(db, job.id, { progress: running.get(job.id)?.progress ?? 0 });
    }
  };
  const rows: AsyncIterable<SheetRow> = {
    async *[Symbol.asyncIterator]() {
      yield* ahead;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    },
  };
  for await (const row of rows) {
    seen++;
    const cells = row.cells.slice(0, Math.max(src.headers.length, 1));
    if (isEmptyRow(cells)) {
      summary.skipped.empty++;
      continue;
    }
    if (isTotalRow(cells)) {
      summary.skipped.totals++;
      continue;
    }
    if (isNoteRow(cells) && mapping.filter((m) => m.field).length >= 3) {
      summary.skipped.notes++;
      continue;
    }
    if (cells.map((c) => c.trim()).join('\u0001') === headerLine) {
      summary.skipped.headers++;
      continue;
    }
    if (summary.rows + batch.length >= MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS');
    batch.push({ rowNo: row.rowNo, cells });
    if (batch.length >= CHUNK) await flush();
  }
  await flush();
  if (writing) await writing;
  if (summary.rows === 0) throw new AppError('FILE_EMPTY');
  await repo.analyzeRows(db);
  const same = await repo.committedWithSameFile(db, entity, job.fileSha256, ctx.principal.unitId, job.id);
  summary.sameFileCommitted = same ? { jobId: Number(same.id), at: new Date(same.committedAt).toISOString() } : null;
  await repo.updateJob(db, job.id, {
    status: 'ready',
    progress: 100,
    mapping,
    headers: src.headers,
    summary,
    errorCode: null,
  });
}

/** Rows read ahead to profile the columns' values. */
const SAMPLE_ROWS = 200;

/**
 * The mapping proposed for a sheet: the one this unit confirmed for a sheet of the same layout (same normalised headers),
 * else matched from the headers and the values.
 */
async function proposeMapping(
  db: Db,
  ctx: AuthedContext,
  entity: Entity,
  src: RowSource,
  profiles: ReturnType<typeof profileColumns>,
) {
  const auto = autoMapping(entity, src.headers, src.sheetUnit, profiles);
  const kept = await repo.rememberedMapping(db, entity, ctx.principal.unitId, headerKey(src.headers));
  if (!kept) return { mapping: auto, remembered: null };
  const byCol = new Map((kept.mapping as ReturnType<typeof confirmedMapping>).map((m) => [m.col, m]));
  const mapping = auto.map((m): ColumnMapping => {
    const k = byCol.get(m.col);
    return {
      ...m,
      field: k?.field ?? null,
      unit: k?.field ? (k.unit ?? null) : null,
      serial: !!k?.serial,
      match: k?.field ? 'remembered' : null,
      confidence: k?.field ? 1 : null,
    };
  });
  return { mapping, remembered: { jobId: kept.jobId, at: new Date(kept.confirmedAt).toISOString() } };
}

/** The dry run again from the kept cells, under an edited mapping. */
async function dryRunStored(database: Database, ctx: AuthedContext, job: repo.JobRow, mapping: ColumnMapping[]) {
  const { db } = database;
  const entity = job.entity as Entity;
  const scope = await resolveScope(db, ctx.principal);
  const cctx = await conversionContext(db, ctx, entity, scope);
  const checker = new RowChecker(entity, scope, ctx.principal.unitId, job.id, cctx, mapping);
  const prev = (job.summary as Summary | null) ?? emptySummary();
  const summary: Summary = {
    ...emptySummary(),
    sheetName: prev.sheetName,
    headerRow: prev.headerRow,
    encoding: prev.encoding,
    skipped: prev.skipped,
    sameFileCommitted: prev.sameFileCommitted,
    missingRequired: missingRequired(entity, mapping),
    serialCol: prev.serialCol ?? null,
    blockers: mappingProblems(entity, mapping),
    remembered: prev.remembered ?? null,
  };
  checker.serialCol = summary.serialCol ?? null;
  const total = Math.max(1, prev.rows);
  let after = 0;
  for (;;) {
    const rows = await repo.rowsAfter(db, job.id, after, CHUNK);
    if (!rows.length) break;
    after = rows[rows.length - 1].rowNo;
    const checked = await checker.check(
      db,
      rows.map((r) => ({ rowNo: r.rowNo, cells: r.raw })),
    );
    await repo.updateRows(db, job.id, checked.map(toStored));
    tally(summary, checked);
    setProgress(job.id, (summary.rows / total) * 100);
  }
  // Decisions stay with their rows; those still flagged as duplicates count.
  summary.decisions = await repo.decisionCounts(db, job.id);
  await repo.updateJob(db, job.id, { status: 'ready', progress: 100, mapping, summary, errorCode: null });
}

function failureCode(e: unknown): string {
  if (e instanceof AppError) return e.code;
  return 'INTERNAL';
}

/** Runs a background step for a job: progress while it runs, the job marked failed (or back to `onFail`) if it throws. */
function background(
  database: Database,
  jobId: number,
  onFail: string,
  step: () => Promise<void>,
  log?: (e: unknown) => void,
): Promise<void> {
  running.set(jobId, { progress: 0 });
  return step()
    .catch(async (e) => {
      if (!(e instanceof AppError)) log?.(e);
      await repo.updateJob(database.db, jobId, { status: onFail, errorCode: failureCode(e) }).catch(() => {});
    })
    .finally(() => {
      running.delete(jobId);
    });
}

/** Creates the job for an uploaded (and already inspected) file and starts its dry run. */
export async function startImport(
  database: Database,
  ctx: AuthedContext,
  entity: Entity,
  file: UploadedFile,
  log?: (e: unknown) => void,
) {
  const { db } = database;
  await repo.purgeStaleRows(db).catch(() => {});
  const job = await repo
    .insertJob(db, {
      entity,
      fileName: file.fileName.slice(0, 200),
      fileSha256: file.sha256,
      status: 'parsing',
      progress: 0,
      userId: ctx.principal.userId,
      unitId: ctx.principal.unitId,
      fileSize: file.size,
      fileKind: file.kind,
    })
    .catch(async (e) => {
      await fs.rm(file.path, { force: true });
      throw e;
    });
  const task = background(
    database,
    job.id,
    'failed',
    async () => {
      try {
        await dryRunFile(database, ctx, job, file);
      } finally {
        await fs.rm(file.path, { force: true }).catch(() => {});
      }
    },
    log,
  );
  await settle(task, WAIT_MS);
  return jobView(db, ctx, (await repo.findJob(db, job.id, ctx.principal.userId))!);
}

export async function updateMapping(
  database: Database,
  ctx: AuthedContext,
  id: number,
  input: { col: number; field: string | null; unit?: AmountUnit | null }[],
  log?: (e: unknown) => void,
) {
  const { db } = database;
  const job = await ownJob(db, ctx, id);
  if (job.status !== 'ready') throw new AppError('IMPORT_STATE');
  const mapping = cleanMapping(
    job.entity as Entity,
    (job.headers as string[] | null) ?? [],
    input,
    (job.mapping as ColumnMapping[] | null) ?? [],
  );
  if ('error' in mapping) throw validationError([{ field: 'mapping', code: 'invalid', message: mapping.error }]);
  // A required field without a column, or a key field left out while a column plainly holds it: no dry run.
  const problems = mappingProblems(job.entity as Entity, mapping);
  if (problems.length) throw validationError(problems.map((b) => blockerView(job.entity as Entity, b, ctx.lang)));
  if (!(await repo.updateJob(db, id, { status: 'parsing', progress: 0, errorCode: null }, 'ready')))
    throw new AppError('IMPORT_STATE');
  const task = background(database, id, 'ready', () => dryRunStored(database, ctx, job, mapping), log);
  await settle(task, WAIT_MS);
  return jobView(db, ctx, (await repo.findJob(db, id, ctx.principal.userId))!);
}

// ------------------------------------------------------------------------------------------------ commit

interface CommitCounts {
  inserted: number;
  duplicates: number;
}

interface Prepared {
  rows: number;
  dups: { rowNo: number; duplicates: Duplicate[] }[];
  inserted: number;
  text: string;
}

/** Lets the event loop turn, so that the database's answers and the next statement are not kept waiting. */
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
const SLICE = 200;

async function runCommit(
  database: Database,
  ctx: AuthedContext,
  job: repo.JobRow,
  total: number,
  invalidSkipped: number,
): Promise<CommitCounts> {
  const { db } = database;
  const entity = job.entity as Entity;
  const userId = ctx.principal.userId;
  const unitId = ctx.principal.unitId;
  const scope = await resolveScope(db, ctx.principal);
  const writer = await sheetProfile(entity).writer({
    db,
    ctx,
    jobId: job.id,
    sequenceOf: (table) => repo.sequenceOf(db, table),
  });
  const source = repo.sourceTable(entity);
  const checker = new RowChecker(entity, scope, unitId, job.id);
  const counts: CommitCounts = { inserted: 0, duplicates: 0 };
  await db.transaction(async (tx) => {
    // One import of an entity at a time, so that two commits of the same file cannot both insert it.
    await repo.advisoryLock(tx, `magnet-import:${entity}`);
    await repo.createSourceTable(tx, entity, writer.columns);
    const importedBefore = await repo.importedBeforeByRow(tx, entity, importChecksOf(entity).table, job.id, unitId);
    const fetch = (after: number) => repo.rowsForCommit(tx, job.id, after, COMMIT_CHUNK, importedBefore);
    const prepare = async (rows: repo.CommitRow[]): Promise<Prepared> => {
      const checked = await checker.recheck(tx, rows);
      const fresh = checked.filter((r) => !r.duplicates.length && !r.errors.length);
      const dups = checked
        .filter((r) => r.duplicates.length || r.errors.length)
        .map((r) => ({ rowNo: r.rowNo, duplicates: r.duplicates }));
      // Built in slices: the previous chunk's statements are running meanwhile and need the loop to be sent.
      let text = '';
      for (let i = 0; i < fresh.length; i += SLICE) {
        const slice = fresh.slice(i, i + SLICE);
        text += repo.sourceText(writer.columns, await writer.records(tx, slice));
        await yieldToLoop();
      }
      return { rows: rows.length, dups, inserted: fresh.length, text };
    };
    const write = async (p: Prepared) => {
      await repo.markDuplicate(tx, job.id, p.dups);
      if (!p.inserted) return;
      await repo.loadSource(tx, entity, writer.columns, p.text);
      await writer.write(tx, source);
    };
    // A pipeline: while chunk k is written, chunk k+1 (already fetched) is checked and turned into records.
    let rows = await fetch(0);
    let nextRows: Promise<repo.CommitRow[]> | null = rows.length ? fetch(rows[rows.length - 1].rowNo) : null;
    let current: Prepared | null = rows.length ? await prepare(rows) : null;
    let done = 0;
    while (current) {
      const writing = write(current);
      writing.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
      rows = nextRows ? await nextRows : [];
      nextRows = rows.length ? fetch(rows[rows.length - 1].rowNo) : null;
      const next = rows.length ? await prepare(rows) : null;
      await writing;
      counts.inserted += current.inserted;
      counts.duplicates += current.dups.length;
      done += current.rows;
      setProgress(job.id, (done / Math.max(1, total)) * 100);
      current = next;
    }
    if (nextRows) await nextRows;
    const prev = (job.summary as Summary | null) ?? emptySummary();
    const at = new Date();
    // Duplicates a person decided to import: each audited with its reason and what it was matched with.
    const decided = await repo.decidedImports(tx, job.id);
    for (const d of decided) {
      const matches = ((d.duplicates ?? []) as Duplicate[]).map((x) => duplicateMessage(x, 'zh-CN')).join('；');
      await writeAudit(tx, ctx, {
        action: 'import.not_duplicate',
        targetType: 'import',
        targetId: job.id,
        targetLabel: `${job.fileName} 第 ${d.rowNo} 行`,
        detail: `判定不是重复：${d.reason}（${matches}）`,
      });
    }
    const skippedDuplicates = prev.duplicate - decided.length + counts.duplicates;
    const summary: Summary = {
      ...prev,
      committed: {
        inserted: counts.inserted,
        duplicates: skippedDuplicates,
        invalidSkipped,
        at: at.toISOString(),
        notDuplicates: decided.length,
      },
    };
    // The mapping this commit confirmed is kept for the unit's next sheet of the same layout.
    const headers = (job.headers as string[] | null) ?? [];
    await repo.rememberMapping(tx, {
      entity,
      unitId,
      key: headerKey(headers),
      headers,
      mapping: confirmedMapping((job.mapping as ColumnMapping[] | null) ?? []),
      jobId: job.id,
      userId,
    });
    const label = entityLabel(entity).zh;
    await writeAudit(tx, ctx, {
      action: 'import.commit',
      targetType: 'import',
      targetId: job.id,
      targetLabel: job.fileName,
      detail:
        `${label}：新增 ${counts.inserted} 条，跳过重复 ${summary.committed!.duplicates} 条，跳过错误 ${invalidSkipped} 条` +
        ` (entity=${entity}; inserted=${counts.inserted}; duplicates=${summary.committed!.duplicates}; invalid=${invalidSkipped}; sha256=${job.fileSha256})`,
    });
    if (
      !(await repo.updateJob(
        tx,
        job.id,
        { status: 'committed', progress: 100, summary, committedAt: at, errorCode: null },
        'committing',
      ))
    ) {
      throw new AppError('IMPORT_STATE');
    }
  });
  return counts;
}

function commitFailure(e: unknown): string {
  for (let x = e as { code?: string; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) {
    if (x.code === '23505') return 'DUPLICATE';
  }
  return failureCode(e);
}

export async function commitImport(
  database: Database,
  ctx: AuthedContext,
  id: number,
  opts: { skipInvalid?: boolean },
  log?: (e: unknown) => void,
) {
  const { db } = database;
  const job = await ownJob(db, ctx, id);
  if (job.status !== 'ready') throw new AppError('IMPORT_STATE');
  const blockers = (job.summary as Summary | null)?.blockers ?? [];
  if (blockers.length) throw validationError(blockers.map((b) => blockerView(job.entity as Entity, b, ctx.lang)));
  const counts = await repo.statusCounts(db, id);
  const invalid = counts.invalid ?? 0;
  if (invalid > 0 && !opts.skipInvalid) throw new AppError('IMPORT_HAS_ERRORS');
  const decisions = await repo.decisionCounts(db, id);
  if (!(await repo.updateJob(db, id, { status: 'committing', progress: 0, errorCode: null }, 'ready')))
    throw new AppError('IMPORT_STATE');
  running.set(id, { progress: 0 });
  const task = runCommit(
    database,
    ctx,
    { ...job, status: 'committing' },
    (counts.valid ?? 0) + decisions.import,
    invalid,
  )
    .catch(async (e) => {
      if (!(e instanceof AppError)) log?.(e);
      await repo.updateJob(db, id, { status: 'ready', errorCode: commitFailure(e) }).catch(() => {});
    })
    .finally(() => {
      running.delete(id);
    });
  await settle(task, WAIT_MS);
  return jobView(db, ctx, (await repo.findJob(db, id, ctx.principal.userId))!);
}

/**
 * A person's decision on a row flagged as a duplicate: 'import' — it is not a duplicate (a reason is required; audited
 * when the import is committed, in its transaction) — or 'skip'; null takes the decision back.
 */
export async function decideRow(
  db: Db,
  ctx: AuthedContext,
  id: number,
  rowNo: number,
  input: { decision: 'import' | 'skip' | null; reason?: string | null },
) {
  const job = await ownJob(db, ctx, id);
  if (job.status !== 'ready') throw new AppError('IMPORT_STATE');
  const reason = input.reason?.trim() || null;
  if (input.decision === 'import' && !reason) throw validationError([{ field: 'reason', code: 'reason_required' }]);
  const ok = await repo.setDecision(db, id, rowNo, {
    decision: input.decision,
    reason: input.decision ? reason : null,
    userId: ctx.principal.userId,
  });
  if (!ok)
    throw validationError([
      {
        field: 'rowNo',
        code: 'invalid',
        message: say(ctx.lang, `第 ${rowNo} 行不是疑似重复的行`, `row ${rowNo} is not flagged as a duplicate`),
      },
    ]);
  const summary: Summary = {
    ...((job.summary as Summary | null) ?? emptySummary()),
    decisions: await repo.decisionCounts(db, id),
  };
  await repo.updateJob(db, id, { summary }, 'ready');
  const [row] = (await repo.rowsPage(db, id, 'duplicate', 1, 1, rowNo)).items;
  return { row: presentRow(row, ctx.lang, summary.serialCol ?? null), summary };
}

/** The stage table sheets are read with: the city's, or the default. */
export async function getStagePhrases(db: Db, _ctx: AuthedContext) {
  const { table, version } = (await stageTableStore()?.read(db)) ?? { table: null, version: 0 };
  return { table: table ?? DEFAULT_STAGE_PHRASES, custom: !!table, version };
}

/** Replaces the city's stage table; a phrase may name one stage only. */
export async function saveStagePhrases(db: Db, ctx: AuthedContext, table: Record<string, string[]>, version: number) {
  const seen = new Map<string, string>();
  const clashes: { field: string; code: string; message: string }[] = [];
  for (const [stage, phrases] of Object.entries(table)) {
    for (const p of phrases) {
      const k = p.replace(/\s+/g, '');
      const other = seen.get(k);
      if (other && other !== stage)
        clashes.push({
          field: `table.${stage}`,
          code: 'invalid',
          message: say(ctx.lang, `“${p}”同时对应了两个阶段`, `“${p}” names two stages`),
        });
      seen.set(k, stage);
    }
  }
  if (clashes.length) throw validationError(clashes);
  const store = stageTableStore();
  if (!store) throw new AppError('NOT_FOUND'); // no register keeps a stage table
  const saved = await db.transaction((tx) => store.save(tx, ctx, table, version));
  return { table: saved.table, custom: true, version: saved.version };
}

/** For the benchmark and tests: waits until no step of the job is running here. */
export async function waitForJob(id: number, timeoutMs = 600_000) {
  const until = Date.now() + timeoutMs;
  while (running.has(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

export async function jobRow(db: Db, ctx: AuthedContext, id: number) {
  return ownJob(db, ctx, id);
}
