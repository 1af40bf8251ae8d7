// The reading of uploaded sheets, through the path production uses (the worker thread for .xlsx): Chinese text must
// come back byte for byte however the packed XML falls into chunks, every kind of cell must read as its text, and
// .csv files in UTF-8, UTF-8 with a BOM and GB18030/GBK must decode to the same rows.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvSheets, decodeText, unreadableColumns, xlsxSheetsInWorker, type SheetRow } from './reader.js';
import { isDateFormat, readXlsx } from './xlsx.js';
import { inspectXlsx } from './zip.js';

let dir = '';
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'magnet-reader-test-'));
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function tempFile(buf: Buffer | ArrayBuffer): Promise<string> {
  const p = path.join(dir, `${randomBytes(6).toString('hex')}.xlsx`);
  await fs.writeFile(p, Buffer.from(buf as ArrayBuffer));
  return p;
}

/** Every sheet read through the worker: name and rows. */
async function readAll(file: string): Promise<{ name: string; rows: SheetRow[] }[]> {
  const out: { name: string; rows: SheetRow[] }[] = [];
  for await (const sheet of xlsxSheetsInWorker(file)) {
    const rows: SheetRow[] = [];
    for await (const r of sheet.rows) rows.push(r);
    out.push({ name: sheet.name, rows });
  }
  return out;
}

// Common characters of company names and notes, a few four-byte ones (𠮷 U+20BB7, 𡈼 U+2123C) and full-width
// punctuation: three- and four-byte UTF-8 sequences that a chunk boundary can split.
const CHARS = [
  ...('聊城市东昌府区临清茌平阳谷莘县冠县高唐统一社会信用代码有限公司酒店管理邮编项目总投资亿元万元新材料高端装备' +
    '制造绿色化工年产吨铝合金轴承纺织食品医药签约开工投产达产谋划洽谈备注说明联系人电话经济技术开发区𠮷𡈼（），。：；、“”'),
];

/** Deterministic text of `len` characters (a simple LCG, so a failure names the same cell every run). */
function chineseText(seed: number, len: number): string {
  let x = (seed * 2654435761) % 4294967296;
  let s = '';
  for (let i = 0; i < len; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += CHARS[x % CHARS.length];
  }
  return s;
}

const HEADERS = ['统一社会信用代码', '企业名称', '所在县（市、区）', '备注说明（详细情况）'];
const ROWS = 3000;
const rowValues = (i: number) => [
  `91371500${String(i).padStart(10, '0')}`,
  `${chineseText(i, 6 + (i % 9))}有限公司`,
  chineseText(i + 7, 3),
  chineseText(i + 13, 40 + (i % 160)),
];

describe('xlsx: Chinese text across many inflate chunks', () => {
  // Written with ExcelJS's streaming writer, as our exports are: its in-memory writer (Workbook.xlsx.writeBuffer) splits
  // a four-byte character now and then into two U+FFFD itself, which would blame the reader for the writer's fault.
  it('reads shared strings byte for byte', async () => {
    const file = path.join(dir, 'shared.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(HEADERS).commit();
    for (let i = 0; i < ROWS; i++) ws.addRow(rowValues(i)).commit();
    ws.commit();
    await wb.commit();
    const [sheet] = await readAll(file);
    expect(sheet.name).toBe('企业名录');
    expect(sheet.rows).toHaveLength(ROWS + 1);
    expect(sheet.rows[0]).toEqual({ rowNo: 1, cells: HEADERS });
    const bad: number[] = [];
    for (let i = 0; i < ROWS; i++) {
      const r = sheet.rows[i + 1];
      if (r.rowNo !== i + 2 || JSON.stringify(r.cells) !== JSON.stringify(rowValues(i))) bad.push(i + 2);
    }
    expect(bad).toEqual([]);
    expect(sheet.rows.some((r) => r.cells.some((c) => c.includes('\uFFFD')))).toBe(false);

    // The same file in 1 KB chunks: well over a thousand chunk boundaries, most of them inside a character.
    const small: SheetRow[] = [];
    for await (const ws of readXlsx(await fs.readFile(file), { chunkSize: 1024 })) {
      for await (const rs of ws.rows) small.push(...rs);
    }
    expect(small).toEqual(sheet.rows);
  }, 60_000);

  it('reads inline strings (plain and rich text) byte for byte', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('项目台账');
    const rich = (t: string, at: number) => ({
      richText: [{ text: t.slice(0, at), font: { bold: true } }, { text: t.slice(at) }],
    });
    ws.addRow(HEADERS.map((h) => rich(h, 2))).commit();
    // t="str" cells and t="inlineStr" rich-text cells, alternating
    for (let i = 0; i < ROWS; i++) ws.addRow(i % 2 ? rowValues(i) : rowValues(i).map((t) => rich(t, 5))).commit();
    ws.commit();
    await wb.commit();
    const [sheet] = await readAll(file);
    expect(sheet.rows[0].cells).toEqual(HEADERS);
    const bad: number[] = [];
    for (let i = 0; i < ROWS; i++) {
      if (JSON.stringify(sheet.rows[i + 1]?.cells) !== JSON.stringify(rowValues(i))) bad.push(i + 2);
    }
    expect(bad).toEqual([]);
  }, 60_000);
});

