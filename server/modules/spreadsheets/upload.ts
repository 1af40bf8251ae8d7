// Receiving an uploaded spreadsheet: streamed to a private temporary file (hashed and counted on the way, cut off at
// the size limit), then checked to be what its name claims before anything parses it.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, validationError } from '../../core/errors.js';
import { decodeText, looksLikeText } from './reader.js';
import { MAX_FILE_BYTES, type UploadedFile } from './service.js';
import { inspectXlsx } from './zip.js';

export interface Received {
  fields: Record<string, string>;
  file: { path: string; fileName: string; size: number; sha256: string };
}

const tooLarge = (e: unknown) => (e as { code?: string })?.code === 'FST_REQ_FILE_TOO_LARGE';

/** Reads the multipart body: form fields and one file. Throws FILE_TOO_LARGE past the limit. */
export async function receive(req: FastifyRequest): Promise<Received> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FILE_BYTES + 1024 * 1024) throw new AppError('FILE_TOO_LARGE');
  if (!req.isMultipart()) throw validationError([{ field: 'file', code: 'required' }]);
  const fields: Record<string, string> = {};
  let file: Received['file'] | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (file) {
        part.file.resume();
        throw validationError([
          { field: 'file', code: 'invalid', message: '一次只能上传一个文件 / one file at a time' },
        ]);
      }
      const tmp = path.join(os.tmpdir(), `magnet-import-${randomBytes(12).toString('hex')}`);
      const hash = createHash('sha256');
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(part.file, count, createWriteStream(tmp, { mode: 0o600 }));
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
      if (part.file.truncated || size > MAX_FILE_BYTES) {
        await fs.rm(tmp, { force: true });
        throw new AppError('FILE_TOO_LARGE');
      }
      file = { path: tmp, fileName: part.filename || 'upload', size, sha256: hash.digest('hex') };
    }
  } catch (e) {
    if (file) await fs.rm(file.path, { force: true });
    if (tooLarge(e)) throw new AppError('FILE_TOO_LARGE');
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string })?.code ?? '';
    if (code.startsWith('FST_')) throw validationError([{ field: 'file', code: 'invalid' }]);
    throw e;
  }
  if (!file) throw validationError([{ field: 'file', code: 'required' }]);
  return { fields, file };
}

/** Checks that the file is what its name says: an .xlsx is a sound zip holding a workbook and no bomb; a .csv is text. */
export async function inspect(f: Received['file']): Promise<UploadedFile> {
  const ext = path.extname(f.fileName).toLowerCase();
  try {
    if (f.size === 0) throw new AppError('FILE_EMPTY');
    if (ext === '.xlsx' || ext === '.xlsm') {
      const buf = await fs.readFile(f.path);
      const r = await inspectXlsx(buf);
      if (r.problem) throw new AppError(r.problem.code, undefined, r.problem.detail);
      return { ...f, kind: 'xlsx', sheetRows: r.sheetRows };
    }
    if (ext === '.csv' || ext === '.txt') {
      const buf = await fs.readFile(f.path);
      const d = decodeText(buf);
      if (!d || !looksLikeText(d.text)) throw new AppError('FILE_TYPE_MISMATCH', undefined, 'not UTF-8 or GBK text');
      return { ...f, kind: 'csv', buffer: buf };
    }
    throw new AppError('FILE_TYPE_MISMATCH', undefined, `extension ${ext || '(none)'}`);
  } catch (e) {
    await fs.rm(f.path, { force: true });
    throw e;
  }
}
