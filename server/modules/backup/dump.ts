// A logical backup that needs no pg_dump (the bundled server does not ship it): every table of the app's schema
// read through COPY inside ONE repeatable-read, read-only transaction — a consistent picture while users keep
// working — packed as a gzipped tar with a manifest (the migration level, each table's columns, row count and
// SHA-256 of its rows in primary-key order, the sequences' positions).
//
// Restoring replays the migrations up to the backup's level, loads the rows by COPY in one transaction, sets the
// sequences, checks every table's row count and checksum against the manifest, and only then applies the newer
// migrations. The same engine migrates a data folder of the previous (PGlite) version (scripts/migrate-data.ts).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import tar from 'tar-stream';
import { applyMigrations, migrationsFolder } from '../../db/client.js';

export const BACKUP_FORMAT = 'magnet-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface TableManifest {
  name: string;
  columns: string[];
  orderBy: string;
  rows: number;
  sha256: string;
}
export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  serverVersion: string;
  /** How many of drizzle/ migrations the database had applied. */
  migrations: number;
  tables: TableManifest[];
  sequences: { name: string; value: string | null }[];
}

/** What a dump reads from: a node-postgres connection, or (migrating old data) a PGlite database. */
export interface DumpSource {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `COPY (…) TO STDOUT` and writes its output into `dest`. */
  copyOut(sql: string, dest: Writable): Promise<void>;
}

export function pgSource(client: pg.ClientBase): DumpSource {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    copyOut: async (sql, dest) => {
      await pipeline(client.query(copyTo(sql)), dest);
    },
  };
}

/** Settings that make COPY's text output the same on every server (dates in UTC, ISO style). */
const STABLE_OUTPUT = [
  `SET TimeZone = 'UTC'`,
  `SET DateStyle = 'ISO, YMD'`,
  `SET IntervalStyle = 'postgres'`,
  `SET extra_float_digits = 1`,
  `SET bytea_output = 'hex'`,
];

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The app's tables (schema public), their columns (generated ones left out) and a stable row order. */
async function describeTables(src: DumpSource): Promise<Omit<TableManifest, 'rows' | 'sha256'>[]> {
  const cols = await src.query<{ t: string; c: string; pk: boolean }>(`
    SELECT c.relname AS t, a.attname AS c,
           COALESCE(a.attnum = ANY(i.indkey::int2[]), false) AS pk
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname, a.attnum`);
  const byTable = new Map<string, { columns: string[]; pk: string[] }>();
  for (const r of cols) {
    const t = byTable.get(r.t) ?? { columns: [], pk: [] };
    t.columns.push(r.c);
    if (r.pk) t.pk.push(r.c);
    byTable.set(r.t, t);
  }
  return [...byTable].map(([name, t]) => ({
    name,
    columns: t.columns,
    orderBy: (t.pk.length ? t.pk.map(ident) : t.columns.map((c) => `${ident(c)}::text`)).join(', '),
  }));
}

const selectRows = (t: Pick<TableManifest, 'name' | 'columns' | 'orderBy'>) =>
  `COPY (SELECT ${t.columns.map(ident).join(', ')} FROM ${ident(t.name)} ORDER BY ${t.orderBy}) TO STDOUT`;

/** Counts rows (one line each in COPY text format) and hashes the bytes passing through. */
class Tally extends Transform {
  rows = 0;
  private hash = createHash('sha256');
  _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, c?: Buffer) => void) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    this.hash.update(chunk);
    done(null, chunk);
  }
  digest() {
    return this.hash.digest('hex');
  }
}

/** Row count and checksum of one table as it is now in the database behind `src`. */
export async function tableFingerprint(src: DumpSource, t: Pick<TableManifest, 'name' | 'columns' | 'orderBy'>) {
  const tally = new Tally();
  const drained = pipeline(
    tally,
    new Writable({
      write(_c, _e, done) {
        done();
      },
    }),
  );
  await src.copyOut(selectRows(t), tally);
  await drained;
  return { rows: tally.rows, sha256: tally.digest() };
}

/**
 * Writes a consistent backup of the database behind `src` into `file` (a .tar.gz). `src` must be inside a
 * transaction that sees one snapshot (REPEATABLE READ), or be a database nobody else writes to.
 */
