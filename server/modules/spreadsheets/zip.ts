// Looking inside an .xlsx before any spreadsheet library touches it: the zip's central directory is read first and
// checked for what an xlsx must hold and for zip bombs (too much data unpacked, or an abnormal compression ratio);
// then every entry is inflated once, counting bytes and throwing the output away, so that sizes that lie are caught.
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxTotal: number;
  /** Uncompressed : compressed, for the whole archive and for any entry larger than `ratioFloor`. */
  maxRatio: number;
  /** Entries (and archives) smaller than this unpacked are not judged by their ratio. */
  ratioFloor: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotal: 300 * 1024 * 1024,
  maxRatio: 100,
  ratioFloor: 1024 * 1024,
  maxEntries: 10_000,
};

export type ZipProblem = { code: 'FILE_TYPE_MISMATCH' | 'FILE_ZIP_BOMB'; detail: string };

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

/** The central directory's entries, or a problem when the buffer is no (sound) zip archive. */
export function readCentralDirectory(
  buf: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): { entries: ZipEntry[]; cdOffset: number } | ZipProblem {
  const bad = (detail: string): ZipProblem => ({ code: 'FILE_TYPE_MISMATCH', detail });
  if (buf.length < 22 || buf.readUInt32LE(0) !== LFH) return bad('not a zip archive');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bad('no end of central directory');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== EOCD64_LOCATOR) return bad('zip64 locator missing');
    const z = Number(buf.readBigUInt64LE(loc + 8));
    if (z < 0 || z + 56 > buf.length || buf.readUInt32LE(z) !== EOCD64) return bad('zip64 end record missing');
    count = Number(buf.readBigUInt64LE(z + 32));
    cdSize = Number(buf.readBigUInt64LE(z + 40));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (count > limits.maxEntries) return { code: 'FILE_ZIP_BOMB', detail: `${count} entries` };
  if (cdOffset + cdSize > buf.length) return bad('central directory outside the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH) return bad('broken central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64 sizes live in the extra field (id 1), in this order, only for the values that overflowed.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          uncompressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= e + 4 + len) {
          localHeaderOffset = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
      }
      e += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p = eEnd + commentLen;
  }
  return { entries, cdOffset };
}

/** Judges the declared sizes: the total unpacked and the compression ratios. */
export function judgeSizes(entries: ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipProblem | null {
  let total = 0;
  let packed = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    packed += e.compressedSize;
    if (
      e.uncompressedSize > limits.ratioFloor &&
      e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)
    ) {
      return {
        code: 'FILE_ZIP_BOMB',
        detail: `entry ${e.name}: ratio ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1`,
      };
    }
  }
  if (total > limits.maxTotal) return { code: 'FILE_ZIP_BOMB', detail: `${total} bytes unpacked` };
  if (total > limits.ratioFloor && total > limits.maxRatio * Math.max(1, packed)) {
    return { code: 'FILE_ZIP_BOMB', detail: `ratio ${Math.round(total / Math.max(1, packed))}:1` };
  }
  return null;
}

/** Where an entry's data begins (after its local header), or -1 when the local header is not where the directory says. */
export function dataStart(buf: Buffer, e: ZipEntry): number {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LFH) return -1;
  return p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
}

/**
 * Inflates every entry once, counting bytes and keeping none, so that a directory that understates sizes is caught;
 * also checks that the entries follow one another with nothing hidden between them (a streaming unzipper would read it).
 * Counts the `<row` tags of worksheets on the way (the rows to expect, for the progress bar).
 */
