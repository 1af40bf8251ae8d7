// 通报: a Word document in 公文 layout and a workbook with the same tables, made from a frozen run only.
// Every figure is the run's stored text; nothing is recomputed or reformatted beyond adding units.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { SchemeItem } from './constants.js';
import type { UnitResult } from './scoring.js';

export interface BulletinOptions {
  /** 文号, e.g. 聊招引办〔2026〕12号 */
  docNo?: string;
  /** The issuing body: the bureau, or the inspection committee. */
  issuer?: string;
  /** Issue date, YYYY-MM-DD (Asia/Shanghai); today when absent. */
  date?: string;
}

export interface BulletinRun {
  period: string;
  seq: number;
  hash: string;
  schemeName: string;
  items: SchemeItem[];
  doc: {
    year: number;
    month: number;
    from: string;
    to: string;
    units: UnitResult[];
    fx: { from: string; rate: string }[];
    unitGroup: string;
  };
}

const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const XBS = '方正小标宋简体';
const SIZE_3 = 32; // 三号 in half-points
const SIZE_2 = 44; // 二号

const todayShanghai = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const cnDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const changeText = (c: number | null) => (c == null ? '—' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—');
const REASONS: Record<string, string> = {
  bottom: '排名末位',
  red_months: '连续多月低于警戒线',
  bottom_and_red: '排名末位且连续多月低于警戒线',
};

export function bulletinTitle(r: BulletinRun) {
  const group = r.doc.unitGroup === 'teams' ? '产业招商团组' : '各县（市、区）和开发区';
  return `关于${r.doc.year}年1—${r.doc.month}月${group}双招双引工作考核情况的通报`;
}

/** The tables of the bulletin, as rows of text, shared by the Word and Excel versions. */
export function bulletinTables(r: BulletinRun) {
  const ranking = [
    ['名次', '单位', '总分', '较上期', '夺旗'],
    ...r.doc.units.map((u) => [String(u.rank), u.name, u.total, changeText(u.change), u.flag ? '★' : '']),
  ];
  const items = [
    ['单位', ...r.items.map((i) => `${i.label}（${i.weight === '0.00' ? '加减分' : `${i.weight}分`}）`), '总分'],
    ...r.doc.units.map((u) => [
      u.name,
      ...r.items.map((i) => u.items.find((x) => x.key === i.key)?.score ?? ''),
      u.total,
    ]),
  ];
  const warnings = r.doc.units.filter((u) => u.red).map((u) => [u.name, u.total]);
  const summons = r.doc.units
    .filter((u) => u.summoned)
    .map((u) => [u.name, String(u.rank), u.total, REASONS[u.summonsReason ?? ''] ?? '']);
  return { ranking, items, warnings, summons };
}

const run = (text: string, opts: { font?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: opts.font ?? FANGSONG, size: opts.size ?? SIZE_3, bold: opts.bold, color: opts.color });
const body = (text: string) =>
  new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' } });
const heading = (text: string) =>
  new Paragraph({
    children: [run(text, { font: HEITI })],
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
  });

function table(rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: cells.map(
            (c) =>
              new TableCell({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: [run(c, { size: 24, font: i === 0 ? HEITI : FANGSONG })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

export async function buildBulletinDocx(r: BulletinRun, o: BulletinOptions): Promise<Buffer> {
  const t = bulletinTables(r);
  const issuer = o.issuer?.trim() || '聊城市双招双引工作领导小组办公室';
  const docNo = o.docNo?.trim() || `聊招引办〔${r.doc.year}〕${r.doc.month}号`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(issuer, { font: XBS, size: 52, color: 'FF0000' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(docNo)],
      border: { bottom: { color: 'FF0000', space: 8, style: BorderStyle.SINGLE, size: 18 } },
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480, after: 480 },
      children: [run(bulletinTitle(r), { font: XBS, size: SIZE_2 })],
    }),
    new Paragraph({
      children: [run('各县（市、区）、市属开发区，市直有关部门：')],
      spacing: { line: 560, lineRule: 'exact' },
    }),
    body(
      `根据《${r.schemeName}》，依据全市项目库中经审核确认的项目记录，对${r.doc.from}至${r.doc.to}双招双引工作进行了考核（第${r.seq}次计算，数据已冻结）。现将有关情况通报如下：`,
    ),
    heading('一、考核排名'),
    table(t.ranking),
    heading('二、分项得分'),
    table(t.items),
    heading('三、预警情况'),
    ...(t.warnings.length
      ? t.warnings.map(([name, total]) => body(`${name}：总分${total}分，低于警戒线，列入预警。`))
      : [body('本期无单位低于警戒线。')]),
    heading('四、约谈名单'),
    ...(t.summons.length ? [table([['单位', '名次', '总分', '约谈原因'], ...t.summons])] : [body('本期无约谈单位。')]),
    heading('五、有关说明'),
    body(
      '项目按首次签约的单位和活动计算一次；增资扩股项目只计增量；市内资金、政府投资基础设施和房地产项目不计入；各阶段自市投资促进局审核确认之日起计算。',
    ),
    body(`考核数据校验码：${r.hash.slice(0, 16)}。`),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [run(issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(cnDate(o.date ?? todayShanghai()))] }),
  ];
  const doc = new Document({
    creator: issuer,
    title: bulletinTitle(r),
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

export async function buildBulletinXlsx(r: BulletinRun, o: BulletinOptions): Promise<Buffer> {
  const t = bulletinTables(r);
  const wb = new ExcelJS.Workbook();
  wb.creator = o.issuer?.trim() || '聊城市双招双引工作领导小组办公室';
  const sheet = (name: string, rows: string[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([bulletinTitle(r)]);
    for (const row of rows) ws.addRow(row);
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((c) => {
      c.width = 16;
    });
  };
  sheet('考核排名', t.ranking);
  sheet('分项得分', t.items);
  sheet('预警', [['单位', '总分'], ...t.warnings]);
  sheet('约谈', [['单位', '名次', '总分', '约谈原因'], ...t.summons]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
