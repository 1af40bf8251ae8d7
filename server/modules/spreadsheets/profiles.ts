// The spreadsheet engine knows no entity: each domain module describes its sheets in a profile (what its export
// holds and how it is filtered) and the app registers the profiles at start (server/sheet-profiles.ts). The engine
// imports only core/ and its own files; the modules import the engine's types, never the other way round.
import type { TProperties } from 'typebox';
import type { Db, Tx } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { gramsOf, searchTextOf } from '../../core/search.js';
import { registerImportChecks, type CheckedRow, type ImportChecks } from './checks.js';
import { registerRowRule, type ConvertContext, type RowRule } from './convert.js';
import { registerFields, type Entity, type FieldDef } from './fields.js';
import type { SourceColumn } from './repository.js';

export type { SourceColumn } from './repository.js';

/** What a commit's writer is made with, before the commit's transaction begins. */
export interface WriterSetup {
  db: Db;
  ctx: AuthedContext;
  jobId: number;
  /** The sequence behind a table's id column (records get their ids from it inside the one statement). */
  sequenceOf: (table: string) => Promise<string>;
}

/** How a commit writes an entity's records, chunk by chunk, in its one transaction. */
export interface RecordWriter {
  /** The columns of a chunk's records, with their types: the temporary table's and the COPY's. */
  columns: SourceColumn[];
  /** The checked rows of a chunk as records keyed by `columns` (`row_no` first). */
  records: (tx: Tx, rows: CheckedRow[]) => Promise<Record<string, unknown>[]>;
  /**
   * Writes the chunk that is in the temporary table `source`: the records, their timeline entries and, in
   * import_row_records, which record each row became.
   */
  write: (tx: Tx, source: string) => Promise<void>;
}

/** One column of an export: its header in the caller's language, its width, and how a row gives its value. */
export interface ExportColumn {
  header: string;
  width: number;
  /** An amount: written as a number with two decimals. */
  money?: boolean;
  value: (row: Record<string, unknown>) => unknown;
}

/** The rows of an export, read page by page in id order (the filter is the entity list's own). */
export interface ExportSource {
  columns: ExportColumn[];
  page: (afterId: number, limit: number) => Promise<Record<string, unknown>[]>;
}

/** The export query as the route receives it: the union of the entity lists' filters. */
export type ExportQuery = Record<string, unknown>;

/** Where the city's stage table (what sheets write for each project stage) is kept, versioned. */
export interface StageTableStore {
  read: (tx: Tx) => Promise<{ table: Record<string, string[]> | null; version: number }>;
  /** Replaces it with the version read in the WHERE, audited in the same transaction. */
  save: (
    tx: Tx,
    ctx: AuthedContext,
    table: Record<string, string[]>,
    version: number,
  ) => Promise<{ table: Record<string, string[]>; version: number }>;
}

export interface SheetProfile {
  entity: Entity;
  /** What the entity is called in a job, a sheet's name and the audit. */
  label: { zh: string; en: string };

  // ---- import
  /** The columns its sheets can have, each with its kind, header synonyms and the rules its form and API apply. */
  fields: FieldDef[];
  /** The record's own rules over a converted row: its owner, the new record's values, checks across fields. */
  rowRule: RowRule;
  /** A column of unit names is the owner column when its values are counties and parks, or any unit's names. */
  ownerColumn: 'county' | 'any';
  /** Facts of the module the conversion needs (e.g. the city's home division, for an enterprise's region). */
  conversionFacts?: (tx: Tx) => Promise<Partial<Pick<ConvertContext, 'homeDivision'>>>;
  /** The stage table of a register with stages (projects): its stage columns are read with it. */
  stageTable?: StageTableStore;
  /** Its duplicate rule (within the file and against live records), its link to the enterprise library, its table. */
  checks: ImportChecks;
  /** How a commit writes its records. */
  writer: (setup: WriterSetup) => Promise<RecordWriter>;

  // ---- export
  /** The export's filters, as the entity's list takes them (TypeBox properties of the query string). */
  exportFilters: TProperties;
  /** The file names of the downloads: `${exportName}-2025-03-18.xlsx`. */
  exportName: { zh: string; en: string };
  /**
   * The caller's filtered list, as the list page shows it: the module's list filter (the same function) and the
   * export's columns. `mask`: the caller only reads, so phone numbers are masked.
   */
  exportSource: (db: Db, ctx: AuthedContext, query: ExportQuery, mask: boolean) => Promise<ExportSource>;
}

const profiles = new Map<Entity, SheetProfile>();

/** Registers a module's profile (once per entity; the app does it at start). */
export function registerSheetProfile(p: SheetProfile): void {
  const had = profiles.get(p.entity);
  if (had && had !== p) throw new Error(`a sheet profile for "${p.entity}" is registered already`);
  profiles.set(p.entity, p);
  registerFields(p.entity, p.label, p.fields);
  registerRowRule(p.entity, p.rowRule);
  registerImportChecks(p.entity, p.checks);
}

/** The stage table's store, from the profile that keeps one; none: the default table, not kept. */
export const stageTableStore = (): StageTableStore | undefined => sheetProfiles().find((p) => p.stageTable)?.stageTable;

/** Every registered profile. */
export const sheetProfiles = (): SheetProfile[] => [...profiles.values()];

/** The registered profile of an entity. */
export function sheetProfile(entity: Entity): SheetProfile {
  const p = profiles.get(entity);
  if (!p) throw new Error(`no sheet profile is registered for "${entity}"`);
  return p;
}

// Cell helpers for the export columns of the profiles.
/** An amount as a number (the column is formatted #,##0.00), empty when there is none. */
export const moneyCell = (v: unknown) => (v == null || v === '' ? null : Number(v));
/** A date as YYYY-MM-DD. */
export const dayCell = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
/** A moment as YYYY-MM-DD HH:MM (UTC, as the export always wrote it). */
export const stampCell = (v: unknown) =>
  v == null ? null : new Date(v as string).toISOString().replace('T', ' ').slice(0, 16);

// Helpers for the writers of the profiles.
/** A value as a number, or null. */
export const num = (v: unknown) => (typeof v === 'number' ? v : null);
/** A record's search columns from its searchable parts: `search_text` and the grams `g`, space-separated. */
export const searchColumns = (...parts: (string | null | undefined)[]) => ({
  search_text: searchTextOf(...parts),
  g: gramsOf(...parts).join(' '),
});
