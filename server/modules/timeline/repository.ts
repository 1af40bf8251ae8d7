// Timeline entries: what happened to a record, in the words shown on its page. One table for every kind of record.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { timelineEntries, users } from '../../db/schema.js';

export type TimelineEntryValues = typeof timelineEntries.$inferInsert;

export async function insertTimelineEntry(tx: Tx, v: TimelineEntryValues) {
  await tx.insert(timelineEntries).values(v);
}

/** Entries of the given records, newest first (ties: the later written first). */
export async function findTimelineEntries(tx: Tx, entityType: string, entityIds: number[], limit?: number) {
  const q = tx
    .select({
      id: timelineEntries.id,
      entityId: timelineEntries.entityId,
      at: timelineEntries.at,
      kind: timelineEntries.kind,
      summary: timelineEntries.summary,
      data: timelineEntries.data,
      userId: timelineEntries.userId,
      userName: users.displayName,
    })
    .from(timelineEntries)
    .leftJoin(users, eq(users.id, timelineEntries.userId))
    .where(and(eq(timelineEntries.entityType, entityType), inArray(timelineEntries.entityId, entityIds)))
    .orderBy(desc(timelineEntries.at), desc(timelineEntries.id));
  return limit === undefined ? q : q.limit(limit);
}
