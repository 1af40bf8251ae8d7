// Reading the audit log. Writing lives in core/audit.ts, next to every change.
import type { Db } from '../../db/client.js';
import { findAuditEvents, type AuditFilter } from './repository.js';

export type { AuditFilter };

/** Events newest first; the total is capped (see the repository). */
export const listAuditEvents = (db: Db, f: AuditFilter) => findAuditEvents(db, f);
