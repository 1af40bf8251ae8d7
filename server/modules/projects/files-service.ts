// Evidence files of projects (agreements, licences, photos), uploaded as base64 JSON and kept in the database.
// The type is decided by the server from the extension AND the file's first bytes; a mismatch is refused.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { resolveScope } from '../../core/scope.js';
import * as repo from './repository.js';

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
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: (b) => zipHas(b, 'word/') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: (b) => zipHas(b, 'xl/') },
  doc: { mime: 'application/msword', matches: (b) => startsWith(b, OLE) },
  xls: { mime: 'application/vnd.ms-excel', matches: (b) => startsWith(b, OLE) },
  ofd: { mime: 'application/ofd', matches: (b) => zipHas(b, 'OFD.xml') },
};

/** A file name without folders or control characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return base.slice(-200) || 'file';
}

export function sniff(name: string, data: Buffer): { mime: string } | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const t = ext ? FILE_TYPES[ext] : undefined;
  return t && t.matches(data) ? { mime: t.mime } : null;
}

export async function uploadFile(db: Db, ctx: AuthedContext, input: { projectId: number; name: string; contentBase64: string }) {
  const scope = await resolveScope(db, ctx.principal);
  const name = safeFileName(input.name);
  let b64 = input.contentBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) { errors.push({ field: 'contentBase64', code: 'invalid' }); b64 = ''; }
  const data = Buffer.from(b64, 'base64');
  if (b64 && data.length === 0) errors.push({ field: 'contentBase64', code: 'required' });
  if (data.length > MAX_FILE_BYTES) errors.push({ field: 'contentBase64', code: 'file_too_large' });
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !FILE_TYPES[ext]) errors.push({ field: 'name', code: 'file_type' });
  else if (data.length && !FILE_TYPES[ext].matches(data)) errors.push({ field: 'contentBase64', code: 'file_type' });
  return db.transaction(async (tx) => {
    const project = await repo.findProject(tx, scope, input.projectId);
    if (!project) throw new AppError('NOT_FOUND');
    if (errors.length) throw validationError(errors);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const mime = FILE_TYPES[ext!].mime;
    const id = await repo.insertFile(tx, { entityType: 'project', entityId: project.id, name, mime, size: data.length, sha256, data,
      uploadedBy: ctx.principal.userId });
    await writeAudit(tx, ctx, { action: 'file.upload', targetType: 'project', targetId: project.id, targetLabel: project.name,
      detail: `file ${id}: ${name} (${data.length} bytes, sha256 ${sha256})` });
    return { id, name, mime, size: data.length, sha256, stageEventId: null, uploadedBy: ctx.principal.userId,
      uploadedByName: ctx.principal.displayName, createdAt: new Date() };
  });
}

/** The file's bytes, when its project is within the caller's scope; otherwise NOT_FOUND. */
export async function downloadFile(db: Db, ctx: AuthedContext, id: number) {
  const row = await repo.findFileInScope(db, await resolveScope(db, ctx.principal), id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function listProjectFiles(db: Db, ctx: AuthedContext, projectId: number) {
  const project = await repo.findProject(db, await resolveScope(db, ctx.principal), projectId);
  if (!project) throw new AppError('NOT_FOUND');
  return { items: await repo.filesOfProject(db, projectId) };
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
