// Reading an .xlsx as rows of cell texts, streamed. Our own reader over saxes (the XML parser jsdom uses) rather than
// ExcelJS's streaming reader, which turned each inflated chunk into a string on its own and so broke a Chinese
// character split across two chunks into U+FFFD (exceljs issues 2063, 2084, 2316; no fix released, the forks keep the
// bug). Here one TextDecoder per entry, in streaming mode, carries a split character over to the next chunk.
// The zip is read through the central directory that zip.ts has already checked for bombs and hidden data, so the
// reader reads exactly what was inspected; parts are read in the order we need (strings and styles before sheets).
// Runs in the worker thread (xlsx-worker.mjs) in production and in the tests alike.
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { dateCellText, numberToPlain } from './values.js';
import { dataStart, readCentralDirectory, type ZipEntry } from './zip.js';

export interface SheetRow {
  rowNo: number;
  cells: string[];
}
export interface XlsxSheet {
  name: string;
  rows: AsyncGenerator<SheetRow[]>;
}

// ------------------------------------------------------------------------------------------------ zip entries

/** Bytes of inflated XML handed to the parser at a time (the tests use small chunks, to split many characters). */
const CHUNK = 64 * 1024;

/** The entry's text, chunk by chunk, decoded as UTF-8 with split characters carried over. */
async function* entryText(buf: Buffer, e: ZipEntry, chunkSize: number): AsyncGenerator<string> {
  const start = dataStart(buf, e);
  if (start < 0) throw new Error(`broken entry ${e.name}`);
  const data = buf.subarray(start, start + e.compressedSize);
  const decoder = new TextDecoder('utf-8');
  if (e.method === 0) {
    // stored, not deflated: still handed on in chunks, so that a large sheet's rows are not all held at once
    for (let at = 0; at < data.length; at += chunkSize) {
      yield decoder.decode(data.subarray(at, at + chunkSize), { stream: true });
    }
  } else if (e.method === 8) {
    const inflate = createInflateRaw({ chunkSize });
    inflate.end(data);
    for await (const chunk of inflate) yield decoder.decode(chunk as Buffer, { stream: true });
  } else {
    throw new Error(`entry ${e.name} uses compression method ${e.method}`);
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The element's name without its namespace prefix (`x:c` → `c`; some writers prefix every element). */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  text(t: string): void;
  close(name: string): void;
}

/** Parses one entry, calling `after` once each chunk's events are handled (to hand completed rows on). */
async function* parseEntry<T>(
  buf: Buffer,
  e: ZipEntry,
  h: XmlHandlers,
  after: () => T | undefined,
  chunkSize = CHUNK,
): AsyncGenerator<T> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (t: SaxesTagPlain) => h.open(local(t.name), t.attributes));
  parser.on('text', (t: string) => h.text(t));
  parser.on('cdata', (t: string) => h.text(t));
  parser.on('closetag', (t: SaxesTagPlain) => h.close(local(t.name)));
  for await (const chunk of entryText(buf, e, chunkSize)) {
    parser.write(chunk);
    const out = after();
    if (out !== undefined) yield out;
  }
  parser.close();
  const out = after();
  if (out !== undefined) yield out;
}

async function parseAll(buf: Buffer, e: ZipEntry, h: XmlHandlers, chunkSize = CHUNK): Promise<void> {
  for await (const _ of parseEntry(buf, e, h, () => undefined, chunkSize)) {
    /* handlers collect */
  }
}

/** A string as stored (ST_Xstring): `_xHHHH_` stands for a character XML cannot hold (Excel writes CR as `_x000D_`). */
export function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A zip entry's path resolved against a folder of the package (`worksheets/sheet1.xml`, `/xl/…`, `../xl/…`). */
function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${base}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

// ------------------------------------------------------------------------------------------------ workbook parts

interface Workbook {
  date1904: boolean;
  sheets: { name: string; relId: string; hidden: boolean }[];
}

async function readWorkbook(buf: Buffer, e: ZipEntry): Promise<Workbook> {
  const wb: Workbook = { date1904: false, sheets: [] };
  await parseAll(buf, e, {
    open(name, a) {
      if (name === 'workbookPr') wb.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const idKey = Object.keys(a).find((k) => k.endsWith(':id'));
        const hidden = !!a.state && a.state !== 'visible'; // hidden or veryHidden
        wb.sheets.push({ name: a.name ?? '', relId: idKey ? a[idKey] : '', hidden });
      }
    },
    text() {},
    close() {},
  });
  return wb;
}

