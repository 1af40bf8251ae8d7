// GET /api/search: what the header's search box shows, grouped by kind, each with a subtitle in the caller's language.
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { resolveScope } from '../../core/scope.js';
import { REGION_LABELS, type RegionGroup } from '../../reference/divisions.js';
import * as repo from './repository.js';

const LIMIT = 10;

const LEAD_STATUS: Record<string, { zh: string; en: string }> = {
  pool: { zh: '公海', en: 'Pool' },
  following: { zh: '跟进中', en: 'Following' },
  converted: { zh: '已转项目', en: 'Converted' },
  dropped: { zh: '已放弃', en: 'Dropped' },
};
const STAGES: Record<string, { zh: string; en: string }> = {
  planning: { zh: '谋划', en: 'Planning' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册落地', en: 'Registered' },
  started: { zh: '开工', en: 'Started' },
  producing: { zh: '投产', en: 'Producing' },
  at_capacity: { zh: '达产达效', en: 'At capacity' },
  terminated: { zh: '终止', en: 'Terminated' },
};

export async function searchAll(db: Db, ctx: AuthedContext, q: string) {
  const text = q.trim();
  const empty = { enterprises: [], leads: [], projects: [] };
  if (!text) return empty;
  const scope = await resolveScope(db, ctx.principal);
  const en = ctx.lang === 'en';
  const label = (m: Record<string, { zh: string; en: string }>, k: string | null) =>
    k ? (m[k] ? (en ? m[k].en : m[k].zh) : k) : null;
  const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');
  const [e, l, p] = await Promise.all([
    repo.searchEnterprises(db, scope, text, LIMIT),
    repo.searchLeads(db, scope, text, LIMIT),
    repo.searchProjects(db, scope, text, LIMIT),
  ]);
  return {
    enterprises: e.map((r) => ({
      id: r.id,
      name: r.name,
      subtitle: join(
        r.uscc,
        r.unitName,
        label(REGION_LABELS as Record<RegionGroup, { zh: string; en: string }>, r.hqRegion),
      ),
    })),
    leads: l.map((r) => ({
      id: r.id,
      name: r.name,
      subtitle: join(
        r.linkedEnterprise ?? r.enterpriseName,
        label(LEAD_STATUS, r.status),
        r.unitName ?? (en ? 'Pool' : '公海'),
      ),
    })),
    projects: p.map((r) => ({ id: r.id, name: r.name, subtitle: join(r.code, label(STAGES, r.stage), r.unitName) })),
  };
}
