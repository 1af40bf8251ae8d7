// 线索: leads kept by a unit and a person, or waiting in the pool (公海) for any unit to claim them; followed up,
// handed over (过户), converted to a project or dropped. Owner and scope come from the caller, never from the request.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import { resolveScope, scopeAllowsUnit, type DataScope } from '../../core/scope.js';
import { amountProblem, normalizeAmount } from '../../core/money.js';
import { gramsOf, searchTextOf } from '../../core/search.js';
import { industryName, normalizeIndustryCode } from '../../reference/industries.js';
import { createProjectFromLead, deriveFor, DuplicatesFound, findDuplicates } from '../projects/service.js';
import { enterpriseNameOf, findVisibleEnterprise } from '../enterprises/service.js';
import { clusterExists } from '../org/service.js';
import { addTimelineEntry, timelineOf, type NewTimelineEntry } from '../timeline/service.js';
import * as repo from './repository.js';
import { FOLLOW_UP_METHODS, SOURCE_CHANNELS, staleCutoff, type LEAD_STATUSES } from './constants.js';
import type { LeadFilter, LeadValues, LeadWhere, StoredLead } from './repository.js';

/** Timeline entries of a lead, written in the transaction of the change. */
const addLeadEntry = (tx: Tx, e: Omit<NewTimelineEntry, 'entityType'>) =>
  addTimelineEntry(tx, { entityType: 'lead', ...e });

const FIELDS = [
  'title',
  'enterpriseId',
  'enterpriseName',
  'industryCode',
  'clusterId',
  'intendedAmount',
  'content',
  'sourceChannel',
  'referrer',
  'status',
  'ownerUnitId',
  'ownerUserId',
  'teamId',
  'projectId',
  'dropReason',
] as const;
const PROJECT_FIELDS = [
  'name',
  'enterpriseId',
  'investorName',
  'leadId',
  'stage',
  'ownerUnitId',
  'teamId',
  'clusterId',
  'industryCode',
  'totalInvestment',
  'content',
  'flags',
] as const;

/** Amounts in 万元 up to 1亿万元 (1万亿元): anything larger is a typing error. */
/** A follow-up may be dated a few minutes ahead of the server's clock (the phone's clock drifts), not more. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Audited = Record<string, unknown>;

const clean = (s: string | null | undefined) => (s == null ? s : s.trim() || null);

function present<
  T extends { industryCode: string | null; status: string; lastFollowUpAt: Date | null; createdAt: Date },
>(row: T) {
  const cutoff = staleCutoff();
  return {
    ...row,
    industryName: industryName(row.industryCode),
    stale: row.status === 'following' && (row.lastFollowUpAt ?? row.createdAt) < cutoff,
  };
}

/** Checks and normalizes the fields of a new lead or a change; collects every bad field before answering. */
async function checkFields(tx: Tx, scope: DataScope, v: Partial<LeadValues>, errors: FieldError[] = []) {
  const out: Partial<LeadValues> = { ...v };
  if (v.title !== undefined) {
    out.title = v.title.trim();
    if (!out.title) errors.push({ field: 'title', code: 'required' });
  }
  for (const k of ['enterpriseName', 'content', 'referrer'] as const) if (v[k] !== undefined) out[k] = clean(v[k]);
  if (v.sourceChannel !== undefined && !(SOURCE_CHANNELS as readonly string[]).includes(v.sourceChannel))
    errors.push({ field: 'sourceChannel', code: 'invalid' });
  if (v.industryCode !== undefined) {
    const raw = clean(v.industryCode);
    const code = raw ? normalizeIndustryCode(raw) : null;
    if (raw && !code) errors.push({ field: 'industryCode', code: 'invalid' });
    out.industryCode = code;
  }
  if (v.intendedAmount !== undefined) {
    const raw = clean(v.intendedAmount);
    const problem = raw ? amountProblem(raw) : null;
    if (problem) errors.push({ field: 'intendedAmount', code: problem });
    out.intendedAmount = raw && !problem ? normalizeAmount(raw) : null;
  }
  if (v.clusterId != null && !(await clusterExists(tx, v.clusterId)))
    errors.push({ field: 'clusterId', code: 'not_found' });
  if (v.enterpriseId != null) {
    const ent = await findVisibleEnterprise(tx, scope, v.enterpriseId);
    if (!ent) errors.push({ field: 'enterpriseId', code: 'not_found' });
    else out.enterpriseName = null; // the library's name is shown; the free text is only for enterprises not there yet
  }
  return { values: out, errors };
}

