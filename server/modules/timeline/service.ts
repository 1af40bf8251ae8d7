// The timeline of a record (enterprise, lead, project): written by the record's own service in the transaction of
// the change, read by its detail page. The caller has already checked the record against the reader's scope.
import type { Tx } from '../../db/client.js';
import * as repo from './repository.js';

export type TimelineEntityType = 'enterprise' | 'lead' | 'project';

export interface NewTimelineEntry {
  entityType: TimelineEntityType;
  entityId: number;
  kind: string;
  summary: string;
  data?: unknown;
  userId: number | null;
  /** When it happened, if not now (a follow-up recorded afterwards). */
  at?: Date;
}

export async function addTimelineEntry(tx: Tx, e: NewTimelineEntry): Promise<void> {
  await repo.insertTimelineEntry(tx, { ...e, data: e.data ?? null });
}

/** Entries of one record, or of several (an enterprise and those merged into it), newest first. */
export function timelineOf(tx: Tx, entityType: TimelineEntityType, entityIds: number[], limit?: number) {
  return repo.findTimelineEntries(tx, entityType, entityIds, limit);
}
