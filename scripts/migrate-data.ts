// npm run migrate-data [-- DATA_DIR]
// Moves the data of a folder written by the previous version of Magnet (database files of PGlite directly in
// DATA_DIR) into the bundled PostgreSQL: every table is read through COPY, loaded into a new cluster in
// DATA_DIR/postgres, and checked table by table (row count and checksum) before the old files are kept aside in
// DATA_DIR/pglite-old-<time>/ — never deleted. Stop the server first (the folder's lock refuses otherwise).
// This is the only place the PGlite package is still used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { openDatabase } from '../server/db/client.js';
import { CLUSTER_FOLDER, LOG_FILE, PASSWORD_FILE } from '../server/db/embedded.js';
import { DataDirLockedError, lockDataDir } from '../server/db/lock.js';
import { detectPgliteFolder } from '../server/db/pglite-folder.js';
import { dumpTo, loadBackup, unpackBackup, type DumpSource } from '../server/modules/backup/dump.js';

/** The entries of a PostgreSQL data folder, as PGlite wrote them at the top of DATA_DIR. */
const PGLITE_ENTRY =
  /^(PG_VERSION|base|global|pg_[a-z_]+(\.conf)?|postgresql(\.auto)?\.conf|postmaster\.(opts|pid)|current_logfiles)$/;

const dataDir = path.resolve(process.argv[2] ?? process.env.DATA_DIR ?? 'data');
const say = (m: string) => console.log(`[migrate-data] ${m}`);

if (!detectPgliteFolder(dataDir)) {
  say(`${dataDir} 中没有旧版（PGlite）数据 holds no data of the previous (PGlite) version: nothing to do.`);
  process.exit(0);
}
if (fs.existsSync(path.join(dataDir, CLUSTER_FOLDER))) {
  console.error(
    `${path.join(dataDir, CLUSTER_FOLDER)} already exists: a bundled PostgreSQL cluster is there. ` +
      'Move it away first if the data of the previous version is the one to keep.',
  );
  process.exit(1);
}
let release: () => void;
try {
  release = lockDataDir(dataDir);
} catch (e) {
  console.error(e instanceof DataDirLockedError ? e.message : e);
  process.exit(3);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-migrate-'));
const dumpFile = path.join(work, 'pglite.tar.gz');
let created = false;
try {
  // 1. Read every table of the old database (nobody else writes to it: we hold the folder's lock).
  const { PGlite } = await import('@electric-sql/pglite');
  const old = new PGlite(dataDir);
  await old.waitReady;
  const src: DumpSource = {
    query: async <T>(sql: string, params?: unknown[]) => (await old.query<T>(sql, params)).rows,
    copyOut: async (sql: string, dest: Writable) => {
      const r = await old.query(sql.replace(/TO STDOUT$/, `TO '/dev/blob'`));
      const bytes = r.blob ? Buffer.from(await r.blob.arrayBuffer()) : Buffer.alloc(0);
      await new Promise<void>((resolve, reject) => dest.end(bytes, () => resolve()).once('error', reject));
    },
  };
  const version = (await old.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  const manifest = await dumpTo(src, dumpFile, version);
  await old.close();
  const total = manifest.tables.reduce((n, t) => n + t.rows, 0);
  say(
    `已读取旧数据 Read ${manifest.tables.length} tables, ${total} rows from PGlite ${version} (schema level ${manifest.migrations})`,
  );

  // 2. Load them into the bundled PostgreSQL, checked table by table against what was read.
  created = true;
  const database = await openDatabase({ dataDir, migrate: false, log: say });
  try {
    const loaded = await loadBackup(database.pool, await unpackBackup(dumpFile));
    for (const t of manifest.tables) {
      const { rows } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t.name}"`);
      if (rows[0].n !== t.rows) throw new Error(`${t.name}: ${rows[0].n} rows after the migration, ${t.rows} before`);
    }
    say(
      `已载入并校验 Loaded into PostgreSQL ${database.serverVersion} and checked: ${loaded.tables} tables, ${loaded.rows} rows, ` +
        'row counts and checksums equal',
    );
  } finally {
    await database.close();
  }

  // 3. Keep the old files aside.
  const aside = path.join(dataDir, `pglite-old-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  fs.mkdirSync(aside);
  for (const entry of fs.readdirSync(dataDir)) {
    if (PGLITE_ENTRY.test(entry)) fs.renameSync(path.join(dataDir, entry), path.join(aside, entry));
  }
  say(
    `旧数据保留在 The previous version's files are kept in ${aside} (delete them once the new data has been checked).`,
  );
  say('完成 Done: npm start now serves this data from the bundled PostgreSQL.');
} catch (e) {
  console.error(`[migrate-data] 迁移失败 The migration failed; the old data is untouched: ${(e as Error).stack ?? e}`);
  if (created) {
    // What this run created goes; the PGlite files stay where they were.
    for (const f of [CLUSTER_FOLDER, PASSWORD_FILE, LOG_FILE])
      fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
  }
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
  release();
}