function checkTeam(ctx: AuthedContext, scope: DataScope, teamId: number | null | undefined, errors: FieldError[]) {
  if (teamId == null || scope.kind === 'all') return;
  if (!ctx.principal.teamIds.includes(teamId))
    errors.push({ field: 'teamId', code: 'invalid', message: '只能选择您所在的团组 / only a team you belong to' });
}

/** The team a lead taken by this person belongs to: a team member sees records through a team only. */
function defaultTeam(p: { role: string; teamIds: number[] }): number | null {
  return p.role === 'team_member' ? (p.teamIds[0] ?? null) : null;
}

async function searchFields(
  tx: Tx,
  lead: { title: string; enterpriseId: number | null; enterpriseName: string | null; referrer: string | null },
) {
  const ent = lead.enterpriseId != null ? await enterpriseNameOf(tx, lead.enterpriseId) : lead.enterpriseName;
  return {
    searchText: searchTextOf(lead.title, ent, lead.referrer),
    searchGrams: gramsOf(lead.title, ent, lead.referrer),
  };
}

/** Who may change an owned lead: the owner unit's staff (and those above it in scope), its team, the bureau.
 *  A pool lead has no owner: only the bureau manages it (everyone else claims it first). */
function mayManage(scope: DataScope, lead: StoredLead): boolean {
  if (lead.status === 'pool' || lead.ownerUnitId == null) return scope.kind === 'all';
  return scopeAllowsUnit(scope, lead.ownerUnitId, lead.teamId);
}

/** The lead, locked, when the caller may see it; 404 otherwise. Write actions also need mayManage. */
async function lockVisible(tx: Tx, scope: DataScope, id: number) {
  const lead = await repo.lockLead(tx, scope, id);
  if (!lead) throw new AppError('NOT_FOUND');
  return lead;
}

function requireStatus(lead: StoredLead, ...allowed: (typeof LEAD_STATUSES)[number][]) {
  if (!(allowed as string[]).includes(lead.status)) throw new AppError('LEAD_STATE');
}

function requireManage(scope: DataScope, lead: StoredLead) {
  if (!mayManage(scope, lead)) throw new AppError(lead.status === 'pool' ? 'LEAD_STATE' : 'NOT_FOUND');
}

function requireReason(reason: string | undefined | null, field = 'reason'): string {
  const r = reason?.trim();
  if (!r) throw validationError([{ field, code: 'required' }]);
  return r;
}

// ---------------------------------------------------------------------------------------------- reads

export type LeadQuery = Omit<LeadWhere, 'ownerUserId'> & { ownerUserId?: string };

/** The list's filter for a query (the list page and the export): the owner "me" is the caller. */
export async function listWhere(db: Db, ctx: AuthedContext, f: LeadQuery) {
  const scope = await resolveScope(db, ctx.principal);
  const ownerUserId = f.ownerUserId === 'me' ? ctx.principal.userId : f.ownerUserId ? Number(f.ownerUserId) : undefined;
  return repo.listWhere(db, scope, { ...f, ownerUserId });
}

export async function listLeads(
  db: Db,
  ctx: AuthedContext,
  f: Omit<LeadFilter, 'ownerUserId'> & { ownerUserId?: string },
) {
  const r = await repo.findLeads(db, await listWhere(db, ctx, f), { ...f, ownerUserId: undefined });
  return { items: r.items.map(present), total: r.total, totalIsExact: r.totalIsExact };
}

