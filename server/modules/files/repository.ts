// Data access for stored files. A file hangs on one record (entity type and id); whether the caller may see it is
// the owning module's question, asked by the service before any file of the record is read.
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { files, projectStageEvents, users } from '../../db/schema.js';

const fileColumns = {
  id: files.id,
  name: files.name,
  mime: files.mime,
  size: files.size,
  sha256: files.sha256,
  stageEventId: files.stageEventId,
  uploadedBy: files.uploadedBy,
  uploadedByName: users.displayName,
  createdAt: files.createdAt,
};
export type FileRow = Awaited<ReturnType<typeof filesOfEntity>>[number];

export async function insertFile(tx: Tx, v: typeof files.$inferInsert) {
  const [row] = await tx.insert(files).values(v).returning({ id: files.id });
  return row.id;
}

export async function filesOfEntity(tx: Tx, entityType: string, entityId: number) {
  return tx
    .select(fileColumns)
    .from(files)
    .leftJoin(users, eq(users.id, files.uploadedBy))
    .where(and(eq(files.entityType, entityType), eq(files.entityId, entityId)))
    .orderBy(desc(files.createdAt), desc(files.id));
}

export async function filesOfEvents(tx: Tx, eventIds: number[]) {
  if (!eventIds.length) return [];
  return tx
    .select(fileColumns)
    .from(files)
    .leftJoin(users, eq(users.id, files.uploadedBy))
    .where(inArray(files.stageEventId, eventIds))
    .orderBy(asc(files.id));
}

/** A file with its bytes and the record it hangs on (no scope: the caller checks the record). */
export async function findFile(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: files.id,
      name: files.name,
      mime: files.mime,
      size: files.size,
      data: files.data,
      entityType: files.entityType,
      entityId: files.entityId,
    })
    .from(files)
    .where(eq(files.id, id));
  return row;
}

/** The files of a project that may be attached to a new stage event: unattached, or left on a returned one. */
export async function attachableFiles(tx: Tx, projectId: number, fileIds: number[]) {
  if (!fileIds.length) return [];
  return tx
    .select({ id: files.id })
    .from(files)
    .leftJoin(projectStageEvents, eq(projectStageEvents.id, files.stageEventId))
    .where(
      and(
        inArray(files.id, fileIds),
        eq(files.entityType, 'project'),
        eq(files.entityId, projectId),
        or(isNull(files.stageEventId), eq(projectStageEvents.status, 'returned')),
      ),
    );
}

export async function attachFiles(tx: Tx, fileIds: number[], eventId: number) {
  if (fileIds.length) await tx.update(files).set({ stageEventId: eventId }).where(inArray(files.id, fileIds));
}
