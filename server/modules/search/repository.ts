// The one search box: the top matches in enterprises, leads and projects, each within the caller's data scope.
// Leads and projects are read here directly (their modules own their writes).
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { enterprises, leads, projects, units } from '../../db/schema.js';
import { scopePredicate, type DataScope } from '../../core/scope.js';
import { searchPredicate } from '../../core/search.js';

export async function searchEnterprises(tx: Tx, scope: DataScope, q: string, limit: number) {
  const match = searchPredicate(q, { text: enterprises.searchText, grams: enterprises.searchGrams });
  if (!match) return [];
  return tx.select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, hqRegion: enterprises.hqRegion, unitName: units.name })
    .from(enterprises).innerJoin(units, eq(units.id, enterprises.ownerUnitId))
    .where(and(isNull(enterprises.deletedAt), isNull(enterprises.mergedIntoId), scopePredicate(scope, { ownerUnitId: enterprises.ownerUnitId, teamId: enterprises.teamId }), match))
    .orderBy(sql`length(${enterprises.name})`, desc(enterprises.updatedAt), desc(enterprises.id)).limit(limit);
}

/** Pool leads (no owner unit yet) are open to every business role; the others follow the owner unit and team. */
export async function searchLeads(tx: Tx, scope: DataScope, q: string, limit: number) {
  const match = searchPredicate(q, { text: leads.searchText, grams: leads.searchGrams });
  if (!match || scope.kind === 'none') return [];
  return tx.select({ id: leads.id, name: leads.title, enterpriseName: leads.enterpriseName, linkedEnterprise: enterprises.name, status: leads.status, unitName: units.name })
    .from(leads).leftJoin(units, eq(units.id, leads.ownerUnitId)).leftJoin(enterprises, eq(enterprises.id, leads.enterpriseId))
    .where(and(isNull(leads.deletedAt), or(isNull(leads.ownerUnitId), scopePredicate(scope, { ownerUnitId: leads.ownerUnitId, teamId: leads.teamId })), match))
    .orderBy(desc(leads.updatedAt), desc(leads.id)).limit(limit);
}

export async function searchProjects(tx: Tx, scope: DataScope, q: string, limit: number) {
  const match = searchPredicate(q, { text: projects.searchText, grams: projects.searchGrams });
  if (!match) return [];
  return tx.select({ id: projects.id, name: projects.name, code: projects.code, stage: projects.stage, unitName: units.name })
    .from(projects).innerJoin(units, eq(units.id, projects.ownerUnitId))
    .where(and(isNull(projects.deletedAt), scopePredicate(scope, { ownerUnitId: projects.ownerUnitId, teamId: projects.teamId }), match))
    .orderBy(desc(projects.updatedAt), desc(projects.id)).limit(limit);
}
