// The enterprise library's spreadsheets: what its export holds, filtered by the list's own filter.
import { Type } from 'typebox';
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { maskPhone } from '../../core/validators.js';
import { divisionName } from '../../reference/divisions.js';
import { OWNERSHIP_ZH, TIER_ZH } from '../spreadsheets/lookups.js';
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
import { regionGroupOf } from '../../reference/divisions.js';
import { IMPORT_FIELDS } from './sheet-fields.js';
import * as repo from './repository.js';
import { listWhere, type ListQuery } from './service.js';

function exportColumns(en: boolean, mask: boolean): ExportColumn[] {
  return [
    { header: en ? 'Enterprise name' : '企业名称', width: 34, value: (r) => r.name },
    { header: en ? 'Credit code' : '统一社会信用代码', width: 22, value: (r) => r.uscc },
    {
      header: en ? 'Ownership' : '企业性质',
      width: 10,
      value: (r) => (r.ownership ? (OWNERSHIP_ZH[r.ownership as string] ?? r.ownership) : null),
    },
    {
      header: en ? 'Tags' : '企业标签',
      width: 24,
      value: (r) => ((r.tiers as string[] | null) ?? []).map((t) => TIER_ZH[t] ?? t).join('、'),
    },
    {
      header: en ? 'Registered capital (万元)' : '注册资本（万元）',
      width: 14,
      money: true,
      value: (r) => moneyCell(r.registeredCapital),
    },
    {
      header: en ? 'Headquarters' : '总部所在地',
      width: 24,
      value: (r) => r.hqCountry ?? divisionName(r.hqDivision as string | null),
    },
    { header: en ? 'Industry' : '所属行业', width: 10, value: (r) => r.industryCode },
    { header: en ? 'Industry cluster' : '所属产业', width: 14, value: (r) => r.clusterName },
    { header: en ? 'Website' : '网站', width: 20, value: (r) => r.website },
    { header: en ? 'Contact' : '联系人', width: 10, value: (r) => r.contactName },
    { header: en ? 'Contact title' : '职务', width: 12, value: (r) => r.contactTitle },
    {
      header: en ? 'Phone' : '联系电话',
      width: 14,
      value: (r) => (mask ? maskPhone(r.contactPhone as string | null) : r.contactPhone),
    },
    { header: en ? 'Owner unit' : '归属单位', width: 16, value: (r) => r.ownerUnitName },
    { header: en ? 'Notes' : '备注', width: 30, value: (r) => r.notes },
    { header: en ? 'Updated' : '更新时间', width: 16, value: (r) => stampCell(r.updatedAt) },
  ];
}

async function exportSource(db: Db, ctx: AuthedContext, query: ExportQuery, mask: boolean) {
  const where = await listWhere(db, ctx, query as Omit<ListQuery, 'page' | 'pageSize'>);
  return {
    columns: exportColumns(ctx.lang === 'en', mask),
    page: (after: number, limit: number) => repo.exportPage(db, where, after, limit),
  };
}

// ---------------------------------------------------------------------------------------------- import

/** An enterprise's owner (the bureau may name it), its headquarters' region, and a contact only with a name. */
const rowRule: RowRule = ({ ctx, fields: fv, out }) => {
  const owner = resolveOwner(ctx, fv.ownerUnit as string | undefined, 'ownerUnit', ctx.anyUnits, out);
  if (!fv.ownerUnit) out.labels.ownerUnit = ctx.anyUnits.get(owner.ownerUnitId)?.name ?? '';
  const hqDivision = (fv.hqDivision as string | undefined) ?? null;
  const hqCountry = (fv.hqCountry as string | undefined) ?? null;
  if (hqDivision && hqCountry) {
    out.errors.push(
      issue(
        'hqCountry',
        'invalid',
        say(
          '总部在境外时不填国内行政区划；在境内时不填国家',
          'give either a Chinese division or, for a headquarters abroad, a country — not both',
        ),
      ),
    );
  }
  out.values = {
    ...pick(fv, [
      'name',
      'uscc',
      'ownership',
      'registeredCapital',
      'industryCode',
      'clusterId',
      'website',
      'notes',
      'contactName',
      'contactTitle',
      'contactPhone',
    ]),
    tiers: (fv.tiers as string[] | undefined) ?? [],
    hqDivision,
    hqCountry,
    hqRegion: hqCountry ? 'abroad' : hqDivision ? regionGroupOf(hqDivision, ctx.homeDivision) : null,
    ownerUnitId: owner.ownerUnitId,
    teamId: owner.teamId,
  };
  if (!out.values.contactName && (out.values.contactPhone || out.values.contactTitle)) {
    out.warnings.push(
      issue(
        'contactName',
        'required',
        say('没有联系人姓名，联系电话和职务未导入', 'no contact name: the phone and title are not imported'),
      ),
    );
  }
};

