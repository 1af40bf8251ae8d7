// Data access for the enterprise library. Every read of enterprises carries the caller's scope predicate;
// contacts and timeline entries are read only through an enterprise that passed it.
import { and, arrayContains, asc, count, desc, eq, gt, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { clusters, enterpriseContacts, enterprises, leads, projects, teams, units } from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';
import { gramsOf, searchPredicate, searchTextOf } from '../../core/search.js';

const columns = {
  id: enterprises.id,
  name: enterprises.name,
  uscc: enterprises.uscc,
  ownership: enterprises.ownership,
  tiers: enterprises.tiers,
  hqDivision: enterprises.hqDivision,
  hqRegion: enterprises.hqRegion,
  hqCountry: enterprises.hqCountry,
  industryCode: enterprises.industryCode,
  clusterId: enterprises.clusterId,
  clusterName: clusters.name,
  registeredCapital: enterprises.registeredCapital,
  website: enterprises.website,
  notes: enterprises.notes,
  ownerUnitId: enterprises.ownerUnitId,
  ownerUnitName: units.name,
  teamId: enterprises.teamId,
  teamName: teams.name,
  mergedIntoId: enterprises.mergedIntoId,
  version: enterprises.version,
  createdAt: enterprises.createdAt,
  updatedAt: enterprises.updatedAt,
};
export type EnterpriseRow = Awaited<ReturnType<typeof findEnterprise>> & {};

export const inScope = (scope: DataScope) =>
  scopePredicate(scope, { ownerUnitId: enterprises.ownerUnitId, teamId: enterprises.teamId });
/** Not deleted and not merged into another record. */
export const live = () => and(isNull(enterprises.deletedAt), isNull(enterprises.mergedIntoId));

function base(tx: Tx) {
  return tx
    .select(columns)
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.ownerUnitId))
    .leftJoin(teams, eq(teams.id, enterprises.teamId))
    .leftJoin(clusters, eq(clusters.id, enterprises.clusterId));
}

export interface ListFilters {
  q?: string;
  ownership?: string;
  tier?: string;
  hqRegion?: string;
  clusterId?: number;
  industry?: string;
  ownerUnitIds?: number[];
  sort?: 'name' | 'registeredCapital' | 'updatedAt';
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** How many rows past the page the count may look at: a huge filtered list is counted only this far. */
export const COUNT_WINDOW_PAGES = 10;

export type ListWhere = Omit<ListFilters, 'sort' | 'order' | 'page' | 'pageSize'>;

/** The list's filter: live records in the scope that match. The list page and the export both read with it. */
export function listWhere(scope: DataScope, f: ListWhere): SQL {
  const conds: (SQL | undefined)[] = [live(), inScope(scope)];
  conds.push(searchPredicate(f.q?.trim(), { text: enterprises.searchText, grams: enterprises.searchGrams }));
  if (f.ownership) conds.push(eq(enterprises.ownership, f.ownership));
  if (f.tier) conds.push(arrayContains(enterprises.tiers, [f.tier]));
  if (f.hqRegion) conds.push(eq(enterprises.hqRegion, f.hqRegion));
  if (f.clusterId) conds.push(eq(enterprises.clusterId, f.clusterId));
  if (f.industry) conds.push(sql`${enterprises.industryCode} LIKE ${`${f.industry}%`}`);
  if (f.ownerUnitIds) conds.push(f.ownerUnitIds.length ? inArray(enterprises.ownerUnitId, f.ownerUnitIds) : sql`FALSE`);
  return and(...conds)!;
}

export async function findEnterprises(tx: Tx, where: SQL, f: ListFilters) {
  const dir = f.order ?? (f.sort === 'name' ? 'asc' : 'desc');
  const by = (c: SQL) => (dir === 'asc' ? asc(c) : desc(c));
  const order =
    f.sort === 'name'
      ? [by(sql`${enterprises.name} COLLATE "C"`), asc(enterprises.id)]
      : f.sort === 'registeredCapital'
        ? [
            sql`${enterprises.registeredCapital} ${sql.raw(dir === 'asc' ? 'ASC' : 'DESC')} NULLS LAST`,
            asc(enterprises.id),
          ]
        : [by(sql`${enterprises.updatedAt}`), desc(enterprises.id)];

  const offset = (f.page - 1) * f.pageSize;
  // Windowed count: never count more than this page plus ten more pages (and one row to tell "more").
  const cap = offset + f.pageSize * COUNT_WINDOW_PAGES + 1;
  const window = tx
    .select({ one: sql<number>`1`.as('one') })
    .from(enterprises)
    .where(where)
    .limit(cap)
    .as('w');
  const [items, [{ n }]] = await Promise.all([
    base(tx)
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset(offset),
    tx.select({ n: count() }).from(window),
  ]);
  const total = Number(n);
  return { items, total, totalIsExact: total < cap };
}

const primaryContact = (col: 'name' | 'title' | 'phone') => sql<
  string | null
>`(SELECT c.${sql.raw(col)} FROM enterprise_contacts c
  WHERE c.enterprise_id = ${enterprises.id} ORDER BY c.is_primary DESC, c.id LIMIT 1)`;

/** A page of the export, in id order after `afterId`, with the primary contact. */
export function exportPage(tx: Tx, where: SQL, afterId: number, limit: number) {
  return tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      ownership: enterprises.ownership,
      tiers: enterprises.tiers,
      registeredCapital: enterprises.registeredCapital,
      hqDivision: enterprises.hqDivision,
      hqCountry: enterprises.hqCountry,
      industryCode: enterprises.industryCode,
      clusterName: clusters.name,
      website: enterprises.website,
      notes: enterprises.notes,
      ownerUnitName: units.name,
      updatedAt: enterprises.updatedAt,
      contactName: primaryContact('name'),
      contactTitle: primaryContact('title'),
      contactPhone: primaryContact('phone'),
    })
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.ownerUnitId))
    .leftJoin(clusters, eq(clusters.id, enterprises.clusterId))
    .where(and(where, gt(enterprises.id, afterId)))
    .orderBy(asc(enterprises.id))
    .limit(limit);
}

