// Finding the header row among the title rows above it, and mapping each column to a field by its header name.
import { FIELDS, IGNORED_HEADERS, type Entity, type FieldDef } from './fields.js';
import { toHalfWidth, unitOfHeader, type AmountUnit } from './values.js';

/**
 * A header as compared: half-width, lower case, without spaces, line breaks, required-markers (*), trailing colons,
 * and — when `keepBrackets` is false — without bracketed parts ("总投资（亿元）" → "总投资", "县（市、区）" → "县").
 */
export function normalizeHeader(h: string, keepBrackets = false): string {
  let s = toHalfWidth(String(h ?? '')).toLowerCase().replace(/[\s\u00a0]+/g, '').replace(/^[*※★]+|[*※★:：]+$/g, '');
  s = s.replace(/[【\[]/g, '(').replace(/[】\]]/g, ')');
  if (!keepBrackets) s = s.replace(/\([^)]*\)?/g, '');
  else s = s.replace(/[()]/g, '');
  return s.replace(/[、,，/\\·._\-]+/g, '');
}

export type MatchKind = 'exact' | 'fuzzy';
export interface HeaderMatch { field: string | null; kind: MatchKind; ignored?: boolean }

interface AliasIndex { exact: Map<string, string>; list: { alias: string; field: string }[] }
const indexes = new Map<Entity, AliasIndex>();

function aliasIndex(entity: Entity): AliasIndex {
  let ix = indexes.get(entity);
  if (ix) return ix;
  const exact = new Map<string, string>();
  const list: { alias: string; field: string }[] = [];
  for (const f of FIELDS[entity]) {
    for (const a of [f.zh, f.en, ...f.aliases]) {
      for (const n of new Set([normalizeHeader(a), normalizeHeader(a, true)])) {
        if (!n) continue;
        if (!exact.has(n)) exact.set(n, f.key);
        list.push({ alias: n, field: f.key });
      }
    }
  }
  for (const a of IGNORED_HEADERS) {
    const n = normalizeHeader(a);
    if (!exact.has(n)) exact.set(n, '');
  }
  list.sort((a, b) => b.alias.length - a.alias.length);
  ix = { exact, list };
  indexes.set(entity, ix);
  return ix;
}

/**
 * The field a header names: an exact alias (with or without its bracketed part), else the longest alias of at least
 * two characters that the header contains ("项目总投资额" → totalInvestment). `ignored` marks known headers that carry
 * nothing to import (序号, 备注 for projects).
 */
export function matchHeader(entity: Entity, header: string): HeaderMatch | null {
  const ix = aliasIndex(entity);
  for (const n of [normalizeHeader(header, true), normalizeHeader(header)]) {
    if (!n) continue;
    const f = ix.exact.get(n);
    if (f !== undefined) return f ? { field: f, kind: 'exact' } : { field: null, kind: 'exact', ignored: true };
  }
  const n = normalizeHeader(header);
  if (n.length < 2 || n.length > 30) return null;
  for (const { alias, field } of ix.list) {
    if (alias.length >= 2 && n.includes(alias)) return { field, kind: 'fuzzy' };
  }
  return null;
}

export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  col: number;
  header: string;
  field: string | null;
  /** For amount columns: the unit the header names (亿元 …), used when a cell has no unit of its own. */
  unit?: AmountUnit | null;
  match?: MatchKind | null;
}

