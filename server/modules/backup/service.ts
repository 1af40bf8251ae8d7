// Backups of the bundled database: a download for the system administrator, scheduled snapshots into BACKUP_DIR,
// and a restore into a new data folder (server/modules/backup/dump.ts does the work). An external PostgreSQL is
// backed up with PostgreSQL's own tools (pg_dump, base backups, streaming replicas).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/client.js';
import { openDatabase } from '../../db/client.js';
import { lockDataDir } from '../../db/lock.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { backupDatabase, loadBackup, unpackBackup } from './dump.js';

export const backupFileName = (at = new Date()) =>
  `magnet-backup-${at.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.tar.gz`;

/** Writes a backup into a temporary file; the caller sends it and then calls `remove`. */
export async function createBackup(
  database: Database,
  ctx: AuthedContext,
): Promise<{ name: string; file: string; size: number; remove(): void }> {
  if (database.kind !== 'embedded') throw new AppError('BACKUP_NOT_EMBEDDED');
  const name = backupFileName();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-download-'));
  const file = path.join(dir, name);
  try {
    const manifest = await backupDatabase(database.pool, file);
    const size = fs.statSync(file).size;
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    await database.db.transaction((tx) =>
      writeAudit(tx, ctx, {
        action: 'system.backup',
        targetType: 'system',
        targetLabel: name,
        detail: `${size} bytes, ${manifest.tables.length} tables, ${rows} rows`,
      }),
    );
    return { name, file, size, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Writes a snapshot into `dir` and keeps the newest `keep`. */
export async function writeSnapshot(database: Database, dir: string, keep: number): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupFileName());
  try {
    await backupDatabase(database.pool, `${file}.part`);
  } catch (e) {
    fs.rmSync(`${file}.part`, { force: true });
    throw e;
  }
  fs.renameSync(`${file}.part`, file); // a half-written snapshot never looks like a good one
  const old = fs
    .readdirSync(dir)
    .filter((f) => /^magnet-backup-.*\.tar\.gz$/.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) fs.rmSync(path.join(dir, f));
  return file;
}

export interface RestoreResult {
  movedAside?: string;
  users: number;
  tables: number;
  rows: number;
}

/**
 * Restores a backup into `dataDir`: a new bundled PostgreSQL cluster there, loaded and verified table by table
 * (row counts and checksums). The folder must not be in use (the lock refuses a running server); an existing
 * folder is kept beside it as `<dataDir>.before-restore-<time>`, never deleted.
 */
export async function restoreBackup(file: string, dataDir: string, log?: (m: string) => void): Promise<RestoreResult> {
  const unpacked = await unpackBackup(file);
  try {
    let movedAside: string | undefined;
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length) {
      lockDataDir(dataDir)(); // throws DataDirLockedError while a server holds the folder
      movedAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`;
      fs.renameSync(dataDir, movedAside);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const release = lockDataDir(dataDir);
    try {
      const database = await openDatabase({ dataDir, migrate: false, log });
      try {
        const loaded = await loadBackup(database.pool, unpacked);
        const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
        return { movedAside, users: rows[0].n, tables: loaded.tables, rows: loaded.rows };
      } finally {
        await database.close();
      }
    } catch (e) {
      // Nothing half-restored stays: the new folder goes, the previous one comes back.
      release();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (movedAside) fs.renameSync(movedAside, dataDir);
      throw e;
    } finally {
      release();
    }
  } finally {
    fs.rmSync(unpacked.dir, { recursive: true, force: true });
  }
}
