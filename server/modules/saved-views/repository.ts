// Data access for saved list views: personal rows, always read and deleted through their owner.
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { savedViews } from '../../db/schema.js';

export async function savedViewsOf(tx: Tx, userId: number, entity: string) {
  return tx
    .select({
      id: savedViews.id,
      entity: savedViews.entity,
      name: savedViews.name,
      filters: savedViews.filters,
      createdAt: savedViews.createdAt,
    })
    .from(savedViews)
    .where(and(eq(savedViews.userId, userId), eq(savedViews.entity, entity)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
}

export async function insertSavedView(tx: Tx, v: typeof savedViews.$inferInsert) {
  const [row] = await tx.insert(savedViews).values(v).returning({
    id: savedViews.id,
    entity: savedViews.entity,
    name: savedViews.name,
    filters: savedViews.filters,
    createdAt: savedViews.createdAt,
  });
  return row;
}

export async function deleteSavedView(tx: Tx, userId: number, id: number) {
  const rows = await tx
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning({ id: savedViews.id });
  return rows.length === 1;
}
