// Checking converted rows chunk by chunk: linking investors and target enterprises to the library, duplicates within
// the file and against live records in the caller's scope, and rows an earlier import of the same unit already made.
import type { Tx } from '../../db/client.js';
import { scopeAllowsUnit, type DataScope } from '../../core/scope.js';
import { contentHash, convertRow, issue, type ConvertContext, type Issue } from './convert.js';
import type { Entity } from './fields.js';
import type { ColumnMapping } from './headers.js';
import { unreadableColumns } from './reader.js';
import * as repo from './repository.js';

export interface Duplicate {
  kind: 'file' | 'existing' | 'imported';
  /** file: the earlier row it repeats, and that row's own number in the clerk's 序号 column. */
  rowNo?: number;
  clerkNo?: string;
  /** existing / imported: the record. */
  id?: number;
  label?: string;
  /** imported: the earlier import. */
  jobId?: number;
  /**
   * Why: 'code' (the same city project code), or the same company — 'uscc' (credit code) or 'investor' — together with
   * 'similar_name' or 'amount_close' (within 10 %). A company in common alone is never a reason.
   */
  reasons: string[];
  /** existing: the matched project's amount (万元), for the user to compare. */
  amount?: string | null;
}

export interface CheckedRow extends repo.StoredRow {
  values: Record<string, unknown>;
  errors: Issue[];
  warnings: Issue[];
  duplicates: Duplicate[];
}

const say = (zh: string, en: string) => ({ zh, en });
/** A value's trimmed text, or null. */
export const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A live enterprise of the library a sheet's name may link to. */
export interface LibraryEnterprise {
  id: number;
  name: string;
  ownerUnitId: number;
  teamId: number | null;
}

/** What an entity's duplicate rule may ask of the checker. */
export interface CheckHelpers {
  /** The record is within the caller's data scope. */
  inScope: (o: { ownerUnitId: number | null; teamId: number | null }) => boolean;
  /** The error for a key (a code, a credit code) that a record outside the caller's scope already holds. */
  takenElsewhere: (field: string) => Issue;
}

/** One check's duplicate rule (a dry run, or a commit's recheck); it keeps what it learns from chunk to chunk. */
export interface DuplicateRule {
  /**
   * A valid row against the earlier valid rows of the file: the duplicates found, or none — and then the rule
   * remembers the row for the rows after it.
   */
  withinFile: (row: CheckedRow & { clerkNo?: string }) => Duplicate[];
  /** Rows against the live records: duplicates in the caller's scope, an error for a key taken outside it. */
  againstExisting: (tx: Tx, rows: CheckedRow[]) => Promise<void>;
}

/** How an entity's rows are checked: its duplicate rule, its link to the enterprise library, its table. */
export interface ImportChecks {
  /** The table its records live in (an earlier import's record counts while it is not deleted). */
  table: string;
  duplicateRule: (helpers: CheckHelpers) => DuplicateRule;
  /** The words for the reasons its duplicate rule gives ('code', 'uscc' …). */
  reasons: Record<string, { zh: string; en: string }>;
  /** The field naming an enterprise (a project's investor, a lead's target) and how the library is searched. */
  libraryLink?: { field: string; find: (tx: Tx, names: string[]) => Promise<LibraryEnterprise[]> };
}

/** Why a row is a duplicate, in words: the engine's own reason, and those the profiles' rules give. */
const REASONS = new Map<string, { zh: string; en: string }>([
  ['content', { zh: '内容与先前导入的一行相同', en: 'same content as a row imported before' }],
]);

const importChecks = new Map<Entity, ImportChecks>();
/** Registers an entity's checks (its module's profile does, through profiles.ts). */
export function registerImportChecks(entity: Entity, checks: ImportChecks): void {
  importChecks.set(entity, checks);
  for (const [k, v] of Object.entries(checks.reasons)) REASONS.set(k, v);
}
export function importChecksOf(entity: Entity): ImportChecks {
  const c = importChecks.get(entity);
  if (!c) throw new Error(`no sheet profile is registered for "${entity}"`);
  return c;
}

