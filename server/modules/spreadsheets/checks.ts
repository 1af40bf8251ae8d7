// Checking converted rows chunk by chunk: linking investors and target enterprises to the library, duplicates within
// the file and against live records in the caller's scope, and rows an earlier import of the same unit already made.
import type { Tx } from '../../db/client.js';
import { scopeAllowsUnit, type DataScope } from '../../core/scope.js';
import { nameBigrams, similarNames } from '../projects/duplicates.js';
import { contentHash, convertRow, issue, norm, type ConvertContext, type Issue } from './convert.js';
import type { Entity } from './fields.js';
import type { ColumnMapping } from './headers.js';
import { unreadableColumns } from './reader.js';
import * as repo from './repository.js';

export interface Duplicate {
  kind: 'file' | 'existing' | 'imported';
  /** file: the earlier row it repeats. */
  rowNo?: number;
  /** existing / imported: the record. */
  id?: number;
  label?: string;
  /** imported: the earlier import. */
  jobId?: number;
  reasons: string[];
}

export interface CheckedRow extends repo.StoredRow {
  values: Record<string, unknown>;
  errors: Issue[];
  warnings: Issue[];
  duplicates: Duplicate[];
}

const say = (zh: string, en: string) => ({ zh, en });
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const MAX_SAME_INVESTOR = 300;

function sharesTwo(grams: Set<string>, packed: string): boolean {
  let n = 0;
  for (const g of packed.split('|')) if (g && grams.has(g) && ++n >= 2) return true;
  return false;
}

export class RowChecker {
  private fileKeys = new Map<string, number>();
  /** Earlier valid rows by investor: row number and the name's character pairs joined by '|' (compact). */
  private investorRows = new Map<string, { rowNo: number; grams: string }[]>();

  constructor(
    private readonly entity: Entity,
    private readonly scope: DataScope,
    private readonly unitId: number,
    private readonly jobId: number,
    private readonly ctx?: ConvertContext,
    private readonly mapping?: ColumnMapping[],
  ) {}

