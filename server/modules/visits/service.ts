// 走访 / 外出招商 / 来访接待 / 视频洽谈: who went, when, where, whom they met, what came of it, and the leads it
// produced, made in the same transaction through the leads service (each lead keeps the visit as its source).
// Quotas count distinct organisations met, by rules on the organisations themselves (see quotas.ts).
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { isCalendarDate, todayShanghai } from '../../core/dates.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { resolveScope, scopeAllowsUnit, type DataScope } from '../../core/scope.js';
import { isDivisionCode, regionGroupOf } from '../../reference/divisions.js';
import { normalizeIndustryCode } from '../../reference/industries.js';
import { findVisibleEnterprise } from '../enterprises/service.js';
import { createLeadIn } from '../leads/service.js';
import { teamExists } from '../org/service.js';
import * as repo from './repository.js';
import {
  COUNTY_UNIT_KINDS,
  DEFAULT_QUOTA_RULES,
  DEPARTMENT_UNIT_KINDS,
  ORGANISATION_KINDS,
  QUOTA_SUBJECTS,
  VISIT_KINDS,
  VISIT_STATUSES,
  type QuotaRule,
  type QuotaSubject,
} from './constants.js';
import { progressOf } from './quotas.js';

const FIELDS = [
  'kind',
  'status',
  'visitDate',
  'divisionCode',
  'abroadCountry',
  'regionGroup',
  'leaderUserId',
  'outcome',
  'intentions',
  'ownerUnitId',
  'teamId',
  'participantUserIds',
  'unitIds',
  'enterpriseIds',
  'organisationIds',
] as const;

type Audited = Record<string, unknown>;
const clean = (s: string | null | undefined) => (s == null ? s : s.trim() || null);
const uniq = (xs: number[] | undefined) => [...new Set(xs ?? [])];

export interface NewOrganisation {
  name: string;
  kind: string;
  divisionCode?: string | null;
  industryCode?: string | null;
}

export interface VisitLeadInput {
  title: string;
  enterpriseId?: number | null;
  enterpriseName?: string | null;
  industryCode?: string | null;
  clusterId?: number | null;
  intendedAmount?: string | null;
  content?: string | null;
}

export interface VisitInput {
  kind: string;
  status: string;
  visitDate: string;
  divisionCode?: string | null;
  abroadCountry?: string | null;
  leaderUserId?: number | null;
  participantUserIds?: number[];
  unitIds?: number[];
  enterpriseIds?: number[];
  organisationIds?: number[];
  newOrganisations?: NewOrganisation[];
  outcome?: string | null;
  intentions?: string | null;
  teamId?: number | null;
}

// ---------------------------------------------------------------------------------------------- reads

export async function listVisits(db: Db, ctx: AuthedContext, f: repo.VisitFilter) {
  const scope = await resolveScope(db, ctx.principal);
  return repo.findVisits(db, scope, f);
}

