// Opens the database: an external PostgreSQL when DATABASE_URL is set, otherwise the bundled PostgreSQL with its
// cluster in the data folder (server/db/embedded.ts). Either way one driver (node-postgres), one set of SQL, and
// the migrations applied at open.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { copyInClient } from './copy.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import * as schema from './schema.js';
import type { Db } from './types.js';

export type { Db, Schema, Tx } from './types.js';
/** embedded: the bundled PostgreSQL (its cluster in the data folder); postgres: an external server. */
export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The server's version, e.g. "18.4". */
  serverVersion: string;
  pool: pg.Pool;
  /** Bulk load rows given in COPY text format (tab-separated, \\N for null), outside any transaction. */
  copyIn(table: string, columns: string[], text: string): Promise<void>;
  /** The bundled server, when this process started it. */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  /** An external PostgreSQL server (or a database on the bundled one, with kind 'embedded'). */
  databaseUrl?: string;
  /** The data folder whose bundled PostgreSQL to start when there is no databaseUrl. */
  dataDir?: string;
  /** What the databaseUrl points at; 'postgres' unless told. */
  kind?: DatabaseKind;
  /** Messages about the bundled server's life (start, root user, orphan found). */
  log?: (message: string) => void;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Skip the migrations (a restore applies them itself, in steps). */
  migrate?: boolean;
}

/** Applies the migrations; several app servers may start at once: one applies them, the others wait. */
export async function applyMigrations(pool: pg.Pool, folder = migrationsFolder): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(724011)');
    await migrate(drizzle(client, { schema }), { migrationsFolder: folder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(724011)').catch(() => {});
    client.release();
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    if (!opts.dataDir) throw new Error('openDatabase needs a databaseUrl or a dataDir');
    embedded = await startEmbeddedPostgres(opts.dataDir, { log: opts.log });
    url = embedded.url;
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // A connection the server ends (shutdown, restart) must not bring the process down; the next query reconnects.
  pool.on('error', () => {});
  try {
    if (opts.migrate !== false) await applyMigrations(pool);
    const { rows } = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const db = drizzle(pool, { schema }) as unknown as Db;
    const copyIn = async (table: string, columns: string[], text: string) => {
      const c = await pool.connect();
      try {
        await copyInClient(c, table, columns, text);
      } finally {
        c.release();
      }
    };
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      try {
        await pool.end();
      } finally {
        await embedded?.stop();
      }
    };
    const kind: DatabaseKind = embedded ? 'embedded' : (opts.kind ?? 'postgres');
    return { db, kind, serverVersion: rows[0].v.split(' ')[0], pool, copyIn, embedded, close };
  } catch (e) {
    await pool.end().catch(() => {});
    await embedded?.stop();
    throw e;
  }
}
