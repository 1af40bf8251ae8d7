// Evidence files (agreements, licences, photos), uploaded as base64 JSON and kept in the database.
// The type is decided by the server from the extension AND the file's first bytes; a mismatch is refused.
// Files hang on records of other modules (today: projects). Each such module registers how to find one of its records
// within the caller's scope, so that a file is seen exactly by those who see its record.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import * as repo from './repository.js';

export type { FileRow } from './repository.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const zipHas = (b: Buffer, entry: string) => startsWith(b, ZIP) && b.includes(Buffer.from(entry, 'latin1'));

/** Allowed extensions: the MIME type the server sends back, and the check of the content. */
export const FILE_TYPES: Record<string, { mime: string; matches: (b: Buffer) => boolean }> = {
  pdf: { mime: 'application/pdf', matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  png: { mime: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    matches: (b) => zipHas(b, 'word/'),
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: (b) => zipHas(b, 'xl/') },
  doc: { mime: 'application/msword', matches: (b) => startsWith(b, OLE) },
  xls: { mime: 'application/vnd.ms-excel', matches: (b) => startsWith(b, OLE) },
  ofd: { mime: 'application/ofd', matches: (b) => zipHas(b, 'OFD.xml') },
};

// ---------------------------------------------------------------------------------------------- owners

export type FileEntityType = 'project';

/** How the owning module finds one of its records for the caller: undefined when absent or outside the scope. */
export type FindOwner = (tx: Tx, ctx: AuthedContext, id: number) => Promise<{ id: number; name: string } | undefined>;

const owners = new Map<FileEntityType, FindOwner>();

/** Called once by each module whose records carry files. */
export function registerFileOwner(entityType: FileEntityType, find: FindOwner): void {
  owners.set(entityType, find);
}

/** The record a file hangs on, as the caller may see it; undefined for a file of no (known) record. */
async function findOwner(tx: Tx, ctx: AuthedContext, entityType: string | null, id: number | null) {
  const find = entityType === null ? undefined : owners.get(entityType as FileEntityType);
  return find && id !== null ? find(tx, ctx, id) : undefined;
}

// ---------------------------------------------------------------------------------------------- upload and download

/** A file name without folders or control characters. */
export function safeFileName(name: string): string {
  const base = name
    .replace(/^.*[\\/]/, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes from the name
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim();
  return base.slice(-200) || 'file';
}

export async function uploadFile(
  db: Db,
  ctx: AuthedContext,
  entityType: FileEntityType,
  input: { entityId: number; name: string; contentBase64: string },
) {
  const name = safeFileName(input.name);
  let b64 = input.contentBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
    errors.push({ field: 'contentBase64', code: 'invalid' });
    b64 = '';
  }
  const data = Buffer.from(b64, 'base64');
  if (b64 && data.length === 0) errors.push({ field: 'contentBase64', code: 'required' });
  if (data.length > MAX_FILE_BYTES) errors.push({ field: 'contentBase64', code: 'file_too_large' });
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !FILE_TYPES[ext]) errors.push({ field: 'name', code: 'file_type' });
  else if (data.length && !FILE_TYPES[ext].matches(data)) errors.push({ field: 'contentBase64', code: 'file_type' });
  return db.transaction(async (tx) => {
    // A record outside the scope answers 404 before any field error, as if absent.
    const owner = await findOwner(tx, ctx, entityType, input.entityId);
    if (!owner) throw new AppError('NOT_FOUND');
    if (errors.length) throw validationError(errors);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const mime = FILE_TYPES[ext!].mime;
    const id = await repo.insertFile(tx, {
      entityType,
      entityId: owner.id,
      name,
      mime,
      size: data.length,
      sha256,
      data,
      uploadedBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'file.upload',
      targetType: entityType,
      targetId: owner.id,
      targetLabel: owner.name,
      detail: `file ${id}: ${name} (${data.length} bytes, sha256 ${sha256})`,
    });
    return {
      id,
      name,
      mime,
      size: data.length,
      sha256,
      stageEventId: null,
      uploadedBy: ctx.principal.userId,
      uploadedByName: ctx.principal.displayName,
      createdAt: new Date(),
    };
  });
}

/** The file's bytes, when its record is within the caller's scope; otherwise NOT_FOUND. */
export async function downloadFile(db: Db, ctx: AuthedContext, id: number) {
  const row = await repo.findFile(db, id);
  if (!row || !(await findOwner(db, ctx, row.entityType, row.entityId))) throw new AppError('NOT_FOUND');
  return row;
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// ---------------------------------------------------------------------------------------------- for the owning modules
// The caller has checked the record against the reader's scope.

export const filesOf = (tx: Tx, entityType: FileEntityType, entityId: number) =>
  repo.filesOfEntity(tx, entityType, entityId);
export const filesOfStageEvents = (tx: Tx, eventIds: number[]) => repo.filesOfEvents(tx, eventIds);
export const attachableProjectFiles = (tx: Tx, projectId: number, fileIds: number[]) =>
  repo.attachableFiles(tx, projectId, fileIds);
export const attachFilesToStageEvent = (tx: Tx, fileIds: number[], eventId: number) =>
  repo.attachFiles(tx, fileIds, eventId);
