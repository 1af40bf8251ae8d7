// A fresh, migrated database for one API test file: a new database with a random name on the server at
// TEST_PG_URL (started once for the tier by tests/support/pg-global-setup.ts), dropped again by cleanup().
// Env TEST_DB chooses the server:
//   embedded (default) — the bundled PostgreSQL 18 (the npm package the product ships)
//   postgres           — Debian's PostgreSQL (15, the oldest supported), as an external server
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../server/db/client.js';

export interface TestDatabase {
  database: Database;
  kind: DatabaseKind;
  /** The URL of the database made for this test file. */
  url: string;
  /** Closes the database and drops it. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** The database kind the API tests run against: env TEST_DB, embedded when unset. */
export function testDbKind(): DatabaseKind {
  const kind = process.env.TEST_DB || 'embedded';
  if (kind !== 'embedded' && kind !== 'postgres')
    throw new Error(`TEST_DB must be embedded or postgres, not "${kind}"`);
  return kind;
}

function adminUrl(): string {
  let url = process.env.TEST_PG_URL;
  if (!url) {
    try {
      url = inject('TEST_PG_URL');
    } catch {
      // not inside a vitest worker
    }
  }
  if (!url)
    throw new Error('TEST_PG_URL is not set: run through vitest (project api), whose global setup starts PostgreSQL.');
  return url;
}

/** The same server, another database (also for a socket URL with an empty host: postgresql://u:p@/db?host=/dir). */
function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = testDbKind();
  const admin = adminUrl();
  const name = `magnet_test_${randomBytes(6).toString('hex')}`;
  const adminQuery = async <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  // pg's Pool.end() resolves before its connections have finished closing; dropping the database WITH (FORCE)
  // at that moment kills them, and the dying client throws an uncaught error (57P01) into the test run.
  // So wait for the connections to go first; FORCE only for one that never does.
  const dropDatabase = async () => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = await adminQuery<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if (row.n === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  const url = withDatabase(admin, name);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url, kind });
  } catch (e) {
    await dropDatabase().catch(() => {});
    throw e;
  }
  let closed = false;
  return {
    database,
    kind,
    url,
    cleanup: async () => {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        await dropDatabase();
      }
    },
  };
}
