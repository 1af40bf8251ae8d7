// Reading rows of cell texts from an .xlsx (xlsx.ts, streamed, in a worker thread) or a .csv (UTF-8 with or without
// BOM, UTF-16 with BOM, or GB18030/GBK). Every cell becomes a string: numbers as plain decimals, dates as YYYY-MM-DD.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import type { SheetRow } from './xlsx.js';

export type { SheetRow } from './xlsx.js';
export interface Sheet {
  name: string;
  rows: AsyncIterable<SheetRow>;
  encoding?: string;
}

type WorkerMessage =
  | { t: 'sheet'; name: string }
  | { t: 'rows'; rows: SheetRow[] }
  | { t: 'sheetEnd' }
  | { t: 'done' }
  | { t: 'error'; message: string; damaged: boolean };

/**
 * The worksheets of an .xlsx file, read in a worker thread (xlsx-worker.mjs) whose heap is capped: the streaming
 * reader's garbage stays in the worker, and parsing runs beside the conversion and the database writes.
 */
export async function* xlsxSheetsInWorker(path: string, heapMb = 192): AsyncGenerator<Sheet> {
  const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
    workerData: { path, batchSize: 500, window: 4 },
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let exited = false;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  const next = async (): Promise<WorkerMessage> => {
    for (;;) {
      const m = queue.shift();
      if (m) {
        if (m.t === 'error') {
          // a workbook the reader cannot read (broken XML, a damaged part) is the file's fault, and said so
          if (m.damaged) throw new AppError('FILE_TYPE_MISMATCH', undefined, `xlsx: ${m.message}`);
          throw new Error(`xlsx: ${m.message}`);
        }
        worker.postMessage('more');
        return m;
      }
      if (failure) throw failure;
      if (exited) throw new Error('xlsx reader stopped');
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = null;
    }
  };
  try {
    let m = await next();
    while (m.t !== 'done') {
      if (m.t !== 'sheet') {
        m = await next();
        continue;
      }
      let finished = false;
      const gen = (async function* () {
        while (!finished) {
          const r = await next();
          if (r.t === 'rows') yield* r.rows;
          else finished = true; // sheetEnd
        }
      })();
      yield { name: m.name, rows: { [Symbol.asyncIterator]: () => gen } };
      while (!finished) {
        const r = await next();
        if (r.t !== 'rows') finished = true;
      } // what the caller left unread
      m = await next();
    }
  } finally {
    if (!exited) await worker.terminate();
  }
}

/**
 * Columns (0-based) whose text holds U+FFFD, the mark a decoder leaves where it could not read the bytes. The readers
 * here decode correctly, so such a cell means a file already damaged or a reading fault: the row is refused
 * (checks.ts), never stored with the mark in it.
 */
export function unreadableColumns(cells: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) if (cells[i].includes('\uFFFD')) out.push(i);
  return out;
}

// ------------------------------------------------------------------------------------------------ csv

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

/**
 * The text of a .csv: by its byte-order mark (UTF-8, or UTF-16 as Excel's "Unicode text" writes it), else UTF-8 if the
 * bytes are strictly UTF-8, else GB18030 — what Excel on Chinese Windows writes. 'gbk' names that family: decoding as
 * GB18030, its superset, also reads the four-byte characters of rare names. Null when the bytes are not text.
 */
export function decodeText(buf: Buffer): { text: string; encoding: TextEncoding } | null {
  const bom: [number[], TextEncoding][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [mark, encoding] of bom) {
    if (buf.length < mark.length || !mark.every((b, i) => buf[i] === b)) continue;
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(buf.subarray(mark.length)), encoding };
    } catch {
      return null;
    }
  }
  const sample = buf.subarray(0, Math.min(buf.length, 64 * 1024));
  if (sample.includes(0)) return null;
  for (const [label, encoding] of [
    ['utf-8', 'utf-8'],
    ['gb18030', 'gbk'],
  ] as const) {
    try {
      return { text: new TextDecoder(label, { fatal: true }).decode(buf), encoding };
    } catch {
      /* the next */
    }
  }
  return null;
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
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
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
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        cell += ch;
        i++;
        continue;
      }
      if (ch === '"' && cell.trim() === '') {
        quoted = true;
        cell = '';
        i++;
        continue;
      }
      if (ch === d) {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      }
      cell += ch;
      i++;
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
  const rows = csvRows(decoded.text, onProgress);
  yield {
    name: 'CSV',
    encoding: decoded.encoding,
    rows: {
      [Symbol.asyncIterator]: async function* () {
        yield* rows;
      },
    },
  };
}
