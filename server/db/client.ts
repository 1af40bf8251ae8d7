// Opens the database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in a data folder (or in memory).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyStatement } from './copy.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: data access functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Bulk load rows given in COPY text format (tab-separated, \\N for null), outside any transaction. */
  copyIn(table: string, columns: string[], text: string): Promise<void>;
  /** A gzipped tarball of the embedded database's data folder (PGlite only; PostgreSQL has pg_dump). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; undefined means in memory (tests). */
  dataDir?: string;
  /** PGlite only: start from this backup tarball (the folder must be empty). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // Several app servers may start at once: one applies the migrations, the others wait.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(724011)');
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock(724011)').catch(() => {});
      client.release();
    }
    const copyIn = async (table: string, columns: string[], text: string) => {
      const c = await pool.connect();
      try {
        const stream = c.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        await pipeline(Readable.from([Buffer.from(text)]), stream);
      } finally {
        c.release();
      }
    };
    return { db, kind: 'postgres', copyIn, close: () => pool.end() };
  }
  const client = new PGlite(opts.dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  const copyIn = async (table: string, columns: string[], text: string) => {
    await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
  };
  return { db: db as unknown as Db, kind: 'pglite', copyIn, dumpDataDir: () => client.dumpDataDir('gzip'), close: () => client.close() };
}