export async function getVisit(db: Tx, ctx: AuthedContext, id: number) {
  const scope = await resolveScope(db, ctx.principal);
  const row = await repo.findVisit(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [participants, unitList, counterparts, leadList] = await Promise.all([
    repo.participantsOf(db, id),
    repo.unitsOf(db, id),
    repo.counterpartsOf(db, id),
    repo.leadsOf(db, id),
  ]);
  return { ...row, participants, units: unitList, counterparts, leads: leadList };
}

/** The visit a lead came from, if any: the lead's source (and the lead page's link back). */
export const sourceVisitOfLead = (tx: Tx, leadId: number) => repo.sourceVisitOfLead(tx, leadId);

// ---------------------------------------------------------------------------------------------- checks

/** Checks a visit's own fields (for a new one, or the merged result of a change); every bad field is named. */
async function checkVisit(tx: Tx, ctx: AuthedContext, scope: DataScope, v: VisitInput, errors: FieldError[]) {
  if (!(VISIT_KINDS as readonly string[]).includes(v.kind)) errors.push({ field: 'kind', code: 'invalid' });
  if (!(VISIT_STATUSES as readonly string[]).includes(v.status)) errors.push({ field: 'status', code: 'invalid' });
  if (!isCalendarDate(v.visitDate) || v.visitDate < '2000-01-01') errors.push({ field: 'visitDate', code: 'invalid' });
  // A visit that has taken place cannot have taken place after today (Asia/Shanghai); a planned one may.
  else if (v.status === 'completed' && v.visitDate > todayShanghai())
    errors.push({ field: 'visitDate', code: 'visit_in_future' });

  const divisionCode = clean(v.divisionCode) ?? null;
  const abroadCountry = clean(v.abroadCountry) ?? null;
  if (divisionCode && !isDivisionCode(divisionCode)) errors.push({ field: 'divisionCode', code: 'invalid' });
  if (divisionCode && abroadCountry) errors.push({ field: 'abroadCountry', code: 'invalid' });
  if (!divisionCode && !abroadCountry && v.kind !== 'video') errors.push({ field: 'divisionCode', code: 'required' });
  const regionGroup = abroadCountry
    ? 'abroad'
    : divisionCode
      ? regionGroupOf(divisionCode, await repo.homeDivision(tx))
      : null;

  const participantUserIds = uniq([ctx.principal.userId, ...(v.participantUserIds ?? [])]);
  if ((await repo.activeUserIds(tx, participantUserIds)).length !== participantUserIds.length) {
    errors.push({ field: 'participantUserIds', code: 'not_found' });
  }
  const leaderUserId = v.leaderUserId ?? null;
  if (leaderUserId != null && !(await repo.activeUserIds(tx, [leaderUserId])).length)
    errors.push({ field: 'leaderUserId', code: 'not_found' });

  const unitIds = uniq(v.unitIds);
  if ((await repo.existingUnitIds(tx, unitIds)).length !== unitIds.length)
    errors.push({ field: 'unitIds', code: 'not_found' });

  const enterpriseIds = uniq(v.enterpriseIds);
  for (const [i, id] of enterpriseIds.entries()) {
    if (!(await findVisibleEnterprise(tx, scope, id))) errors.push({ field: `enterpriseIds.${i}`, code: 'not_found' });
  }
  const organisationIds = uniq(v.organisationIds);
  if ((await repo.existingOrganisationIds(tx, organisationIds)).length !== organisationIds.length) {
    errors.push({ field: 'organisationIds', code: 'not_found' });
  }
  for (const [i, o] of (v.newOrganisations ?? []).entries()) {
    if (!o.name?.trim()) errors.push({ field: `newOrganisations.${i}.name`, code: 'required' });
    if (!(ORGANISATION_KINDS as readonly string[]).includes(o.kind))
      errors.push({ field: `newOrganisations.${i}.kind`, code: 'invalid' });
  }
  if (!enterpriseIds.length && !organisationIds.length && !(v.newOrganisations ?? []).length) {
    errors.push({ field: 'enterpriseIds', code: 'counterpart_required' });
  }
  if (v.teamId != null) {
    if (!(await teamExists(tx, v.teamId))) errors.push({ field: 'teamId', code: 'not_found' });
    else if (scope.kind !== 'all' && !ctx.principal.teamIds.includes(v.teamId))
      errors.push({ field: 'teamId', code: 'invalid' });
  }
  return {
    kind: v.kind,
    status: v.status,
    visitDate: v.visitDate,
    divisionCode,
    abroadCountry,
    regionGroup,
    leaderUserId,
    outcome: clean(v.outcome) ?? null,
    intentions: clean(v.intentions) ?? null,
    participantUserIds,
    unitIds,
    enterpriseIds,
    organisationIds,
  };
}

/** Organisations named on the spot: one of the same name already in the register is used instead of a second. */
async function resolveNewOrganisations(tx: Tx, ctx: AuthedContext, list: NewOrganisation[]) {
  const ids: number[] = [];
  for (const o of list) {
    const name = o.name.trim();
    const existing = await repo.organisationByName(tx, name);
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const row = await repo.insertOrganisation(tx, {
      name,
      kind: o.kind,
      divisionCode: clean(o.divisionCode) ?? null,
      industryCode: normalizeIndustryCode(o.industryCode ?? '') ?? null,
      ownerUnitId: ctx.principal.unitId,
      createdBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'organisation.create',
      targetType: 'organisation',
      targetId: row.id,
      targetLabel: name,
      changes: { name: [null, name], kind: [null, o.kind] },
    });
    ids.push(row.id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------- writes

/**
 * Records a visit with the leads it produced, all or nothing. A submission carrying an idempotency key that was
 * recorded before answers with the visit recorded then (a phone's draft sent again after the connection came back).
 */
export async function createVisit(
  db: Db,
  ctx: AuthedContext,
  input: VisitInput & { leads?: VisitLeadInput[]; idempotencyKey?: string | null },
) {
  const scope = await resolveScope(db, ctx.principal);
  const key = clean(input.idempotencyKey) ?? null;
  const result = await db.transaction(async (tx) => {
    if (key) {
      await repo.lockIdempotencyKey(tx, key);
      const earlier = await repo.visitByIdempotencyKey(tx, key);
      if (earlier) {
        if (earlier.createdBy !== ctx.principal.userId)
          throw validationError([{ field: 'idempotencyKey', code: 'taken' }]);
        return { id: earlier.id, replayed: true };
      }
    }
    const errors: FieldError[] = [];
    const v = await checkVisit(tx, ctx, scope, input, errors);
    let teamId = input.teamId ?? null;
    if (teamId == null && ctx.principal.role === 'team_member') {
      if (ctx.principal.teamIds.length === 1) teamId = ctx.principal.teamIds[0];
      else errors.push({ field: 'teamId', code: 'required' });
    }
    const leadInputs = input.leads ?? [];
    if (leadInputs.length && v.status !== 'completed') errors.push({ field: 'leads', code: 'visit_not_completed' });
    if (errors.length) throw validationError(errors);

    const organisationIds = uniq([
      ...v.organisationIds,
      ...(await resolveNewOrganisations(tx, ctx, input.newOrganisations ?? [])),
    ]);
    const unitIds = uniq([ctx.principal.unitId, ...v.unitIds]);
    const { participantUserIds, enterpriseIds, ...columns } = v;
    const record = { ...columns, ownerUnitId: ctx.principal.unitId, teamId };
    const id = await repo.insertVisit(tx, { ...record, createdBy: ctx.principal.userId, idempotencyKey: key });
    await repo.setParticipants(tx, id, participantUserIds);
    await repo.setUnits(tx, id, unitIds);
    await repo.setCounterparts(tx, id, enterpriseIds, organisationIds);
    const audited = { ...record, participantUserIds, unitIds, enterpriseIds, organisationIds };
    await writeAudit(tx, ctx, {
      action: 'visit.create',
      targetType: 'visit',
      targetId: id,
      targetLabel: `${v.visitDate} ${v.kind}`,
      changes: diffFields(null, audited as Audited, FIELDS),
    });
    // The leads are the leads module's own records, made with its rules and audit, in this transaction.
    for (const [i, l] of leadInputs.entries()) {
      // A lead named without its enterprise is about the enterprise the visit met (the first, when several).
      const counterpart =
        l.enterpriseId == null && !clean(l.enterpriseName) && enterpriseIds.length
          ? { enterpriseId: enterpriseIds[0] }
          : {};
      const leadId = await createLeadIn(
        tx,
        ctx,
        scope,
        { ...l, ...counterpart, sourceChannel: 'visit', teamId },
        `leads.${i}.`,
      );
      await repo.linkLead(tx, id, leadId);
    }
    return { id, replayed: false };
  });
  return { ...(await getVisit(db, ctx, result.id)), replayed: result.replayed };
}

export async function updateVisit(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<VisitInput>) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.lockVisit(tx, scope, id);
    if (!before) throw new AppError('NOT_FOUND');
    // Units that only went along see the visit; its owner unit (and those above, and its team) change it.
    if (!scopeAllowsUnit(scope, before.ownerUnitId, before.teamId)) throw new AppError('NOT_FOUND');
    const [participants, unitList, counterparts] = await Promise.all([
      repo.participantsOf(tx, id),
      repo.unitsOf(tx, id),
      repo.counterpartsOf(tx, id),
    ]);
    const current = {
      kind: before.kind,
      status: before.status,
      visitDate: before.visitDate,
      divisionCode: before.divisionCode,
      abroadCountry: before.abroadCountry,
      leaderUserId: before.leaderUserId,
      outcome: before.outcome,
      intentions: before.intentions,
      teamId: before.teamId,
      participantUserIds: participants.map((p) => p.id),
      unitIds: unitList.map((u) => u.id),
      enterpriseIds: counterparts.flatMap((c) => (c.enterpriseId != null ? [c.enterpriseId] : [])),
      organisationIds: counterparts.flatMap((c) => (c.organisationId != null ? [c.organisationId] : [])),
    };
    const merged = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)),
    } as VisitInput;
    const errors: FieldError[] = [];
    const v = await checkVisit(tx, ctx, scope, merged, errors);
    if (errors.length) throw validationError(errors);
    const organisationIds = uniq([
      ...v.organisationIds,
      ...(await resolveNewOrganisations(tx, ctx, patch.newOrganisations ?? [])),
    ]);
    const unitIds = uniq([before.ownerUnitId, ...v.unitIds]);
    const { participantUserIds, enterpriseIds, ...columns } = v;
    if (!(await repo.updateVisitRow(tx, id, version, { ...columns, teamId: merged.teamId ?? null })))
      throw new AppError('VERSION_CONFLICT');
    await repo.setParticipants(tx, id, participantUserIds);
    await repo.setUnits(tx, id, unitIds);
    await repo.setCounterparts(tx, id, enterpriseIds, organisationIds);
    const after = {
      ...columns,
      ownerUnitId: before.ownerUnitId,
      teamId: merged.teamId ?? null,
      participantUserIds,
      unitIds,
      enterpriseIds,
      organisationIds,
    };
    await writeAudit(tx, ctx, {
      action: 'visit.update',
      targetType: 'visit',
      targetId: id,
      targetLabel: `${v.visitDate} ${v.kind}`,
      changes: diffFields({ ...before, ...current } as Audited, after as Audited, FIELDS),
    });
  });
  return getVisit(db, ctx, id);
}

