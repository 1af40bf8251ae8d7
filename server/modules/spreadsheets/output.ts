// Spreadsheets out: the import template, the error report of a dry run, and the export of a filtered list, each
// written by ExcelJS's streaming writer into a stream that the reply sends as it is produced.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import type { Lang } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import { duplicateMessage, type Duplicate } from './checks.js';
import type { Issue } from './convert.js';
import { entityLabel, fieldsOf, type Entity, type FieldDef } from './fields.js';
import type { ColumnMapping } from './headers.js';
import { sheetProfile, type ExportQuery } from './profiles.js';
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
  })().catch((e) => {
    onError?.(e);
    out.destroy(e as Error);
  });
  return out;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F5' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD6D6' } };

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', wrapText: true };
  });
}

// ------------------------------------------------------------------------------------------------ template

function headerOf(f: FieldDef, lang: Lang) {
  const label = lang === 'en' ? f.en : f.zh;
  const unit = f.kind === 'money' ? (f.currency === 'usd' ? '万美元' : '万元') : null;
  const withUnit =
    unit && !label.includes('（') ? (lang === 'en' ? `${label} (${unit})` : `${label}（${unit}）`) : label;
  return f.required ? `*${withUnit}` : withUnit;
}

export function templateWorkbook(entity: Entity, lang: Lang): PassThrough {
  const en = lang === 'en';
  return writeWorkbook(async (wb) => {
    const fields = fieldsOf(entity);
    const ws = wb.addWorksheet(en ? 'Data' : '导入数据', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = fields.map((f) => ({
      header: headerOf(f, lang),
      key: f.key,
      width: Math.max(12, Math.min(40, (f.example?.length ?? 8) * 1.6 + 4)),
    }));
    styleHeader(ws.getRow(1));
    ws.getRow(1).commit();
    ws.addRow(
      fields.map((f) => (f.kind === 'money' && f.example ? Number(f.example) || f.example : (f.example ?? null))),
    ).commit();
    await ws.commit();

    const notes = wb.addWorksheet(en ? 'Notes' : '填写说明');
    notes.columns = [
      { header: en ? 'Column' : '列名', width: 22 },
      { header: en ? 'Required' : '必填', width: 8 },
      { header: en ? 'How to fill it' : '填写说明', width: 70 },
      { header: en ? 'Example' : '示例', width: 30 },
      { header: en ? 'Also recognised as' : '也可使用的列名', width: 50 },
    ];
    styleHeader(notes.getRow(1));
    notes.getRow(1).commit();
    const general = en
      ? [
          'Keep the header row; title rows above it, total rows (合计/小计) and empty rows are skipped.',
          'Your own column names work too: the columns are matched automatically and you can correct the match before importing.',
          'Amounts are in 万元 (10,000 RMB): a header “（亿元）” or a cell like “1.2亿” is converted exactly.',
          'Dates: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 or Excel dates; “2024年3月” means the 1st.',
          'Nothing is saved until you confirm: the check shows every error and duplicate first.',
        ]
      : [
          '保留表头行；表头上方的标题行、合计/小计行和空行会自动跳过。',
          '也可以使用本单位自己的列名：系统自动匹配各列，导入前可以调整。',
          '金额单位为万元：表头写“（亿元）”或单元格写“1.2亿”时自动精确换算为万元。',
          '日期可写 2024-03-05、2024/3/5、2024.3.5、2024年3月5日、20240305 或 Excel 日期；“2024年3月”按当月1日。',
          '确认提交之前不会写入任何数据：系统先逐行校验，列出全部错误和重复。',
        ];
    for (const g of general) notes.addRow(['', '', g]).commit();
    notes.addRow([]).commit();
    for (const f of fields) {
      notes
        .addRow(
          [
            headerOf(f, lang),
            f.required ? (en ? 'yes' : '是') : '',
            f.note ? (en ? f.note.en : f.note.zh) : '',
            f.example ?? '',
            f.aliases
              .filter((a) => !/^[a-z ]+$/i.test(a) || en)
              .slice(0, 8)
              .join(en ? ', ' : '、'),
          ].map(outCell),
        )
        .commit();
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
  const STATUS: Record<string, string> = en
    ? { invalid: 'error', duplicate: 'duplicate', valid: 'ok', committed: 'imported' }
    : { invalid: '错误', duplicate: '重复', valid: '通过', committed: '已导入' };
  return writeWorkbook(async (wb) => {
    // The clerk's own number (序号) beside the sheet's row number, when the sheet has one.
    const serialCol = (job.summary as { serialCol?: number | null } | null)?.serialCol ?? null;
    const lead = serialCol != null ? 4 : 3;
    const ws = wb.addWorksheet(en ? 'Problems' : '问题行', { views: [{ state: 'frozen', ySplit: 1, xSplit: lead }] });
    ws.columns = [
      { header: en ? 'Row' : '行号', width: 8 },
      ...(serialCol != null ? [{ header: en ? 'No.' : '序号', width: 8 }] : []),
      { header: en ? 'Status' : '状态', width: 8 },
      { header: en ? 'Problems' : '问题说明', width: 60 },
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
        const fieldLabel = (f: string) => {
          const c = colOf.get(f);
          return c !== undefined
            ? headers[c] || f
            : (fieldsOf(job.entity as Entity).find((d) => d.key === f)?.[en ? 'en' : 'zh'] ?? f);
        };
        const text = [
          ...errors.map((i) => `${fieldLabel(i.field)}：${en ? i.en : i.zh}`),
          ...dups.map((d) => duplicateMessage(d, lang)),
          ...warnings.map((i) => `${en ? 'note' : '提示'} ${fieldLabel(i.field)}：${en ? i.en : i.zh}`),
        ].join('\n');
        const clerk = serialCol != null ? [outCell(r.raw[serialCol] ?? null)] : [];
        const row = ws.addRow([
          r.rowNo,
          ...clerk,
          STATUS[r.status] ?? r.status,
          text,
          ...headers.map((_, i) => outCell(r.raw[i] ?? null)),
        ]);
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

export const MAX_EXPORT_ROWS = 1_000_000;

/**
 * Streams the caller's filtered list as .xlsx — the rows and columns the entity's profile gives, filtered by the
 * entity list's own filter — and writes one audit event naming the entity and the filter.
 */
export async function exportWorkbook(
  db: Db,
  ctx: AuthedContext,
  entity: Entity,
  f: ExportQuery,
  onError?: (e: unknown) => void,
): Promise<PassThrough> {
  const mask = !can(ctx.principal.role, 'business.write');
  const lang = ctx.lang;
  const src = await sheetProfile(entity).exportSource(db, ctx, f, mask);
  const filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));
  await writeAudit(db, ctx, {
    action: 'export',
    targetType: entity,
    targetLabel: entityLabel(entity).zh,
    detail: JSON.stringify({ entity, filter }),
  });
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet(lang === 'en' ? entityLabel(entity).en : entityLabel(entity).zh, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = src.columns.map((c) => ({
      header: c.header,
      width: c.width,
      style: c.money ? { numFmt: '#,##0.00' } : {},
    }));
    styleHeader(ws.getRow(1));
    ws.getRow(1).commit();
    let after = 0;
    let n = 0;
    while (n < MAX_EXPORT_ROWS) {
      const rows = await src.page(after, 2000);
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
