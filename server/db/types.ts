// The database handle's types, apart from the code that opens it, so that data access helpers (copy.ts) and the
// opener (client.ts) do not import each other.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: data access functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
