// A few reads that nearly every request makes and that change rarely (the security policy, warning settings,
// a unit's subtree) are kept for a few seconds per process. Writes in this process forget them at once; another
// app server sees a change within the TTL. Nothing here is state another instance needs: the database stays the truth.
import type { Tx } from '../db/client.js';

export const READ_CACHE_TTL_MS = 5_000;

const ids = new WeakMap<object, number>();
let nextId = 1;
const entries = new Map<string, { at: number; value: Promise<unknown> }>();

export function cachedRead<T>(db: Tx, key: string, load: () => Promise<T>, ttlMs = READ_CACHE_TTL_MS): Promise<T> {
  let id = ids.get(db);
  if (!id) {
    id = nextId++;
    ids.set(db, id);
  }
  const full = `${key}\u0000${id}`;
  const hit = entries.get(full);
  const now = Date.now();
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  if (entries.size > 10_000) entries.clear(); // bounded: a cache, not a store
  const value = load();
  entries.set(full, { at: now, value });
  value.catch(() => entries.delete(full));
  return value;
}

/** Forgets every cached read whose key starts with `prefix`. */
export function forgetReads(prefix: string): void {
  for (const k of [...entries.keys()]) if (k.startsWith(prefix)) entries.delete(k);
}