/** What the caller may do with the lead now, for the buttons of the detail page (the server checks again). */
function allowedActions(
  ctx: AuthedContext,
  scope: DataScope,
  lead: { status: string; ownerUnitId: number | null; teamId: number | null },
): string[] {
  if (!can(ctx.principal.role, 'business.write')) return [];
  const stored = lead as StoredLead;
  const manage = mayManage(scope, stored);
  switch (lead.status) {
    case 'pool':
      return ['claim', ...(manage ? ['edit', 'handover', 'drop'] : [])];
    case 'following':
      return manage ? ['edit', 'followUp', 'release', 'handover', 'convert', 'drop'] : [];
    default:
      return [];
  }
}

export async function getLead(db: Db, ctx: AuthedContext, id: number) {
  const scope = await resolveScope(db, ctx.principal);
  const row = await repo.findLead(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [followUps, transfers, timeline] = await Promise.all([
    repo.followUpsOf(db, id),
    repo.transfersOf(db, id),
    timelineOf(db, 'lead', [id], 200),
  ]);
  return { ...present(row), allowedActions: allowedActions(ctx, scope, row), followUps, transfers, timeline };
}

export async function listAssignees(db: Db, _ctx: AuthedContext, f: { q?: string; unitId?: number }) {
  return { items: await repo.listAssignees(db, f) };
}

// ---------------------------------------------------------------------------------------------- writes

export interface NewLead extends LeadValues {
  toPool?: boolean;
}

export async function createLead(db: Db, ctx: AuthedContext, input: NewLead) {
  const scope = await resolveScope(db, ctx.principal);
  const id = await db.transaction((tx) => createLeadIn(tx, ctx, scope, input));
  return getLead(db, ctx, id);
}

/**
 * Records a lead in the caller's transaction (a visit makes its leads with the visit itself); field errors are named
 * under `fieldPrefix` (e.g. "leads.0."). Returns the new lead's id.
 */
export async function createLeadIn(tx: Tx, ctx: AuthedContext, scope: DataScope, input: NewLead, fieldPrefix = '') {
  const { toPool, ...fields } = input;
  const { values, errors } = await checkFields(tx, scope, fields);
  if (values.enterpriseId == null && !values.enterpriseName) errors.push({ field: 'enterpriseName', code: 'required' });
  // A pool lead has no owner and no team; an owned one belongs to the caller (and a team member's team).
  let teamId = toPool ? null : (values.teamId ?? null);
  // A team member's lead belongs to their team, or they could not see it afterwards.
  if (!toPool && teamId == null && ctx.principal.role === 'team_member') {
    if (ctx.principal.teamIds.length === 1) teamId = ctx.principal.teamIds[0];
    else errors.push({ field: 'teamId', code: 'required' });
  }
  if (!toPool) checkTeam(ctx, scope, teamId, errors);
  if (errors.length) throw validationError(errors.map((e) => ({ ...e, field: fieldPrefix + e.field })));
  const v = values as LeadValues;
  const owner = toPool
    ? { status: 'pool', ownerUnitId: null, ownerUserId: null, teamId: null }
    : { status: 'following', ownerUnitId: ctx.principal.unitId, ownerUserId: ctx.principal.userId, teamId };
  const record = { ...v, ...owner };
  const newId = await repo.insertLead(tx, {
    ...record,
    createdBy: ctx.principal.userId,
    ...(await searchFields(tx, {
      title: v.title,
      enterpriseId: v.enterpriseId ?? null,
      enterpriseName: v.enterpriseName ?? null,
      referrer: v.referrer ?? null,
    })),
  });
  await addLeadEntry(tx, {
    entityId: newId,
    kind: 'created',
    summary: toPool ? '录入线索并放入公海' : '录入线索',
    data: { status: owner.status },
    userId: ctx.principal.userId,
  });
  await writeAudit(tx, ctx, {
    action: 'lead.create',
    targetType: 'lead',
    targetId: newId,
    targetLabel: v.title,
    changes: diffFields(null, record as Audited, FIELDS),
  });
  return newId;
}

export async function updateLead(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<LeadValues>) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await lockVisible(tx, scope, id);
    requireManage(scope, before);
    requireStatus(before, 'pool', 'following');
    const { values, errors } = await checkFields(tx, scope, patch);
    if (patch.teamId !== undefined) {
      if (before.status === 'pool' && patch.teamId != null) errors.push({ field: 'teamId', code: 'invalid' });
      else checkTeam(ctx, scope, patch.teamId, errors);
    }
    const after = { ...before, ...values };
    if (after.enterpriseId == null && !after.enterpriseName)
      errors.push({ field: values.enterpriseId === null ? 'enterpriseId' : 'enterpriseName', code: 'required' });
    if (errors.length) throw validationError(errors);
    const searchChanged = (['title', 'enterpriseId', 'enterpriseName', 'referrer'] as const).some(
      (k) => values[k] !== undefined,
    );
    const set = { ...values, ...(searchChanged ? await searchFields(tx, after) : {}) };
    if (!(await repo.updateLeadRow(tx, id, version, set))) throw new AppError('VERSION_CONFLICT');
    const changes = diffFields(before as Audited, after as Audited, FIELDS);
    if (Object.keys(changes).length) {
      await addLeadEntry(tx, {
        entityId: id,
        kind: 'updated',
        summary: `修改了 ${Object.keys(changes).join('、')}`,
        data: { fields: Object.keys(changes) },
        userId: ctx.principal.userId,
      });
    }
    await writeAudit(tx, ctx, {
      action: 'lead.update',
      targetType: 'lead',
      targetId: id,
      targetLabel: after.title,
      changes,
    });
  });
  return getLead(db, ctx, id);
}