export async function verifyEntries(
  buf: Buffer,
  entries: ZipEntry[],
  cdOffset: number,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ problem: ZipProblem | null; sheetRows: number }> {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  let total = 0;
  let sheetRows = 0;
  for (const e of sorted) {
    const gap = e.localHeaderOffset - expected;
    if (gap < 0 || gap > 24)
      return { problem: { code: 'FILE_TYPE_MISMATCH', detail: `unexpected data before ${e.name}` }, sheetRows };
    const start = dataStart(buf, e);
    if (start < 0 || start + e.compressedSize > buf.length)
      return { problem: { code: 'FILE_TYPE_MISMATCH', detail: `broken entry ${e.name}` }, sheetRows };
    expected = start + e.compressedSize;
    const data = buf.subarray(start, start + e.compressedSize);
    const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize)
        return { problem: { code: 'FILE_TYPE_MISMATCH', detail: `stored entry ${e.name} sizes differ` }, sheetRows };
      if (isSheet) sheetRows += countRows(data.toString('latin1'));
      total += e.uncompressedSize;
    } else if (e.method === 8) {
      const r = await inflateCount(data, e.uncompressedSize, isSheet);
      if (r.over)
        return {
          problem: { code: 'FILE_ZIP_BOMB', detail: `entry ${e.name} unpacks to more than it declares` },
          sheetRows,
        };
      if (r.error || r.bytes !== e.uncompressedSize)
        return { problem: { code: 'FILE_TYPE_MISMATCH', detail: `entry ${e.name} is corrupt` }, sheetRows };
      sheetRows += r.rows;
      total += r.bytes;
    } else {
      return {
        problem: { code: 'FILE_TYPE_MISMATCH', detail: `entry ${e.name} uses compression method ${e.method}` },
        sheetRows,
      };
    }
    if (total > limits.maxTotal)
      return { problem: { code: 'FILE_ZIP_BOMB', detail: `${total} bytes unpacked` }, sheetRows };
  }
  const tail = cdOffset - expected;
  if (tail < 0 || tail > 24)
    return {
      problem: { code: 'FILE_TYPE_MISMATCH', detail: 'unexpected data before the central directory' },
      sheetRows,
    };
  return { problem: null, sheetRows };
}

const ROW_TAG = /<row[\s>]/g;
const countRows = (s: string) => (s.match(ROW_TAG) ?? []).length;

function inflateCount(
  data: Buffer,
  declared: number,
  countTags: boolean,
): Promise<{ bytes: number; over: boolean; error: boolean; rows: number }> {
  return new Promise((resolve) => {
    const z = createInflateRaw({ chunkSize: 256 * 1024 });
    let bytes = 0;
    let rows = 0;
    let carry = '';
    let done = false;
    const finish = (r: { over: boolean; error: boolean }) => {
      if (done) return;
      done = true;
      resolve({ bytes, rows, ...r });
    };
    z.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > declared) {
        finish({ over: true, error: false });
        z.destroy();
        return;
      }
      if (countTags) {
        const s = carry + chunk.toString('latin1');
        rows += countRows(s);
        // keep the last few characters in case a tag is split across chunks (and is not counted twice)
        const tail = s.slice(-4);
        carry = /<r?o?w?$/.test(tail) ? tail.slice(tail.lastIndexOf('<')) : '';
      }
    });
    z.on('error', () => finish({ over: false, error: true }));
    z.on('end', () => finish({ over: false, error: false }));
    z.end(data);
  });
}

/** What an .xlsx must contain. */
export function looksLikeXlsx(entries: ZipEntry[]): boolean {
  const names = new Set(entries.map((e) => e.name));
  return names.has('[Content_Types].xml') && names.has('xl/workbook.xml');
}

/** The whole check of an .xlsx held in memory; null when it may be read. */
export async function inspectXlsx(
  buf: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ problem: ZipProblem | null; sheetRows: number }> {
  const cd = readCentralDirectory(buf, limits);
  if ('code' in cd) return { problem: cd, sheetRows: 0 };
  if (!looksLikeXlsx(cd.entries))
    return { problem: { code: 'FILE_TYPE_MISMATCH', detail: 'a zip archive without xl/workbook.xml' }, sheetRows: 0 };
  const sizes = judgeSizes(cd.entries, limits);
  if (sizes) return { problem: sizes, sheetRows: 0 };
  return verifyEntries(buf, cd.entries, cd.cdOffset, limits);
}
