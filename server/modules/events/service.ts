// 招商活动: events the city or a county holds or joins, and the projects signed there. A signing entered at an event
// is the project's move to 签约 through the projects module's own stage move (and the bureau's review), so the
// project and the event tell one story. A project counts once, at the event where it was first signed; shown again
// at another ceremony it is listed there as re-signed, not counted.
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { amountProblem, normalizeAmount } from '../../core/money.js';
import { resolveScope, scopeAllowsUnit } from '../../core/scope.js';
import { isDivisionCode, REGION_GROUPS } from '../../reference/divisions.js';
import { getProject } from '../projects/service.js';
import { moveStageIn } from '../projects/stage-service.js';
import { stageIndex } from '../projects/stages.js';
import * as repo from './repository.js';
import { DEFAULT_EVENT_TARGETS, EVENT_LEVELS, EVENT_TYPES } from './constants.js';

const FIELDS = [
  'name',
  'type',
  'isKey',
  'level',
  'startDate',
  'endDate',
  'place',
  'divisionCode',
  'regionGroup',
  'organiser',
  'ownerUnitId',
] as const;
type Audited = Record<string, unknown>;
const clean = (s: string | null | undefined) => (s == null ? s : s.trim() || null);

export interface EventInput {
  name: string;
  type: string;
  isKey?: boolean;
  level: string;
  startDate?: string | null;
  endDate?: string | null;
  place?: string | null;
  divisionCode?: string | null;
  regionGroup: string;
  organiser?: string | null;
}

function checkEvent(v: EventInput, errors: FieldError[]) {
  const name = v.name?.trim();
  if (!name) errors.push({ field: 'name', code: 'required' });
  if (!(EVENT_TYPES as readonly string[]).includes(v.type)) errors.push({ field: 'type', code: 'invalid' });
  if (!(EVENT_LEVELS as readonly string[]).includes(v.level)) errors.push({ field: 'level', code: 'invalid' });
  // The region group is the campaign's, chosen by the user: a 长三角 campaign may stop in 厦门.
  if (!(REGION_GROUPS as readonly string[]).includes(v.regionGroup))
    errors.push({ field: 'regionGroup', code: 'invalid' });
  for (const k of ['startDate', 'endDate'] as const) {
    if (!v[k]) errors.push({ field: k, code: 'required' });
    else if (!isCalendarDate(v[k]!) || v[k]! < '2000-01-01') errors.push({ field: k, code: 'invalid' });
  }
  if (v.startDate && v.endDate && isCalendarDate(v.startDate) && isCalendarDate(v.endDate) && v.endDate < v.startDate) {
    errors.push({ field: 'endDate', code: 'event_dates' });
  }
  const divisionCode = clean(v.divisionCode) ?? null;
  if (divisionCode && !isDivisionCode(divisionCode)) errors.push({ field: 'divisionCode', code: 'invalid' });
  return {
    name: name ?? '',
    type: v.type,
    isKey: v.isKey ?? false,
    level: v.level,
    startDate: v.startDate ?? '',
    endDate: v.endDate ?? '',
    place: clean(v.place) ?? null,
    divisionCode,
    regionGroup: v.regionGroup,
    organiser: clean(v.organiser) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------- reads

export async function listEvents(db: Db, ctx: AuthedContext, f: repo.EventFilter) {
  const scope = await resolveScope(db, ctx.principal);
  return repo.findEvents(db, scope, f);
}

export async function getEvent(db: Db, ctx: AuthedContext, id: number) {
  const scope = await resolveScope(db, ctx.principal);
  const row = await repo.findEvent(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  const signings = (await repo.signingsOf(db, id)).map((s) => ({
    ...s,
    // counted: the project's first signing, approved; pending: awaiting review; resigned: first signed at another
    // event (or before any event); returned: the bureau sent the move back.
    countStatus: !s.counted
      ? s.stageEventId != null && s.reviewStatus === 'returned'
        ? 'returned'
        : 'resigned'
      : s.reviewStatus === 'approved'
        ? 'counted'
        : s.reviewStatus === 'returned'
          ? 'returned'
          : 'pending',
  }));
  return { ...row, signings };
}

// ---------------------------------------------------------------------------------------------- writes

export async function createEvent(db: Db, ctx: AuthedContext, input: EventInput) {
  const errors: FieldError[] = [];
  const v = checkEvent(input, errors);
  if (errors.length) throw validationError(errors);
  const id = await db.transaction(async (tx) => {
    const record = { ...v, ownerUnitId: ctx.principal.unitId };
    const newId = await repo.insertEvent(tx, { ...record, createdBy: ctx.principal.userId });
    await writeAudit(tx, ctx, {
      action: 'event.create',
      targetType: 'event',
      targetId: newId,
      targetLabel: v.name,
      changes: diffFields(null, record as Audited, FIELDS),
    });
    return newId;
  });
  return getEvent(db, ctx, id);
}

export async function updateEvent(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<EventInput>) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await repo.lockEvent(tx, scope, id);
    if (!before) throw new AppError('NOT_FOUND');
    const errors: FieldError[] = [];
    const merged = {
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)),
    } as EventInput;
    const v = checkEvent(merged, errors);
    if (errors.length) throw validationError(errors);
    if (!(await repo.updateEventRow(tx, id, version, v))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'event.update',
      targetType: 'event',
      targetId: id,
      targetLabel: v.name,
      changes: diffFields(before as Audited, { ...before, ...v } as Audited, FIELDS),
    });
  });
  return getEvent(db, ctx, id);
}