/** How well a row looks like this entity's header row: exact matches count 1, contained aliases ½. */
export function headerScore(entity: Entity, cells: string[]): number {
  let score = 0;
  let nonEmpty = 0;
  const seen = new Set<string>();
  for (const c of cells) {
    if (!c || !String(c).trim()) continue;
    nonEmpty++;
    const m = matchHeader(entity, c);
    if (!m) continue;
    const key = m.field ?? `ignored:${normalizeHeader(c)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    score += m.kind === 'exact' ? 1 : 0.5;
  }
  // A merged title cell that happens to contain a field name is not a header row.
  return nonEmpty <= 1 ? score / 2 : score;
}

/** The index (within `rows`) of the header row: the best-scoring of the first 15 rows, the earliest on a tie; -1 if none. */
export function detectHeaderRow(entity: Entity, rows: string[][]): number {
  let best = -1;
  let bestScore = 0;
  rows.slice(0, 15).forEach((cells, i) => {
    const s = headerScore(entity, cells);
    if (s > bestScore) { best = i; bestScore = s; }
  });
  return bestScore >= 1 ? best : -1;
}

/** Each column's field: exact matches first, then contained aliases; a field is taken by one column only. */
export function autoMapping(entity: Entity, headers: string[], sheetUnit: AmountUnit | null = null): ColumnMapping[] {
  const out: ColumnMapping[] = headers.map((h, col) => ({ col, header: String(h ?? '').trim(), field: null, unit: null, match: null }));
  const taken = new Set<string>();
  const matches = headers.map((h) => (h && String(h).trim() ? matchHeader(entity, String(h)) : null));
  for (const pass of ['exact', 'fuzzy'] as const) {
    matches.forEach((m, col) => {
      if (!m || m.kind !== pass || !m.field || taken.has(m.field) || out[col].field) return;
      taken.add(m.field);
      out[col].field = m.field;
      out[col].match = m.kind;
    });
  }
  for (const c of out) {
    const def = c.field ? FIELDS[entity].find((f) => f.key === c.field) : undefined;
    if (def?.kind === 'money') {
      const declared = sheetUnit && sheetUnit.endsWith('美元') === (def.currency === 'usd') ? sheetUnit : null;
      c.unit = unitOfHeader(c.header) ?? declared;
    }
  }
  return out;
}

/** Checks an edited mapping: known fields, each field once; fills in header units for amount columns without one. */
export function cleanMapping(entity: Entity, headers: string[], mapping: { col: number; field: string | null; unit?: AmountUnit | null }[]): ColumnMapping[] | { error: string } {
  const defs = new Map<string, FieldDef>(FIELDS[entity].map((f) => [f.key, f]));
  const out: ColumnMapping[] = headers.map((h, col) => ({ col, header: String(h ?? '').trim(), field: null, unit: null, match: null }));
  const taken = new Set<string>();
  for (const m of mapping) {
    if (!Number.isInteger(m.col) || m.col < 0 || m.col >= headers.length) return { error: `column ${m.col}` };
    if (m.field == null || m.field === '') continue;
    const def = defs.get(m.field);
    if (!def) return { error: `field ${m.field}` };
    if (taken.has(m.field)) return { error: `field ${m.field} twice` };
    taken.add(m.field);
    out[m.col].field = m.field;
    out[m.col].match = null;
    out[m.col].unit = def.kind === 'money' ? (m.unit !== undefined ? m.unit : unitOfHeader(out[m.col].header)) : null;
  }
  return out;
}

/** A total or subtotal row (合计 / 总计 / 小计 in the first cells). */
export function isTotalRow(cells: string[]): boolean {
  let seen = 0;
  for (const c of cells) {
    const t = String(c ?? '').trim();
    if (!t) continue;
    const n = toHalfWidth(t).replace(/[\s:：]+/g, '');
    if (/^(合计|总计|小计|共计|累计|全市合计|总合计)/.test(n) || /^(total|subtotal|sum)$/i.test(n)) return true;
    if (++seen >= 3) return false;
  }
  return false;
}

/** A note line under the table ("注：…", "填报说明…") standing alone in its row. */
export function isNoteRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c && String(c).trim());
  if (filled.length !== 1) return false;
  return /^(注|说明|备注|填表说明|填报说明|填表人|制表|审核人|联系人：)/.test(toHalfWidth(String(filled[0])).trim());
}

export const isEmptyRow = (cells: string[]) => cells.every((c) => !c || !String(c).trim());