export interface FollowUpInput {
  at?: string;
  method?: string | null;
  content: string;
  nextStep?: string | null;
}

export async function addFollowUp(db: Db, ctx: AuthedContext, id: number, input: FollowUpInput) {
  const errors: FieldError[] = [];
  const content = input.content?.trim();
  if (!content) errors.push({ field: 'content', code: 'required' });
  const method = clean(input.method) ?? null;
  if (method && !(FOLLOW_UP_METHODS as readonly string[]).includes(method))
    errors.push({ field: 'method', code: 'invalid' });
  const at = input.at ? new Date(input.at) : new Date();
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 2000) errors.push({ field: 'at', code: 'invalid' });
  else if (at.getTime() > Date.now() + CLOCK_SKEW_MS) errors.push({ field: 'at', code: 'time_in_future' });
  if (errors.length) throw validationError(errors);
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const lead = await lockVisible(tx, scope, id);
    requireManage(scope, lead);
    requireStatus(lead, 'following');
    const nextStep = clean(input.nextStep) ?? null;
    const fid = await repo.insertFollowUp(tx, {
      leadId: id,
      at,
      method,
      content: content!,
      nextStep,
      userId: ctx.principal.userId,
      unitId: ctx.principal.unitId,
    });
    await repo.touchFollowUp(tx, id, at);
    await addLeadEntry(tx, {
      entityId: id,
      at,
      kind: 'follow_up',
      summary: content!.slice(0, 200),
      data: { followUpId: fid, method },
      userId: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'lead.follow_up',
      targetType: 'lead',
      targetId: id,
      targetLabel: lead.title,
      changes: {
        lastFollowUpAt: [
          lead.lastFollowUpAt?.toISOString() ?? null,
          (lead.lastFollowUpAt && lead.lastFollowUpAt > at ? lead.lastFollowUpAt : at).toISOString(),
        ],
      },
      detail: `follow-up ${fid}`,
    });
  });
  return getLead(db, ctx, id);
}

/** One change of owner: the lead row (by version), the transfer row, a timeline entry and an audit event, together. */
async function move(
  tx: Tx,
  ctx: AuthedContext,
  lead: StoredLead,
  version: number,
  kind: 'claim' | 'release' | 'handover',
  to: { ownerUnitId: number | null; ownerUserId: number | null; teamId: number | null; status: string },
  reason: string | null,
  summary: string,
) {
  if (!(await repo.updateLeadRow(tx, lead.id, version, to))) throw new AppError('VERSION_CONFLICT');
  await repo.insertTransfer(tx, {
    leadId: lead.id,
    fromUnitId: lead.ownerUnitId,
    fromUserId: lead.ownerUserId,
    toUnitId: to.ownerUnitId,
    toUserId: to.ownerUserId,
    kind,
    reason,
    byUserId: ctx.principal.userId,
  });
  await addLeadEntry(tx, {
    entityId: lead.id,
    kind,
    summary,
    data: {
      fromUnitId: lead.ownerUnitId,
      fromUserId: lead.ownerUserId,
      toUnitId: to.ownerUnitId,
      toUserId: to.ownerUserId,
      reason,
    },
    userId: ctx.principal.userId,
  });
  await writeAudit(tx, ctx, {
    action: `lead.${kind}`,
    targetType: 'lead',
    targetId: lead.id,
    targetLabel: lead.title,
    changes: diffFields(lead as Audited, { ...lead, ...to } as Audited, FIELDS),
    detail: reason ?? undefined,
  });
}

