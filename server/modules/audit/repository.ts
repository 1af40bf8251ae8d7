// Reading the audit log. Rows are written by core/audit.ts, in the transaction of each change.
import { and, count, desc, eq, gte, like, lte, or, ilike, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';

export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function findAuditEvents(db: Db, f: AuditFilter) {
  const conds: SQL[] = [];
  if (f.action)
    conds.push(
      f.action.endsWith('*')
        ? like(auditEvents.action, `${f.action.slice(0, -1).replace(/[%_]/g, '')}%`)
        : eq(auditEvents.action, f.action),
    );
  if (f.actor) conds.push(or(ilike(auditEvents.actorName, f.actor), eq(auditEvents.targetLabel, f.actor))!);
  if (f.outcome) conds.push(eq(auditEvents.outcome, f.outcome));
  if (f.targetType) conds.push(eq(auditEvents.targetType, f.targetType));
  if (f.targetId) conds.push(eq(auditEvents.targetId, f.targetId));
  if (f.from) conds.push(gte(auditEvents.at, new Date(f.from)));
  if (f.to) conds.push(lte(auditEvents.at, new Date(f.to)));
  const where = conds.length ? and(...conds) : undefined;
  // The total is capped: an exact count over months of events on every page is not worth its cost.
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ total: count() })
      .from(db.select({ id: auditEvents.id }).from(auditEvents).where(where).limit(10_000).as('capped')),
  ]);
  return { items, total: Number(total) };
}
