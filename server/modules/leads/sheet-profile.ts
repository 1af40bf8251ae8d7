// Leads' spreadsheets: what their export holds, filtered by the lead list's own filter.
import { Type } from 'typebox';
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { CHANNEL_ZH } from '../spreadsheets/lookups.js';
import {
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
import { keyedFileRule, str, type ImportChecks } from '../spreadsheets/checks.js';
import { issue, norm, pick, resolveOwner, say, type RowRule } from '../spreadsheets/convert.js';
import { enterprisesNamed } from '../enterprises/service.js';
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
      header: en ? 'Intended investment (万元)' : '意向投资额（万元）',
      width: 14,
      money: true,
      value: (r) => moneyCell(r.intendedAmount),
    },
    {
      header: en ? 'Source' : '来源渠道',
      width: 12,
      value: (r) => CHANNEL_ZH[r.sourceChannel as string] ?? r.sourceChannel,
    },
    { header: en ? 'Referrer' : '引荐人', width: 10, value: (r) => r.referrer },
    { header: en ? 'Owner unit' : '所属单位', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Owner' : '负责人', width: 10, value: (r) => r.ownerUserName },
    {
      header: en ? 'Status' : '状态',
      width: 10,
      value: (r) => STATUS[r.status as string]?.[en ? 'en' : 'zh'] ?? r.status,
    },
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
    const cands = (ctx.usersByName.get(who) ?? []).filter(
      (u) => u.unitId === owner.ownerUnitId || (ctx.scopeAll ? false : ctx.scopeUnitIds.has(u.unitId)),
    );
    if (cands.length === 1) {
      ownerUserId = cands[0].id;
      out.labels.ownerUser = who;
    } else {
      out.warnings.push(
        issue(
          'ownerUser',
          'not_found',
          say(
            `“${who}”不是该单位的系统用户，线索由导入人负责`,
            `“${who}” is no user of that unit; the importer owns the lead`,
          ),
        ),
      );
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
    ...pick(fv, [
      'title',
      'enterpriseName',
      'intendedAmount',
      'sourceChannel',
      'referrer',
      'clusterId',
      'industryCode',
      'content',
    ]),
    enterpriseId: null,
    ownerUnitId: owner.ownerUnitId,
    ownerUserId,
    teamId: owner.teamId,
  };
};

/**
 * The same title and target enterprise. A pool lead (公海) counts wherever it is, an owned one within the caller's
 * scope; the target enterprise is linked to the library by its exact name.
 */
const checks: ImportChecks = {
  reasons: { title_enterprise: { zh: '线索名称和目标企业相同', en: 'same title and enterprise' } },
  table: 'leads',
  libraryLink: { field: 'enterpriseName', find: enterprisesNamed },
  duplicateRule: ({ inScope }) => ({
    withinFile: keyedFileRule((v) => [
      [`t:${norm(v.title)}|${v.enterpriseId ? `#${v.enterpriseId}` : norm(v.enterpriseName)}`, 'title_enterprise'],
    ]),
    againstExisting: async (tx, rows) => {
      const titles = [...new Set(rows.map((r) => str(r.values.title)).filter((x): x is string => !!x))];
      const found = await repo.existingLeads(tx, titles);
      if (!found.length) return;
      for (const r of rows) {
        const v = r.values;
        const t = norm(v.title);
        const e = norm(v.enterpriseName);
        const hit = found.find(
          (l) =>
            (l.status === 'pool' || inScope(l)) &&
            norm(l.title) === t &&
            ((typeof v.enterpriseId === 'number' && v.enterpriseId === l.enterpriseId) ||
              (!!e && norm(l.enterpriseName) === e)),
        );
        if (hit) r.duplicates.push({ kind: 'existing', id: hit.id, label: hit.title, reasons: ['title_enterprise'] });
      }
    },
  }),
};

const COLUMNS: SourceColumn[] = [
  ['row_no', 'int'],
  ['title', 'text'],
  ['enterprise_id', 'int'],
  ['enterprise_name', 'text'],
  ['industry_code', 'text'],
  ['cluster_id', 'int'],
  ['intended_amount', 'numeric'],
  ['content', 'text'],
  ['source_channel', 'text'],
  ['referrer', 'text'],
  ['owner_unit_id', 'int'],
  ['owner_user_id', 'int'],
  ['team_id', 'int'],
  ['search_text', 'text'],
  ['g', 'text'],
];

/** Leads in follow-up by their owner; the enterprise's name is kept only when it is not linked to the library. */
const writer = async ({ ctx, jobId, sequenceOf }: WriterSetup): Promise<RecordWriter> => {
  const seq = await sequenceOf('leads');
  return {
    columns: COLUMNS,
    records: async (_tx, rows) =>
      rows.map((r) => {
        const v = r.values;
        return {
          row_no: r.rowNo,
          title: str(v.title),
          enterprise_id: num(v.enterpriseId),
          enterprise_name: num(v.enterpriseId) ? null : str(v.enterpriseName),
          industry_code: str(v.industryCode),
          cluster_id: num(v.clusterId),
          intended_amount: str(v.intendedAmount),
          content: str(v.content),
          source_channel: str(v.sourceChannel) ?? 'other',
          referrer: str(v.referrer),
          owner_unit_id: num(v.ownerUnitId),
          owner_user_id: num(v.ownerUserId),
          team_id: num(v.teamId),
          ...searchColumns(str(v.title), str(v.enterpriseName), str(v.referrer)),
        };
      }),
    write: (tx, source) => repo.importLeads(tx, source, jobId, ctx.principal.userId, seq),
  };
};

export const leadSheets: SheetProfile = {
  entity: 'lead',
  exportName: { zh: '线索', en: 'magnet-leads' },
  label: { zh: '线索', en: 'Leads' },
  fields: IMPORT_FIELDS,
  rowRule,
  ownerColumn: 'any',
  checks,
  writer,
  exportFilters: {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    ownerUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    clusterId: Type.Optional(Type.Integer({ minimum: 1 })),
    status: Type.Optional(Type.String({ maxLength: 20, description: 'leads' })),
    sourceChannel: Type.Optional(Type.String({ maxLength: 30 })),
    ownerUserId: Type.Optional(
      Type.String({ pattern: '^(me|[1-9][0-9]{0,9})$', description: 'leads: "me" or a user id' }),
    ),
    stale: Type.Optional(Type.Boolean({ description: 'leads: in follow-up with no follow-up for 30 days' })),
  },
  exportSource,
};