export async function claimLead(db: Db, ctx: AuthedContext, id: number, version: number) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const lead = await repo.lockLead(tx, scope, id);
    if (!lead) {
      // Another unit's claim committed first, and the lead left the caller's sight with it.
      if (await repo.lastMoveWasClaim(tx, id)) throw new AppError('LEAD_TAKEN');
      throw new AppError('NOT_FOUND');
    }
    if (lead.status !== 'pool')
      throw new AppError(
        lead.version !== version && (await repo.lastMoveWasClaim(tx, id)) ? 'LEAD_TAKEN' : 'LEAD_STATE',
      );
    const p = ctx.principal;
    await move(
      tx,
      ctx,
      lead,
      version,
      'claim',
      { status: 'following', ownerUnitId: p.unitId, ownerUserId: p.userId, teamId: defaultTeam(p) },
      null,
      `${p.displayName} 从公海认领`,
    );
  });
  return getLead(db, ctx, id);
}

export async function releaseLead(db: Db, ctx: AuthedContext, id: number, version: number, reasonIn: string) {
  const reason = requireReason(reasonIn);
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const lead = await lockVisible(tx, scope, id);
    requireManage(scope, lead);
    requireStatus(lead, 'following');
    await move(
      tx,
      ctx,
      lead,
      version,
      'release',
      { status: 'pool', ownerUnitId: null, ownerUserId: null, teamId: null },
      reason,
      `退回公海：${reason}`,
    );
  });
  return getLead(db, ctx, id);
}

export async function handoverLead(
  db: Db,
  ctx: AuthedContext,
  id: number,
  version: number,
  toUserId: number,
  reasonIn: string,
) {
  const reason = requireReason(reasonIn);
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const lead = await lockVisible(tx, scope, id);
    requireManage(scope, lead);
    requireStatus(lead, 'pool', 'following');
    const to = await repo.findAssignee(tx, toUserId);
    // A team member sees leads through a team only: one without a team could not see the lead handed to them.
    if (!to || (to.role === 'team_member' && !to.teamIds.length))
      throw validationError([{ field: 'toUserId', code: 'not_found' }]);
    if (to.id === lead.ownerUserId) throw validationError([{ field: 'toUserId', code: 'same_owner' }]);
    // Within the unit the team stays; to another unit the lead goes with its new person's team, if any.
    const teamId = to.unitId === lead.ownerUnitId && lead.teamId != null ? lead.teamId : defaultTeam(to);
    await move(
      tx,
      ctx,
      lead,
      version,
      'handover',
      { status: 'following', ownerUnitId: to.unitId, ownerUserId: to.id, teamId },
      reason,
      `过户给 ${to.displayName}：${reason}`,
    );
  });
  // The caller may have handed the lead out of their own sight: then there is nothing more to show them.
  const still = await repo.findLead(db, scope, id);
  return { ok: true, lead: still ? await getLead(db, ctx, id) : null };
}

export async function dropLead(db: Db, ctx: AuthedContext, id: number, version: number, reasonIn: string) {
  const reason = requireReason(reasonIn);
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const lead = await lockVisible(tx, scope, id);
    requireManage(scope, lead);
    requireStatus(lead, 'pool', 'following');
    if (!(await repo.updateLeadRow(tx, id, version, { status: 'dropped', dropReason: reason })))
      throw new AppError('VERSION_CONFLICT');
    await addLeadEntry(tx, {
      entityId: id,
      kind: 'dropped',
      summary: `放弃：${reason}`,
      data: { reason },
      userId: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'lead.drop',
      targetType: 'lead',
      targetId: id,
      targetLabel: lead.title,
      changes: diffFields(lead as Audited, { ...lead, status: 'dropped', dropReason: reason } as Audited, FIELDS),
    });
  });
  return getLead(db, ctx, id);
}

