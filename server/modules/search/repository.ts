// The one search box: the top matches in enterprises, leads and projects, each within the caller's data scope.
// Leads and projects are read here directly (their modules own their writes).
// Each search ranks a bounded set of candidates: a two-character 字号 can match hundreds of rows among a million,
// and reading them all to rank ten costs more than the ranking is worth.
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { enterprises, leads, projects, units } from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';
import { searchPredicate } from '../../core/search.js';

export const CANDIDATES = 200;

export async function searchEnterprises(tx: Tx, scope: DataScope, q: string, limit: number) {
  const match = searchPredicate(q, { text: enterprises.searchText, grams: enterprises.searchGrams });
  if (!match) return [];
  const c = tx
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      hqRegion: enterprises.hqRegion,
      ownerUnitId: enterprises.ownerUnitId,
      updatedAt: enterprises.updatedAt,
    })
    .from(enterprises)
    .where(
      and(
        isNull(enterprises.deletedAt),
        isNull(enterprises.mergedIntoId),
        scopePredicate(scope, { ownerUnitId: enterprises.ownerUnitId, teamId: enterprises.teamId }),
        match,
      ),
    )
    .limit(CANDIDATES)
    .as('c');
  // The shortest names first: the closer a name is to what was typed, the shorter it tends to be. The ten are
  // chosen before the join, so that the unit names are looked up for ten rows, not for every candidate.
  const top = tx
    .select({
      id: c.id,
      name: c.name,
      uscc: c.uscc,
      hqRegion: c.hqRegion,
      ownerUnitId: c.ownerUnitId,
      len: sql<number>`length(${c.name})`.as('len'),
      updatedAt: c.updatedAt,
    })
    .from(c)
    .orderBy(sql`length(${c.name})`, desc(c.updatedAt), desc(c.id))
    .limit(limit)
    .as('t');
  return tx
    .select({ id: top.id, name: top.name, uscc: top.uscc, hqRegion: top.hqRegion, unitName: units.name })
    .from(top)
    .innerJoin(units, eq(units.id, top.ownerUnitId))
    .orderBy(top.len, desc(top.updatedAt), desc(top.id));
}

/** Pool leads (no owner unit yet) are open to every business role; the others follow the owner unit and team. */
export async function searchLeads(tx: Tx, scope: DataScope, q: string, limit: number) {
  const match = searchPredicate(q, { text: leads.searchText, grams: leads.searchGrams });
  if (!match || scope.kind === 'none') return [];
  const c = tx
    .select({
      id: leads.id,
      title: leads.title,
      enterpriseName: leads.enterpriseName,
      enterpriseId: leads.enterpriseId,
      status: leads.status,
      ownerUnitId: leads.ownerUnitId,
      updatedAt: leads.updatedAt,
    })
    .from(leads)
    .where(
      and(
        isNull(leads.deletedAt),
        or(isNull(leads.ownerUnitId), scopePredicate(scope, { ownerUnitId: leads.ownerUnitId, teamId: leads.teamId })),
        match,
      ),
    )
    .limit(CANDIDATES)
    .as('c');
  const top = tx
    .select({
      id: c.id,
      title: c.title,
      enterpriseName: c.enterpriseName,
      enterpriseId: c.enterpriseId,
      status: c.status,
      ownerUnitId: c.ownerUnitId,
      updatedAt: c.updatedAt,
    })
    .from(c)
    .orderBy(desc(c.updatedAt), desc(c.id))
    .limit(limit)
    .as('t');
  return tx
    .select({
      id: top.id,
      name: top.title,
      enterpriseName: top.enterpriseName,
      linkedEnterprise: enterprises.name,
      status: top.status,
      unitName: units.name,
    })
    .from(top)
    .leftJoin(units, eq(units.id, top.ownerUnitId))
    .leftJoin(enterprises, eq(enterprises.id, top.enterpriseId))
    .orderBy(desc(top.updatedAt), desc(top.id));
}

export async function searchProjects(tx: Tx, scope: DataScope, q: string, limit: number) {
  const match = searchPredicate(q, { text: projects.searchText, grams: projects.searchGrams });
  if (!match) return [];
  const c = tx
    .select({
      id: projects.id,
      name: projects.name,
      code: projects.code,
      stage: projects.stage,
      ownerUnitId: projects.ownerUnitId,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .where(
      and(
        isNull(projects.deletedAt),
        scopePredicate(scope, { ownerUnitId: projects.ownerUnitId, teamId: projects.teamId }),
        match,
      ),
    )
    .limit(CANDIDATES)
    .as('c');
  const top = tx
    .select({
      id: c.id,
      name: c.name,
      code: c.code,
      stage: c.stage,
      ownerUnitId: c.ownerUnitId,
      updatedAt: c.updatedAt,
    })
    .from(c)
    .orderBy(desc(c.updatedAt), desc(c.id))
    .limit(limit)
    .as('t');
  return tx
    .select({ id: top.id, name: top.name, code: top.code, stage: top.stage, unitName: units.name })
    .from(top)
    .innerJoin(units, eq(units.id, top.ownerUnitId))
    .orderBy(desc(top.updatedAt), desc(top.id));
}
