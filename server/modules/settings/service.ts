// Settings kept in the database. The security policy ships 等保 level 3 defaults; the security administrator may change it.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cachedRead, forgetReads } from '../../core/read-cache.js';

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordExpiryDays: number; // 0 = never
  passwordHistory: number;
  mustChangeInitialPassword: boolean;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordExpiryDays: 90,
  passwordHistory: 5,
  mustChangeInitialPassword: true,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};

const POLICY_KEY = 'security_policy';

export async function getSecurityPolicy(tx: Tx): Promise<SecurityPolicy & { version: number }> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, POLICY_KEY));
  return { ...DEFAULT_SECURITY_POLICY, ...((row?.value as Partial<SecurityPolicy>) ?? {}), version: row?.version ?? 0 };
}

/** The policy for per-request checks (session timeouts), read at most every few seconds. */
export const cachedSecurityPolicy = (db: Tx) => cachedRead(db, 'security_policy', () => getSecurityPolicy(db));

export async function updateSecurityPolicy(
  tx: Tx, ctx: AuthedContext, patch: Partial<SecurityPolicy>, expectedVersion: number,
): Promise<SecurityPolicy & { version: number }> {
  const current = await getSecurityPolicy(tx);
  if (current.version !== expectedVersion) throw new AppError('VERSION_CONFLICT');
  const { version: _v, ...base } = current;
  const next: SecurityPolicy = { ...base, ...patch };
  if (current.version === 0) {
    await tx.insert(settings).values({ key: POLICY_KEY, value: next, version: 1 });
  } else {
    await tx.update(settings).set({ value: next, version: current.version + 1, updatedAt: new Date() })
      .where(eq(settings.key, POLICY_KEY));
  }
  forgetReads('security_policy');
  await writeAudit(tx, ctx, {
    action: 'security_policy.update', targetType: 'setting', targetId: POLICY_KEY,
    changes: diffFields(base as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>, Object.keys(next)),
  });
  return { ...next, version: current.version + 1 };
}

// ---------------------------------------------------------------------------------------------- import stage phrases

/** What people write for each project stage in their sheets, when the city replaces the default table. */
export const IMPORT_STAGE_PHRASES_KEY = 'import_stage_phrases';

export async function readImportStagePhrases(tx: Tx): Promise<{ table: Record<string, string[]> | null; version: number }> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, IMPORT_STAGE_PHRASES_KEY));
  return { table: (row?.value as Record<string, string[]> | undefined) ?? null, version: row?.version ?? 0 };
}

/** Replaces the stage table (version 0: none kept yet); the version read is in the WHERE, so two saves cannot both win. */
export async function updateImportStagePhrases(tx: Tx, ctx: AuthedContext, table: Record<string, string[]>, expectedVersion: number) {
  const current = await readImportStagePhrases(tx);
  let saved: unknown[];
  if (expectedVersion === 0) {
    saved = await tx.insert(settings).values({ key: IMPORT_STAGE_PHRASES_KEY, value: table, version: 1 }).onConflictDoNothing()
      .returning({ key: settings.key });
  } else {
    saved = await tx.update(settings).set({ value: table, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(settings.key, IMPORT_STAGE_PHRASES_KEY), eq(settings.version, expectedVersion))).returning({ key: settings.key });
  }
  if (saved.length !== 1) throw new AppError('VERSION_CONFLICT');
  await writeAudit(tx, ctx, {
    action: 'import_stage_phrases.update', targetType: 'setting', targetId: IMPORT_STAGE_PHRASES_KEY,
    changes: diffFields({ table: current.table }, { table }, ['table']),
  });
  return { table, version: expectedVersion + 1 };
}
