// Stage moves and the bureau's review. A move records the target stage's own fields and evidence and shows at once
// as the project's `stage`; `approvedStage` (what counts) changes only when the bureau approves. A return restores
// the approved stage and the values the move had changed.
import type { Db, Tx } from '../../db/client.js';
import { writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { resolveScope, type DataScope } from '../../core/scope.js';
import { isUSCC } from '../../core/validators.js';
import { checkAmount, checkPastDate, clean } from './checks.js';
import { areaProblem, normalizeAmount } from '../../core/money.js';
import * as repo from './repository.js';
import { unitById } from '../org/service.js';
import { attachableProjectFiles, attachFilesToStageEvent, filesOfStageEvents } from '../files/service.js';
import { deriveFor, getProject, refreshDerived } from './service.js';
import {
  AGREEMENT_TYPES,
  classifyMove,
  EVIDENCE_REQUIRED,
  FIELD_TO_COLUMN,
  REQUIRED_FIELDS,
  STAGE_FIELDS,
  type MoveKind,
  type Stage,
} from './stages.js';

export interface MoveInput {
  toStage: Stage;
  kind?: MoveKind;
  effectiveDate: string;
  fields?: Record<string, unknown>;
  reason?: string | null;
  evidenceFileIds?: number[];
  version: number;
}

/** Checks the fields a move carries; returns them normalized. */
async function checkStageFields(tx: Tx, input: Record<string, unknown>, errors: FieldError[]) {
  const out: Record<string, unknown> = {};
  for (const [k, kind] of Object.entries(STAGE_FIELDS)) {
    const raw = input[k];
    if (raw === undefined || raw === null || raw === '') continue;
    const field = `fields.${k}`;
    const s = String(raw).trim();
    switch (kind) {
      case 'date': {
        const n = errors.length;
        checkPastDate(field, s, errors);
        if (errors.length === n) out[k] = s;
        break;
      }
      case 'money': {
        const a = checkAmount(field, s, errors);
        if (a) out[k] = a;
        break;
      }
      case 'text':
        if (s.length > 200) errors.push({ field, code: 'too_long' });
        else if (s) out[k] = s;
        break;
      case 'uscc': {
        const u = s.toUpperCase();
        if (!isUSCC(u)) errors.push({ field, code: 'invalid' });
        else out[k] = u;
        break;
      }
      case 'agreement':
        if (!(AGREEMENT_TYPES as readonly string[]).includes(s)) errors.push({ field, code: 'invalid' });
        else out[k] = s;
        break;
      case 'int': {
        const n = Number(s);
        if (!Number.isInteger(n) || n < 0 || n > 10_000_000) errors.push({ field, code: 'invalid' });
        else out[k] = n;
        break;
      }
      case 'area': {
        if (areaProblem(s)) errors.push({ field, code: 'invalid' });
        else out[k] = normalizeAmount(s);
        break;
      }
      case 'park': {
        const u = Number.isInteger(Number(s)) ? await unitById(tx, Number(s)) : undefined;
        if (!u) errors.push({ field, code: 'not_found' });
        else if (!['park', 'zone'].includes(u.kind)) errors.push({ field, code: 'invalid' });
        else out[k] = u.id;
        break;
      }
      case 'enterprise': {
        const e = Number.isInteger(Number(s)) ? await repo.investorFacts(tx, Number(s)) : undefined;
        if (!e || e.deletedAt) errors.push({ field, code: 'not_found' });
        else out[k] = e.mergedIntoId ?? e.id;
        break;
      }
    }
  }
  return out;
}

const jsonEq = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function moveStage(db: Db, ctx: AuthedContext, id: number, input: MoveInput) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction((tx) => moveStageIn(tx, ctx, scope, id, input));
  return getProject(db, ctx, id);
}

/**
 * A stage move in the caller's transaction (a signing entered at an event moves the project to 签约 with the
 * event's record); returns the id of the stage event awaiting the bureau's review.
 */
