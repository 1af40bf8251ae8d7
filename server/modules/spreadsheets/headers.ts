// Finding the header row among the title rows above it, and mapping each column to a field by its header name.
import { isUSCC } from '../../core/validators.js';
import { fieldsOf, IGNORED_HEADERS, SERIAL_HEADERS, type Entity, type FieldDef } from './fields.js';
import { parseDate, toHalfWidth, unitOfHeader, type AmountUnit } from './values.js';

/**
 * A header as compared: half-width, lower case, without spaces, line breaks, required-markers (*), trailing colons,
 * and — when `keepBrackets` is false — without bracketed parts ("总投资（亿元）" → "总投资", "县（市、区）" → "县").
 */
export function normalizeHeader(h: string, keepBrackets = false): string {
  let s = toHalfWidth(String(h ?? ''))
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, '')
    .replace(/^[*※★]+|[*※★:：]+$/g, '');
  s = s.replace(/[【\[]/g, '(').replace(/[】\]]/g, ')');
  if (!keepBrackets) s = s.replace(/\([^)]*\)?/g, '');
  else s = s.replace(/[()]/g, '');
  return s.replace(/[、,，/\\·._\-]+/g, '');
}

export type MatchKind = 'exact' | 'fuzzy';
export interface HeaderMatch {
  field: string | null;
  kind: MatchKind;
  ignored?: boolean;
}

interface AliasIndex {
  exact: Map<string, string>;
  list: { alias: string; field: string }[];
}
const indexes = new Map<Entity, AliasIndex>();

function aliasIndex(entity: Entity): AliasIndex {
  let ix = indexes.get(entity);
  if (ix) return ix;
  const exact = new Map<string, string>();
  const list: { alias: string; field: string }[] = [];
  for (const f of fieldsOf(entity)) {
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
  const parts = String(header ?? '')
    .split('/')
    .filter((p) => p.trim());
  if (parts.length > 1) {
    // A two-level header ("投资额（亿元）/总投资"): the lower name says what the column is.
    const lower = matchHeader(entity, parts[parts.length - 1]);
    if (lower && (lower.field || lower.ignored)) return lower;
  }
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

/**
 * How a column came to fill its field: `auto` — its header names the field and its values agree (shown as matched);
 * `guess` — weaker or conflicting evidence, shown for the user to confirm; `remembered` — as the unit confirmed it for a
 * sheet of the same layout; `user` — chosen by hand.
 */
export type MappingSource = 'auto' | 'guess' | 'remembered' | 'user';

export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  col: number;
  header: string;
  field: string | null;
  /** For amount columns: the unit the header names (亿元 …), used when a cell has no unit of its own. */
  unit?: AmountUnit | null;
  match?: MappingSource | null;
  /** 0–1: header evidence and value evidence together. */
  confidence?: number | null;
  /** What the values of the column mostly are (county names, stage phrases, credit codes, dates), and how many of them. */
  values?: { kind: ValueKind; share: number } | null;
  /** The clerk's own running number (序号): not imported, shown beside the sheet row. */
  serial?: boolean;
}

/** Kinds of values a column can be recognised by, whatever its header says. */
/** `other`: values are there but none of them is of a recognised kind. */
export type ValueKind = 'county' | 'stage' | 'uscc' | 'date' | 'serial' | 'other';

/** Judges single values; built from the organisation tree and the stage table of the import. */
export interface ValueJudge {
  isCounty(text: string): boolean;
  isStage(text: string): boolean;
}

const KIND_OF_FIELD: Partial<Record<FieldDef['kind'], ValueKind>> = {
  unit: 'county',
  stage: 'stage',
  uscc: 'uscc',
  date: 'date',
  pastDate: 'date',
  month: 'date',
};

const looksLikeDate = (t: string) => {
  const s = toHalfWidth(t).trim();
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n >= 25_000 && n <= 60_000;
  } // an Excel date serial (1968–2064)
  if (!/^(19|20)\d{2}/.test(s) || (!/[年月日\-/.]/.test(s) && !/^\d{6,8}$/.test(s))) return false; // a year first: 1.5 is an amount
  const r = parseDate(s);
  return !!r && !('error' in r);
};

