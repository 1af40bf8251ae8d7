// 项目库: projects, their lists and board, duplicates and derived flags. Owner and scope come from the caller and
// the rules below, never from the request; flags, capital origin and search text are derived on every save.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import { resolveScope, scopeAllowsUnit, unitSubtree, type DataScope } from '../../core/scope.js';
import { gramsOf, searchTextOf } from '../../core/search.js';
import { maskPhone } from '../../core/validators.js';
import { industryName, normalizeIndustryCode } from '../../reference/industries.js';
import { normalizeMonth } from '../../core/dates.js';
import { isPhone } from '../../core/validators.js';
import { checkAmount, clean } from './checks.js';
import { duplicateReasons, type DuplicateProbe, type DuplicateReason } from './duplicates.js';
import { capitalOriginOf, computeFlags, DEFAULT_FLAG_CONFIG, type FlagConfig, type InvestorFacts } from './flags.js';
import * as repo from './repository.js';
import { readSetting, saveSetting } from '../settings/service.js';
import { clusterExists, teamExists, unitById } from '../org/service.js';
import { addTimelineEntry } from '../timeline/service.js';
import { filesOf, filesOfStageEvents, registerFileOwner } from '../files/service.js';
import { cachedRead, forgetReads } from '../../core/read-cache.js';
import { ALL_STAGES } from './stages.js';
import { computeWarnings, mergeWarningConfig, worstLevel, type WarningConfig } from './warnings.js';

export const PROJECT_FIELDS = [
  'name',
  'code',
  'enterpriseId',
  'investorName',
  'industryCode',
  'clusterId',
  'teamId',
  'ownerUnitId',
  'parkUnitId',
  'leaderName',
  'liaisonName',
  'liaisonPhone',
  'content',
  'totalInvestment',
  'fixedAssetInvestment',
  'foreignCapital',
  'capitalOrigin',
  'isNew',
  'excludedFromCount',
  'plannedStartMonth',
] as const;

export type ProjectInput = Partial<Omit<repo.ProjectValues, 'ownerUnitId'>> & { ownerUnitId?: number | null };

// ---------------------------------------------------------------------------------------------- settings

export const WARNINGS_KEY = 'project_warnings';
const FLAGS_KEY = 'project_flags';

export async function loadWarningConfig(tx: Tx): Promise<WarningConfig & { version: number }> {
  const row = await readSetting(tx, WARNINGS_KEY);
  return { ...mergeWarningConfig(row?.value), version: row?.version ?? 0 };
}

/** The warning settings for reading lists and details, read at most every few seconds. */
const warningConfigForReads = (db: Tx) => cachedRead(db, 'project_warnings', () => loadWarningConfig(db));

export async function loadFlagConfig(tx: Tx): Promise<FlagConfig> {
  const row = await readSetting(tx, FLAGS_KEY);
  return { ...DEFAULT_FLAG_CONFIG, ...((row?.value as Partial<FlagConfig>) ?? {}) };
}

export async function updateWarningConfig(db: Db, ctx: AuthedContext, input: Partial<WarningConfig>, version: number) {
  return db.transaction(async (tx) => {
    const before = await loadWarningConfig(tx);
    const { version: _v, ...base } = before;
    const next: WarningConfig = mergeWarningConfig({
      ...base,
      ...input,
      noProgressDays: { ...base.noProgressDays, ...(input.noProgressDays ?? {}) },
    });
    await saveSetting(tx, WARNINGS_KEY, next, version);
    forgetReads('project_warnings');
    await writeAudit(tx, ctx, {
      action: 'project_warnings.update',
      targetType: 'setting',
      targetId: WARNINGS_KEY,
      changes: diffFields(base as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>, [
        'noProgressDays',
        'redMultiplier',
        'lateStartRedMonths',
      ]),
    });
    return { ...next, version: version + 1 };
  });
}

// ---------------------------------------------------------------------------------------------- presenting