async function readRelationships(buf: Buffer, e: ZipEntry): Promise<Map<string, string>> {
  const rels = new Map<string, string>();
  await parseAll(buf, e, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') rels.set(a.Id, a.Target);
    },
    text() {},
    close() {},
  });
  return rels;
}

/**
 * The shared strings: each `<si>` is the text of its `<t>` elements, run after run (rich text), without the phonetic
 * guide (`<rPh>`, the reading shown above the characters), which is not part of the value.
 */
async function readSharedStrings(buf: Buffer, e: ZipEntry, chunkSize: number): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inT = false;
  let inPhonetic = false;
  await parseAll(
    buf,
    e,
    {
      open(name) {
        if (name === 'si') text = '';
        else if (name === 't') inT = !inPhonetic;
        else if (name === 'rPh') inPhonetic = true;
      },
      text(t) {
        if (inT) text += t;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'si') strings.push(unescapeXstring(text));
      },
    },
    chunkSize,
  );
  return strings;
}

/** Built-in number formats that show a date or time (27–36 and 50–58 are the East Asian date formats). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a format code shows a date or time: y, m, d, h or s outside quoted text, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[\\_*]./g, '');
  return /[ymdhs]/i.test(bare.replace(/General/gi, ''));
}

/**
 * What a cell style's number format means for the text of a number: a date, or a code shown with leading zeros
 * ("000000": the clerk sees 052800 and means it, though the cell holds 52800).
 */
export interface NumberStyle {
  date: boolean;
  zeroWidth: number;
}

/** The number style of each cell style (the `s` of a cell). */
async function readNumberStyles(buf: Buffer, e: ZipEntry): Promise<NumberStyle[]> {
  const custom = new Map<number, string>();
  const styles: NumberStyle[] = [];
  let inCellXfs = false;
  await parseAll(buf, e, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push({
          date: code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id),
          zeroWidth: code !== undefined && /^0{2,}$/.test(code) ? code.length : 0,
        });
      }
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

// ------------------------------------------------------------------------------------------------ cells

export interface CellContext {
  shared: string[];
  styles: NumberStyle[];
  date1904: boolean;
}

/** A cell as read from the sheet: its type (`t`), style index (`s`), value (`<v>`), inline text and formula flag. */
export interface RawCell {
  t: string;
  s: number;
  v: string;
  inline: string;
  formula: boolean;
}

/** Excel's serial day number as a date (1900 system counted from 1899-12-30 for Excel's phantom 1900-02-29). */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/**
 * The text of a cell: strings as written, date-formatted numbers as YYYY-MM-DD, other numbers as plain decimals to
 * Excel's own 15 significant digits (a formula's 1358.0160000000001 is the 1358.016 the clerk sees).
 */
export function cellText(c: RawCell, ctx: CellContext): string {
  switch (c.t) {
    case 's':
      return ctx.shared[Number(c.v)] ?? '';
    case 'inlineStr':
      return unescapeXstring(c.inline || c.v);
    case 'str':
      return unescapeXstring(c.v);
    case 'e':
      return c.v;
    case 'b':
      return c.v === '' ? '' : Number(c.v) !== 0 ? 'TRUE' : 'FALSE';
    case 'd': {
      // ISO 8601 (strict OOXML); a time without a zone is the sheet's wall clock, read as UTC like serial dates
      const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(c.v) || !c.v.includes('T') ? c.v : `${c.v}Z`;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? c.v : dateCellText(d);
    }
    default: {
      const raw = c.v.trim();
      if (!raw) return '';
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      const style = ctx.styles[c.s];
      if (style?.date) return dateCellText(serialToDate(n, ctx.date1904));
      if (style?.zeroWidth && Number.isInteger(n) && n >= 0) return String(n).padStart(style.zeroWidth, '0');
      return numberToPlain(Number(n.toPrecision(15)));
    }
  }
}

/** Excel's last column is XFD, the 16,384th: a reference past it is a damaged file (and would make rows huge). */
const MAX_COLUMNS = 16_384;

/** Column index (0-based) of a cell reference: "A1" → 0, "AB12" → 27; -1 when there is none. */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