/**
 * Each column's profile from sample rows: the share of its non-empty values that are county names, stage phrases,
 * valid credit codes, dates, or a running number (1, 2, 3 …). A kind needs at least three values to count.
 */
export function profileColumns(
  rows: string[][],
  width: number,
  judge: ValueJudge,
): ({ kind: ValueKind; share: number } | null)[] {
  const out: ({ kind: ValueKind; share: number } | null)[] = [];
  for (let col = 0; col < width; col++) {
    const vals = rows.map((r) => String(r[col] ?? '').trim()).filter(Boolean);
    if (vals.length < 3) {
      out.push(null);
      continue;
    }
    const share = (pred: (v: string) => boolean) => vals.filter(pred).length / vals.length;
    const ints = vals
      .map((v) => toHalfWidth(v))
      .filter((v) => /^\d{1,5}$/.test(v))
      .map(Number);
    let serial = 0;
    if (ints.length === vals.length) {
      let steps = 0;
      for (let i = 1; i < ints.length; i++) if (ints[i] === ints[i - 1] + 1) steps++;
      serial = steps / Math.max(1, ints.length - 1);
    }
    const scores: [ValueKind, number][] = [
      ['county', share((v) => judge.isCounty(v))],
      ['stage', share((v) => judge.isStage(v))],
      [
        'uscc',
        share((v) =>
          isUSCC(
            toHalfWidth(v)
              .replace(/[\s-]+/g, '')
              .toUpperCase(),
          ),
        ),
      ],
      ['date', share(looksLikeDate)],
      ['serial', serial],
    ];
    scores.sort((a, b) => b[1] - a[1]);
    out.push(
      scores[0][1] > 0
        ? { kind: scores[0][0], share: Math.round(scores[0][1] * 100) / 100 }
        : { kind: 'other', share: 1 },
    );
  }
  return out;
}

const HEADER_WEIGHT = { exact: 0.7, fuzzy: 0.4 } as const;
/**
 * Values of the field's kind: ≥ 60 % confirm a header (+0.3) or propose a field alone (0.5); < 20 % contradict it
 * (−0.4); in between leave it unsettled (−0.1).
 */
const AGREE = 0.6;
const CONTRADICT = 0.2;
const CONFIRMED = 0.7;

/** Whether a header names the clerk's running number. */
export const isSerialHeader = (header: string) =>
  SERIAL_HEADERS.some((h) => normalizeHeader(h) === normalizeHeader(header) && !!normalizeHeader(header));

/**
 * Each column's field, from its header and its values. A header that names a field counts 0.7 (an exact name) or 0.4
 * (a name inside a longer header); values that are mostly of the field's kind add 0.3, values that plainly are not take
 * 0.4 away; a column whose header says nothing but whose values are mostly county names, stage phrases or credit codes
 * is proposed for that field at 0.5. The strongest claims are served first, each field once; below 0.7, or when two
 * columns claim a field strongly, the match is a guess for the user to confirm.
 */