/** One enterprise within the scope; merged records too (their detail says where they went), deleted ones never. */
export async function findEnterprise(
  tx: Tx,
  scope: DataScope,
  id: number,
  opts: { forUpdate?: boolean; liveOnly?: boolean } = {},
) {
  const q = base(tx).where(
    and(
      eq(enterprises.id, id),
      isNull(enterprises.deletedAt),
      opts.liveOnly ? isNull(enterprises.mergedIntoId) : undefined,
      inScope(scope),
    ),
  );
  const [row] = opts.forUpdate ? await q.for('update', { of: enterprises }) : await q;
  return row;
}

/** The live record holding a credit code, whatever the scope (the caller is told only what it may see). */
export async function findByUscc(tx: Tx, uscc: string, exceptId?: number) {
  const [row] = await tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      ownerUnitId: enterprises.ownerUnitId,
      teamId: enterprises.teamId,
    })
    .from(enterprises)
    .where(and(eq(enterprises.uscc, uscc), live(), exceptId ? ne(enterprises.id, exceptId) : undefined))
    .limit(1);
  return row;
}

/** Live records whose search text holds `trade` (the 字号), in or out of the scope, for the duplicate check. */
export async function findByTradeName(tx: Tx, trade: string, exceptId: number | undefined, limit: number) {
  return tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      ownerUnitId: enterprises.ownerUnitId,
      teamId: enterprises.teamId,
      ownerUnitName: units.name,
      hqRegion: enterprises.hqRegion,
    })
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.ownerUnitId))
    .where(
      and(
        live(),
        searchPredicate(trade, { text: enterprises.searchText, grams: enterprises.searchGrams }),
        exceptId ? ne(enterprises.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(enterprises.id))
    .limit(limit);
}

export async function findUscc(tx: Tx, scope: DataScope, uscc: string, exceptId?: number) {
  const [row] = await tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      ownerUnitName: units.name,
      hqRegion: enterprises.hqRegion,
    })
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.ownerUnitId))
    .where(and(eq(enterprises.uscc, uscc), live(), inScope(scope), exceptId ? ne(enterprises.id, exceptId) : undefined))
    .limit(1);
  return row;
}

