// Leads' spreadsheets: what their export holds, filtered by the lead list's own filter.
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { CHANNEL_ZH } from '../spreadsheets/lookups.js';
import { moneyCell, stampCell, type ExportColumn, type ExportQuery, type SheetProfile } from '../spreadsheets/profiles.js';
import { issue, pick, resolveOwner, say, type RowRule } from '../spreadsheets/convert.js';
import { IMPORT_FIELDS } from './sheet-fields.js';
import * as repo from './repository.js';
import { listWhere, type LeadQuery } from './service.js';

const STATUS: Record<string, { zh: string; en: string }> = {
  pool: { zh: '公海', en: 'Pool' },
  following: { zh: '跟进中', en: 'Following' },
  converted: { zh: '已转化', en: 'Converted' },
  dropped: { zh: '已放弃', en: 'Dropped' },
};

function exportColumns(en: boolean): ExportColumn[] {
  return [
    { header: en ? 'Lead title' : '线索名称', width: 34, value: (r) => r.title },
    { header: en ? 'Target enterprise' : '目标企业', width: 30, value: (r) => r.enterpriseName },
    {
      header: en ? 'Intended investment (万元)' : '意向投资额（万元）', width: 14, money: true,
      value: (r) => moneyCell(r.intendedAmount),
    },
    { header: en ? 'Source' : '来源渠道', width: 12, value: (r) => CHANNEL_ZH[r.sourceChannel as string] ?? r.sourceChannel },
    { header: en ? 'Referrer' : '引荐人', width: 10, value: (r) => r.referrer },
    { header: en ? 'Owner unit' : '所属单位', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Owner' : '负责人', width: 10, value: (r) => r.ownerUserName },
    { header: en ? 'Status' : '状态', width: 10, value: (r) => STATUS[r.status as string]?.[en ? 'en' : 'zh'] ?? r.status },
    { header: en ? 'Industry cluster' : '所属产业', width: 14, value: (r) => r.clusterName },
    { header: en ? 'Industry code' : '行业代码', width: 10, value: (r) => r.industryCode },
    { header: en ? 'Content' : '线索内容', width: 40, value: (r) => r.content },
    { header: en ? 'Last follow-up' : '最近跟进', width: 16, value: (r) => stampCell(r.lastFollowUpAt) },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stampCell(r.updatedAt) },
  ];
}

async function exportSource(db: Db, ctx: AuthedContext, query: ExportQuery) {
  const where = await listWhere(db, ctx, query as LeadQuery);
  return {
    columns: exportColumns(ctx.lang === 'en'),
    page: (after: number, limit: number) => repo.exportPage(db, where, after, limit),
  };
}

// ---------------------------------------------------------------------------------------------- import

/** A lead's owner unit and owner (a user of that unit, else the importer), its target enterprise, its channel. */
const rowRule: RowRule = ({ ctx, fields: fv, text, out }) => {
  const owner = resolveOwner(ctx, fv.ownerUnit as string | undefined, 'ownerUnit', ctx.anyUnits, out);
  if (!fv.ownerUnit) out.labels.ownerUnit = ctx.anyUnits.get(owner.ownerUnitId)?.name ?? '';
  let ownerUserId = ctx.principal.userId;
  const who = fv.ownerUser as string | undefined;
  if (who) {
    const cands = (ctx.usersByName.get(who) ?? [])
      .filter((u) => u.unitId === owner.ownerUnitId || (ctx.scopeAll ? false : ctx.scopeUnitIds.has(u.unitId)));
    if (cands.length === 1) {
      ownerUserId = cands[0].id;
      out.labels.ownerUser = who;
    } else {
      out.warnings.push(issue('ownerUser', 'not_found', say(`“${who}”不是该单位的系统用户，线索由导入人负责`,
        `“${who}” is no user of that unit; the importer owns the lead`)));
    }
  }
  if (!text.enterpriseName) {
    if (!out.errors.some((e) => e.field === 'enterpriseName')) out.errors.push(issue('enterpriseName', 'required'));
  }
  if (!fv.sourceChannel) {
    fv.sourceChannel = 'other';
    out.labels.sourceChannel = CHANNEL_ZH.other;
  }
  out.values = {
    ...pick(fv, ['title', 'enterpriseName', 'intendedAmount', 'sourceChannel', 'referrer', 'clusterId', 'industryCode', 'content']),
    enterpriseId: null, ownerUnitId: owner.ownerUnitId, ownerUserId, teamId: owner.teamId,
  };
};

export const leadSheets: SheetProfile = {
  entity: 'lead',
  exportName: { zh: '线索', en: 'magnet-leads' },
  label: { zh: '线索', en: 'Leads' },
  fields: IMPORT_FIELDS,
  rowRule,
  ownerColumn: 'any',
  exportSource,
};
