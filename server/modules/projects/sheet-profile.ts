// The project library's spreadsheets: what its export holds, filtered by the project list's own filter.
import { Type } from 'typebox';
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { maskPhone } from '../../core/validators.js';
import { STAGE_ZH } from '../spreadsheets/convert.js';
import {
  dayCell,
  moneyCell,
  num,
  searchColumns,
  stampCell,
  type ExportColumn,
  type ExportQuery,
  type RecordWriter,
  type SheetProfile,
  type SourceColumn,
  type WriterSetup,
} from '../spreadsheets/profiles.js';
import { FLAG_LABELS } from './flags.js';
import type { Tx } from '../../db/client.js';
import { todayShanghai } from '../../core/dates.js';
import { can } from '../../core/policy.js';
import {
  str,
  type CheckedRow,
  type CheckHelpers,
  type Duplicate,
  type DuplicateRule,
  type ImportChecks,
} from '../spreadsheets/checks.js';
import { issue, norm, pick, resolveOwner, say, type RowRule } from '../spreadsheets/convert.js';
import { enterprisesNamed, enterprisesWithIds } from '../enterprises/service.js';
import { readImportStagePhrases, updateImportStagePhrases } from '../settings/service.js';
import { amountsClose, nameBigrams, similarNames } from './duplicates.js';
import { capitalOriginOf, computeFlags, type InvestorFacts } from './flags.js';
import { STAGE_FIELDS } from './stages.js';
import type { ExistingProject } from './repository.js';
import { IMPORT_FIELDS } from './sheet-fields.js';
import * as repo from './repository.js';
import { listWhere, loadFlagConfig, type ListQuery } from './service.js';

function exportColumns(en: boolean, mask: boolean): ExportColumn[] {
  const stage = (s: unknown) => (typeof s === 'string' && STAGE_ZH[s] ? STAGE_ZH[s][en ? 'en' : 'zh'] : (s ?? null));
  const money = (header: string, width: number, key: string): ExportColumn => ({
    header,
    width,
    money: true,
    value: (r) => moneyCell(r[key]),
  });
  return [
    { header: en ? 'Project code' : '项目编号', width: 16, value: (r) => r.code },
    { header: en ? 'Project name' : '项目名称', width: 36, value: (r) => r.name },
    { header: en ? 'Investor' : '投资方', width: 30, value: (r) => r.enterpriseName ?? r.investorName },
    { header: en ? 'County or zone' : '所在县区', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Park' : '所在园区', width: 16, value: (r) => r.parkName },
    { header: en ? 'Industry cluster' : '所属产业', width: 14, value: (r) => r.clusterName },
    { header: en ? 'Industry code' : '行业代码', width: 10, value: (r) => r.industryCode },
    { header: en ? 'Stage' : '项目阶段', width: 10, value: (r) => stage(r.stage) },
    { header: en ? 'Approved stage' : '已审核阶段', width: 10, value: (r) => stage(r.approvedStage) },
    money(en ? 'Total investment (万元)' : '总投资（万元）', 14, 'totalInvestment'),
    money(en ? 'Fixed-asset investment (万元)' : '固定资产投资（万元）', 14, 'fixedAssetInvestment'),
    money(en ? 'Contracted foreign capital (万美元)' : '合同外资（万美元）', 14, 'foreignCapital'),
    money(en ? 'Signed amount (万元)' : '签约金额（万元）', 14, 'signedAmount'),
    { header: en ? 'Signed on' : '签约时间', width: 12, value: (r) => dayCell(r.signedAt) },
    { header: en ? 'Signing event' : '签约活动', width: 24, value: (r) => r.signedEvent },
    { header: en ? 'Credit code' : '统一社会信用代码', width: 22, value: (r) => r.registeredUscc },
    money(en ? 'Registered capital (万元)' : '注册资本（万元）', 14, 'registeredCapital'),
    money(en ? 'Land (mu)' : '用地面积（亩）', 10, 'landMu'),
    {
      header: en ? 'Planned start' : '计划开工时间',
      width: 12,
      value: (r) => (r.plannedStartMonth ? dayCell(r.plannedStartMonth)!.slice(0, 7) : null),
    },
    { header: en ? 'Started on' : '开工时间', width: 12, value: (r) => dayCell(r.startedAt) },
    { header: en ? 'Producing since' : '投产时间', width: 12, value: (r) => dayCell(r.producedAt) },
    { header: en ? 'Responsible leader' : '责任领导', width: 10, value: (r) => r.leaderName },
    { header: en ? 'Liaison' : '联络人', width: 10, value: (r) => r.liaisonName },
    {
      header: en ? 'Phone' : '联系电话',
      width: 14,
      value: (r) => (mask ? maskPhone(r.liaisonPhone as string | null) : r.liaisonPhone),
    },
    { header: en ? 'Content' : '建设内容', width: 40, value: (r) => r.content },
    {
      header: en ? 'Flags' : '项目标签',
      width: 24,
      value: (r) =>
        ((r.flags as string[] | null) ?? [])
          .map((x) => FLAG_LABELS[x as keyof typeof FLAG_LABELS]?.[en ? 'en' : 'zh'] ?? x)
          .join(en ? ', ' : '、'),
    },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stampCell(r.updatedAt) },
  ];
}

