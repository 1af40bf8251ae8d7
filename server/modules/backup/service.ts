// Backups of the embedded database: a download for the system administrator, scheduled snapshots into
// BACKUP_DIR, and a restore into a new data folder. PostgreSQL deployments back up with PostgreSQL's own tools.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client.js';
import { openDatabase } from '../../db/client.js';
import { lockDataDir } from '../../db/lock.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';

export const backupFileName = (at = new Date()) => `magnet-backup-${at.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.tar.gz`;

export async function createBackup(database: Database, ctx: AuthedContext): Promise<{ name: string; data: Buffer }> {
  if (!database.dumpDataDir) throw new AppError('BACKUP_NOT_EMBEDDED');
  const blob = await database.dumpDataDir();
  const name = backupFileName();
  await database.db.transaction((tx) => writeAudit(tx, ctx, { action: 'system.backup', targetType: 'system', targetLabel: name, detail: `${blob.size} bytes` }));
  return { name, data: Buffer.from(await blob.arrayBuffer()) };
}

/** Writes a snapshot into `dir` and keeps the newest `keep`. */
export async function writeSnapshot(database: Database, dir: string, keep: number): Promise<string> {
  if (!database.dumpDataDir) throw new Error('snapshots are for the embedded database');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupFileName());
  const blob = await database.dumpDataDir();
  fs.writeFileSync(`${file}.part`, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(`${file}.part`, file); // a half-written snapshot never looks like a good one
  const old = fs.readdirSync(dir).filter((f) => /^magnet-backup-.*\.tar\.gz$/.test(f)).sort().reverse().slice(keep);
  for (const f of old) fs.rmSync(path.join(dir, f));
  return file;
}

/**
 * Restores a backup into `dataDir`. The folder must not be in use (the lock refuses a running server);
 * an existing folder is kept beside it as `<dataDir>.before-restore-<time>`, never deleted.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<{ movedAside?: string; users: number }> {
  const tarball = new Blob([fs.readFileSync(file)]);
  let movedAside: string | undefined;
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length) {
    lockDataDir(dataDir)(); // throws DataDirLockedError while a server holds the folder
    movedAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`;
    fs.renameSync(dataDir, movedAside);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const database = await openDatabase({ dataDir, loadDataDir: tarball });
    const { rows } = (await database.db.execute('SELECT count(*)::int AS n FROM users' as never)) as unknown as { rows: { n: number }[] };
    await database.close();
    return { movedAside, users: Number(rows[0].n) };
  } finally {
    release();
  }
}