  /** Converts and checks a chunk of sheet rows (the dry run). */
  async check(tx: Tx, rows: { rowNo: number; cells: string[] }[]): Promise<CheckedRow[]> {
    if (!this.ctx || !this.mapping) throw new Error('RowChecker.check needs a conversion context');
    const out: CheckedRow[] = rows.map(({ rowNo, cells }) => {
      const c = convertRow(this.ctx!, this.mapping!, cells);
      for (const col of unreadableColumns(cells)) {
        const m = this.mapping!.find((x) => x.col === col);
        c.errors.push(issue(m?.field ?? `column${col + 1}`, 'unreadable_text', say(
          `第 ${col + 1} 列（${m?.header || '未命名'}）有无法识别的字符“\uFFFD”，原文件可能已损坏，本行不导入`,
          `column ${col + 1} (${m?.header || 'untitled'}) holds an unreadable character "\uFFFD"; the file may be damaged, the row is not imported`)));
      }
      return {
        rowNo, raw: cells, values: c.values, labels: c.labels, errors: c.errors, warnings: c.warnings, duplicates: [], status: '',
        contentHash: contentHash(this.entity, c.values), recordId: null,
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
    const out = rows.map((r) => ({ ...r, values: r.values ?? {}, errors: [] as Issue[], warnings: [] as Issue[], duplicates: [] as Duplicate[] }));
    await this.againstExisting(tx, out);
    out.forEach((o, i) => {
      const prev = rows[i].prev;
      if (prev && !o.duplicates.length) o.duplicates.push({ kind: 'imported', id: prev.recordId, jobId: prev.jobId, reasons: ['content'] });
    });
    return out;
  }

  // ---- linking to the enterprise library

  private async link(tx: Tx, rows: CheckedRow[]) {
    const field = this.entity === 'project' ? 'investorName' : this.entity === 'lead' ? 'enterpriseName' : null;
    if (!field) return;
    const names = [...new Set(rows.map((r) => str(r.values[field])).filter((n): n is string => !!n))];
    if (!names.length) return;
    const found = await repo.enterprisesByName(tx, names);
    const byName = new Map<string, repo.InvestorFactsRow[]>();
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
        r.warnings.push(issue(field, 'ambiguous', say(`企业库中有${hits.length}家同名企业，未自动关联`, `${hits.length} enterprises of the library have this name; not linked`)));
      }
    }
  }

  // ---- within the file

  private withinFile(rows: CheckedRow[]) {
    for (const r of rows) {
      if (r.errors.length) continue;
      const v = r.values;
      const found: Duplicate[] = [];
      const keys: [string, string][] = [];
      if (this.entity === 'enterprise') {
        const u = str(v.uscc);
        keys.push(u ? [`u:${u}`, 'uscc'] : [`n:${norm(v.name)}`, 'name']);
      } else if (this.entity === 'lead') {
        keys.push([`t:${norm(v.title)}|${v.enterpriseId ? `#${v.enterpriseId}` : norm(v.enterpriseName)}`, 'title_enterprise']);
      } else {
        const code = str(v.code);
        const uscc = str(v.registeredUscc);
        if (code) keys.push([`c:${code}`, 'code']);
        if (uscc) keys.push([`r:${uscc}`, 'uscc']);
      }
      for (const [k, reason] of keys) {
        const first = this.fileKeys.get(k);
        if (first !== undefined) found.push({ kind: 'file', rowNo: first, reasons: [reason] });
      }
      if (this.entity === 'project') {
        const inv = v.enterpriseId ? `#${v.enterpriseId}` : str(v.investorName) ? norm(v.investorName) : null;
        if (inv && str(v.name)) {
          const grams = nameBigrams(String(v.name));
          const list = this.investorRows.get(inv) ?? [];
          const hit = grams.size >= 2 ? list.find((o) => sharesTwo(grams, o.grams)) : undefined;
          if (hit && !found.some((d) => d.rowNo === hit.rowNo)) found.push({ kind: 'file', rowNo: hit.rowNo, reasons: ['similar_name'] });
          if (!found.length && list.length < MAX_SAME_INVESTOR) { list.push({ rowNo: r.rowNo, grams: [...grams].join('|') }); this.investorRows.set(inv, list); }
        }
      }
      if (found.length) { r.duplicates.push(...merge(found)); continue; }
      for (const [k] of keys) this.fileKeys.set(k, r.rowNo);
    }
  }

  // ---- against live records

  private async againstExisting(tx: Tx, rows: CheckedRow[]) {
    if (this.entity === 'enterprise') return this.existingEnterprises(tx, rows);
    if (this.entity === 'project') return this.existingProjects(tx, rows);
    return this.existingLeads(tx, rows);
  }

  private inScope(o: { ownerUnitId: number | null; teamId: number | null }) {
    return o.ownerUnitId != null && scopeAllowsUnit(this.scope, o.ownerUnitId, o.teamId);
  }

  private takenElsewhere(field: string) {
    return issue(field, 'taken', say('已被其他单位登记的记录使用（该记录不在您的数据范围内）', 'is already used by a record outside your data scope'));
  }

  private async existingEnterprises(tx: Tx, rows: CheckedRow[]) {
    const usccs = [...new Set(rows.map((r) => str(r.values.uscc)).filter((x): x is string => !!x))];
    const names = [...new Set(rows.filter((r) => !str(r.values.uscc)).map((r) => str(r.values.name)).filter((x): x is string => !!x))];
    const found = await repo.existingEnterprises(tx, usccs, names);
    const byUscc = new Map(found.filter((e) => e.uscc).map((e) => [e.uscc!, e]));
    const byName = new Map<string, repo.ExistingEnterprise[]>();
    for (const e of found) { const k = norm(e.name); byName.set(k, [...(byName.get(k) ?? []), e]); }
    for (const r of rows) {
      const u = str(r.values.uscc);
      if (u) {
        const e = byUscc.get(u);
        if (!e) continue;
        if (this.inScope(e)) r.duplicates.push({ kind: 'existing', id: e.id, label: e.name, reasons: ['uscc'] });
        else r.errors.push(this.takenElsewhere('uscc'));
      } else {
        const e = (byName.get(norm(r.values.name)) ?? []).find((x) => this.inScope(x));
        if (e) r.duplicates.push({ kind: 'existing', id: e.id, label: e.name, reasons: ['name'] });
      }
    }
  }

  /** Live projects by key, loaded once per check (a whole import is compared in memory rather than a query per chunk). */
  private projects?: { byCode: Map<string, repo.ExistingProject>; byUscc: Map<string, repo.ExistingProject[]>; byInvestor: Map<string, repo.ExistingProject[]> };

  private async projectIndex(tx: Tx) {
    if (this.projects) return this.projects;
    const byCode = new Map<string, repo.ExistingProject>();
    const byUscc = new Map<string, repo.ExistingProject[]>();
    const byInvestor = new Map<string, repo.ExistingProject[]>();
    const push = <K>(m: Map<K, repo.ExistingProject[]>, k: K, p: repo.ExistingProject) => { const l = m.get(k); if (l) l.push(p); else m.set(k, [p]); };
    for (const p of await repo.liveProjectKeys(tx)) {
      if (p.code) byCode.set(p.code.trim().toUpperCase(), p);
      if (!this.inScope(p)) continue; // only a code is checked against records outside the scope (it must stay unique)
      if (p.registeredUscc) push(byUscc, p.registeredUscc, p);
      if (p.enterpriseId != null) push(byInvestor, `#${p.enterpriseId}`, p);
      for (const n of new Set([norm(p.investorName), norm(p.enterpriseName)])) if (n) push(byInvestor, n, p);
    }
    return (this.projects = { byCode, byUscc, byInvestor });
  }

  private async existingProjects(tx: Tx, rows: CheckedRow[]) {
    const ix = await this.projectIndex(tx);
    for (const r of rows) {
      const v = r.values;
      const dups = new Map<number, Duplicate>();
      const add = (p: repo.ExistingProject, reason: string) => {
        const d = dups.get(p.id);
        if (d) { if (!d.reasons.includes(reason)) d.reasons.push(reason); } else dups.set(p.id, { kind: 'existing', id: p.id, label: p.name, reasons: [reason] });
      };
      const code = str(v.code)?.toUpperCase();
      const byCode = code ? ix.byCode.get(code) : undefined;
      if (byCode) {
        if (this.inScope(byCode)) add(byCode, 'code');
        else r.errors.push(this.takenElsewhere('code'));
      }
      const uscc = str(v.registeredUscc);
      if (uscc) for (const p of ix.byUscc.get(uscc) ?? []) add(p, 'uscc');
      const name = str(v.name);
      if (name) {
        const keys = new Set<string>();
        if (typeof v.enterpriseId === 'number') keys.add(`#${v.enterpriseId}`);
        else if (str(v.investorName)) keys.add(norm(v.investorName));
        for (const k of keys) for (const p of ix.byInvestor.get(k) ?? []) if (similarNames(name, p.name)) add(p, 'similar_name');
      }
      r.duplicates.push(...dups.values());
    }
  }

  private async existingLeads(tx: Tx, rows: CheckedRow[]) {
    const titles = [...new Set(rows.map((r) => str(r.values.title)).filter((x): x is string => !!x))];
    const found = await repo.existingLeads(tx, titles);
    if (!found.length) return;
    for (const r of rows) {
      const v = r.values;
      const t = norm(v.title);
      const e = norm(v.enterpriseName);
      const hit = found.find((l) => (l.status === 'pool' || this.inScope(l)) && norm(l.title) === t
        && ((typeof v.enterpriseId === 'number' && v.enterpriseId === l.enterpriseId) || (!!e && norm(l.enterpriseName) === e)));
      if (hit) r.duplicates.push({ kind: 'existing', id: hit.id, label: hit.title, reasons: ['title_enterprise'] });
    }
  }

  // ---- earlier imports

  private async againstImported(tx: Tx, rows: CheckedRow[]) {
    const hashes = [...new Set(rows.filter((r) => !r.duplicates.length && r.contentHash).map((r) => r.contentHash!))];
    const before = await repo.importedBefore(tx, this.entity, this.unitId, hashes, this.jobId);
    for (const r of rows) {
      const b = r.contentHash ? before.get(r.contentHash) : undefined;
      if (b && !r.duplicates.length) r.duplicates.push({ kind: 'imported', id: b.recordId, jobId: b.jobId, reasons: ['content'] });
    }
  }
}

/** Several reasons against the same row or record become one entry. */
function merge(ds: Duplicate[]): Duplicate[] {
  const out = new Map<string, Duplicate>();
  for (const d of ds) {
    const k = `${d.kind}:${d.rowNo ?? d.id}`;
    const o = out.get(k);
    if (o) o.reasons = [...new Set([...o.reasons, ...d.reasons])]; else out.set(k, { ...d, reasons: [...d.reasons] });
  }
  return [...out.values()];
}

const REASONS: Record<string, { zh: string; en: string }> = {
  code: { zh: '项目编号相同', en: 'same project code' },
  uscc: { zh: '统一社会信用代码相同', en: 'same credit code' },
  similar_name: { zh: '同一投资方且项目名称相近', en: 'same investor and a similar name' },
  name: { zh: '名称相同', en: 'same name' },
  title_enterprise: { zh: '线索名称和目标企业相同', en: 'same title and enterprise' },
  content: { zh: '内容与先前导入的一行相同', en: 'same content as a row imported before' },
};

/** A duplicate as the user reads it. */
export function duplicateMessage(d: Duplicate, lang: 'zh-CN' | 'en'): string {
  const en = lang === 'en';
  const why = d.reasons.map((r) => (REASONS[r] ? (en ? REASONS[r].en : REASONS[r].zh) : r)).join(en ? ', ' : '、');
  if (d.kind === 'file') return en ? `repeats row ${d.rowNo} (${why})` : `与第 ${d.rowNo} 行重复（${why}）`;
  if (d.kind === 'imported') return en ? `already imported by import #${d.jobId} (record #${d.id})` : `已由导入任务 #${d.jobId} 导入（记录编号 ${d.id}）`;
  return en ? `duplicates the existing “${d.label}” (#${d.id}; ${why})` : `与已有记录「${d.label}」（编号 ${d.id}）重复：${why}`;
}