export async function moveStageIn(
  tx: Tx,
  ctx: AuthedContext,
  scope: DataScope,
  id: number,
  input: MoveInput,
): Promise<number> {
  const before = await repo.findProject(tx, scope, id, true);
  if (!before) throw new AppError('NOT_FOUND');
  if (before.pendingStageEventId) throw new AppError('STAGE_PENDING');
  const raw = (await repo.rawProject(tx, id))!;
  const from = before.stage as Stage;
  const to = input.toStage;
  const errors: FieldError[] = [];

  const kind = classifyMove(from, to);
  if (!kind) errors.push({ field: 'toStage', code: 'stage_same' });
  else if (kind === 'back' || kind === 'skip') {
    if (input.kind !== kind) errors.push({ field: 'kind', code: input.kind ? 'invalid' : 'kind_required' });
  } else if (input.kind && input.kind !== kind) errors.push({ field: 'kind', code: 'invalid' });
  const reason = clean(input.reason) ?? null;
  if ((kind === 'back' || kind === 'skip' || kind === 'terminate') && !reason)
    errors.push({ field: 'reason', code: 'reason_required' });
  checkPastDate('effectiveDate', input.effectiveDate, errors);

  const values = await checkStageFields(tx, input.fields ?? {}, errors);
  if (kind === 'forward' || kind === 'skip') {
    for (const r of REQUIRED_FIELDS[to]) {
      if (r === 'counterpart') {
        if (
          !values.enterpriseId &&
          !values.investorName &&
          !raw.enterpriseId &&
          !raw.investorName &&
          !errors.some((e) => e.field === 'fields.enterpriseId')
        ) {
          errors.push({ field: 'fields.enterpriseId', code: 'required' });
        }
      } else if (values[r] === undefined && !errors.some((e) => e.field === `fields.${r}`)) {
        errors.push({ field: `fields.${r}`, code: 'required' });
      }
    }
  }
  const fileIds = [...new Set(input.evidenceFileIds ?? [])];
  if ((kind === 'forward' || kind === 'skip') && EVIDENCE_REQUIRED.includes(to) && !fileIds.length) {
    errors.push({ field: 'evidenceFileIds', code: 'evidence_required' });
  }
  if (fileIds.length && (await attachableProjectFiles(tx, id, fileIds)).length !== fileIds.length) {
    errors.push({ field: 'evidenceFileIds', code: 'not_found' });
  }
  if (errors.length || !kind) throw validationError(errors);

  // The move's values go onto the project; what they replace is kept for a return.
  const set: Record<string, unknown> = {};
  const prior: Record<string, unknown> = { stageChangedAt: raw.stageChangedAt.toISOString() };
  const rawRec = raw as unknown as Record<string, unknown>;
  for (const [k, col] of Object.entries(FIELD_TO_COLUMN)) {
    if (values[k] !== undefined) {
      set[col] = values[k];
      prior[col] = rawRec[col] ?? null;
    }
  }
  if (kind === 'terminate') {
    set.terminatedReason = reason;
    prior.terminatedReason = raw.terminatedReason;
  }
  const eventId = await repo.insertStageEvent(tx, {
    projectId: id,
    fromStage: from,
    toStage: to,
    kind,
    effectiveDate: input.effectiveDate,
    fields: values,
    reason,
    priorValues: prior,
    submittedBy: ctx.principal.userId,
  });
  const derived = await deriveFor(tx, { ...raw, ...set } as typeof raw);
  const ok = await repo.updateProjectRow(tx, id, input.version, {
    ...set,
    ...derived,
    stage: to,
    pendingStageEventId: eventId,
    stageChangedAt: new Date(),
  } as Parameters<typeof repo.updateProjectRow>[3]);
  if (!ok) throw new AppError('VERSION_CONFLICT');
  await attachFilesToStageEvent(tx, fileIds, eventId);
  const changes: Record<string, [unknown, unknown]> = { stage: [from, to] };
  for (const [col, v] of Object.entries(set)) if (!jsonEq(prior[col], v)) changes[col] = [prior[col] ?? null, v];
  await writeAudit(tx, ctx, {
    action: `project.stage_${kind}`,
    targetType: 'project',
    targetId: id,
    targetLabel: before.name,
    changes,
    detail: [
      `stage event ${eventId}`,
      reason ? `reason: ${reason}` : null,
      fileIds.length ? `evidence: ${fileIds.join(',')}` : null,
    ]
      .filter(Boolean)
      .join('; '),
  });
  return eventId;
}

// ---------------------------------------------------------------------------------------------- review