export type EnterpriseValues = {
  name: string;
  uscc?: string | null;
  ownership?: string | null;
  tiers?: string[];
  hqDivision?: string | null;
  hqRegion?: string | null;
  hqCountry?: string | null;
  industryCode?: string | null;
  clusterId?: number | null;
  registeredCapital?: string | null;
  website?: string | null;
  notes?: string | null;
  teamId?: number | null;
};

export async function insertEnterprise(tx: Tx, values: EnterpriseValues & { ownerUnitId: number; createdBy: number }) {
  const [row] = await tx.insert(enterprises).values(values).returning({ id: enterprises.id });
  return row.id;
}

/** Updates only when the stored version is the one the caller read; returns false on a conflict. */
export async function updateEnterpriseRow(
  tx: Tx,
  id: number,
  version: number,
  patch: Partial<EnterpriseValues> & { mergedIntoId?: number; deletedAt?: Date },
): Promise<boolean> {
  const rows = await tx
    .update(enterprises)
    .set({ ...patch, version: sql`${enterprises.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enterprises.id, id), eq(enterprises.version, version), live()))
    .returning({ id: enterprises.id });
  return rows.length === 1;
}

/** Rewrites search_text and search_grams from the name, the credit code and the contacts' names. */
export async function refreshSearch(tx: Tx, id: number) {
  const [e] = await tx
    .select({ name: enterprises.name, uscc: enterprises.uscc })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  const people = await tx
    .select({ name: enterpriseContacts.name })
    .from(enterpriseContacts)
    .where(eq(enterpriseContacts.enterpriseId, id))
    .orderBy(asc(enterpriseContacts.id));
  const parts = [e.name, e.uscc, ...people.map((p) => p.name)];
  await tx
    .update(enterprises)
    .set({ searchText: searchTextOf(...parts), searchGrams: gramsOf(...parts) })
    .where(eq(enterprises.id, id));
}

// ---- contacts ----

export type ContactValues = {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean;
};

const contactColumns = {
  id: enterpriseContacts.id,
  enterpriseId: enterpriseContacts.enterpriseId,
  name: enterpriseContacts.name,
  title: enterpriseContacts.title,
  phone: enterpriseContacts.phone,
  email: enterpriseContacts.email,
  isPrimary: enterpriseContacts.isPrimary,
  createdAt: enterpriseContacts.createdAt,
};

export async function listContacts(tx: Tx, enterpriseId: number) {
  return tx
    .select(contactColumns)
    .from(enterpriseContacts)
    .where(eq(enterpriseContacts.enterpriseId, enterpriseId))
    .orderBy(desc(enterpriseContacts.isPrimary), asc(enterpriseContacts.id));
}

export async function findContact(tx: Tx, enterpriseId: number, contactId: number) {
  const [row] = await tx
    .select(contactColumns)
    .from(enterpriseContacts)
    .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
  return row;
}

export async function insertContact(tx: Tx, enterpriseId: number, v: ContactValues) {
  if (v.isPrimary)
    await tx
      .update(enterpriseContacts)
      .set({ isPrimary: false })
      .where(eq(enterpriseContacts.enterpriseId, enterpriseId));
  const [row] = await tx
    .insert(enterpriseContacts)
    .values({ ...v, isPrimary: v.isPrimary ?? false, enterpriseId })
    .returning({ id: enterpriseContacts.id });
  return row.id;
}

export async function updateContact(tx: Tx, enterpriseId: number, contactId: number, patch: Partial<ContactValues>) {
  if (patch.isPrimary)
    await tx
      .update(enterpriseContacts)
      .set({ isPrimary: false })
      .where(eq(enterpriseContacts.enterpriseId, enterpriseId));
  await tx
    .update(enterpriseContacts)
    .set(patch)
    .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
}

export async function deleteContact(tx: Tx, enterpriseId: number, contactId: number) {
  await tx
    .delete(enterpriseContacts)
    .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
}

// ---- timeline ----

/** The record and every record merged into it (at any depth): their timelines are read together. */
export async function mergedFamilyIds(tx: Tx, id: number): Promise<number[]> {
  return mergedFamily(tx, id);
}

async function mergedFamily(tx: Tx, id: number): Promise<number[]> {
  const r = await tx.execute<{ id: number }>(sql`
    WITH RECURSIVE fam(id) AS (
      SELECT ${id}::int
      UNION SELECT e.id FROM enterprises e JOIN fam ON e.merged_into_id = fam.id
    ) SELECT id FROM fam`);
  return (r as unknown as { rows: { id: number }[] }).rows.map((x) => Number(x.id));
}

// ---- references from other modules ----

export async function countReferences(tx: Tx, id: number) {
  const [[l], [p]] = await Promise.all([
    tx
      .select({ n: count() })
      .from(leads)
      .where(and(eq(leads.enterpriseId, id), isNull(leads.deletedAt))),
    tx
      .select({ n: count() })
      .from(projects)
      .where(and(eq(projects.enterpriseId, id), isNull(projects.deletedAt))),
  ]);
  return { leads: Number(l.n), projects: Number(p.n) };
}

/** Points contacts, leads and projects of `from` at `into`. Leads and projects get a new version: their enterprise changed. */
export async function moveReferences(tx: Tx, from: number, into: number) {
  const [primary] = await tx
    .select({ id: enterpriseContacts.id })
    .from(enterpriseContacts)
    .where(and(eq(enterpriseContacts.enterpriseId, into), eq(enterpriseContacts.isPrimary, true)))
    .limit(1);
  const movedContacts = await tx
    .update(enterpriseContacts)
    .set({ enterpriseId: into, ...(primary ? { isPrimary: false } : {}) })
    .where(eq(enterpriseContacts.enterpriseId, from))
    .returning({ id: enterpriseContacts.id });
  const movedLeads = await tx
    .update(leads)
    .set({ enterpriseId: into, version: sql`${leads.version} + 1`, updatedAt: new Date() })
    .where(eq(leads.enterpriseId, from))
    .returning({ id: leads.id });
  const movedProjects = await tx
    .update(projects)
    .set({ enterpriseId: into, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(eq(projects.enterpriseId, from))
    .returning({ id: projects.id });
  return { contacts: movedContacts.length, leads: movedLeads.length, projects: movedProjects.length };
}

/** Marks `from` as merged into `into` (version-checked) and bumps `into`. */
export async function markMerged(tx: Tx, from: number, version: number, into: number, fill: Partial<EnterpriseValues>) {
  const rows = await tx
    .update(enterprises)
    .set({ mergedIntoId: into, version: sql`${enterprises.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enterprises.id, from), eq(enterprises.version, version), live()))
    .returning({ id: enterprises.id });
  if (rows.length !== 1) return false;
  await tx
    .update(enterprises)
    .set({ ...fill, version: sql`${enterprises.version} + 1`, updatedAt: new Date() })
    .where(eq(enterprises.id, into));
  return true;
}