export function autoMapping(
  entity: Entity,
  headers: string[],
  sheetUnit: AmountUnit | null = null,
  profiles: ({ kind: ValueKind; share: number } | null)[] = [],
): ColumnMapping[] {
  const defs = fieldsOf(entity);
  const out: ColumnMapping[] = headers.map((h, col) => ({
    col,
    header: String(h ?? '').trim(),
    field: null,
    unit: null,
    match: null,
    confidence: null,
    values: profiles[col] ?? null,
  }));
  const claims: { col: number; field: string; conf: number }[] = [];
  headers.forEach((h, col) => {
    const header = String(h ?? '').trim();
    const prof = profiles[col] ?? null;
    if (header && isSerialHeader(header) && (!prof || prof.kind === 'serial' || prof.share < AGREE)) {
      out[col].serial = true;
      return;
    }
    const m = header ? matchHeader(entity, header) : null;
    if (m?.field) {
      const def = defs.find((f) => f.key === m.field)!;
      const kind = KIND_OF_FIELD[def.kind];
      let conf: number = HEADER_WEIGHT[m.kind];
      if (kind && prof) {
        const share = prof.kind === kind ? prof.share : 0;
        if (share >= AGREE) conf += 0.3;
        else if (share < CONTRADICT) conf -= 0.4;
        else conf -= 0.1; // some values of the kind, not most: the header alone does not settle it
      }
      claims.push({ col, field: m.field, conf });
    }
    if (!m?.field && prof && prof.share >= AGREE && !['serial', 'date', 'other'].includes(prof.kind)) {
      // Values alone: the first field of that kind (the county, the stage, the credit code).
      const def = defs.find((f) => f.keyField && KIND_OF_FIELD[f.kind] === prof.kind);
      if (def) claims.push({ col, field: def.key, conf: 0.5 });
    }
  });
  claims.sort((a, b) => b.conf - a.conf || a.col - b.col);
  const taken = new Map<string, number>();
  for (const c of claims) {
    if (c.conf <= 0) continue;
    const holder = taken.get(c.field);
    if (holder !== undefined) {
      // A second strong claim on a field already given makes the first a guess too.
      if (c.conf >= CONFIRMED && out[holder].match === 'auto') out[holder].match = 'guess';
      continue;
    }
    if (out[c.col].field) continue;
    taken.set(c.field, c.col);
    out[c.col].field = c.field;
    out[c.col].confidence = Math.round(Math.min(1, c.conf) * 100) / 100;
    out[c.col].match = c.conf >= CONFIRMED ? 'auto' : 'guess';
  }
  for (const c of out) fillUnit(entity, c, sheetUnit);
  // The serial column: by header, or else the first column whose values run 1, 2, 3 … and whose header names no field.
  if (!out.some((c) => c.serial)) {
    const s = out.find((c) => !c.field && c.values?.kind === 'serial' && c.values.share >= 0.8);
    if (s) s.serial = true;
  }
  return out;
}

/** The unit a header names, on either level of a two-level header ("投资额（亿元）/总投资" → 亿元). */
export const headerUnit = (header: string): AmountUnit | null =>
  header
    .split('/')
    .reverse()
    .map((p) => unitOfHeader(p))
    .find((u) => !!u) ?? null;

function fillUnit(entity: Entity, c: ColumnMapping, sheetUnit: AmountUnit | null) {
  const def = c.field ? fieldsOf(entity).find((f) => f.key === c.field) : undefined;
  if (def?.kind !== 'money') {
    c.unit = null;
    return;
  }
  const declared = sheetUnit && sheetUnit.endsWith('美元') === (def.currency === 'usd') ? sheetUnit : null;
  c.unit = c.unit ?? headerUnit(c.header) ?? declared;
}

export interface MappingProblem {
  field: string;
  code: 'required' | 'unmapped_key';
  col?: number;
  header?: string;
}

/**
 * What stops a dry run under a mapping: a required field no column fills, or a key field (county, stage, credit code)
 * that no column fills while an unmapped column's values plainly are of its kind.
 */
export function mappingProblems(entity: Entity, mapping: ColumnMapping[]): MappingProblem[] {
  const mapped = new Set(mapping.map((m) => m.field).filter(Boolean));
  const out: MappingProblem[] = [];
  for (const f of fieldsOf(entity)) {
    if (mapped.has(f.key)) continue;
    if (f.required) {
      out.push({ field: f.key, code: 'required' });
      continue;
    }
    const kind = KIND_OF_FIELD[f.kind];
    if (!f.keyField || !kind) continue;
    const col = mapping.find((m) => !m.field && !m.serial && m.values?.kind === kind && m.values.share >= AGREE);
    if (col) out.push({ field: f.key, code: 'unmapped_key', col: col.col, header: col.header });
  }
  return out;
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
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return bestScore >= 1 ? best : -1;
}

/**
 * Checks an edited mapping: known fields, each field once; fills in header units for amount columns without one. A
 * column left as it was keeps how it was matched; a changed one becomes the user's choice.
 */
