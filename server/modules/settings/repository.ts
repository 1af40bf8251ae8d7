// Settings rows: one JSON value per key, with a version that every write checks (optimistic locking).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { settings } from '../../db/schema.js';

export async function readSetting(tx: Tx, key: string) {
  const [row] = await tx.select().from(settings).where(eq(settings.key, key));
  return row;
}

/**
 * Writes a setting only if it still has the version the caller read (0: not stored yet).
 * False when another save came first; the caller answers VERSION_CONFLICT and nothing is overwritten.
 */
export async function writeSetting(tx: Tx, key: string, value: unknown, expectedVersion: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const rows = await tx
      .insert(settings)
      .values({ key, value, version: 1 })
      .onConflictDoNothing()
      .returning({ key: settings.key });
    return rows.length === 1;
  }
  const rows = await tx
    .update(settings)
    .set({ value, version: expectedVersion + 1, updatedAt: new Date() })
    .where(and(eq(settings.key, key), eq(settings.version, expectedVersion)))
    .returning({ key: settings.key });
  return rows.length === 1;
}