export async function dumpTo(src: DumpSource, file: string, serverVersion: string): Promise<Manifest> {
  for (const s of STABLE_OUTPUT) await src.query(s);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-dump-'));
  try {
    const tables: TableManifest[] = [];
    for (const t of await describeTables(src)) {
      const tally = new Tally();
      const done = pipeline(tally, fs.createWriteStream(path.join(tmp, `${t.name}.tsv`)));
      await src.copyOut(selectRows(t), tally);
      await done;
      tables.push({ ...t, rows: tally.rows, sha256: tally.digest() });
    }
    const sequences = await src.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    const applied = await src
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`)
      .catch(() => [{ n: 0 }]);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion,
      migrations: Number(applied[0].n),
      tables,
      sequences,
    };
    const pack = tar.pack();
    const written = pipeline(pack, zlib.createGzip({ level: 6 }), fs.createWriteStream(file));
    pack.entry({ name: 'manifest.json' }, JSON.stringify(manifest, null, 1));
    for (const t of tables) {
      const p = path.join(tmp, `${t.name}.tsv`);
      const entry = pack.entry({ name: `tables/${t.name}.tsv`, size: fs.statSync(p).size });
      await pipeline(fs.createReadStream(p), entry);
    }
    pack.finalize();
    await written;
    return manifest;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A consistent online backup of a live database: one REPEATABLE READ, READ ONLY transaction for every table. */
export async function backupDatabase(pool: pg.Pool, file: string): Promise<Manifest> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = (
      await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0].v.split(' ')[0];
    const manifest = await dumpTo(pgSource(client), file, version);
    await client.query('COMMIT');
    return manifest;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Unpacks a backup file into a temporary folder: its manifest and one file per table. */
export async function unpackBackup(file: string): Promise<{ dir: string; manifest: Manifest }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-restore-'));
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = header.name;
    if (header.type !== 'file' || !/^(manifest\.json|tables\/[a-z0-9_]+\.tsv)$/.test(name)) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    pipeline(stream, fs.createWriteStream(path.join(dir, name))).then(() => next(), next);
  });
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), extract);
    const manifestFile = path.join(dir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new Error(`${file} is not a Magnet backup (no manifest.json)`);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion > BACKUP_FORMAT_VERSION) {
      throw new Error(`${file}: unknown backup format ${manifest.format} ${manifest.formatVersion}`);
    }
    return { dir, manifest };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  if (count > journal.entries.length) {
    throw new Error(
      `the backup is from a newer version of Magnet (${count} migrations; this one knows ${journal.entries.length})`,
    );
  }
  journal.entries = journal.entries.slice(0, count);
  for (const e of journal.entries)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  return dir;
}

export interface LoadResult {
  tables: number;
  rows: number;
  mismatches: string[];
}

/**
 * Loads an unpacked backup into an EMPTY database: schema up to the backup's level, rows, sequences; verifies
 * every table's row count and checksum; then brings the schema up to date. Throws if a table does not match.
 */
export async function loadBackup(pool: pg.Pool, unpacked: { dir: string; manifest: Manifest }): Promise<LoadResult> {
  const { dir, manifest } = unpacked;
  const stepFolder = migrationsUpTo(manifest.migrations);
  try {
    await applyMigrations(pool, stepFolder);
  } finally {
    fs.rmSync(stepFolder, { recursive: true, force: true });
  }
  const client = await pool.connect();
  let rows = 0;
  const mismatches: string[] = [];
  try {
    await client.query('BEGIN');
    // Rows go in table by table; the foreign keys hold between them already, so their triggers need not run.
    await client.query(`SET LOCAL session_replication_role = replica`);
    for (const t of manifest.tables) {
      const file = path.join(dir, 'tables', `${t.name}.tsv`);
      const stream = client.query(copyFrom(`COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`));
      await pipeline(fs.existsSync(file) ? fs.createReadStream(file) : Readable.from([]), stream);
      rows += t.rows;
    }
    for (const s of manifest.sequences) {
      if (s.value !== null)
        await client.query('SELECT setval($1, $2::bigint, true)', [`public.${ident(s.name)}`, s.value]);
    }
    for (const q of STABLE_OUTPUT) await client.query(q.replace('SET ', 'SET LOCAL '));
    const src = pgSource(client);
    for (const t of manifest.tables) {
      const now = await tableFingerprint(src, t);
      if (now.rows !== t.rows || now.sha256 !== t.sha256) {
        mismatches.push(
          `${t.name}: ${now.rows} rows (backup: ${t.rows})${now.sha256 !== t.sha256 ? ', checksum differs' : ''}`,
        );
      }
    }
    if (mismatches.length)
      throw new Error(`恢复校验失败 The restored data does not match the backup:\n  ${mismatches.join('\n  ')}`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  await applyMigrations(pool);
  return { tables: manifest.tables.length, rows, mismatches };
}
