// Settings kept in the database. The security policy ships 等保 level 3 defaults; the security administrator may change it.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cachedRead, forgetReads } from '../../core/read-cache.js';
import * as repo from './repository.js';

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

// ------------------------------------------------------------------------------------- any setting

/** A stored setting (undefined when never saved): its value and the version a later save must name. */
export const readSetting = (tx: Tx, key: string) => repo.readSetting(tx, key);

/** Saves a setting only if it still has the version the caller read; otherwise VERSION_CONFLICT, nothing written. */
export async function saveSetting(tx: Tx, key: string, value: unknown, expectedVersion: number): Promise<void> {
  if (!(await repo.writeSetting(tx, key, value, expectedVersion))) throw new AppError('VERSION_CONFLICT');
}

// ------------------------------------------------------------------------------------- security policy

export async function getSecurityPolicy(tx: Tx): Promise<SecurityPolicy & { version: number }> {
  const row = await repo.readSetting(tx, POLICY_KEY);
  return { ...DEFAULT_SECURITY_POLICY, ...((row?.value as Partial<SecurityPolicy>) ?? {}), version: row?.version ?? 0 };
}

/** The policy for per-request checks (session timeouts), read at most every few seconds. */
export const cachedSecurityPolicy = (db: Tx) => cachedRead(db, 'security_policy', () => getSecurityPolicy(db));

export async function updateSecurityPolicy(
  db: Db,
  ctx: AuthedContext,
  patch: Partial<SecurityPolicy>,
  expectedVersion: number,
): Promise<SecurityPolicy & { version: number }> {
  return db.transaction(async (tx) => {
    const current = await getSecurityPolicy(tx);
    if (current.version !== expectedVersion) throw new AppError('VERSION_CONFLICT');
    const { version: _v, ...base } = current;
    const next: SecurityPolicy = { ...base, ...patch };
    // The version is checked again in the write itself, so that a save running alongside cannot be overwritten.
    await saveSetting(tx, POLICY_KEY, next, expectedVersion);
    forgetReads('security_policy');
    await writeAudit(tx, ctx, {
      action: 'security_policy.update',
      targetType: 'setting',
      targetId: POLICY_KEY,
      changes: diffFields(
        base as unknown as Record<string, unknown>,
        next as unknown as Record<string, unknown>,
        Object.keys(next),
      ),
    });
    return { ...next, version: expectedVersion + 1 };
  });
}

// ---------------------------------------------------------------------------------------------- import stage phrases

/** What people write for each project stage in their sheets, when the city replaces the default table. */
export const IMPORT_STAGE_PHRASES_KEY = 'import_stage_phrases';

export async function readImportStagePhrases(
  tx: Tx,
): Promise<{ table: Record<string, string[]> | null; version: number }> {
  const row = await repo.readSetting(tx, IMPORT_STAGE_PHRASES_KEY);
  return { table: (row?.value as Record<string, string[]> | undefined) ?? null, version: row?.version ?? 0 };
}

/** Replaces the stage table (version 0: none kept yet); the version read is in the WHERE, so two saves cannot both win. */
export async function updateImportStagePhrases(
  tx: Tx,
  ctx: AuthedContext,
  table: Record<string, string[]>,
  expectedVersion: number,
) {
  const current = await readImportStagePhrases(tx);
  await saveSetting(tx, IMPORT_STAGE_PHRASES_KEY, table, expectedVersion);
  await writeAudit(tx, ctx, {
    action: 'import_stage_phrases.update',
    targetType: 'setting',
    targetId: IMPORT_STAGE_PHRASES_KEY,
    changes: diffFields({ table: current.table }, { table }, ['table']),
  });
  return { table, version: expectedVersion + 1 };
}
