// Spreadsheets out: the import template, the error report of a dry run, and the export of a filtered list, each
// written by ExcelJS's streaming writer into a stream that the reply sends as it is produced.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { clusters, enterprises, leads, projects, units, users } from '../../db/schema.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import type { Lang } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import { resolveScope, scopePredicate, unitSubtree, type DataScope } from '../../core/scope.js';
import { searchPredicate } from '../../core/search.js';
import { maskPhone } from '../../core/validators.js';
import { divisionName } from '../../reference/divisions.js';
import { filterWhere, type ProjectFilters } from '../projects/repository.js';
import { loadWarningConfig } from '../projects/service.js';
import { FLAG_LABELS } from '../projects/flags.js';
import { staleCutoff } from '../leads/constants.js';
import { duplicateMessage, type Duplicate } from './checks.js';
import { STAGE_ZH, type Issue } from './convert.js';
import { ENTITY_LABELS, FIELDS, type Entity } from './fields.js';
import type { ColumnMapping } from './headers.js';
import { CHANNEL_ZH, OWNERSHIP_ZH, TIER_ZH } from './lookups.js';
import * as repo from './repository.js';
import { neutralize } from './values.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** attachment; filename="…" with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A cell value as it goes out: text neutralized against formula injection; numbers, dates and empties as they are. */
export function outCell(v: unknown): unknown {
  if (v == null) return null;
  if (typeof v === 'string') return neutralize(v);
  return v;
}

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** A workbook writer on a new stream; `fill` writes the sheets, then the workbook is finished (or the stream failed). */
export function writeWorkbook(fill: (wb: Writer) => Promise<void>, onError?: (e: unknown) => void): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Magnet';
  (async () => {
    await fill(wb);
    await wb.commit();
  })().catch((e) => { onError?.(e); out.destroy(e as Error); });
  return out;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F5' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD6D6' } };

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((c) => { c.fill = HEADER_FILL; c.alignment = { vertical: 'middle', wrapText: true }; });
}

// ------------------------------------------------------------------------------------------------ template

function headerOf(f: (typeof FIELDS)[Entity][number], lang: Lang) {
  const label = lang === 'en' ? f.en : f.zh;
  const unit = f.kind === 'money' ? (f.currency === 'usd' ? '万美元' : '万元') : null;
  const withUnit = unit && !label.includes('（') ? (lang === 'en' ? `${label} (${unit})` : `${label}（${unit}）`) : label;
  return f.required ? `*${withUnit}` : withUnit;
}