/** The rows of one worksheet, a chunk's worth at a time; trailing empty cells are dropped. */
async function* worksheetRows(
  buf: Buffer,
  e: ZipEntry,
  ctx: CellContext,
  chunkSize: number,
): AsyncGenerator<SheetRow[]> {
  let done: SheetRow[] = [];
  let inData = false;
  let row: SheetRow | null = null;
  let lastRowNo = 0;
  let col = -1;
  let cell: RawCell | null = null;
  let target: 'v' | 'is' | null = null; // where text goes
  let inPhonetic = false;
  const h: XmlHandlers = {
    open(name, a) {
      if (!inData) {
        if (name === 'sheetData') inData = true;
        return;
      }
      switch (name) {
        case 'row': {
          const r = Number(a.r);
          lastRowNo = Number.isInteger(r) && r > 0 ? r : lastRowNo + 1;
          row = { rowNo: lastRowNo, cells: [] };
          col = -1;
          break;
        }
        case 'c': {
          const at = a.r ? columnOf(a.r) : -1;
          col = at >= 0 ? at : col + 1;
          if (col >= MAX_COLUMNS) {
            throw new Error(`cell ${a.r ?? ''} in row ${lastRowNo} lies beyond the last column (XFD)`);
          }
          cell = { t: a.t ?? 'n', s: Number(a.s ?? 0), v: '', inline: '', formula: false };
          break;
        }
        case 'v':
          if (cell) target = 'v';
          break;
        case 'f':
          if (cell) cell.formula = true;
          break;
        case 't':
          if (cell && !inPhonetic) target = 'is';
          break;
        case 'rPh':
          inPhonetic = true;
          break;
      }
    },
    text(t) {
      if (!cell || !target) return;
      if (target === 'v') cell.v += t;
      else cell.inline += t;
    },
    close(name) {
      if (!inData) return;
      switch (name) {
        case 'v':
        case 't':
          target = null;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (row && cell) {
            const text = cellText(cell, ctx);
            if (text) {
              while (row.cells.length < col) row.cells.push('');
              row.cells[col] = text;
            }
          }
          cell = null;
          break;
        case 'row':
          if (row) {
            const cells = row.cells;
            let last = cells.length - 1;
            while (last >= 0 && !cells[last].trim()) last--;
            cells.length = last + 1;
            done.push(row);
          }
          row = null;
          break;
        case 'sheetData':
          inData = false;
          break;
      }
    },
  };
  yield* parseEntry(
    buf,
    e,
    h,
    () => {
      if (!done.length) return undefined;
      const out = done;
      done = [];
      return out;
    },
    chunkSize,
  );
}

// ------------------------------------------------------------------------------------------------ the workbook

/**
 * The worksheets of an .xlsx held in memory: the visible ones in the workbook's tab order, then the hidden ones (a
 * template's hidden sheet of drop-down lists must not be taken for the data). Each sheet's rows are read when asked
 * for; the shared strings and styles are read first, whatever their place in the zip.
 */
export async function* readXlsx(
  buf: Buffer,
  { chunkSize = CHUNK }: { chunkSize?: number } = {},
): AsyncGenerator<XlsxSheet> {
  const cd = readCentralDirectory(buf);
  if ('code' in cd) throw new Error(cd.detail);
  const byName = new Map<string, ZipEntry>();
  for (const e of cd.entries) byName.set(e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), e);
  const entry = (name: string) => byName.get(name.toLowerCase());

  const wbEntry = entry('xl/workbook.xml');
  if (!wbEntry) throw new Error('no xl/workbook.xml');
  const wb = await readWorkbook(buf, wbEntry);
  const relsEntry = entry('xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? await readRelationships(buf, relsEntry) : new Map<string, string>();
  const part = (type: RegExp, fallback: string) => {
    for (const t of rels.values()) if (type.test(t)) return entry(resolvePart('xl', t));
    return entry(fallback);
  };
  const sharedEntry = part(/sharedStrings\d*\.xml$/i, 'xl/sharedStrings.xml');
  const stylesEntry = part(/styles\d*\.xml$/i, 'xl/styles.xml');
  const ctx: CellContext = {
    shared: sharedEntry ? await readSharedStrings(buf, sharedEntry, chunkSize) : [],
    styles: stylesEntry ? await readNumberStyles(buf, stylesEntry) : [],
    date1904: wb.date1904,
  };
  const ordered = [...wb.sheets.filter((s) => !s.hidden), ...wb.sheets.filter((s) => s.hidden)];
  for (const s of ordered) {
    const target = rels.get(s.relId);
    if (!target) continue;
    const e = entry(resolvePart('xl', target));
    // chart sheets and dialog sheets hold no cells
    if (!e || !/worksheets\//i.test(e.name)) continue;
    yield { name: s.name, rows: worksheetRows(buf, e, ctx, chunkSize) };
  }
}