/** The projects that look like the one a conversion would create (those in scope, and how many others). */
export async function conversionDuplicates(db: Db, ctx: AuthedContext, id: number, nameIn?: string) {
  const scope = await resolveScope(db, ctx.principal);
  const lead = await repo.storedLead(db, scope, id);
  if (!lead) throw new AppError('NOT_FOUND');
  return findDuplicates(db, scope, projectValues(lead, nameIn));
}

function projectValues(lead: StoredLead, nameIn?: string | null) {
  const name = nameIn?.trim() || lead.title;
  return {
    name,
    enterpriseId: lead.enterpriseId,
    investorName: lead.enterpriseId != null ? null : lead.enterpriseName,
    leadId: lead.id,
    stage: 'negotiating',
    ownerUnitId: lead.ownerUnitId!,
    teamId: lead.teamId,
    clusterId: lead.clusterId,
    industryCode: lead.industryCode,
    totalInvestment: lead.intendedAmount,
    content: lead.content,
  };
}

/**
 * The project is made by the projects module in the lead's transaction, with its derived fields (flags, capital origin,
 * search) and its duplicate check: look-alike projects refuse the conversion with 409 DUPLICATE unless confirmed.
 */
export async function convertLead(
  db: Db,
  ctx: AuthedContext,
  id: number,
  version: number,
  nameIn?: string | null,
  confirmDuplicates = false,
) {
  const scope = await resolveScope(db, ctx.principal);
  const projectId = await db.transaction(async (tx) => {
    const lead = await lockVisible(tx, scope, id);
    requireManage(scope, lead);
    requireStatus(lead, 'following');
    // The project carries what the lead knew: investor, industry, cluster, amount, owner unit, team, content.
    const values = projectValues(lead, nameIn);
    const name = values.name;
    // The lead is locked: a stale version is refused before anything is written.
    if (lead.version !== version) throw new AppError('VERSION_CONFLICT');
    if (!confirmDuplicates) {
      const dup = await findDuplicates(tx, scope, values);
      if (dup.candidates.length || dup.hiddenCount) throw new DuplicatesFound(dup);
    }
    const derived = await deriveFor(tx, {
      ...values,
      code: null,
      foreignCapital: null,
      capitalOrigin: null,
      leaderName: null,
    });
    // The project starts at 谋划 with the move to 在谈 awaiting the bureau's review (see the projects module).
    const { stage: _stage, leadId: _leadId, ...projectFields } = values;
    const newId = await createProjectFromLead(tx, ctx, {
      lead: { id, title: lead.title },
      values: projectFields,
      derived,
      movedFields: {
        enterpriseId: values.enterpriseId,
        investorName: values.investorName,
        totalInvestment: values.totalInvestment,
      },
    });
    if (!(await repo.updateLeadRow(tx, id, version, { status: 'converted', projectId: newId })))
      throw new AppError('VERSION_CONFLICT');
    await addLeadEntry(tx, {
      entityId: id,
      kind: 'converted',
      summary: `转为项目「${name}」`,
      data: { projectId: newId },
      userId: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'project.create',
      targetType: 'project',
      targetId: newId,
      targetLabel: name,
      changes: diffFields(null, { ...values, flags: derived.flags } as Audited, PROJECT_FIELDS),
      detail: `converted from lead ${id}${confirmDuplicates ? '; duplicates confirmed by the user' : ''}`,
    });
    await writeAudit(tx, ctx, {
      action: 'lead.convert',
      targetType: 'lead',
      targetId: id,
      targetLabel: lead.title,
      changes: diffFields(lead as Audited, { ...lead, status: 'converted', projectId: newId } as Audited, FIELDS),
    });
    return newId;
  });
  return { ...(await getLead(db, ctx, id)), projectId };
}
