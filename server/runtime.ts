// How the server process's heap behaves. V8 lets the old generation grow to about four times what survived the last
// full collection before collecting again; an import, whose row chunks live just long enough to be promoted, then
// holds several hundred MB of garbage. Growing by half instead keeps a 100,000-row import's peak memory about 200 MB
// lower, at no measurable cost in speed (the live heap is small, so full collections are short). See BENCHMARKS.md.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/** Applies the heap policy to this process (read by V8 at every full collection, so setting it at start is enough). */
export function tuneHeap() {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