async function exportSource(db: Db, ctx: AuthedContext, query: ExportQuery, mask: boolean) {
  const { stage, flags, ...rest } = query as Omit<ListQuery, 'stage' | 'flags'> & { stage?: string; flags?: string };
  // The export's query gives the stages and flags comma-separated, as the list's query string may.
  const where = await listWhere(db, ctx, {
    ...rest,
    stage: stage ? [stage] : undefined,
    flags: flags ? [flags] : undefined,
  });
  return {
    columns: exportColumns(ctx.lang === 'en', mask),
    page: (after: number, limit: number) => repo.exportPage(db, where, after, limit),
  };
}

// ---------------------------------------------------------------------------------------------- import

/** A project's county (the bureau may name any), its code in capitals, and its stage: 谋划 when the sheet gives none. */
const rowRule: RowRule = ({ ctx, fields: fv, mapping, out }) => {
  const owner = resolveOwner(ctx, fv.county as string | undefined, 'county', ctx.countyUnits, out);
  if (!fv.county) out.labels.county = ctx.anyUnits.get(owner.ownerUnitId)?.name ?? '';
  out.values = {
    ...pick(fv, [
      'name',
      'investorName',
      'registeredUscc',
      'totalInvestment',
      'fixedAssetInvestment',
      'foreignCapital',
      'signedAmount',
      'registeredCapital',
      'clusterId',
      'industryCode',
      'signedAt',
      'agreementType',
      'signedEvent',
      'plannedStartMonth',
      'startedAt',
      'producedAt',
      'landMu',
      'capacity',
      'leaderName',
      'liaisonName',
      'liaisonPhone',
      'content',
    ]),
    code: typeof fv.code === 'string' ? fv.code.toUpperCase() : null,
    stage: (fv.stage as string | undefined) ?? 'planning',
    enterpriseId: null,
    ...owner,
  };
  if (!fv.stage) out.labels.stage = STAGE_ZH.planning.zh;
  if (!fv.stage && mapping.some((m) => m.field === 'stage') && !out.errors.some((e) => e.field === 'stage')) {
    out.warnings.push(
      issue('stage', 'empty_stage', say('未填写项目阶段，按“谋划”导入', 'no stage given; imported as planning')),
    );
  }
};

const MAX_SAME_COMPANY = 300;

/** The amount a project is compared by: its total investment, else its signed amount. */
const amountOf = (v: { totalInvestment?: unknown; signedAmount?: unknown }) =>
  str(v.totalInvestment) ?? str(v.signedAmount);

function sharesTwo(grams: Set<string>, packed: string): boolean {
  let n = 0;
  for (const g of packed.split('|')) if (g && grams.has(g) && ++n >= 2) return true;
  return false;
}

/** An earlier row of the file under one company key, kept compactly. */
interface CompanyRow {
  rowNo: number;
  clerkNo?: string;
  grams: string;
  amount: string | null;
}

/**
 * The same city project code; or the same company (credit code or investor) and a similar name or an amount within
 * 10 %. A company in common alone is not a duplicate (one company runs several projects: a second phase, a new line).
 * A code held by a project outside the caller's scope is an error (codes stay unique).
 */