/** A within-file rule by keys: a row repeats the first earlier row with one of the same keys ([key, reason]). */
export function keyedFileRule(keysOf: (values: Record<string, unknown>) => [string, string][]) {
  const seen = new Map<string, { rowNo: number; clerkNo?: string }>();
  return (r: CheckedRow & { clerkNo?: string }): Duplicate[] => {
    const keys = keysOf(r.values);
    const found: Duplicate[] = [];
    for (const [k, reason] of keys) {
      const first = seen.get(k);
      if (first !== undefined)
        found.push({ kind: 'file', rowNo: first.rowNo, clerkNo: first.clerkNo, reasons: [reason] });
    }
    if (!found.length) for (const [k] of keys) seen.set(k, { rowNo: r.rowNo, clerkNo: r.clerkNo });
    return found;
  };
}

export class RowChecker {
  private readonly checks: ImportChecks;
  private readonly rule: DuplicateRule;
  /** The clerk's running number column (序号), if the sheet has one. */
  serialCol: number | null = null;

  constructor(
    private readonly entity: Entity,
    private readonly scope: DataScope,
    private readonly unitId: number,
    private readonly jobId: number,
    private readonly ctx?: ConvertContext,
    private readonly mapping?: ColumnMapping[],
  ) {
    this.checks = importChecksOf(entity);
    this.rule = this.checks.duplicateRule({
      inScope: (o) => this.inScope(o),
      takenElsewhere: (f) => this.takenElsewhere(f),
    });
  }

  /** Converts and checks a chunk of sheet rows (the dry run). */
  async check(tx: Tx, rows: { rowNo: number; cells: string[] }[]): Promise<CheckedRow[]> {
    if (!this.ctx || !this.mapping) throw new Error('RowChecker.check needs a conversion context');
    const out: (CheckedRow & { clerkNo?: string })[] = rows.map(({ rowNo, cells }) => {
      const c = convertRow(this.ctx!, this.mapping!, cells);
      const clerkNo = this.serialCol != null ? String(cells[this.serialCol] ?? '').trim() || undefined : undefined;
      for (const col of unreadableColumns(cells)) {
        const m = this.mapping!.find((x) => x.col === col);
        c.errors.push(
          issue(
            m?.field ?? `column${col + 1}`,
            'unreadable_text',
            say(
              `第 ${col + 1} 列（${m?.header || '未命名'}）有无法识别的字符“\uFFFD”，原文件可能已损坏，本行不导入`,
              `column ${col + 1} (${m?.header || 'untitled'}) holds an unreadable character "\uFFFD"; the file may be damaged, the row is not imported`,
            ),
          ),
        );
      }
      return {
        rowNo,
        clerkNo,
        raw: cells,
        values: c.values,
        labels: c.labels,
        errors: c.errors,
        warnings: c.warnings,
        duplicates: [],
        status: '',
        contentHash: contentHash(this.entity, c.values),
        recordId: null,
      };
    });
    await this.link(tx, out);
    await this.againstExisting(tx, out);
    await this.againstImported(tx, out);
    this.withinFile(out);
    for (const o of out) o.status = o.errors.length ? 'invalid' : o.duplicates.length ? 'duplicate' : 'valid';
    return out;
  }

  /**
   * Checks valid rows again inside the commit's transaction: records created since the dry run count too. Rows come
   * with any earlier import of the same content already looked up (repo.rowsForCommit).
   */
  async recheck(tx: Tx, rows: repo.CommitRow[]): Promise<CheckedRow[]> {
    const all = rows.map((r) => ({
      ...r,
      values: r.values ?? {},
      errors: [] as Issue[],
      warnings: [] as Issue[],
      duplicates: [] as Duplicate[],
    }));
    // A duplicate a person decided to import is not held back again.
    const out = all.filter((r) => !r.decided);
    await this.againstExisting(tx, out);
    out.forEach((o) => {
      const prev = o.prev;
      if (prev && !o.duplicates.length)
        o.duplicates.push({ kind: 'imported', id: prev.recordId, jobId: prev.jobId, reasons: ['content'] });
    });
    return all;
  }

  // ---- linking to the enterprise library