type WithWarningFacts = {
  stage: string;
  lastProgressAt: Date | null;
  stageChangedAt: Date;
  plannedStartMonth: string | null;
};

function withWarnings<T extends WithWarningFacts & { enterpriseName: string | null; investorName: string | null }>(
  row: T,
  now: Date,
  cfg: WarningConfig,
) {
  const warnings = computeWarnings(row, now, cfg);
  return { ...row, investor: row.enterpriseName ?? row.investorName, warnings, warningLevel: worstLevel(warnings) };
}

/** Roles that only read business data see the liaison's phone masked. */
const phoneFor = (ctx: AuthedContext, p: string | null) =>
  can(ctx.principal.role, 'business.write') ? p : maskPhone(p);

// ---------------------------------------------------------------------------------------------- lists

export interface ListQuery {
  q?: string;
  stage?: string[];
  pending?: boolean;
  ownerUnitId?: number;
  clusterId?: number;
  teamId?: number;
  enterpriseId?: number;
  band?: string;
  flags?: string[];
  warning?: 'yellow' | 'red' | 'any';
  signedFrom?: string;
  signedTo?: string;
  createdFrom?: string;
  createdTo?: string;
}

const splitList = (xs?: string[]) =>
  xs
    ? xs
        .flatMap((x) => x.split(','))
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

async function filtersOf(tx: Tx, q: ListQuery): Promise<repo.ProjectFilters> {
  const stage = splitList(q.stage)?.filter((s) => (ALL_STAGES as readonly string[]).includes(s));
  return {
    ...q,
    stage,
    flags: splitList(q.flags),
    // A county filter includes its parks.
    ownerUnitIds: q.ownerUnitId ? await unitSubtree(tx, q.ownerUnitId) : undefined,
  };
}

/** The list's filter for a query, as the list page applies it now; the export reads with it too. */
export async function listWhere(db: Db, ctx: AuthedContext, q: ListQuery) {
  const scope = await resolveScope(db, ctx.principal);
  return repo.filterWhere(scope, await filtersOf(db, q), new Date(), await warningConfigForReads(db));
}

export async function listProjects(db: Db, ctx: AuthedContext, q: ListQuery & repo.Paging & { withTotals?: boolean }) {
  const scope = await resolveScope(db, ctx.principal);
  const cfg = await warningConfigForReads(db);
  const now = new Date();
  const where = repo.filterWhere(scope, await filtersOf(db, q), now, cfg);
  // The totals' exact count doubles as the pager's count, so the page needs no count of its own.
  const totals = q.withTotals === false ? null : await repo.totalsOf(db, where);
  const page = await repo.findProjects(db, where, q, totals?.count);
  return {
    items: page.items.map((r) => withWarnings(r, now, cfg)),
    total: page.total,
    totalIsExact: page.totalIsExact,
    totals,
  };
}