function duplicateRule({ inScope, takenElsewhere }: CheckHelpers): DuplicateRule {
  /** Earlier valid rows by code. */
  const codes = new Map<string, { rowNo: number; clerkNo?: string }>();
  /** Earlier valid rows by company (credit code or investor): row number, the name's character pairs, the amount. */
  const companyRows = new Map<string, CompanyRow[]>();
  /** Live projects by key, loaded once per check (a whole import is compared in memory, not a query per chunk). */
  let index:
    | {
        byCode: Map<string, ExistingProject>;
        byUscc: Map<string, ExistingProject[]>;
        byInvestor: Map<string, ExistingProject[]>;
      }
    | undefined;

  const withinFile = (r: CheckedRow & { clerkNo?: string }): Duplicate[] => {
    const v = r.values;
    const found: Duplicate[] = [];
    const code = str(v.code)?.toUpperCase();
    const first = code ? codes.get(code) : undefined;
    if (first) found.push({ kind: 'file', rowNo: first.rowNo, clerkNo: first.clerkNo, reasons: ['code'] });
    const uscc = str(v.registeredUscc);
    const inv = v.enterpriseId ? `#${v.enterpriseId}` : str(v.investorName) ? norm(v.investorName) : null;
    const companies = [...(uscc ? [[`u:${uscc}`, 'uscc']] : []), ...(inv ? [[`i:${inv}`, 'investor']] : [])] as [
      string,
      string,
    ][];
    const grams = str(v.name) ? nameBigrams(String(v.name)) : new Set<string>();
    const amount = amountOf(v);
    for (const [ck, why] of companies) {
      for (const o of companyRows.get(ck) ?? []) {
        const reasons = [why];
        if (grams.size >= 2 && sharesTwo(grams, o.grams)) reasons.push('similar_name');
        if (amountsClose(amount, o.amount)) reasons.push('amount_close');
        if (reasons.length > 1) found.push({ kind: 'file', rowNo: o.rowNo, clerkNo: o.clerkNo, reasons });
      }
    }
    if (found.length) return found;
    if (code) codes.set(code, { rowNo: r.rowNo, clerkNo: r.clerkNo });
    for (const [ck] of companies) {
      const list = companyRows.get(ck) ?? [];
      if (list.length < MAX_SAME_COMPANY) {
        list.push({ rowNo: r.rowNo, clerkNo: r.clerkNo, grams: [...grams].join('|'), amount });
        companyRows.set(ck, list);
      }
    }
    return [];
  };

  const projectIndex = async (tx: Tx) => {
    if (index) return index;
    const byCode = new Map<string, ExistingProject>();
    const byUscc = new Map<string, ExistingProject[]>();
    const byInvestor = new Map<string, ExistingProject[]>();
    const push = <K>(m: Map<K, ExistingProject[]>, k: K, p: ExistingProject) => {
      const l = m.get(k);
      if (l) l.push(p);
      else m.set(k, [p]);
    };
    for (const p of await repo.liveProjectKeys(tx)) {
      if (p.code) byCode.set(p.code.trim().toUpperCase(), p);
      if (!inScope(p)) continue; // only a code is checked against records outside the scope (it must stay unique)
      if (p.registeredUscc) push(byUscc, p.registeredUscc, p);
      if (p.enterpriseId != null) push(byInvestor, `#${p.enterpriseId}`, p);
      for (const n of new Set([norm(p.investorName), norm(p.enterpriseName)])) if (n) push(byInvestor, n, p);
    }
    index = { byCode, byUscc, byInvestor };
    return index;
  };

  const againstExisting = async (tx: Tx, rows: CheckedRow[]) => {
    const ix = await projectIndex(tx);
    for (const r of rows) {
      const v = r.values;
      const dups = new Map<number, Duplicate>();
      const add = (p: ExistingProject, reasons: string[]) => {
        const d = dups.get(p.id);
        if (d) d.reasons = [...new Set([...d.reasons, ...reasons])];
        else dups.set(p.id, { kind: 'existing', id: p.id, label: p.name, reasons: [...reasons], amount: amountOf(p) });
      };
      const code = str(v.code)?.toUpperCase();
      const byCode = code ? ix.byCode.get(code) : undefined;
      if (byCode) {
        if (inScope(byCode)) add(byCode, ['code']);
        else r.errors.push(takenElsewhere('code'));
      }
      // The same company, and a similar name or an amount within 10 %.
      const name = str(v.name);
      const amount = amountOf(v);
      const candidates: [ExistingProject, string][] = [];
      const uscc = str(v.registeredUscc);
      if (uscc) for (const p of ix.byUscc.get(uscc) ?? []) candidates.push([p, 'uscc']);
      const inv =
        typeof v.enterpriseId === 'number' ? `#${v.enterpriseId}` : str(v.investorName) ? norm(v.investorName) : null;
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
  };
  return { withinFile, againstExisting };
}

const checks: ImportChecks = {
  reasons: {
    code: { zh: '项目编号相同', en: 'same project code' },
    uscc: { zh: '统一社会信用代码相同', en: 'same credit code' },
    investor: { zh: '投资方相同', en: 'same investor' },
    similar_name: { zh: '项目名称相近', en: 'a similar project name' },
    amount_close: { zh: '投资额相差不到10%', en: 'amounts within 10%' },
  },
  table: 'projects',
  libraryLink: { field: 'investorName', find: enterprisesNamed },
  duplicateRule,
};

/** The date a stage was reached, as the sheet gives it; today when it gives none. */
function stageDate(v: Record<string, unknown>, stage: string, today: string): string {
  const pickDate = (...ks: string[]) => ks.map((k) => str(v[k])).find(Boolean) ?? null;
  switch (stage) {
    case 'signed':
    case 'registered':
      return pickDate('signedAt') ?? today;
    case 'started':
      return pickDate('startedAt', 'signedAt') ?? today;
    case 'producing':
    case 'at_capacity':
      return pickDate('producedAt', 'startedAt', 'signedAt') ?? today;
    default:
      return today;
  }
}

const COLUMNS: SourceColumn[] = [
  ['row_no', 'int'],
  ['code', 'text'],
  ['name', 'text'],
  ['enterprise_id', 'int'],
  ['investor_name', 'text'],
  ['stage', 'text'],
  ['owner_unit_id', 'int'],
  ['park_unit_id', 'int'],
  ['cluster_id', 'int'],
  ['team_id', 'int'],
  ['industry_code', 'text'],
  ['leader_name', 'text'],
  ['liaison_name', 'text'],
  ['liaison_phone', 'text'],
  ['content', 'text'],
  ['total_investment', 'numeric'],
  ['fixed_asset_investment', 'numeric'],
  ['foreign_capital', 'numeric'],
  ['capital_origin', 'text'],
  ['flags', 'text[]'],
  ['signed_at', 'date'],
  ['signed_amount', 'numeric'],
  ['agreement_type', 'text'],
  ['signed_event', 'text'],
  ['registered_uscc', 'text'],
  ['registered_capital', 'numeric'],
  ['land_mu', 'numeric'],
  ['planned_start_month', 'date'],
  ['started_at', 'date'],
  ['produced_at', 'date'],
  ['capacity', 'text'],
  ['terminated_reason', 'text'],
  ['search_text', 'text'],
  ['g', 'text'],
  ['move_kind', 'text'],
  ['effective_date', 'date'],
  ['move_fields', 'jsonb'],
  ['move_reason', 'text'],
];

/**
 * Projects with their derived flags and capital origin (from the linked investor's facts), and a stage beyond 谋划 as a
 * stage move from planning: approved at once when the importer may approve (the bureau), else waiting for the bureau.
 */
const writer = async ({ db, ctx, jobId, sequenceOf }: WriterSetup): Promise<RecordWriter> => {
  const approve = can(ctx.principal.role, 'projects.approve');
  const clusters = new Map((await repo.clusterCategories(db)).map((c) => [c.id, c.category]));
  const cfg = await loadFlagConfig(db);
  const seqs = { project: await sequenceOf('projects'), event: await sequenceOf('project_stage_events') };
  const today = todayShanghai();
  const records = async (tx: Tx, rows: CheckedRow[]) => {
    const ids = [...new Set(rows.map((r) => num(r.values.enterpriseId)).filter((x): x is number => x != null))];
    const investors = new Map((await enterprisesWithIds(tx, ids)).map((e) => [e.id, e]));
    return rows.map((r) => {
      const v = r.values;
      const e = num(v.enterpriseId) != null ? (investors.get(num(v.enterpriseId)!) ?? null) : null;
      const investor: InvestorFacts | null = e
        ? {
            tiers: e.tiers ?? [],
            ownership: e.ownership,
            hqDivision: e.hqDivision,
            hqRegion: e.hqRegion,
            hqCountry: e.hqCountry,
          }
        : null;
      const origin = investor ? capitalOriginOf(investor, cfg.homeDivision) : null;
      const clusterId = num(v.clusterId);
      const flags = computeFlags(
        {
          totalInvestment: str(v.totalInvestment),
          foreignCapital: str(v.foreignCapital),
          industryCode: str(v.industryCode),
          clusterCategory: clusterId ? (clusters.get(clusterId) ?? null) : null,
          investor,
          capitalOrigin: origin,
        },
        cfg,
      );
      const stage = str(v.stage) ?? 'planning';
      const moveFields: Record<string, unknown> = {};
      if (stage !== 'planning')
        for (const k of Object.keys(STAGE_FIELDS)) if (v[k] != null && v[k] !== '') moveFields[k] = v[k];
      return {
        row_no: r.rowNo,
        code: str(v.code),
        name: str(v.name),
        enterprise_id: e ? e.id : null,
        investor_name: str(v.investorName),
        stage,
        owner_unit_id: num(v.ownerUnitId),
        park_unit_id: num(v.parkUnitId),
        cluster_id: clusterId,
        team_id: num(v.teamId),
        industry_code: str(v.industryCode),
        leader_name: str(v.leaderName),
        liaison_name: str(v.liaisonName),
        liaison_phone: str(v.liaisonPhone),
        content: str(v.content),
        total_investment: str(v.totalInvestment),
        fixed_asset_investment: str(v.fixedAssetInvestment),
        foreign_capital: str(v.foreignCapital),
        capital_origin: origin,
        flags,
        signed_at: str(v.signedAt),
        signed_amount: str(v.signedAmount),
        agreement_type: str(v.agreementType),
        signed_event: str(v.signedEvent),
        registered_uscc: str(v.registeredUscc),
        registered_capital: str(v.registeredCapital),
        land_mu: str(v.landMu),
        planned_start_month: str(v.plannedStartMonth),
        started_at: str(v.startedAt),
        produced_at: str(v.producedAt),
        capacity: str(v.capacity),
        terminated_reason: stage === 'terminated' ? '表格导入' : null,
        ...searchColumns(
          str(v.name),
          str(v.code),
          e?.name ?? str(v.investorName),
          str(v.registeredUscc),
          str(v.leaderName),
        ),
        move_kind:
          stage === 'planning'
            ? null
            : stage === 'terminated'
              ? 'terminate'
              : stage === 'negotiating'
                ? 'forward'
                : 'skip',
        effective_date: stage === 'planning' ? null : stageDate(v, stage, today),
        move_fields: stage === 'planning' ? null : moveFields,
        move_reason: stage === 'planning' ? null : `表格导入（导入任务 #${jobId}）`,
      };
    });
  };
  return {
    columns: COLUMNS,
    records,
    write: (tx, source) => repo.importProjects(tx, source, jobId, ctx.principal.userId, seqs, approve),
  };
};

export const projectSheets: SheetProfile = {
  entity: 'project',
  exportName: { zh: '项目库', en: 'magnet-projects' },
  label: { zh: '项目', en: 'Projects' },
  fields: IMPORT_FIELDS,
  rowRule,
  ownerColumn: 'county',
  checks,
  writer,
  stageTable: { read: readImportStagePhrases, save: updateImportStagePhrases },
  exportFilters: {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    ownerUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    clusterId: Type.Optional(Type.Integer({ minimum: 1 })),
    teamId: Type.Optional(Type.Integer({ minimum: 1 })),
    enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })),
    stage: Type.Optional(Type.String({ maxLength: 200, description: 'projects: stage codes, comma-separated' })),
    band: Type.Optional(Type.String({ maxLength: 10 })),
    flags: Type.Optional(Type.String({ maxLength: 200 })),
    warning: Type.Optional(Type.Union([Type.Literal('yellow'), Type.Literal('red'), Type.Literal('any')])),
    signedFrom: Type.Optional(Type.String({ format: 'date' })),
    signedTo: Type.Optional(Type.String({ format: 'date' })),
    createdFrom: Type.Optional(Type.String({ format: 'date' })),
    createdTo: Type.Optional(Type.String({ format: 'date' })),
    pending: Type.Optional(Type.Boolean()),
  },
  exportSource,
};