async function pendingEventWithProject(tx: Tx, ctx: AuthedContext, eventId: number) {
  const scope = await resolveScope(tx, ctx.principal);
  const ev = await repo.findStageEvent(tx, scope, eventId);
  if (!ev) throw new AppError('NOT_FOUND');
  if (ev.status !== 'pending') throw new AppError('NOT_PENDING');
  const project = await repo.findProject(tx, scope, ev.projectId, true);
  if (!project) throw new AppError('NOT_FOUND');
  return { ev, project };
}

export async function approveStageEvent(db: Db, ctx: AuthedContext, eventId: number, note?: string | null) {
  return db.transaction(async (tx) => {
    const { ev, project } = await pendingEventWithProject(tx, ctx, eventId);
    if (!(await repo.decideStageEvent(tx, eventId, 'approved', ctx.principal.userId, clean(note) ?? null)))
      throw new AppError('NOT_PENDING');
    await repo.setProjectFields(
      tx,
      ev.projectId,
      { approvedStage: ev.toStage, approvedStageAt: new Date(), pendingStageEventId: null },
      true,
    );
    await writeAudit(tx, ctx, {
      action: 'project.stage_approve',
      targetType: 'project',
      targetId: ev.projectId,
      targetLabel: project.name,
      changes: { approvedStage: [project.approvedStage, ev.toStage] },
      detail: [`stage event ${eventId}`, clean(note) ? `note: ${clean(note)}` : null].filter(Boolean).join('; '),
    });
    return getStageEvent(tx, ctx, eventId);
  });
}

export async function returnStageEvent(db: Db, ctx: AuthedContext, eventId: number, note: string) {
  const n = clean(note);
  if (!n) throw validationError([{ field: 'note', code: 'note_required' }]);
  return db.transaction(async (tx) => {
    const { ev, project } = await pendingEventWithProject(tx, ctx, eventId);
    if (!(await repo.decideStageEvent(tx, eventId, 'returned', ctx.principal.userId, n)))
      throw new AppError('NOT_PENDING');
    const raw = (await repo.rawProject(tx, ev.projectId))! as unknown as Record<string, unknown>;
    const prior = await repo.priorValuesOf(tx, eventId);
    const fields = (ev.fields ?? {}) as Record<string, unknown>;
    // Restore what the move changed, unless someone has changed it again since.
    const restore: Record<string, unknown> = {};
    for (const [k, col] of Object.entries(FIELD_TO_COLUMN)) {
      if (fields[k] !== undefined && col in prior && jsonEq(raw[col], fields[k])) restore[col] = prior[col];
    }
    if (ev.toStage === 'terminated' && 'terminatedReason' in prior) restore.terminatedReason = prior.terminatedReason;
    const back = project.approvedStage ?? 'planning';
    await repo.setProjectFields(
      tx,
      ev.projectId,
      {
        ...restore,
        stage: back,
        pendingStageEventId: null,
        stageChangedAt: typeof prior.stageChangedAt === 'string' ? new Date(prior.stageChangedAt) : new Date(),
      } as Parameters<typeof repo.setProjectFields>[2],
      true,
    );
    await refreshDerived(tx, ev.projectId);
    await writeAudit(tx, ctx, {
      action: 'project.stage_return',
      targetType: 'project',
      targetId: ev.projectId,
      targetLabel: project.name,
      changes: { stage: [ev.toStage, back] },
      detail: `stage event ${eventId}; note: ${n}`,
    });
    return getStageEvent(tx, ctx, eventId);
  });
}

export async function getStageEvent(tx: Tx, ctx: AuthedContext, eventId: number) {
  const scope = await resolveScope(tx, ctx.principal);
  const ev = await repo.findStageEvent(tx, scope, eventId);
  if (!ev) throw new AppError('NOT_FOUND');
  return { ...ev, files: await filesOfStageEvents(tx, [eventId]) };
}

/** The approval queue (status=pending, oldest first) or the history of moves, within the caller's scope. */
export async function listStageEvents(
  db: Db,
  ctx: AuthedContext,
  f: { status?: string; projectId?: number; page: number; pageSize: number },
) {
  const scope = await resolveScope(db, ctx.principal);
  const r = await repo.findStageEvents(db, scope, f);
  const fs = await filesOfStageEvents(
    db,
    r.items.map((e) => e.id),
  );
  return { items: r.items.map((e) => ({ ...e, files: fs.filter((x) => x.stageEventId === e.id) })), total: r.total };
}