export async function projectKanban(db: Db, ctx: AuthedContext, q: ListQuery) {
  const scope = await resolveScope(db, ctx.principal);
  const cfg = await warningConfigForReads(db);
  const now = new Date();
  const { stage: _ignored, ...rest } = q;
  const where = repo.filterWhere(scope, await filtersOf(db, rest), now, cfg);
  const k = await repo.kanban(db, where);
  return {
    columns: ALL_STAGES.map((stage) => {
      const g = k.groups.find((x) => x.stage === stage);
      return {
        stage,
        count: g?.count ?? 0,
        totalInvestment: g?.totalInvestment ?? '0.00',
        cards: k.cards.filter((c) => (c.approvedStage ?? 'planning') === stage).map((c) => withWarnings(c, now, cfg)),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------- one project

export async function getProject(db: Tx, ctx: AuthedContext, id: number) {
  const scope = await resolveScope(db, ctx.principal);
  const row = await repo.findProject(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  const cfg = await warningConfigForReads(db);
  const events = (await repo.findStageEvents(db, scope, { projectId: id, page: 1, pageSize: 200 })).items;
  const eventFiles = await filesOfStageEvents(
    db,
    events.map((e) => e.id),
  );
  const stageEvents = events.map((e) => ({ ...e, files: eventFiles.filter((f) => f.stageEventId === e.id) }));
  return {
    ...withWarnings(row, new Date(), cfg),
    liaisonPhone: phoneFor(ctx, row.liaisonPhone),
    industryName: industryName(row.industryCode),
    pendingMove: stageEvents.find((e) => e.id === row.pendingStageEventId && e.status === 'pending') ?? null,
    stageEvents,
  };
}

// ---------------------------------------------------------------------------------------------- checks and derived fields

/** Validates and normalizes a create or a patch; throws one validation error naming every bad field. */
async function prepare(
  tx: Tx,
  ctx: AuthedContext,
  scope: DataScope,
  input: ProjectInput,
  before: repo.ProjectDetailRow | null,
) {
  const errors: FieldError[] = [];
  const v: Record<string, unknown> = {};
  const p = ctx.principal;
  const has = (k: keyof ProjectInput) => input[k] !== undefined;

  if (has('name')) {
    const n = clean(input.name);
    if (!n) errors.push({ field: 'name', code: 'required' });
    else v.name = n;
  } else if (!before) errors.push({ field: 'name', code: 'required' });
  if (has('code')) {
    const c = clean(input.code)?.toUpperCase() ?? null;
    if (c && (await repo.codeTaken(tx, c, before?.id))) errors.push({ field: 'code', code: 'taken' });
    v.code = c;
  }
  for (const k of ['investorName', 'leaderName', 'liaisonName', 'content', 'excludedFromCount'] as const)
    if (has(k)) v[k] = clean(input[k]);
  if (has('liaisonPhone')) {
    const ph = clean(input.liaisonPhone);
    if (ph && !isPhone(ph)) errors.push({ field: 'liaisonPhone', code: 'invalid' });
    v.liaisonPhone = ph;
  }
  if (has('industryCode')) {
    const raw = clean(input.industryCode);
    const code = raw ? normalizeIndustryCode(raw) : null;
    if (raw && !code) errors.push({ field: 'industryCode', code: 'invalid' });
    v.industryCode = code;
  }
  if (has('clusterId')) {
    if (input.clusterId != null && !(await clusterExists(tx, input.clusterId)))
      errors.push({ field: 'clusterId', code: 'not_found' });
    v.clusterId = input.clusterId;
  }
  if (has('enterpriseId')) {
    let eid = input.enterpriseId ?? null;
    if (eid != null) {
      const e = await repo.investorFacts(tx, eid);
      if (!e || e.deletedAt) errors.push({ field: 'enterpriseId', code: 'not_found' });
      else if (e.mergedIntoId) eid = e.mergedIntoId; // the investor was merged into another record: follow it
    }
    v.enterpriseId = eid;
  }
  if (has('parkUnitId')) {
    if (input.parkUnitId != null) {
      const u = await unitById(tx, input.parkUnitId);
      if (!u) errors.push({ field: 'parkUnitId', code: 'not_found' });
      else if (!['park', 'zone'].includes(u.kind)) errors.push({ field: 'parkUnitId', code: 'invalid' });
    }
    v.parkUnitId = input.parkUnitId;
  }
  for (const k of ['totalInvestment', 'fixedAssetInvestment', 'foreignCapital'] as const) {
    if (has(k)) {
      const a = checkAmount(k, input[k], errors);
      if (a !== undefined) v[k] = a;
    }
  }
  if (has('capitalOrigin')) v.capitalOrigin = input.capitalOrigin;
  if (has('isNew')) v.isNew = input.isNew;
  if (has('plannedStartMonth')) {
    const m = input.plannedStartMonth ? normalizeMonth(input.plannedStartMonth) : null;
    if (input.plannedStartMonth && !m) errors.push({ field: 'plannedStartMonth', code: 'invalid' });
    v.plannedStartMonth = m;
  }

  // Where the project lands and which team keeps it: within the caller's scope.
  let teamId = has('teamId') ? (input.teamId ?? null) : (before?.teamId ?? null);
  let ownerUnitId = has('ownerUnitId') && input.ownerUnitId != null ? input.ownerUnitId : (before?.ownerUnitId ?? null);
  if (!before && p.role === 'team_member' && teamId == null) {
    if (p.teamIds.length === 1) teamId = p.teamIds[0];
    else errors.push({ field: 'teamId', code: 'required' });
  }
  if (!before && ownerUnitId == null) {
    // County and department staff file under their own unit; the bureau and teams name the county where it lands.
    if (p.role === 'county_staff' || p.role === 'department_staff') ownerUnitId = p.unitId;
    else errors.push({ field: 'ownerUnitId', code: 'required' });
  }
  if (has('teamId') || !before) {
    if (teamId != null && !(await teamExists(tx, teamId))) errors.push({ field: 'teamId', code: 'not_found' });
    else if (teamId != null && scope.kind !== 'all' && teamId !== before?.teamId && !p.teamIds.includes(teamId))
      errors.push({ field: 'teamId', code: 'not_in_scope' });
    v.teamId = teamId;
  }
  if (has('ownerUnitId') || !before) {
    if (ownerUnitId != null && !(await unitById(tx, ownerUnitId)))
      errors.push({ field: 'ownerUnitId', code: 'not_found' });
    else if (
      ownerUnitId != null &&
      !errors.some((e) => e.field === 'teamId') &&
      !scopeAllowsUnit(scope, ownerUnitId, teamId)
    ) {
      errors.push({ field: 'ownerUnitId', code: 'not_in_scope' });
    }
    if (ownerUnitId != null) v.ownerUnitId = ownerUnitId;
  } else if (has('teamId') && before && !scopeAllowsUnit(scope, before.ownerUnitId, teamId)) {
    errors.push({ field: 'teamId', code: 'not_in_scope' }); // the change would take the project out of the caller's own scope
  }
  if (errors.length) throw validationError(errors);
  return v as Partial<repo.ProjectValues>;
}

type DerivableFacts = {
  name: string;
  code: string | null;
  enterpriseId: number | null;
  investorName: string | null;
  industryCode: string | null;
  clusterId: number | null;
  totalInvestment: string | null;
  foreignCapital: string | null;
  capitalOrigin: string | null;
  registeredUscc?: string | null;
  leaderName: string | null;
};

/** Flags, capital origin and search text of a project, from its values, its investor and its cluster. */
export async function deriveFor(tx: Tx, v: DerivableFacts, config?: FlagConfig): Promise<repo.DerivedValues> {
  const cfg = config ?? (await loadFlagConfig(tx));
  const e = v.enterpriseId ? await repo.investorFacts(tx, v.enterpriseId) : undefined;
  const investor: InvestorFacts | null = e
    ? { tiers: e.tiers, ownership: e.ownership, hqDivision: e.hqDivision, hqRegion: e.hqRegion, hqCountry: e.hqCountry }
    : null;
  const clusterCategory = v.clusterId ? await repo.clusterCategory(tx, v.clusterId) : null;
  const origin = (investor && capitalOriginOf(investor, cfg.homeDivision)) || v.capitalOrigin || null;
  const flags = computeFlags(
    {
      totalInvestment: v.totalInvestment,
      foreignCapital: v.foreignCapital,
      industryCode: v.industryCode,
      clusterCategory,
      investor,
      capitalOrigin: origin,
    },
    cfg,
  );
  const parts = [v.name, v.code, e?.name ?? v.investorName, v.registeredUscc, v.leaderName];
  return { flags, capitalOrigin: origin, searchText: searchTextOf(...parts), searchGrams: gramsOf(...parts) };
}

/** Recomputes a project's derived fields (no version change: nothing a user typed changes). */
export async function refreshDerived(tx: Tx, id: number) {
  const row = await repo.rawProject(tx, id);
  if (!row) return;
  await repo.setProjectFields(tx, id, await deriveFor(tx, row), false);
}

/**
 * For the enterprises module: call inside the transaction that changed an enterprise's tiers, ownership,
 * headquarters or name, so that its projects' flags (500强, 央企, 外资, 市外资金) follow.
 */
export async function recomputeProjectFlagsForEnterprise(tx: Tx, enterpriseId: number) {
  const cfg = await loadFlagConfig(tx);
  for (const id of await repo.projectIdsOfEnterprise(tx, enterpriseId)) {
    const row = await repo.rawProject(tx, id);
    if (row) await repo.setProjectFields(tx, id, await deriveFor(tx, row, cfg), false);
  }
}

// ---------------------------------------------------------------------------------------------- duplicates

export interface DuplicateCandidate {
  id: number;
  name: string;
  code: string | null;
  ownerUnitName: string;
  stage: string;
  approvedStage: string | null;
  investor: string | null;
  totalInvestment: string | null;
  reasons: DuplicateReason[];
}

/** Projects that look like the probe: those the caller may see, and how many others there are. */
export async function findDuplicates(tx: Tx, scope: DataScope, probe: DuplicateProbe) {
  const rows = await repo.duplicateCandidates(tx, probe);
  const candidates: DuplicateCandidate[] = [];
  let hiddenCount = 0;
  for (const r of rows) {
    const reasons = duplicateReasons(probe, r);
    if (!reasons.length) continue;
    if (!scopeAllowsUnit(scope, r.ownerUnitId, r.teamId)) {
      hiddenCount++;
      continue;
    }
    candidates.push({
      id: r.id,
      name: r.name,
      code: r.code,
      ownerUnitName: r.ownerUnitName,
      stage: r.stage,
      approvedStage: r.approvedStage,
      investor: r.enterpriseName ?? r.investorName,
      totalInvestment: r.totalInvestment,
      reasons,
    });
  }
  return { candidates, hiddenCount };
}

export async function checkDuplicates(db: Db, ctx: AuthedContext, probe: DuplicateProbe) {
  const scope = await resolveScope(db, ctx.principal);
  return findDuplicates(db, scope, {
    ...probe,
    code: clean(probe.code)?.toUpperCase() ?? null,
    name: clean(probe.name),
    investorName: clean(probe.investorName),
    totalInvestment: probe.totalInvestment ? (checkAmount('totalInvestment', probe.totalInvestment, []) ?? null) : null,
  });
}

export class DuplicatesFound extends AppError {
  constructor(public readonly result: { candidates: DuplicateCandidate[]; hiddenCount: number }) {
    super('DUPLICATE');
  }
}

// ---------------------------------------------------------------------------------------------- files

// Evidence files hang on projects: a file is seen by those who see its project (the files module asks here).
registerFileOwner('project', async (tx, ctx, id) => {
  const row = await repo.findProject(tx, await resolveScope(tx, ctx.principal), id);
  return row ? { id: row.id, name: row.name } : undefined;
});

export async function listProjectFiles(db: Db, ctx: AuthedContext, projectId: number) {
  const project = await repo.findProject(db, await resolveScope(db, ctx.principal), projectId);
  if (!project) throw new AppError('NOT_FOUND');
  return { items: await filesOf(db, 'project', projectId) };
}

// ---------------------------------------------------------------------------------------------- create and update

const auditable = (v: Record<string, unknown>) => v as Record<string, unknown>;

export async function createProject(db: Db, ctx: AuthedContext, input: ProjectInput & { confirmDuplicates?: boolean }) {
  const scope = await resolveScope(db, ctx.principal);
  const { confirmDuplicates, ...fields } = input;
  const id = await db.transaction(async (tx) => {
    const v = (await prepare(tx, ctx, scope, fields, null)) as repo.ProjectValues;
    if (!confirmDuplicates) {
      const dup = await findDuplicates(tx, scope, v);
      if (dup.candidates.length || dup.hiddenCount) throw new DuplicatesFound(dup);
    }
    const derived = await deriveFor(tx, {
      name: v.name,
      code: v.code ?? null,
      enterpriseId: v.enterpriseId ?? null,
      investorName: v.investorName ?? null,
      industryCode: v.industryCode ?? null,
      clusterId: v.clusterId ?? null,
      totalInvestment: v.totalInvestment ?? null,
      foreignCapital: v.foreignCapital ?? null,
      capitalOrigin: v.capitalOrigin ?? null,
      leaderName: v.leaderName ?? null,
    });
    const newId = await repo.insertProject(tx, { ...v, ...derived, createdBy: ctx.principal.userId });
    await writeAudit(tx, ctx, {
      action: 'project.create',
      targetType: 'project',
      targetId: newId,
      targetLabel: v.name,
      changes: diffFields(null, auditable({ ...v, flags: derived.flags }), [...PROJECT_FIELDS, 'flags']),
      detail: confirmDuplicates ? 'duplicates confirmed by the user' : undefined,
    });
    await addTimelineEntry(tx, {
      entityType: 'project',
      entityId: newId,
      kind: 'created',
      summary: v.name,
      userId: ctx.principal.userId,
    });
    return newId;
  });
  return getProject(db, ctx, id);
}

export async function updateProject(db: Db, ctx: AuthedContext, id: number, version: number, patch: ProjectInput) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.findProject(tx, scope, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    const v = await prepare(tx, ctx, scope, patch, before);
    const raw = await repo.rawProject(tx, id);
    const merged = { ...raw, ...v };
    const derived = await deriveFor(tx, merged as DerivableFacts);
    if (!(await repo.updateProjectRow(tx, id, version, { ...v, ...derived }))) throw new AppError('VERSION_CONFLICT');
    const changes = diffFields(auditable({ ...raw }), auditable({ ...merged, flags: derived.flags }), [
      ...PROJECT_FIELDS,
      'flags',
    ]);
    await writeAudit(tx, ctx, {
      action: 'project.update',
      targetType: 'project',
      targetId: id,
      targetLabel: merged.name,
      changes,
    });
    if (Object.keys(changes).length) {
      await addTimelineEntry(tx, {
        entityType: 'project',
        entityId: id,
        kind: 'edited',
        summary: Object.keys(changes).join(', '),
        data: { fields: Object.keys(changes) },
        userId: ctx.principal.userId,
      });
    }
  });
  return getProject(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------- made from a lead

export interface ConvertedProject {
  lead: { id: number; title: string };
  values: repo.ProjectValues;
  derived: repo.DerivedValues;
  /** What the stage move to 在谈 records as the lead's knowledge. */
  movedFields: Record<string, unknown>;
}

/**
 * For the leads module, inside the lead's transaction (values checked, duplicates handled there): the project starts
 * at 谋划 (approved: it needs no evidence) with the move to 在谈 submitted for the bureau's review like any other
 * stage move, so that it counts only once approved.
 */
export async function createProjectFromLead(tx: Tx, ctx: AuthedContext, c: ConvertedProject): Promise<number> {
  const projectId = await repo.insertConvertedProject(tx, {
    ...c.values,
    ...c.derived,
    leadId: c.lead.id,
    createdBy: ctx.principal.userId,
  });
  const eventId = await repo.insertStageEvent(tx, {
    projectId,
    fromStage: 'planning',
    toStage: 'negotiating',
    kind: 'forward',
    effectiveDate: new Date().toISOString().slice(0, 10),
    fields: c.movedFields,
    reason: `由线索转化 converted from lead ${c.lead.id}`,
    priorValues: {},
    submittedBy: ctx.principal.userId,
  });
  await repo.setProjectFields(tx, projectId, { pendingStageEventId: eventId }, false);
  await addTimelineEntry(tx, {
    entityType: 'project',
    entityId: projectId,
    kind: 'created_from_lead',
    summary: `由线索「${c.lead.title}」转化`,
    data: { leadId: c.lead.id },
    userId: ctx.principal.userId,
  });
  return projectId;
}
