// Chinese search that works the same on every PostgreSQL (the bundled 18, an external 15+), whatever the database locale:
// each record keeps `search_text` (what may be found) and `search_grams` (its character pairs, and the single
// Chinese characters of its name) in a GIN-indexed text[] with the "C" collation (grams are only ever compared for equality, and
// byte comparison keeps index maintenance cheap on bulk imports). A query asks for all its pairs (`@>`, index) and then
// for the exact substring (`LIKE` on the few rows left). Two characters of a 字号 is one pair: one index probe.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Lower-cased, without spaces and punctuation that people type inconsistently. */
export function normalizeSearch(s: string): string {
  return s.toLowerCase().replace(/[\s()（）\-_,，.。·、/\\'"“”‘’]+/g, '');
}

/**
 * A single character is worth finding alone when it is not ASCII and belongs to the record's own name (the first
 * part): one Chinese character can name a thing (铝, 鲁), one letter or digit of a code cannot, and one character of
 * an investor or a person finds nothing in particular. Pairs are kept for every part. Leaving the rest out keeps
 * more than a third of the grams away from the index, which bulk imports spend most of their time maintaining.
 */
const findableAlone = (ch: string) => ch.charCodeAt(0) > 0x7f;

/** Pairs of every part's normalized text, and the first part's non-ASCII single characters, without repeats. */
export function gramsOf(...parts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  parts.forEach((part, p) => {
    if (!part) return;
    const chars = [...normalizeSearch(part)];
    for (let i = 0; i < chars.length; i++) {
      if (p === 0 && findableAlone(chars[i])) out.add(chars[i]);
      if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
    }
  });
  return [...out];
}

/** The text a record is found by: its parts, normalized and joined with a separator no query contains. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .map((p) => normalizeSearch(p!))
    .join('|');
}

/** The pairs a query needs (or its single character, when that is indexed; none for one letter or digit). */
export function queryGrams(q: string): string[] {
  const chars = [...normalizeSearch(q)];
  if (chars.length === 0) return [];
  if (chars.length === 1) return findableAlone(chars[0]) ? chars : [];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i] + chars[i + 1]);
  return [...pairs];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The predicate for `q` on a table with search_text and search_grams, or undefined for an empty query. */
export function searchPredicate(
  q: string | undefined,
  cols: { text: AnyPgColumn; grams: AnyPgColumn },
): SQL | undefined {
  if (!q) return undefined;
  const norm = normalizeSearch(q);
  if (!norm) return undefined;
  const grams = queryGrams(q);
  // One letter or digit: nothing to ask the index, the substring alone decides.
  if (!grams.length) return sql`${cols.text} LIKE ${`%${escapeLike(norm)}%`}`;
  const arr = sql`ARRAY[${sql.join(
    grams.map((g) => sql`${g}`),
    sql`, `,
  )}]::text[]`;
  return sql`(${cols.grams} @> ${arr} AND ${cols.text} LIKE ${`%${escapeLike(norm)}%`})`;
}