// ---- for other modules ----

/** An enterprise of the library the caller may see (live: not deleted, not merged into another). */
export async function findVisibleRef(tx: Tx, scope: DataScope, id: number) {
  const [row] = await tx
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), live(), inScope(scope)));
  return row;
}

export async function nameById(tx: Tx, id: number) {
  const [row] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, id));
  return row?.name ?? null;
}

// ---- reference checks ----

export async function activeUnitExists(tx: Tx, id: number) {
  const [row] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, id), eq(units.active, true)));
  return !!row;
}

/** The GB/T 2260 code of the city the system serves (the unit of kind city), 371500 if none is set. */
export async function homeDivision(tx: Tx): Promise<string> {
  const [row] = await tx
    .select({ code: units.divisionCode })
    .from(units)
    .where(and(eq(units.kind, 'city'), isNull(units.parentId)))
    .orderBy(asc(units.id))
    .limit(1);
  return row?.code ?? '371500';
}

/** The name of the record another was merged into, if the caller may see it. */
export async function mergedIntoName(tx: Tx, scope: DataScope, id: number | null) {
  if (!id) return null;
  const [row] = await tx
    .select({ name: enterprises.name })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), isNull(enterprises.deletedAt), inScope(scope)));
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------- spreadsheet imports

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);
const textArray = (xs: string[]) => sql`${JSON.stringify(xs)}::jsonb`;

