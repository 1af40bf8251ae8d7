// The project library's spreadsheets: what its export holds, filtered by the project list's own filter.
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { maskPhone } from '../../core/validators.js';
import { STAGE_ZH } from '../spreadsheets/convert.js';
import {
  dayCell, moneyCell, stampCell, type ExportColumn, type ExportQuery, type SheetProfile,
} from '../spreadsheets/profiles.js';
import { FLAG_LABELS } from './flags.js';
import { issue, pick, resolveOwner, say, type RowRule } from '../spreadsheets/convert.js';
import { IMPORT_FIELDS } from './sheet-fields.js';
import * as repo from './repository.js';
import { listWhere, type ListQuery } from './service.js';

function exportColumns(en: boolean, mask: boolean): ExportColumn[] {
  const stage = (s: unknown) => (typeof s === 'string' && STAGE_ZH[s] ? STAGE_ZH[s][en ? 'en' : 'zh'] : s ?? null);
  const money = (header: string, width: number, key: string): ExportColumn =>
    ({ header, width, money: true, value: (r) => moneyCell(r[key]) });
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
      header: en ? 'Planned start' : '计划开工时间', width: 12,
      value: (r) => (r.plannedStartMonth ? dayCell(r.plannedStartMonth)!.slice(0, 7) : null),
    },
    { header: en ? 'Started on' : '开工时间', width: 12, value: (r) => dayCell(r.startedAt) },
    { header: en ? 'Producing since' : '投产时间', width: 12, value: (r) => dayCell(r.producedAt) },
    { header: en ? 'Responsible leader' : '责任领导', width: 10, value: (r) => r.leaderName },
    { header: en ? 'Liaison' : '联络人', width: 10, value: (r) => r.liaisonName },
    {
      header: en ? 'Phone' : '联系电话', width: 14,
      value: (r) => (mask ? maskPhone(r.liaisonPhone as string | null) : r.liaisonPhone),
    },
    { header: en ? 'Content' : '建设内容', width: 40, value: (r) => r.content },
    {
      header: en ? 'Flags' : '项目标签', width: 24,
      value: (r) => ((r.flags as string[] | null) ?? [])
        .map((x) => FLAG_LABELS[x as keyof typeof FLAG_LABELS]?.[en ? 'en' : 'zh'] ?? x).join(en ? ', ' : '、'),
    },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stampCell(r.updatedAt) },
  ];
}

async function exportSource(db: Db, ctx: AuthedContext, query: ExportQuery, mask: boolean) {
  const { stage, flags, ...rest } = query as Omit<ListQuery, 'stage' | 'flags'> & { stage?: string; flags?: string };
  // The export's query gives the stages and flags comma-separated, as the list's query string may.
  const where = await listWhere(db, ctx, { ...rest, stage: stage ? [stage] : undefined, flags: flags ? [flags] : undefined });
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
    ...pick(fv, ['name', 'investorName', 'registeredUscc', 'totalInvestment', 'fixedAssetInvestment', 'foreignCapital',
      'signedAmount', 'registeredCapital', 'clusterId', 'industryCode', 'signedAt', 'agreementType', 'signedEvent',
      'plannedStartMonth', 'startedAt', 'producedAt', 'landMu', 'capacity', 'leaderName', 'liaisonName', 'liaisonPhone', 'content']),
    code: typeof fv.code === 'string' ? fv.code.toUpperCase() : null,
    stage: (fv.stage as string | undefined) ?? 'planning',
    enterpriseId: null,
    ...owner,
  };
  if (!fv.stage) out.labels.stage = STAGE_ZH.planning.zh;
  if (!fv.stage && mapping.some((m) => m.field === 'stage') && !out.errors.some((e) => e.field === 'stage')) {
    out.warnings.push(issue('stage', 'empty_stage', say('未填写项目阶段，按“谋划”导入', 'no stage given; imported as planning')));
  }
};

export const projectSheets: SheetProfile = {
  entity: 'project',
  exportName: { zh: '项目库', en: 'magnet-projects' },
  label: { zh: '项目', en: 'Projects' },
  fields: IMPORT_FIELDS,
  rowRule,
  ownerColumn: 'county',
  exportSource,
};
