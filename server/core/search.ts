// Chinese search that works the same on PGlite and PostgreSQL, whatever the database locale:
// each record keeps `search_text` (what may be found) and `search_grams` (its single characters and
// character pairs) in a GIN-indexed text[]. A query asks for all its pairs (`@>`, index) and then for
// the exact substring (`LIKE` on the few rows left). Two characters of a 字号 is one pair: one index probe.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Lower-cased, without spaces and punctuation that people type inconsistently. */
export function normalizeSearch(s: string): string {
  return s.toLowerCase().replace(/[\s()（）\-_,，.。·、/\\'"“”‘’]+/g, '');
}

/** Single characters and pairs of the normalized text, without repeats. */
export function gramsOf(...parts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    const chars = [...normalizeSearch(part)];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]);
      if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
    }
  }
  return [...out];
}

/** The text a record is found by: its parts, normalized and joined with a separator no query contains. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).map((p) => normalizeSearch(p!)).join('|');
}

/** The pairs a query needs (or its single character). */
export function queryGrams(q: string): string[] {
  const chars = [...normalizeSearch(q)];
  if (chars.length === 0) return [];
  if (chars.length === 1) return chars;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i] + chars[i + 1]);
  return [...pairs];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The predicate for `q` on a table with search_text and search_grams, or undefined for an empty query. */
export function searchPredicate(q: string | undefined, cols: { text: AnyPgColumn; grams: AnyPgColumn }): SQL | undefined {
  if (!q) return undefined;
  const grams = queryGrams(q);
  if (!grams.length) return undefined;
  const arr = sql`ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]`;
  return sql`(${cols.grams} @> ${arr} AND ${cols.text} LIKE ${`%${escapeLike(normalizeSearch(q))}%`})`;
}