  private async link(tx: Tx, rows: CheckedRow[]) {
    const link = this.checks.libraryLink;
    if (!link) return;
    const field = link.field;
    const names = [...new Set(rows.map((r) => str(r.values[field])).filter((n): n is string => !!n))];
    if (!names.length) return;
    const found = await link.find(tx, names);
    const byName = new Map<string, LibraryEnterprise[]>();
    for (const e of found) {
      if (!scopeAllowsUnit(this.scope, e.ownerUnitId, e.teamId)) continue;
      const list = byName.get(e.name.trim()) ?? [];
      list.push(e);
      byName.set(e.name.trim(), list);
    }
    for (const r of rows) {
      const name = str(r.values[field]);
      const hits = name ? byName.get(name) : undefined;
      if (!hits?.length) continue;
      if (hits.length === 1) {
        r.values.enterpriseId = hits[0].id;
        r.labels = { ...r.labels, [field]: `${name}（已关联企业库 #${hits[0].id}）` };
      } else {
        r.warnings.push(
          issue(
            field,
            'ambiguous',
            say(
              `企业库中有${hits.length}家同名企业，未自动关联`,
              `${hits.length} enterprises of the library have this name; not linked`,
            ),
          ),
        );
      }
    }
  }

  // ---- within the file

  private withinFile(rows: (CheckedRow & { clerkNo?: string })[]) {
    for (const r of rows) {
      if (r.errors.length) continue;
      const found = this.rule.withinFile(r);
      if (found.length) r.duplicates.push(...merge(found));
    }
  }

  // ---- against live records

  private async againstExisting(tx: Tx, rows: CheckedRow[]) {
    await this.rule.againstExisting(tx, rows);
  }

  private inScope(o: { ownerUnitId: number | null; teamId: number | null }) {
    return o.ownerUnitId != null && scopeAllowsUnit(this.scope, o.ownerUnitId, o.teamId);
  }

  private takenElsewhere(field: string) {
    return issue(
      field,
      'taken',
      say(
        '已被其他单位登记的记录使用（该记录不在您的数据范围内）',
        'is already used by a record outside your data scope',
      ),
    );
  }

  // ---- earlier imports

  private async againstImported(tx: Tx, rows: CheckedRow[]) {
    const hashes = [...new Set(rows.filter((r) => !r.errors.length && r.contentHash).map((r) => r.contentHash!))];
    const before = await repo.importedBefore(tx, this.entity, this.checks.table, this.unitId, hashes, this.jobId);
    for (const r of rows) {
      const b = r.contentHash && !r.errors.length ? before.get(r.contentHash) : undefined;
      if (!b) continue;
      // The same row imported before comes first (it is why the record exists), in place of matching that record again.
      r.duplicates = [
        { kind: 'imported', id: b.recordId, jobId: b.jobId, reasons: ['content'] },
        ...r.duplicates.filter((d) => !(d.kind === 'existing' && d.id === b.recordId)),
      ];
    }
  }
}

/** Several reasons against the same row or record become one entry. */
function merge(ds: Duplicate[]): Duplicate[] {
  const out = new Map<string, Duplicate>();
  for (const d of ds) {
    const k = `${d.kind}:${d.rowNo ?? d.id}`;
    const o = out.get(k);
    if (o) o.reasons = [...new Set([...o.reasons, ...d.reasons])];
    else out.set(k, { ...d, reasons: [...d.reasons] });
  }
  return [...out.values()];
}

/** A duplicate as the user reads it. */
export function duplicateMessage(d: Duplicate, lang: 'zh-CN' | 'en'): string {
  const en = lang === 'en';
  const why = d.reasons.map((r) => REASONS.get(r)?.[en ? 'en' : 'zh'] ?? r).join(en ? ', ' : '、');
  const clerk = d.clerkNo ? (en ? ` (No. ${d.clerkNo})` : `（序号 ${d.clerkNo}）`) : '';
  if (d.kind === 'file')
    return en ? `repeats row ${d.rowNo}${clerk} of this file (${why})` : `与本表第 ${d.rowNo} 行${clerk}重复：${why}`;
  if (d.kind === 'imported')
    return en
      ? `already imported by import #${d.jobId} (record #${d.id})`
      : `已由导入任务 #${d.jobId} 导入（记录编号 ${d.id}）`;
  const amount = d.amount ? (en ? `, ${d.amount} 万元` : `，${d.amount} 万元`) : '';
  return en
    ? `duplicates the existing “${d.label}” (#${d.id}${amount}; ${why})`
    : `与已有记录「${d.label}」（编号 ${d.id}${amount}）重复：${why}`;
}
