// Reading rows of cell texts from an .xlsx (ExcelJS's streaming reader: the workbook is never held whole) or a .csv
// (UTF-8 with or without BOM, or GBK). Every cell becomes a string: numbers as plain decimals, dates as YYYY-MM-DD.
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { dateCellText, numberToPlain } from './values.js';

export interface SheetRow { rowNo: number; cells: string[] }
export interface Sheet { name: string; rows: AsyncIterable<SheetRow>; encoding?: string }

/** The text of one ExcelJS cell value (string, number, Date, rich text, formula result, hyperlink, error). */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToPlain(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateCellText(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if (o.text && typeof o.text === 'object') return cellText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

/** The rows of a worksheet reader as cell texts (trailing empty cells dropped). */
async function* worksheetRows(ws: AsyncIterable<ExcelJS.Row>): AsyncGenerator<SheetRow> {
  for await (const row of ws) {
    const values = row.values as unknown[];
    const cells: string[] = [];
    let last = -1;
    for (let i = 1; i < values.length; i++) {
      const t = cellText(values[i]);
      cells.push(t);
      if (t.trim()) last = i - 1;
    }
    cells.length = last + 1;
    yield { rowNo: row.number, cells };
  }
}

/** The worksheets of an .xlsx file, in order. A sheet the caller does not read is drained before the next one. */
export async function* xlsxSheets(path: string): AsyncGenerator<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  for await (const ws of reader) {
    let consumed = false;
    const rows = worksheetRows(ws as unknown as AsyncIterable<ExcelJS.Row>);
    const tracked: AsyncIterable<SheetRow> = {
      [Symbol.asyncIterator]() { consumed = true; return rows[Symbol.asyncIterator](); },
    };
    yield { name: (ws as unknown as { name?: string }).name ?? '', rows: tracked };
    if (!consumed) for await (const _ of rows) { /* drain */ }
    else for await (const _ of rows) { /* the rest, if the caller stopped early */ }
  }
}

type WorkerMessage =
  | { t: 'sheet'; name: string } | { t: 'rows'; rows: SheetRow[] } | { t: 'sheetEnd' } | { t: 'done' } | { t: 'error'; message: string };

/**
 * The worksheets of an .xlsx file, read in a worker thread (xlsx-worker.mjs) whose heap is capped: the streaming
 * reader's garbage stays in the worker, and parsing runs beside the conversion and the database writes.
 */
export async function* xlsxSheetsInWorker(path: string, heapMb = 192): AsyncGenerator<Sheet> {
  const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
    workerData: { path, batchSize: 500, window: 4 }, execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let exited = false;
  worker.on('message', (m: WorkerMessage) => { queue.push(m); wake?.(); });
  worker.on('error', (e) => { failure = e; wake?.(); });
  worker.on('exit', () => { exited = true; wake?.(); });
  const next = async (): Promise<WorkerMessage> => {
    for (;;) {
      const m = queue.shift();
      if (m) {
        if (m.t === 'error') throw new Error(`xlsx: ${m.message}`);
        worker.postMessage('more');
        return m;
      }
      if (failure) throw failure;
      if (exited) throw new Error('xlsx reader stopped');
      await new Promise<void>((r) => { wake = r; });
      wake = null;
    }
  };
  try {
    let m = await next();
    while (m.t !== 'done') {
      if (m.t !== 'sheet') { m = await next(); continue; }
      let finished = false;
      const gen = (async function* () {
        while (!finished) {
          const r = await next();
          if (r.t === 'rows') yield* r.rows;
          else finished = true; // sheetEnd
        }
      })();
      yield { name: m.name, rows: { [Symbol.asyncIterator]: () => gen } };
      while (!finished) { const r = await next(); if (r.t !== 'rows') finished = true; } // what the caller left unread
      m = await next();
    }
  } finally {
    if (!exited) await worker.terminate();
  }
}

// ------------------------------------------------------------------------------------------------ csv

/** UTF-8 (strictly, BOM dropped) or else GBK; null when the bytes are not text (NUL bytes, or neither decodes). */
export function decodeText(buf: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } | null {
  const sample = buf.subarray(0, Math.min(buf.length, 64 * 1024));
  if (sample.includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    return { text, encoding: 'utf-8' };
  } catch { /* not UTF-8 */ }
  try {
    const text = new TextDecoder('gbk', { fatal: true }).decode(buf);
    return { text, encoding: 'gbk' };
  } catch {
    return null;
  }
}

/** Looks plausibly like delimited text: printable characters, line breaks, few control characters. */
export function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 20_000);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
    if (c === 0xfffd) control++;
  }
  return control <= sample.length / 1000;
}

function detectDelimiter(text: string): string {
  const head = text.slice(0, 10_000).split(/\r?\n/).slice(0, 10).join('\n');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '，']) {
    let n = 0;
    let inQ = false;
    for (const ch of head) {
      if (ch === '"') inQ = !inQ;
      else if (!inQ && ch === d) n++;
    }
    if (n > bestCount) { best = d; bestCount = n; }
  }
  return best;
}

/** RFC 4180 rows ("" escapes, quoted line breaks), numbered as a spreadsheet would show them. */
export function* csvRows(text: string, onProgress?: (fraction: number) => void): Generator<SheetRow> {
  const d = detectDelimiter(text);
  const n = text.length;
  let i = 0;
  let rowNo = 0;
  while (i < n) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (;;) {
      if (i >= n) { cells.push(cell); break; }
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        cell += ch; i++; continue;
      }
      if (ch === '"' && cell.trim() === '') { quoted = true; cell = ''; i++; continue; }
      if (ch === d) { cells.push(cell); cell = ''; i++; continue; }
      if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      }
      cell += ch; i++;
    }
    rowNo++;
    while (cells.length && !cells[cells.length - 1].trim()) cells.pop();
    if (onProgress && rowNo % 2000 === 0) onProgress(i / n);
    yield { rowNo, cells };
  }
}

export async function* csvSheets(buf: Buffer, onProgress?: (fraction: number) => void): AsyncGenerator<Sheet> {
  const decoded = decodeText(buf);
  if (!decoded) return;
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  const rows = csvRows(text, onProgress);
  yield { name: 'CSV', encoding: decoded.encoding, rows: { [Symbol.asyncIterator]: async function* () { yield* rows; } } };
}