/** A zip built by hand (deflated entries, in the order given), for sheets written as other programs write them. */
function zip(entries: [string, string][], { stored = false } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const content = Buffer.from(text, 'utf8');
    const data = stored ? content : deflateRawSync(content);
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(stored ? 0 : 8, 8);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(content.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(stored ? 0 : 8, 10);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(content.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, data);
    centrals.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A workbook of one sheet named S around the given rows (`<row>` elements). */
function oneSheet(rows: string, opts: { stored?: boolean } = {}): Buffer {
  return zip(
    [
      ['[Content_Types].xml', '<Types/>'],
      [
        'xl/workbook.xml',
        `<workbook ${NS} ${RNS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
      ['xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`],
    ],
    opts,
  );
}

describe('xlsx: every kind of cell', () => {
  it('reads dates, formulas, rich text, links, booleans, errors and numbers as their text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    const heads = [
      '签约日期',
      '开工时间',
      '计算',
      '文字结果',
      '未算',
      '内容',
      '网址',
      '是否',
      '错误',
      '大数',
      '小数',
      '手机',
    ];
    ws.addRow(heads);
    ws.addRow([
      new Date(Date.UTC(2024, 2, 5)),
      new Date(Date.UTC(2024, 2, 5, 10, 30)),
      { formula: 'A1+1', result: 45356 },
      { formula: 'B1&""', result: '聊城' },
      { formula: 'C1*2' },
      { richText: [{ text: '年产' }, { text: '5万吨', font: { bold: true } }] },
      { text: '招商网', hyperlink: 'http://example.com' },
      true,
      { error: '#N/A' },
      1e21,
      1.5e-7,
      13800001001,
    ]);
    ws.addRow(['甲', null, '丙', '', '  ']);
    const amount = ws.getCell('A4');
    amount.value = 45356;
    amount.numFmt = 'yyyy"年"m"月"d"日"';
    const wan = ws.getCell('B4');
    wan.value = 1234.5;
    wan.numFmt = '#,##0.00"万元"';
    ws.getCell('C4').value = '第一行\n第二行';
    const file = await tempFile(await wb.xlsx.writeBuffer());
    const [sheet] = await readAll(file);
    expect(sheet.rows.map((r) => [r.rowNo, r.cells])).toEqual([
      [1, heads],
      [
        2,
        [
          '2024-03-05',
          '2024-03-05 10:30:00',
          '45356',
          '聊城',
          '',
          '年产5万吨',
          '招商网',
          'TRUE',
          '#N/A',
          '1000000000000000000000',
          '0.00000015',
          '13800001001',
        ],
      ],
      [3, ['甲', '', '丙']],
      [4, ['2024-03-05', '1234.5', '第一行\n第二行']],
    ]);
  });

  it('reads the visible sheets first, a hidden sheet of drop-down lists last', async () => {
    const wb = new ExcelJS.Workbook();
    const lists = wb.addWorksheet('字典', { state: 'hidden' });
    lists.addRow(['所在县区', '项目进展', '产业集群']);
    wb.addWorksheet('项目台账').addRow(['项目名称', '所在县区', '项目进展']);
    wb.addWorksheet('说明').addRow(['填报说明']);
    const sheets = await readAll(await tempFile(await wb.xlsx.writeBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['项目台账', '说明', '字典']);
    expect(sheets[2].rows[0].cells).toEqual(['所在县区', '项目进展', '产业集群']);
  });

  it('reads dates in a workbook that counts from 1904', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('S').addRow([new Date(Date.UTC(2025, 2, 18))]);
    const [sheet] = await readAll(await tempFile(await wb.xlsx.writeBuffer()));
    expect(sheet.rows[0].cells).toEqual(['2025-03-18']);
  });

  it('reads sheets as other programs write them: prefixes, phonetics, escapes, no row numbers', async () => {
    const parts: [string, string][] = [
      // the sheets before the shared strings, and the second tab's sheet before the first's
      [
        'xl/worksheets/sheet2.xml',
        `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row></sheetData>` + '</worksheet>',
      ],
      [
        'xl/worksheets/sheet1.xml',
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          '<x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c>' +
          '<x:c t="inlineStr"><x:is><x:t>所在县（市、区）</x:t></x:is></x:c></x:row>' +
          '<x:row><x:c r="B2" t="d"><x:v>2025-03-18T00:00:00</x:v></x:c><x:c r="D2" s="1"><x:v>45734</x:v></x:c>' +
          '<x:c r="E2" t="str"><x:f>A1</x:f><x:v>&lt;原值&gt; &amp; 备注</x:v></x:c></x:row>' +
          '<x:row><x:c s="2"><x:v>52800</x:v></x:c><x:c><x:f>A1*1.1</x:f><x:v>1358.0160000000001</x:v></x:c>' +
          '<x:c><x:v>0.30000000000000004</x:v></x:c><x:c s="2"><x:v>1234.5</x:v></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      ],
      [
        'xl/sharedStrings.xml',
        `<sst ${NS} count="3" uniqueCount="3">` +
          '<si><r><t>聊城</t></r><r><rPr><b/></rPr><t xml:space="preserve">市 </t></r>' +
          '<rPh sb="0" eb="2"><t>リャオチョン</t></rPh></si>' +
          '<si><t>第一行_x000D_\n第二行</t></si><si><t>第二张表</t></si></sst>',
      ],
      [
        'xl/styles.xml',
        `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/>` +
          '<numFmt numFmtId="177" formatCode="000000"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
          '<cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="176" xfId="0"/><xf numFmtId="177" xfId="0"/></cellXfs>' +
          '</styleSheet>',
      ],
      [
        'xl/workbook.xml',
        `<workbook ${NS} ${RNS}><sheets><sheet name="项目表" sheetId="1" r:id="rId1"/>` +
          '<sheet name="图表" sheetId="3" r:id="rId3"/><sheet name="其他" sheetId="2" r:id="rId2"/></sheets></workbook>',
      ],
      [
        'xl/_rels/workbook.xml.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/>' +
          '<Relationship Id="rId3" Target="chartsheets/sheet1.xml"/><Relationship Id="rId4" Target="sharedStrings.xml"/>' +
          '<Relationship Id="rId5" Target="styles.xml"/></Relationships>',
      ],
      ['xl/chartsheets/sheet1.xml', '<chartsheet/>'],
      ['[Content_Types].xml', '<Types/>'],
    ];
    const buf = zip(parts);
    expect((await inspectXlsx(buf)).problem).toBeNull();
    const sheets = await readAll(await tempFile(buf));
    expect(sheets).toEqual([
      {
        name: '项目表',
        rows: [
          { rowNo: 1, cells: ['聊城市 ', '第一行\r\n第二行', '所在县（市、区）'] },
          { rowNo: 2, cells: ['', '2025-03-18', '', '2025-03-18', '<原值> & 备注'] },
          { rowNo: 3, cells: ['052800', '1358.016', '0.3', '1234.5'] },
        ],
      },
      { name: '其他', rows: [{ rowNo: 1, cells: ['第二张表'] }] },
    ]);
  });

  it('reads a workbook whose parts are stored unpacked, a few bytes at a time', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `${chineseText(i, 20)}𠮷`);
    const cell = (n: string, i: number) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${n}</t></is></c></row>`;
    const buf = oneSheet(names.map(cell).join(''), { stored: true });
    expect((await inspectXlsx(buf)).problem).toBeNull();
    for (const chunkSize of [1, 7, 4096]) {
      const got: string[] = [];
      for await (const ws of readXlsx(buf, { chunkSize }))
        for await (const rs of ws.rows) got.push(...rs.map((r) => r.cells[0]));
      expect(got, `chunks of ${chunkSize}`).toEqual(names);
    }
  });

  it('tells date formats from number formats', () => {
    const dates = ['yyyy"年"m"月"d"日"', 'yyyy/m/d;@', '[$-804]yyyy年m月d日', 'h:mm:ss', '[h]:mm', 'mm-dd-yy'];
    for (const f of dates) expect(isDateFormat(f), f).toBe(true);
    const numbers = [
      'General',
      '#,##0.00"万元"',
      '0.00_);[Red]\\(0.00\\)',
      '0%',
      '@',
      '[DBNum1][$-804]General',
      '0.00E+00',
    ];
    for (const f of numbers) expect(isDateFormat(f), f).toBe(false);
  });

  it('passes a broken sheet on as an error, not as rows', async () => {
    const bad = oneSheet('<row r="1"><c t="inlineStr"><is><t>甲</t></is></c></row><row>');
    await expect(readAll(await tempFile(bad))).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      message: expect.stringMatching(/^xlsx: /),
    });
  });

  it('does not blame the file when the file cannot even be opened', async () => {
    const err = await readAll(path.join(dir, 'no-such-file.xlsx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBeUndefined();
    expect(String(err)).toContain('ENOENT');
  });

  it('refuses a cell placed beyond the last column instead of filling a row with millions of cells', async () => {
    const far = oneSheet('<row r="1"><c r="ZZZZZ1" t="inlineStr"><is><t>甲</t></is></c></row>');
    await expect(readAll(await tempFile(far))).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      message: expect.stringContaining('beyond the last column'),
    });
  });
});

describe('unreadable characters', () => {
  it('are found in the cells as read, column by column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['企业名称', '备注']);
    ws.addRow(['聊城市盛鲁酒店管理有限公司', '邮编 252800']);
    ws.addRow(['\uFFFD\uFFFD城市盛鲁酒店管理有限公司', '邮\uFFFD\uFFFD 252800']);
    const [sheet] = await readAll(await tempFile(await wb.xlsx.writeBuffer()));
    expect(sheet.rows.map((r) => [r.rowNo, unreadableColumns(r.cells)])).toEqual([
      [1, []],
      [2, []],
      [3, [0, 1]],
    ]);
  });
});

// ------------------------------------------------------------------------------------------------ csv

/** GB18030 bytes for Chinese text, from the decoder's own two-byte table, anchored on codes known from the standard. */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (ch === '𠮷')
      out.push(0x95, 0x34, 0xb2, 0x35); // U+20BB7, a four-byte sequence (GB18030's linear mapping)
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

async function csvAll(buf: Buffer) {
  const out: { encoding?: string; rows: SheetRow[] }[] = [];
  for await (const s of csvSheets(buf)) {
    const rows: SheetRow[] = [];
    for await (const r of s.rows) rows.push(r);
    out.push({ encoding: s.encoding, rows });
  }
  return out;
}

describe('csv encodings', () => {
  const text =
    '项目名称,总投资（亿元）,所在县（市、区）,项目进展\r\n年产5万吨铝合金项目,5,东昌府区,正在建设\r\n𠮷祥物流园,"1,200",临清市,已签约\r\n';
  const rows = [
    { rowNo: 1, cells: ['项目名称', '总投资（亿元）', '所在县（市、区）', '项目进展'] },
    { rowNo: 2, cells: ['年产5万吨铝合金项目', '5', '东昌府区', '正在建设'] },
    { rowNo: 3, cells: ['𠮷祥物流园', '1,200', '临清市', '已签约'] },
  ];

  it('knows the standard GB18030 codes it encodes with', () => {
    expect([...gb18030('中文项目')]).toEqual([0xd6, 0xd0, 0xce, 0xc4, 0xcf, 0xee, 0xc4, 0xbf]);
  });

  it('reads UTF-8, UTF-8 with a BOM, GB18030 and UTF-16 to the same rows', async () => {
    const files: [string, Buffer][] = [
      ['utf-8', Buffer.from(text, 'utf8')],
      ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['gbk', gb18030(text)],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ];
    for (const [encoding, buf] of files) {
      const sheets = await csvAll(buf);
      expect(sheets, encoding).toEqual([{ encoding, rows }]);
    }
  });

  it('reads GBK bytes as GB18030, four-byte characters included, and refuses what is not text', () => {
    const bytes = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0x95, 0x34, 0xb2, 0x35]);
    expect(decodeText(bytes)).toEqual({ text: '中文,𠮷', encoding: 'gbk' });
    expect(decodeText(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeNull();
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toBeNull(); // a lone surrogate after a UTF-16 mark
  });
});