/** The same credit code; without one, the same name. A credit code held outside the caller's scope is an error. */
const checks: ImportChecks = {
  reasons: {
    uscc: { zh: '统一社会信用代码相同', en: 'same credit code' },
    name: { zh: '名称相同', en: 'same name' },
  },
  table: 'enterprises',
  duplicateRule: ({ inScope, takenElsewhere }) => ({
    withinFile: keyedFileRule((v) => {
      const u = str(v.uscc);
      return [u ? [`u:${u}`, 'uscc'] : [`n:${norm(v.name)}`, 'name']];
    }),
    againstExisting: async (tx, rows) => {
      const usccs = [...new Set(rows.map((r) => str(r.values.uscc)).filter((x): x is string => !!x))];
      const names = [
        ...new Set(
          rows
            .filter((r) => !str(r.values.uscc))
            .map((r) => str(r.values.name))
            .filter((x): x is string => !!x),
        ),
      ];
      const found = await repo.existingEnterprises(tx, usccs, names);
      const byUscc = new Map(found.filter((e) => e.uscc).map((e) => [e.uscc!, e]));
      const byName = new Map<string, repo.ExistingEnterprise[]>();
      for (const e of found) {
        const k = norm(e.name);
        byName.set(k, [...(byName.get(k) ?? []), e]);
      }
      for (const r of rows) {
        const u = str(r.values.uscc);
        if (u) {
          const e = byUscc.get(u);
          if (!e) continue;
          if (inScope(e)) r.duplicates.push({ kind: 'existing', id: e.id, label: e.name, reasons: ['uscc'] });
          else r.errors.push(takenElsewhere('uscc'));
        } else {
          const e = (byName.get(norm(r.values.name)) ?? []).find((x) => inScope(x));
          if (e) r.duplicates.push({ kind: 'existing', id: e.id, label: e.name, reasons: ['name'] });
        }
      }
    },
  }),
};

const COLUMNS: SourceColumn[] = [
  ['row_no', 'int'],
  ['name', 'text'],
  ['uscc', 'text'],
  ['ownership', 'text'],
  ['tiers', 'text[]'],
  ['hq_division', 'text'],
  ['hq_region', 'text'],
  ['hq_country', 'text'],
  ['industry_code', 'text'],
  ['cluster_id', 'int'],
  ['registered_capital', 'numeric'],
  ['website', 'text'],
  ['notes', 'text'],
  ['owner_unit_id', 'int'],
  ['team_id', 'int'],
  ['search_text', 'text'],
  ['g', 'text'],
  ['contact_name', 'text'],
  ['contact_title', 'text'],
  ['contact_phone', 'text'],
];

/** Enterprises with their primary contact (a contact's title and phone only with its name). */
const writer = async ({ ctx, jobId, sequenceOf }: WriterSetup): Promise<RecordWriter> => {
  const seq = await sequenceOf('enterprises');
  return {
    columns: COLUMNS,
    records: async (_tx, rows) =>
      rows.map((r) => {
        const v = r.values;
        const contact = str(v.contactName);
        return {
          row_no: r.rowNo,
          name: str(v.name),
          uscc: str(v.uscc),
          ownership: str(v.ownership),
          tiers: Array.isArray(v.tiers) ? v.tiers : [],
          hq_division: str(v.hqDivision),
          hq_region: str(v.hqRegion),
          hq_country: str(v.hqCountry),
          industry_code: str(v.industryCode),
          cluster_id: num(v.clusterId),
          registered_capital: str(v.registeredCapital),
          website: str(v.website),
          notes: str(v.notes),
          owner_unit_id: num(v.ownerUnitId),
          team_id: num(v.teamId),
          contact_name: contact,
          contact_title: contact ? str(v.contactTitle) : null,
          contact_phone: contact ? str(v.contactPhone) : null,
          ...searchColumns(str(v.name), str(v.uscc), contact),
        };
      }),
    write: (tx, source) => repo.importEnterprises(tx, source, jobId, ctx.principal.userId, seq),
  };
};

export const enterpriseSheets: SheetProfile = {
  entity: 'enterprise',
  exportName: { zh: '企业库', en: 'magnet-enterprises' },
  label: { zh: '企业', en: 'Enterprises' },
  fields: IMPORT_FIELDS,
  rowRule,
  ownerColumn: 'any',
  conversionFacts: async (tx) => ({ homeDivision: await repo.homeDivision(tx) }),
  checks,
  writer,
  exportFilters: {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    ownerUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    clusterId: Type.Optional(Type.Integer({ minimum: 1 })),
    ownership: Type.Optional(Type.String({ maxLength: 20 })),
    tier: Type.Optional(Type.String({ maxLength: 20 })),
    hqRegion: Type.Optional(Type.String({ maxLength: 20 })),
    industry: Type.Optional(Type.String({ maxLength: 8 })),
  },
  exportSource,
};