export function cleanMapping(
  entity: Entity,
  headers: string[],
  mapping: { col: number; field: string | null; unit?: AmountUnit | null }[],
  previous: ColumnMapping[] = [],
): ColumnMapping[] | { error: string } {
  const defs = new Map<string, FieldDef>(fieldsOf(entity).map((f) => [f.key, f]));
  const before = new Map(previous.map((p) => [p.col, p]));
  const out: ColumnMapping[] = headers.map((h, col) => ({
    col,
    header: String(h ?? '').trim(),
    field: null,
    unit: null,
    match: null,
    confidence: null,
    values: before.get(col)?.values ?? null,
    serial: before.get(col)?.serial ?? false,
  }));
  const taken = new Set<string>();
  for (const m of mapping) {
    if (!Number.isInteger(m.col) || m.col < 0 || m.col >= headers.length) return { error: `column ${m.col}` };
    if (m.field == null || m.field === '') continue;
    const def = defs.get(m.field);
    if (!def) return { error: `field ${m.field}` };
    if (taken.has(m.field)) return { error: `field ${m.field} twice` };
    taken.add(m.field);
    const was = before.get(m.col);
    out[m.col].field = m.field;
    out[m.col].serial = false;
    const same = was?.field === m.field;
    out[m.col].match = same && was?.match ? was.match : 'user';
    out[m.col].confidence = same ? (was?.confidence ?? null) : null;
    out[m.col].unit = def.kind === 'money' ? (m.unit !== undefined ? m.unit : headerUnit(out[m.col].header)) : null;
  }
  return out;
}

/** The mapping as the user confirmed it: every mapped column becomes the user's choice (kept for the next sheet). */
export const confirmedMapping = (mapping: ColumnMapping[]) =>
  mapping.map((m) => ({ col: m.col, field: m.field, unit: m.unit ?? null, serial: !!m.serial }));

/**
 * A layout's fingerprint: the normalised header cells in order (empty ones kept as place holders), so that next
 * month's sheet with the same columns is recognised even when spacing, brackets or full-width characters differ.
 */
export const headerKey = (headers: string[]) => headers.map((h) => normalizeHeader(h, true)).join('|');

/**
 * Two header rows combined when the lower one subdivides the upper one's merged cells ("投资额（亿元）" over
 * "总投资 | 其中固定资产投资"): the lower row has names under blank upper cells, the upper row has names over blank
 * lower cells (merged down), and neither holds numbers. Null when the rows are not such a pair.
 */
export function combineHeaderRows(top: string[], bottom: string[]): string[] | null {
  const width = Math.max(top.length, bottom.length);
  const t = Array.from({ length: width }, (_, i) => String(top[i] ?? '').trim());
  const b = Array.from({ length: width }, (_, i) => String(bottom[i] ?? '').trim());
  const topFilled = t.filter(Boolean);
  const bottomFilled = b.filter(Boolean);
  if (topFilled.length < 2 || bottomFilled.length < 2) return null;
  const wordy = (v: string) => v.length <= 24 && !/[:：]/.test(v) && !/^[\d\s.,，%-]+$/.test(toHalfWidth(v));
  if (!topFilled.every(wordy) || !bottomFilled.every(wordy)) return null;
  let under = 0; // names under a blank upper cell (the upper cell is merged across)
  let over = 0; // names over a blank lower cell (merged down)
  for (let i = 0; i < width; i++) {
    if (b[i] && !t[i] && i > 0 && t.slice(0, i).some(Boolean)) under++;
    if (t[i] && !b[i]) over++;
  }
  if (!under || !over) return null;
  const out: string[] = [];
  let parent = '';
  for (let i = 0; i < width; i++) {
    if (t[i]) parent = t[i];
    else if (!b[i]) parent = '';
    if (!b[i]) out.push(t[i]);
    else if (t[i] && t[i] !== b[i] && b[i + 1] && !t[i + 1])
      out.push(`${t[i]}/${b[i]}`); // the first cell under a merged one
    else if (t[i]) out.push(t[i] === b[i] ? t[i] : `${t[i]}/${b[i]}`);
    else out.push(parent ? `${parent}/${b[i]}` : b[i]);
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