/** Live enterprises with these credit codes or names: an import's duplicates. */
export interface ExistingEnterprise {
  id: number;
  name: string;
  uscc: string | null;
  ownerUnitId: number;
  teamId: number | null;
}
export async function existingEnterprises(tx: Tx, usccs: string[], names: string[]): Promise<ExistingEnterprise[]> {
  if (!usccs.length && !names.length) return [];
  const conds: SQL[] = [];
  if (usccs.length) conds.push(sql`uscc IN (SELECT jsonb_array_elements_text(${textArray(usccs)}))`);
  if (names.length) conds.push(sql`name IN (SELECT jsonb_array_elements_text(${textArray(names)}))`);
  return rowsOf<ExistingEnterprise>(
    await tx.execute(sql`SELECT id, name, uscc, owner_unit_id AS "ownerUnitId", team_id AS "teamId" FROM enterprises
    WHERE deleted_at IS NULL AND merged_into_id IS NULL AND (${sql.join(conds, sql` OR `)})`),
  );
}

export interface InvestorFactsRow {
  id: number;
  name: string;
  tiers: string[];
  ownership: string | null;
  hqDivision: string | null;
  hqRegion: string | null;
  hqCountry: string | null;
  ownerUnitId: number;
  teamId: number | null;
}
/** Live enterprises with these exact names (for linking a project's investor or a lead's target). */
export async function enterprisesByName(tx: Tx, names: string[]): Promise<InvestorFactsRow[]> {
  if (!names.length) return [];
  return rowsOf<InvestorFactsRow>(
    await tx.execute(sql`SELECT id, name, tiers, ownership, hq_division AS "hqDivision", hq_region AS "hqRegion",
      hq_country AS "hqCountry", owner_unit_id AS "ownerUnitId", team_id AS "teamId"
    FROM enterprises WHERE deleted_at IS NULL AND merged_into_id IS NULL AND name IN (SELECT jsonb_array_elements_text(${textArray(names)}))`),
  );
}

/** Enterprises by id, with the facts a project's flags read (an import's investors, when it commits). */
export async function enterprisesById(tx: Tx, ids: number[]): Promise<InvestorFactsRow[]> {
  if (!ids.length) return [];
  return rowsOf<InvestorFactsRow>(
    await tx.execute(sql`SELECT id, name, tiers, ownership, hq_division AS "hqDivision", hq_region AS "hqRegion",
      hq_country AS "hqCountry", owner_unit_id AS "ownerUnitId", team_id AS "teamId"
    FROM enterprises WHERE id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`),
  );
}

const jsonb = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * An import's chunk of enterprises from the transaction's temporary table `source`: the records with their primary
 * contact, their timeline entries and the import rows' records, in one statement.
 */
export async function importEnterprises(tx: Tx, source: string, jobId: number, userId: number, seq: string) {
  await tx.execute(sql`WITH src AS MATERIALIZED (
      SELECT x.*, nextval(${seq}::regclass)::int AS pid FROM ${sql.raw(source)} x
    ), ins AS (
      INSERT INTO enterprises (id, name, uscc, ownership, tiers, hq_division, hq_region, hq_country, industry_code, cluster_id,
        registered_capital, website, notes, owner_unit_id, team_id, created_by, search_text, search_grams)
      SELECT pid, name, uscc, ownership, coalesce(tiers, '{}'), hq_division, hq_region, hq_country, industry_code, cluster_id,
        registered_capital, website, notes, owner_unit_id, team_id, ${userId}, search_text, coalesce(string_to_array(g, ' '), '{}') FROM src
    ), contacts AS (
      INSERT INTO enterprise_contacts (enterprise_id, name, title, phone, is_primary)
      SELECT pid, contact_name, contact_title, contact_phone, true FROM src WHERE contact_name IS NOT NULL
    ), tl AS (
      INSERT INTO timeline_entries (entity_type, entity_id, kind, summary, data, user_id)
      SELECT 'enterprise', pid, 'imported', '表格导入', ${jsonb({ importId: jobId })}, ${userId} FROM src
    )
    INSERT INTO import_row_records (job_id, row_no, record_id) SELECT ${jobId}, row_no, pid FROM src`);
}