export async function deleteVisit(db: Db, ctx: AuthedContext, id: number, version: number) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.lockVisit(tx, scope, id);
    if (!before || !scopeAllowsUnit(scope, before.ownerUnitId, before.teamId)) throw new AppError('NOT_FOUND');
    if (!(await repo.softDeleteVisit(tx, id, version))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'visit.delete',
      targetType: 'visit',
      targetId: id,
      targetLabel: `${before.visitDate} ${before.kind}`,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------- organisations

export async function listOrganisations(db: Db, _ctx: AuthedContext, f: { q?: string; kind?: string }) {
  return { items: await repo.findOrganisations(db, { q: f.q?.trim() || undefined, kind: f.kind, limit: 50 }) };
}

export async function createOrganisation(
  db: Db,
  ctx: AuthedContext,
  input: NewOrganisation & { notes?: string | null },
) {
  const errors: FieldError[] = [];
  const name = input.name?.trim();
  if (!name) errors.push({ field: 'name', code: 'required' });
  if (!(ORGANISATION_KINDS as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', code: 'invalid' });
  const divisionCode = clean(input.divisionCode) ?? null;
  if (divisionCode && !isDivisionCode(divisionCode)) errors.push({ field: 'divisionCode', code: 'invalid' });
  const rawIndustry = clean(input.industryCode) ?? null;
  const industryCode = rawIndustry ? normalizeIndustryCode(rawIndustry) : null;
  if (rawIndustry && !industryCode) errors.push({ field: 'industryCode', code: 'invalid' });
  if (errors.length) throw validationError(errors);
  return db.transaction(async (tx) => {
    const existing = await repo.organisationByName(tx, name!);
    if (existing)
      throw validationError([
        {
          field: 'name',
          code: 'taken',
          message: `已有同名机构（编号 ${existing.id}）/ already registered as ${existing.id}`,
        },
      ]);
    const row = await repo.insertOrganisation(tx, {
      name: name!,
      kind: input.kind,
      divisionCode,
      industryCode,
      notes: clean(input.notes) ?? null,
      ownerUnitId: ctx.principal.unitId,
      createdBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'organisation.create',
      targetType: 'organisation',
      targetId: row.id,
      targetLabel: row.name,
      changes: { name: [null, row.name], kind: [null, row.kind] },
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------- quotas

type RuleRow = QuotaRule & { year: number; version: number; isDefault: boolean };

/** The year's rules: those configured, and the defaults for the subjects not configured (version 0). */
export async function quotaRules(db: Tx, year: number): Promise<RuleRow[]> {
  const stored = await repo.quotaRulesOf(db, year);
  return QUOTA_SUBJECTS.map((s) => {
    const row = stored.find((r) => r.subject === s);
    if (!row) return { ...DEFAULT_QUOTA_RULES[s], year, version: 0, isDefault: true };
    return {
      subject: s,
      target: row.target,
      tiers: row.tiers,
      anyEnterprise: row.anyEnterprise,
      excludeLocal: row.excludeLocal,
      relatedIndustry: row.relatedIndustry,
      organisationKinds: row.organisationKinds,
      year,
      version: row.version,
      isDefault: false,
    };
  });
}

export async function getQuotaRules(db: Db, _ctx: AuthedContext, year: number) {
  return { year, rules: await quotaRules(db, year) };
}

export type QuotaRuleInput = Omit<QuotaRule, 'subject'> & { version: number };

/** Sets one subject's rule for a year; version 0 when the year still runs on the defaults. */
export async function setQuotaRule(
  db: Db,
  ctx: AuthedContext,
  year: number,
  subject: QuotaSubject,
  input: QuotaRuleInput,
) {
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.target) || input.target < 0 || input.target > 100_000)
    errors.push({ field: 'target', code: 'invalid' });
  if (input.organisationKinds.some((k) => !(ORGANISATION_KINDS as readonly string[]).includes(k))) {
    errors.push({ field: 'organisationKinds', code: 'invalid' });
  }
  if (errors.length) throw validationError(errors);
  const values = {
    target: input.target,
    tiers: [...new Set(input.tiers)],
    anyEnterprise: input.anyEnterprise,
    excludeLocal: input.excludeLocal,
    relatedIndustry: input.relatedIndustry,
    organisationKinds: [...new Set(input.organisationKinds)],
  };
  await db.transaction(async (tx) => {
    const before = (await quotaRules(tx, year)).find((r) => r.subject === subject)!;
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const ok =
      input.version === 0
        ? await repo.insertQuotaRule(tx, { year, subject, ...values })
        : await repo.updateQuotaRule(tx, year, subject, input.version, values);
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'visit_quota.update',
      targetType: 'visit_quota',
      targetId: `${year}:${subject}`,
      changes: diffFields(before as unknown as Audited, values as Audited, [
        'target',
        'tiers',
        'anyEnterprise',
        'excludeLocal',
        'relatedIndustry',
        'organisationKinds',
      ]),
    });
  });
  return getQuotaRules(db, ctx, year);
}

const UNIT_KINDS_OF: Record<QuotaSubject, readonly string[]> = {
  team: [],
  department: DEPARTMENT_UNIT_KINDS,
  county: COUNTY_UNIT_KINDS,
};

/** Each subject's met organisations and its progress against its rule. */
async function progressRows(db: Tx, scope: DataScope, year: number, subject: QuotaSubject, onlyId?: number) {
  const rule = (await quotaRules(db, year)).find((r) => r.subject === subject)!;
  let subjects = await repo.quotaSubjects(db, scope, subject, UNIT_KINDS_OF[subject]);
  if (onlyId != null) subjects = subjects.filter((s) => s.id === onlyId);
  const ids = subjects.map((s) => s.id);
  const [met, related] = await Promise.all([
    repo.metOrganisations(db, subject === 'team' ? 'team' : 'unit', ids, year),
    subject === 'department' ? repo.ledClusters(db, ids) : Promise.resolve(new Map<number, number[]>()),
  ]);
  const today = todayShanghai();
  return subjects.map((s) => {
    const mine = met.filter((m) => m.subjectId === s.id).map((m) => m.met);
    const { progress, counted } = progressOf(rule, mine, related.get(s.id) ?? [], year, today);
    return { subject, id: s.id, name: s.name, unitKind: s.unitKind, ...progress, counted, metTotal: mine.length };
  });
}

/** Progress of every team, department, county and zone the caller may see, per month; those behind marked. */
export async function quotaProgress(db: Db, ctx: AuthedContext, year: number, subject?: QuotaSubject) {
  const scope = await resolveScope(db, ctx.principal);
  const items = [];
  for (const s of subject ? [subject] : QUOTA_SUBJECTS) {
    for (const { counted: _counted, ...row } of await progressRows(db, scope, year, s)) items.push(row);
  }
  return { year, items };
}

/** The organisations behind one subject's figure: each with the first visit that counted it. */
export async function quotaProgressDetail(
  db: Db,
  ctx: AuthedContext,
  year: number,
  subject: QuotaSubject,
  id: number,
  month?: number,
) {
  const scope = await resolveScope(db, ctx.principal);
  const [row] = await progressRows(db, scope, year, subject, id);
  if (!row) throw new AppError('NOT_FOUND');
  const organisations = row.counted.filter((m) => month == null || Number(m.firstVisitDate.slice(5, 7)) === month);
  const { counted: _c, ...progress } = row;
  return { ...progress, organisations };
}
