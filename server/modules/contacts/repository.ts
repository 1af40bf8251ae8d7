// Data access for contacts. Every read carries the caller's scope predicate.
import { and, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { contacts, teams, units } from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';

const columns = {
  id: contacts.id,
  name: contacts.name,
  organization: contacts.organization,
  title: contacts.title,
  phone: contacts.phone,
  email: contacts.email,
  notes: contacts.notes,
  ownerUnitId: contacts.ownerUnitId,
  ownerUnitName: units.name,
  teamId: contacts.teamId,
  teamName: teams.name,
  version: contacts.version,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};
export type ContactRow = {
  [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] | (K extends 'teamName' ? null : never);
};

const inScope = (scope: DataScope) =>
  and(
    isNull(contacts.deletedAt),
    scopePredicate(scope, { ownerUnitId: contacts.ownerUnitId, teamId: contacts.teamId }),
  );

function base(tx: Tx) {
  return tx
    .select(columns)
    .from(contacts)
    .innerJoin(units, eq(units.id, contacts.ownerUnitId))
    .leftJoin(teams, eq(teams.id, contacts.teamId));
}

export async function findContacts(tx: Tx, scope: DataScope, f: { q?: string; page: number; pageSize: number }) {
  const conds: (SQL | undefined)[] = [inScope(scope)];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(contacts.name, like), ilike(contacts.organization, like), ilike(contacts.title, like)));
  }
  const where = and(...conds);
  const [items, [{ total }]] = await Promise.all([
    base(tx)
      .where(where)
      .orderBy(desc(contacts.updatedAt), desc(contacts.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    tx.select({ total: count() }).from(contacts).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function findContact(tx: Tx, scope: DataScope, id: number, forUpdate = false) {
  const q = base(tx).where(and(eq(contacts.id, id), inScope(scope)));
  const [row] = forUpdate ? await q.for('update', { of: contacts }) : await q;
  return row;
}

export type ContactValues = {
  name: string;
  organization?: string | null;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  teamId?: number | null;
};

export async function insertContact(tx: Tx, values: ContactValues & { ownerUnitId: number; createdBy: number }) {
  const [row] = await tx.insert(contacts).values(values).returning({ id: contacts.id });
  return row.id;
}

/** Updates only when the stored version is the one the caller read; returns false on a conflict. */
export async function updateContactRow(
  tx: Tx,
  id: number,
  version: number,
  patch: Partial<ContactValues>,
): Promise<boolean> {
  const rows = await tx
    .update(contacts)
    .set({ ...patch, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contacts.id, id), eq(contacts.version, version), isNull(contacts.deletedAt)))
    .returning({ id: contacts.id });
  return rows.length === 1;
}

export async function softDeleteContact(tx: Tx, id: number, version: number): Promise<boolean> {
  const rows = await tx
    .update(contacts)
    .set({ deletedAt: new Date(), version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.id, id), eq(contacts.version, version), isNull(contacts.deletedAt)))
    .returning({ id: contacts.id });
  return rows.length === 1;
}