export interface SigningInput {
  projectId: number;
  /** The project's version as read: the stage move is refused on a stale one. */
  projectVersion: number;
  signedAt: string;
  signedAmount: string;
  agreementType: string;
  evidenceFileIds?: number[];
  reason?: string | null;
}

/**
 * Enters a project signed at the event. A project not signed before moves to 签约 through the projects module's stage
 * move (awaiting the bureau's review) and counts here; one signed before is listed as re-signed and not counted.
 */
export async function signAtEvent(db: Db, ctx: AuthedContext, eventId: number, input: SigningInput) {
  const scope = await resolveScope(db, ctx.principal);
  const errors: FieldError[] = [];
  const amountBad = amountProblem(String(input.signedAmount ?? ''));
  if (!input.signedAmount) errors.push({ field: 'signedAmount', code: 'required' });
  else if (amountBad) errors.push({ field: 'signedAmount', code: amountBad });
  if (errors.length) throw validationError(errors);
  const signedAmount = normalizeAmount(String(input.signedAmount));
  await db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, scope, eventId);
    if (!event) throw new AppError('NOT_FOUND');
    if (!scopeAllowsUnit(scope, event.ownerUnitId, event.teamId)) throw new AppError('NOT_FOUND');
    const project = await getProject(tx, ctx, input.projectId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND')
        throw validationError([{ field: 'projectId', code: 'not_found' }]);
      throw e;
    });
    await repo.lockProjectSignings(tx, project.id);
    if (await repo.signingAt(tx, eventId, project.id)) throw validationError([{ field: 'projectId', code: 'taken' }]);
    const first = await repo.countedSigningOf(tx, project.id);
    if (first && first.reviewStatus === 'returned') await repo.uncount(tx, first.id);
    const signedBefore =
      (first && first.reviewStatus !== 'returned') ||
      stageIndex(project.stage) >= stageIndex('signed') ||
      project.stage === 'terminated';
    let stageEventId: number | null = null;
    if (!signedBefore) {
      const skipping = stageIndex(project.stage) < stageIndex('negotiating');
      stageEventId = await moveStageIn(tx, ctx, scope, project.id, {
        toStage: 'signed',
        kind: skipping ? 'skip' : 'forward',
        effectiveDate: input.signedAt,
        fields: { agreementType: input.agreementType, signedAt: input.signedAt, signedAmount, signedEvent: event.name },
        reason: skipping ? (clean(input.reason) ?? `签约于「${event.name}」`) : null,
        evidenceFileIds: input.evidenceFileIds,
        version: input.projectVersion,
      });
    }
    const signingId = await repo.insertSigning(tx, {
      eventId,
      projectId: project.id,
      counted: !signedBefore,
      signedAmount,
      stageEventId,
      createdBy: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: signedBefore ? 'event.resign' : 'event.sign',
      targetType: 'event',
      targetId: eventId,
      targetLabel: event.name,
      changes: { signings: [null, { projectId: project.id, signedAmount, counted: !signedBefore }] },
      detail: `signing ${signingId}${stageEventId ? `; stage event ${stageEventId}` : '; re-signed, not counted'}`,
    });
  });
  return getEvent(db, ctx, eventId);
}

/** The year's event targets (the defaults; not yet configurable per year) and how far the events I can see go. */
export async function eventTargetProgress(db: Db, ctx: AuthedContext, year: number) {
  const scope = await resolveScope(db, ctx.principal);
  const rows = await repo.keyEventCounts(db, scope, year);
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((s, r) => s + r.n, 0);
  const t = DEFAULT_EVENT_TARGETS;
  const cityKey = sum((r) => r.level === 'city');
  const countyKey = sum((r) => r.level === 'county');
  return {
    year,
    cityKey: { target: t.cityKey, done: cityKey, met: cityKey >= t.cityKey },
    countyKey: { target: t.countyKey, done: countyKey, met: countyKey >= t.countyKey },
    regions: t.regions.map((regionGroup) => {
      const done = sum((r) => r.level === 'city' && r.regionGroup === regionGroup);
      return { regionGroup, target: t.perRegion, done, met: done >= t.perRegion };
    }),
  };
}
