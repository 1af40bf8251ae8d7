// Audit events are written with the same transaction handle as the change they record.
import type { Tx } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import type { RequestContext } from './context.js';

export interface AuditInput {
  action: string;
  outcome?: 'success' | 'failure';
  targetType?: string;
  targetId?: string | number | null;
  targetLabel?: string | null;
  changes?: Record<string, [unknown, unknown]> | null;
  detail?: string;
  /** When the actor is not the session's principal (failed login, for instance). */
  actor?: { id: number | null; name: string | null };
}

export async function writeAudit(tx: Tx, ctx: RequestContext, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: e.actor ? e.actor.id : (ctx.principal?.userId ?? null),
    actorName: e.actor ? e.actor.name : (ctx.principal?.username ?? null),
    ip: ctx.ip,
    action: e.action,
    outcome: e.outcome ?? 'success',
    targetType: e.targetType ?? null,
    targetId: e.targetId == null ? null : String(e.targetId),
    targetLabel: e.targetLabel ?? null,
    changes: e.changes && Object.keys(e.changes).length ? e.changes : null,
    detail: e.detail ?? null,
  });
}

const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/** The fields that differ between two versions of a record, as { field: [before, after] }. */
export function diffFields<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  fields: readonly (keyof T & string)[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    const b = norm(before?.[f]);
    const a = norm(after?.[f]);
    if (JSON.stringify(b) !== JSON.stringify(a)) out[f] = [b, a];
  }
  return out;
}
