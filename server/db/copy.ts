// COPY text format: the fastest way to hand PostgreSQL many rows (no JSON to parse, no statement per row),
// streamed through node-postgres (pg-copy-streams).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './types.js';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** One value in COPY text format: \N for null, arrays as array literals, objects as JSON. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return esc(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return esc(JSON.stringify(v));
  return esc(String(v));
}

export const copyLine = (values: unknown[]) => values.map(copyValue).join('\t') + '\n';

export const copyStatement = (table: string, columns: string[], source: string) =>
  `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source} WITH (FORMAT text)`;

/** COPY on one connection (inside its transaction, if one is open). */
export async function copyInClient(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  text: string,
): Promise<void> {
  const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
  await pipeline(Readable.from([Buffer.from(text)]), stream);
}

/** COPY inside a transaction: on the connection behind drizzle's `tx`. */
export async function copyInTx(tx: Tx, table: string, columns: string[], text: string): Promise<void> {
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (!(client instanceof pg.Client)) throw new Error('copyInTx needs a transaction (one connection), not the pool');
  await copyInClient(client, table, columns, text);
}
