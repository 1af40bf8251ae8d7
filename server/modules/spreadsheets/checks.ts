// Checking converted rows chunk by chunk: linking investors and target enterprises to the library, duplicates within
// the file and against live records in the caller's scope, and rows an earlier import of the same unit already made.
import type { Tx } from '../../db/client.js';
import { scopeAllowsUnit, type DataScope } from '../../core/scope.js';
import { amountsClose, nameBigrams, similarNames } from '../projects/duplicates.js';
import { contentHash, convertRow, issue, norm, type ConvertContext, type Issue } from './convert.js';
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
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const MAX_SAME_COMPANY = 300;

function sharesTwo(grams: Set<string>, packed: string): boolean {
  let n = 0;
  for (const g of packed.split('|')) if (g && grams.has(g) && ++n >= 2) return true;
  return false;
}

/** The amount a project is compared by: its total investment, else its signed amount. */
const amountOf = (v: { totalInvestment?: unknown; signedAmount?: unknown }) => str(v.totalInvestment) ?? str(v.signedAmount);

/** An earlier row of the file under one company key, kept compactly. */
interface CompanyRow { rowNo: number; clerkNo?: string; grams: string; amount: string | null }

export class RowChecker {
  private fileKeys = new Map<string, { rowNo: number; clerkNo?: string }>();
  /** Earlier valid rows by company (credit code or investor): row number, the name's character pairs, the amount. */
  private companyRows = new Map<string, CompanyRow[]>();
  /** The clerk's running number column (序号), if the sheet has one. */
  serialCol: number | null = null;

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
    const out: (CheckedRow & { clerkNo?: string })[] = rows.map(({ rowNo, cells }) => {
      const c = convertRow(this.ctx!, this.mapping!, cells);
      const clerkNo = this.serialCol != null ? String(cells[this.serialCol] ?? '').trim() || undefined : undefined;
      for (const col of unreadableColumns(cells)) {
        const m = this.mapping!.find((x) => x.col === col);
        c.errors.push(issue(m?.field ?? `column${col + 1}`, 'unreadable_text', say(
          `第 ${col + 1} 列（${m?.header || '未命名'}）有无法识别的字符“\uFFFD”，原文件可能已损坏，本行不导入`,
          `column ${col + 1} (${m?.header || 'untitled'}) holds an unreadable character "\uFFFD"; the file may be damaged, the row is not imported`)));
      }
      return {
        rowNo, clerkNo, raw: cells, values: c.values, labels: c.labels, errors: c.errors, warnings: c.warnings, duplicates: [], status: '',
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
    const all = rows.map((r) => ({ ...r, values: r.values ?? {}, errors: [] as Issue[], warnings: [] as Issue[], duplicates: [] as Duplicate[] }));
    // A duplicate a person decided to import is not held back again.
    const out = all.filter((r) => !r.decided);
    await this.againstExisting(tx, out);
    out.forEach((o) => {
      const prev = o.prev;
      if (prev && !o.duplicates.length) o.duplicates.push({ kind: 'imported', id: prev.recordId, jobId: prev.jobId, reasons: ['content'] });
    });
    return all;
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

  private withinFile(rows: (CheckedRow & { clerkNo?: string })[]) {
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
        if (code) keys.push([`c:${code.toUpperCase()}`, 'code']);
      }
      for (const [k, reason] of keys) {
        const first = this.fileKeys.get(k);
        if (first !== undefined) found.push({ kind: 'file', rowNo: first.rowNo, clerkNo: first.clerkNo, reasons: [reason] });
      }
      let companies: [string, string][] = [];
      let grams = new Set<string>();
      if (this.entity === 'project') {
        // The same company (credit code or investor) and a similar name or an amount within 10 %: a company in common
        // alone is not a duplicate (one company runs several projects: a second phase, a new line).
        const uscc = str(v.registeredUscc);
        const inv = v.enterpriseId ? `#${v.enterpriseId}` : str(v.investorName) ? norm(v.investorName) : null;
        companies = [...(uscc ? [[`u:${uscc}`, 'uscc']] : []), ...(inv ? [[`i:${inv}`, 'investor']] : [])] as [string, string][];
        grams = str(v.name) ? nameBigrams(String(v.name)) : new Set();
        const amount = amountOf(v);
        for (const [ck, why] of companies) {
          for (const o of this.companyRows.get(ck) ?? []) {
            const reasons = [why];
            if (grams.size >= 2 && sharesTwo(grams, o.grams)) reasons.push('similar_name');
            if (amountsClose(amount, o.amount)) reasons.push('amount_close');
            if (reasons.length > 1) found.push({ kind: 'file', rowNo: o.rowNo, clerkNo: o.clerkNo, reasons });
          }
        }
      }
      if (found.length) { r.duplicates.push(...merge(found)); continue; }
      for (const [k] of keys) this.fileKeys.set(k, { rowNo: r.rowNo, clerkNo: r.clerkNo });
      for (const [ck] of companies) {
        const list = this.companyRows.get(ck) ?? [];
        if (list.length < MAX_SAME_COMPANY) {
          list.push({ rowNo: r.rowNo, clerkNo: r.clerkNo, grams: [...grams].join('|'), amount: amountOf(v) });
          this.companyRows.set(ck, list);
        }
      }
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
      const add = (p: repo.ExistingProject, reasons: string[]) => {
        const d = dups.get(p.id);
        if (d) d.reasons = [...new Set([...d.reasons, ...reasons])];
        else dups.set(p.id, { kind: 'existing', id: p.id, label: p.name, reasons: [...reasons], amount: amountOf(p) });
      };
      const code = str(v.code)?.toUpperCase();
      const byCode = code ? ix.byCode.get(code) : undefined;
      if (byCode) {
        if (this.inScope(byCode)) add(byCode, ['code']);
        else r.errors.push(this.takenElsewhere('code'));
      }
      // The same company, and a similar name or an amount within 10 %.
      const name = str(v.name);
      const amount = amountOf(v);
      const candidates: [repo.ExistingProject, string][] = [];
      const uscc = str(v.registeredUscc);
      if (uscc) for (const p of ix.byUscc.get(uscc) ?? []) candidates.push([p, 'uscc']);
      const inv = typeof v.enterpriseId === 'number' ? `#${v.enterpriseId}` : str(v.investorName) ? norm(v.investorName) : null;
      if (inv) for (const p of ix.byInvestor.get(inv) ?? []) candidates.push([p, 'investor']);
      for (const [p, why] of candidates) {
        const reasons = [why];
        if (name && similarNames(name, p.name)) reasons.push('similar_name');
        if (amountsClose(amount, amountOf(p))) reasons.push('amount_close');
        if (reasons.length > 1) add(p, reasons);
      }
      // The strongest match first: the same code, then the most reasons.
      const strength = (d: Duplicate) => (d.reasons.includes('code') ? 10 : 0) + d.reasons.length;
      r.duplicates.push(...[...dups.values()].sort((a, b) => strength(b) - strength(a)));
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
    const hashes = [...new Set(rows.filter((r) => !r.errors.length && r.contentHash).map((r) => r.contentHash!))];
    const before = await repo.importedBefore(tx, this.entity, this.unitId, hashes, this.jobId);
    for (const r of rows) {
      const b = r.contentHash && !r.errors.length ? before.get(r.contentHash) : undefined;
      if (!b) continue;
      // The same row imported before comes first (it is why the record exists), in place of matching that record again.
      r.duplicates = [{ kind: 'imported', id: b.recordId, jobId: b.jobId, reasons: ['content'] },
        ...r.duplicates.filter((d) => !(d.kind === 'existing' && d.id === b.recordId))];
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
  investor: { zh: '投资方相同', en: 'same investor' },
  similar_name: { zh: '项目名称相近', en: 'a similar project name' },
  amount_close: { zh: '投资额相差不到10%', en: 'amounts within 10%' },
  name: { zh: '名称相同', en: 'same name' },
  title_enterprise: { zh: '线索名称和目标企业相同', en: 'same title and enterprise' },
  content: { zh: '内容与先前导入的一行相同', en: 'same content as a row imported before' },
};

/** A duplicate as the user reads it. */
export function duplicateMessage(d: Duplicate, lang: 'zh-CN' | 'en'): string {
  const en = lang === 'en';
  const why = d.reasons.map((r) => (REASONS[r] ? (en ? REASONS[r].en : REASONS[r].zh) : r)).join(en ? ', ' : '、');
  const clerk = d.clerkNo ? (en ? ` (No. ${d.clerkNo})` : `（序号 ${d.clerkNo}）`) : '';
  if (d.kind === 'file') return en ? `repeats row ${d.rowNo}${clerk} of this file (${why})` : `与本表第 ${d.rowNo} 行${clerk}重复：${why}`;
  if (d.kind === 'imported') return en ? `already imported by import #${d.jobId} (record #${d.id})` : `已由导入任务 #${d.jobId} 导入（记录编号 ${d.id}）`;
  const amount = d.amount ? (en ? `, ${d.amount} 万元` : `，${d.amount} 万元`) : '';
  return en ? `duplicates the existing “${d.label}” (#${d.id}${amount}; ${why})` : `与已有记录「${d.label}」（编号 ${d.id}${amount}）重复：${why}`;
}