export function templateWorkbook(entity: Entity, lang: Lang): PassThrough {
  const en = lang === 'en';
  return writeWorkbook(async (wb) => {
    const fields = FIELDS[entity];
    const ws = wb.addWorksheet(en ? 'Data' : '导入数据', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = fields.map((f) => ({ header: headerOf(f, lang), key: f.key, width: Math.max(12, Math.min(40, (f.example?.length ?? 8) * 1.6 + 4)) }));
    styleHeader(ws.getRow(1));
    ws.getRow(1).commit();
    ws.addRow(fields.map((f) => (f.kind === 'money' && f.example ? Number(f.example) || f.example : f.example ?? null))).commit();
    await ws.commit();

    const notes = wb.addWorksheet(en ? 'Notes' : '填写说明');
    notes.columns = [
      { header: en ? 'Column' : '列名', width: 22 }, { header: en ? 'Required' : '必填', width: 8 },
      { header: en ? 'How to fill it' : '填写说明', width: 70 }, { header: en ? 'Example' : '示例', width: 30 },
      { header: en ? 'Also recognised as' : '也可使用的列名', width: 50 },
    ];
    styleHeader(notes.getRow(1));
    notes.getRow(1).commit();
    const general = en ? [
      'Keep the header row; title rows above it, total rows (合计/小计) and empty rows are skipped.',
      'Your own column names work too: the columns are matched automatically and you can correct the match before importing.',
      'Amounts are in 万元 (10,000 RMB): a header “（亿元）” or a cell like “1.2亿” is converted exactly.',
      'Dates: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 or Excel dates; “2024年3月” means the 1st.',
      'Nothing is saved until you confirm: the check shows every error and duplicate first.',
    ] : [
      '保留表头行；表头上方的标题行、合计/小计行和空行会自动跳过。',
      '也可以使用本单位自己的列名：系统自动匹配各列，导入前可以调整。',
      '金额单位为万元：表头写“（亿元）”或单元格写“1.2亿”时自动精确换算为万元。',
      '日期可写 2024-03-05、2024/3/5、2024.3.5、2024年3月5日、20240305 或 Excel 日期；“2024年3月”按当月1日。',
      '确认提交之前不会写入任何数据：系统先逐行校验，列出全部错误和重复。',
    ];
    for (const g of general) notes.addRow(['', '', g]).commit();
    notes.addRow([]).commit();
    for (const f of fields) {
      notes.addRow([
        headerOf(f, lang), f.required ? (en ? 'yes' : '是') : '', f.note ? (en ? f.note.en : f.note.zh) : '', f.example ?? '',
        f.aliases.filter((a) => !/^[a-z ]+$/i.test(a) || en).slice(0, 8).join(en ? ', ' : '、'),
      ].map(outCell)).commit();
    }
    await notes.commit();
  });
}

// ------------------------------------------------------------------------------------------------ error report

export function errorReportWorkbook(db: Db, job: repo.JobRow, lang: Lang, onError?: (e: unknown) => void): PassThrough {
  const en = lang === 'en';
  const headers = (job.headers as string[] | null) ?? [];
  const mapping = (job.mapping as ColumnMapping[] | null) ?? [];
  const colOf = new Map(mapping.filter((m) => m.field).map((m) => [m.field!, m.col]));
  const STATUS: Record<string, string> = en ? { invalid: 'error', duplicate: 'duplicate', valid: 'ok', committed: 'imported' }
    : { invalid: '错误', duplicate: '重复', valid: '通过', committed: '已导入' };
  return writeWorkbook(async (wb) => {
    // The clerk's own number (序号) beside the sheet's row number, when the sheet has one.
    const serialCol = (job.summary as { serialCol?: number | null } | null)?.serialCol ?? null;
    const lead = serialCol != null ? 4 : 3;
    const ws = wb.addWorksheet(en ? 'Problems' : '问题行', { views: [{ state: 'frozen', ySplit: 1, xSplit: lead }] });
    ws.columns = [
      { header: en ? 'Row' : '行号', width: 8 }, ...(serialCol != null ? [{ header: en ? 'No.' : '序号', width: 8 }] : []),
      { header: en ? 'Status' : '状态', width: 8 }, { header: en ? 'Problems' : '问题说明', width: 60 },
      ...headers.map((h, i) => ({ header: h || `${en ? 'Column' : '列'} ${i + 1}`, width: 16 })),
    ];
    styleHeader(ws.getRow(1));
    ws.getRow(1).commit();
    let after = 0;
    for (;;) {
      const rows = await repo.rowsAfter(db, job.id, after, 2000);
      if (!rows.length) break;
      after = rows[rows.length - 1].rowNo;
      for (const r of rows) {
        const errors = (r.errors ?? []) as Issue[];
        const warnings = (r.warnings ?? []) as Issue[];
        const dups = (r.duplicates ?? []) as Duplicate[];
        if (!errors.length && !warnings.length && !dups.length) continue;
        const fieldLabel = (f: string) => { const c = colOf.get(f); return c !== undefined ? headers[c] || f : FIELDS[job.entity as Entity].find((d) => d.key === f)?.[en ? 'en' : 'zh'] ?? f; };
        const text = [
          ...errors.map((i) => `${fieldLabel(i.field)}：${en ? i.en : i.zh}`),
          ...dups.map((d) => duplicateMessage(d, lang)),
          ...warnings.map((i) => `${en ? 'note' : '提示'} ${fieldLabel(i.field)}：${en ? i.en : i.zh}`),
        ].join('\n');
        const clerk = serialCol != null ? [outCell(r.raw[serialCol] ?? null)] : [];
        const row = ws.addRow([r.rowNo, ...clerk, STATUS[r.status] ?? r.status, text, ...headers.map((_, i) => outCell(r.raw[i] ?? null))]);
        row.getCell(lead).alignment = { wrapText: true, vertical: 'top' };
        for (const i of errors) {
          const c = colOf.get(i.field);
          if (c !== undefined) row.getCell(lead + 1 + c).fill = ERROR_FILL;
        }
        row.commit();
      }
    }
    await ws.commit();
  }, onError);
}

// ------------------------------------------------------------------------------------------------ export

export interface ExportQuery {
  q?: string; ownerUnitId?: number; clusterId?: number; teamId?: number; stage?: string; status?: string; sourceChannel?: string;
  ownership?: string; tier?: string; hqRegion?: string; industry?: string; band?: string; flags?: string; warning?: 'yellow' | 'red' | 'any';
  signedFrom?: string; signedTo?: string; createdFrom?: string; createdTo?: string; pending?: boolean; enterpriseId?: number;
  /** leads: "me" or a user id, and the stale ones only (as the lead list takes them) */
  ownerUserId?: string; stale?: boolean;
}

interface Column { header: string; width: number; money?: boolean; value: (r: Record<string, unknown>) => unknown }

const STAGE = (lang: Lang, s: unknown) => (typeof s === 'string' && STAGE_ZH[s] ? (lang === 'en' ? STAGE_ZH[s].en : STAGE_ZH[s].zh) : s ?? null);
const money = (v: unknown) => (v == null || v === '' ? null : Number(v));
const day = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const stamp = (v: unknown) => (v == null ? null : new Date(v as string).toISOString().replace('T', ' ').slice(0, 16));
const LEAD_STATUS: Record<string, { zh: string; en: string }> = {
  pool: { zh: '公海', en: 'Pool' }, following: { zh: '跟进中', en: 'Following' }, converted: { zh: '已转化', en: 'Converted' }, dropped: { zh: '已放弃', en: 'Dropped' },
};

const parkUnit = alias(units, 'park_unit');
const ownerUser = alias(users, 'owner_user');

async function ownerUnits(db: Db, id?: number) { return id ? unitSubtree(db, id) : undefined; }
const inIds = (col: SQL | Parameters<typeof eq>[0], ids: number[]) => (ids.length ? sql`${col} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql`FALSE`);

async function projectSource(db: Db, scope: DataScope, f: ExportQuery, lang: Lang, mask: boolean) {
  const cfg = await loadWarningConfig(db);
  const filters: ProjectFilters = {
    q: f.q, stage: f.stage ? f.stage.split(',').map((s) => s.trim()).filter(Boolean) : undefined, pending: f.pending,
    ownerUnitIds: await ownerUnits(db, f.ownerUnitId), clusterId: f.clusterId, teamId: f.teamId, enterpriseId: f.enterpriseId, band: f.band,
    flags: f.flags ? f.flags.split(',').map((s) => s.trim()).filter(Boolean) : undefined, warning: f.warning,
    signedFrom: f.signedFrom, signedTo: f.signedTo, createdFrom: f.createdFrom, createdTo: f.createdTo,
  };
  const where = filterWhere(scope, filters, new Date(), cfg);
  const en = lang === 'en';
  const columns: Column[] = [
    { header: en ? 'Project code' : '项目编号', width: 16, value: (r) => r.code },
    { header: en ? 'Project name' : '项目名称', width: 36, value: (r) => r.name },
    { header: en ? 'Investor' : '投资方', width: 30, value: (r) => r.enterpriseName ?? r.investorName },
    { header: en ? 'County or zone' : '所在县区', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Park' : '所在园区', width: 16, value: (r) => r.parkName },
    { header: en ? 'Industry cluster' : '所属产业', width: 14, value: (r) => r.clusterName },
    { header: en ? 'Industry code' : '行业代码', width: 10, value: (r) => r.industryCode },
    { header: en ? 'Stage' : '项目阶段', width: 10, value: (r) => STAGE(lang, r.stage) },
    { header: en ? 'Approved stage' : '已审核阶段', width: 10, value: (r) => STAGE(lang, r.approvedStage) },
    { header: en ? 'Total investment (万元)' : '总投资（万元）', width: 14, money: true, value: (r) => money(r.totalInvestment) },
    { header: en ? 'Fixed-asset investment (万元)' : '固定资产投资（万元）', width: 14, money: true, value: (r) => money(r.fixedAssetInvestment) },
    { header: en ? 'Contracted foreign capital (万美元)' : '合同外资（万美元）', width: 14, money: true, value: (r) => money(r.foreignCapital) },
    { header: en ? 'Signed amount (万元)' : '签约金额（万元）', width: 14, money: true, value: (r) => money(r.signedAmount) },
    { header: en ? 'Signed on' : '签约时间', width: 12, value: (r) => day(r.signedAt) },
    { header: en ? 'Signing event' : '签约活动', width: 24, value: (r) => r.signedEvent },
    { header: en ? 'Credit code' : '统一社会信用代码', width: 22, value: (r) => r.registeredUscc },
    { header: en ? 'Registered capital (万元)' : '注册资本（万元）', width: 14, money: true, value: (r) => money(r.registeredCapital) },
    { header: en ? 'Land (mu)' : '用地面积（亩）', width: 10, money: true, value: (r) => money(r.landMu) },
    { header: en ? 'Planned start' : '计划开工时间', width: 12, value: (r) => (r.plannedStartMonth ? day(r.plannedStartMonth)!.slice(0, 7) : null) },
    { header: en ? 'Started on' : '开工时间', width: 12, value: (r) => day(r.startedAt) },
    { header: en ? 'Producing since' : '投产时间', width: 12, value: (r) => day(r.producedAt) },
    { header: en ? 'Responsible leader' : '责任领导', width: 10, value: (r) => r.leaderName },
    { header: en ? 'Liaison' : '联络人', width: 10, value: (r) => r.liaisonName },
    { header: en ? 'Phone' : '联系电话', width: 14, value: (r) => (mask ? maskPhone(r.liaisonPhone as string | null) : r.liaisonPhone) },
    { header: en ? 'Content' : '建设内容', width: 40, value: (r) => r.content },
    { header: en ? 'Flags' : '项目标签', width: 24, value: (r) => ((r.flags as string[] | null) ?? []).map((x) => FLAG_LABELS[x as keyof typeof FLAG_LABELS]?.[en ? 'en' : 'zh'] ?? x).join(en ? ', ' : '、') },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stamp(r.updatedAt) },
  ];
  const page = (after: number, limit: number) => db.select({
    id: projects.id, code: projects.code, name: projects.name, enterpriseName: enterprises.name, investorName: projects.investorName,
    ownerUnitName: units.name, parkName: parkUnit.name, clusterName: clusters.name, industryCode: projects.industryCode, stage: projects.stage,
    approvedStage: projects.approvedStage, totalInvestment: projects.totalInvestment, fixedAssetInvestment: projects.fixedAssetInvestment,
    foreignCapital: projects.foreignCapital, signedAmount: projects.signedAmount, signedAt: projects.signedAt, signedEvent: projects.signedEvent,
    registeredUscc: projects.registeredUscc, registeredCapital: projects.registeredCapital, landMu: projects.landMu,
    plannedStartMonth: projects.plannedStartMonth, startedAt: projects.startedAt, producedAt: projects.producedAt, leaderName: projects.leaderName,
    liaisonName: projects.liaisonName, liaisonPhone: projects.liaisonPhone, content: projects.content, flags: projects.flags, updatedAt: projects.updatedAt,
  }).from(projects)
    .innerJoin(units, eq(units.id, projects.ownerUnitId))
    .leftJoin(parkUnit, eq(parkUnit.id, projects.parkUnitId))
    .leftJoin(clusters, eq(clusters.id, projects.clusterId))
    .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .where(and(where, gt(projects.id, after))).orderBy(asc(projects.id)).limit(limit);
  return { columns, page };
}

async function enterpriseSource(db: Db, scope: DataScope, f: ExportQuery, lang: Lang, mask: boolean) {
  const en = lang === 'en';
  const owners = await ownerUnits(db, f.ownerUnitId);
  const conds: (SQL | undefined)[] = [
    isNull(enterprises.deletedAt), isNull(enterprises.mergedIntoId), scopePredicate(scope, { ownerUnitId: enterprises.ownerUnitId, teamId: enterprises.teamId }),
    searchPredicate(f.q?.trim(), { text: enterprises.searchText, grams: enterprises.searchGrams }),
    f.ownership ? eq(enterprises.ownership, f.ownership) : undefined,
    f.tier ? sql`${enterprises.tiers} @> ARRAY[${f.tier}]::text[]` : undefined,
    f.hqRegion ? eq(enterprises.hqRegion, f.hqRegion) : undefined,
    f.clusterId ? eq(enterprises.clusterId, f.clusterId) : undefined,
    f.industry ? sql`${enterprises.industryCode} LIKE ${`${f.industry}%`}` : undefined,
    owners ? inIds(enterprises.ownerUnitId, owners) : undefined,
  ];
  const columns: Column[] = [
    { header: en ? 'Enterprise name' : '企业名称', width: 34, value: (r) => r.name },
    { header: en ? 'Credit code' : '统一社会信用代码', width: 22, value: (r) => r.uscc },
    { header: en ? 'Ownership' : '企业性质', width: 10, value: (r) => (r.ownership ? OWNERSHIP_ZH[r.ownership as string] ?? r.ownership : null) },
    { header: en ? 'Tags' : '企业标签', width: 24, value: (r) => ((r.tiers as string[] | null) ?? []).map((t) => TIER_ZH[t] ?? t).join('、') },
    { header: en ? 'Registered capital (万元)' : '注册资本（万元）', width: 14, money: true, value: (r) => money(r.registeredCapital) },
    { header: en ? 'Headquarters' : '总部所在地', width: 24, value: (r) => r.hqCountry ?? divisionName(r.hqDivision as string | null) },
    { header: en ? 'Industry' : '所属行业', width: 10, value: (r) => r.industryCode },
    { header: en ? 'Industry cluster' : '所属产业', width: 14, value: (r) => r.clusterName },
    { header: en ? 'Website' : '网站', width: 20, value: (r) => r.website },
    { header: en ? 'Contact' : '联系人', width: 10, value: (r) => r.contactName },
    { header: en ? 'Contact title' : '职务', width: 12, value: (r) => r.contactTitle },
    { header: en ? 'Phone' : '联系电话', width: 14, value: (r) => (mask ? maskPhone(r.contactPhone as string | null) : r.contactPhone) },
    { header: en ? 'Owner unit' : '归属单位', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Notes' : '备注', width: 30, value: (r) => r.notes },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stamp(r.updatedAt) },
  ];
  const contact = (col: 'name' | 'title' | 'phone') => sql<string | null>`(SELECT c.${sql.raw(col)} FROM enterprise_contacts c WHERE c.enterprise_id = ${enterprises.id} ORDER BY c.is_primary DESC, c.id LIMIT 1)`;
  const page = (after: number, limit: number) => db.select({
    id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, ownership: enterprises.ownership, tiers: enterprises.tiers,
    registeredCapital: enterprises.registeredCapital, hqDivision: enterprises.hqDivision, hqCountry: enterprises.hqCountry,
    industryCode: enterprises.industryCode, clusterName: clusters.name, website: enterprises.website, notes: enterprises.notes,
    ownerUnitName: units.name, updatedAt: enterprises.updatedAt,
    contactName: contact('name'), contactTitle: contact('title'), contactPhone: contact('phone'),
  }).from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.ownerUnitId))
    .leftJoin(clusters, eq(clusters.id, enterprises.clusterId))
    .where(and(...conds, gt(enterprises.id, after))).orderBy(asc(enterprises.id)).limit(limit);
  return { columns, page };
}

async function leadSource(db: Db, scope: DataScope, f: ExportQuery, lang: Lang, me: number) {
  const en = lang === 'en';
  const owners = await ownerUnits(db, f.ownerUnitId);
  const ownerUserId = f.ownerUserId === 'me' ? me : f.ownerUserId ? Number(f.ownerUserId) : undefined;
  const visible = scope.kind === 'none' ? sql`FALSE`
    : or(eq(leads.status, 'pool'), scopePredicate(scope, { ownerUnitId: leads.ownerUnitId, teamId: leads.teamId }));
  const conds: (SQL | undefined)[] = [
    isNull(leads.deletedAt), visible,
    searchPredicate(f.q?.trim(), { text: leads.searchText, grams: leads.searchGrams }),
    f.status ? eq(leads.status, f.status) : undefined,
    f.sourceChannel ? eq(leads.sourceChannel, f.sourceChannel) : undefined,
    f.clusterId ? eq(leads.clusterId, f.clusterId) : undefined,
    owners ? inIds(leads.ownerUnitId, owners) : undefined,
    ownerUserId ? eq(leads.ownerUserId, ownerUserId) : undefined,
    f.stale ? and(eq(leads.status, 'following'), sql`coalesce(${leads.lastFollowUpAt}, ${leads.createdAt}) < ${staleCutoff().toISOString()}::timestamptz`) : undefined,
  ];
  const columns: Column[] = [
    { header: en ? 'Lead title' : '线索名称', width: 34, value: (r) => r.title },
    { header: en ? 'Target enterprise' : '目标企业', width: 30, value: (r) => r.enterpriseName },
    { header: en ? 'Intended investment (万元)' : '意向投资额（万元）', width: 14, money: true, value: (r) => money(r.intendedAmount) },
    { header: en ? 'Source' : '来源渠道', width: 12, value: (r) => CHANNEL_ZH[r.sourceChannel as string] ?? r.sourceChannel },
    { header: en ? 'Referrer' : '引荐人', width: 10, value: (r) => r.referrer },
    { header: en ? 'Owner unit' : '所属单位', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Owner' : '负责人', width: 10, value: (r) => r.ownerUserName },
    { header: en ? 'Status' : '状态', width: 10, value: (r) => LEAD_STATUS[r.status as string]?.[en ? 'en' : 'zh'] ?? r.status },
    { header: en ? 'Industry cluster' : '所属产业', width: 14, value: (r) => r.clusterName },
    { header: en ? 'Industry code' : '行业代码', width: 10, value: (r) => r.industryCode },
    { header: en ? 'Content' : '线索内容', width: 40, value: (r) => r.content },
    { header: en ? 'Last follow-up' : '最近跟进', width: 16, value: (r) => stamp(r.lastFollowUpAt) },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stamp(r.updatedAt) },
  ];
  const page = (after: number, limit: number) => db.select({
    id: leads.id, title: leads.title, enterpriseName: sql<string | null>`coalesce(${enterprises.name}, ${leads.enterpriseName})`,
    intendedAmount: leads.intendedAmount, sourceChannel: leads.sourceChannel, referrer: leads.referrer, ownerUnitName: units.name,
    ownerUserName: ownerUser.displayName, status: leads.status, clusterName: clusters.name, industryCode: leads.industryCode, content: leads.content,
    lastFollowUpAt: leads.lastFollowUpAt, updatedAt: leads.updatedAt,
  }).from(leads)
    .leftJoin(enterprises, eq(enterprises.id, leads.enterpriseId))
    .leftJoin(units, eq(units.id, leads.ownerUnitId))
    .leftJoin(ownerUser, eq(ownerUser.id, leads.ownerUserId))
    .leftJoin(clusters, eq(clusters.id, leads.clusterId))
    .where(and(...conds, gt(leads.id, after))).orderBy(asc(leads.id)).limit(limit);
  return { columns, page };
}

export const MAX_EXPORT_ROWS = 1_000_000;

/** Streams the caller's filtered list as .xlsx; writes one audit event naming the entity and the filter. */
export async function exportWorkbook(db: Db, ctx: AuthedContext, entity: Entity, f: ExportQuery, onError?: (e: unknown) => void): Promise<PassThrough> {
  const scope = await resolveScope(db, ctx.principal);
  const mask = !can(ctx.principal.role, 'business.write');
  const lang = ctx.lang;
  const src = entity === 'project' ? await projectSource(db, scope, f, lang, mask)
    : entity === 'enterprise' ? await enterpriseSource(db, scope, f, lang, mask)
      : await leadSource(db, scope, f, lang, ctx.principal.userId);
  const filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));
  await writeAudit(db, ctx, { action: 'export', targetType: entity, targetLabel: ENTITY_LABELS[entity].zh, detail: JSON.stringify({ entity, filter }) });
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet(lang === 'en' ? ENTITY_LABELS[entity].en : ENTITY_LABELS[entity].zh, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = src.columns.map((c) => ({ header: c.header, width: c.width, style: c.money ? { numFmt: '#,##0.00' } : {} }));
    styleHeader(ws.getRow(1));
    ws.getRow(1).commit();
    let after = 0;
    let n = 0;
    while (n < MAX_EXPORT_ROWS) {
      const rows = (await src.page(after, 2000)) as Record<string, unknown>[];
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].id);
      for (const r of rows) {
        ws.addRow(src.columns.map((c) => outCell(c.value(r)))).commit();
        if (++n >= MAX_EXPORT_ROWS) break;
      }
    }
    await ws.commit();
  }, onError);
}
