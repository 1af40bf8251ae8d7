// 企业库: target enterprises and local ones. Owner and scope come from the caller (the bureau may name the owner unit
// of a new record); credit codes are unique among live records; duplicates are merged, never silently kept.
import type { Db, Tx } from '../../db/client.js';
import { diffFields, writeAudit } from '../../core/audit.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import { resolveScope, scopeAllowsUnit, unitSubtree, type DataScope } from '../../core/scope.js';
import { capitalProblem, normalizeAmount } from '../../core/money.js';
import { isEmail, isPhone, isUSCC, isWebsite, maskPhone } from '../../core/validators.js';
import { divisionName, isDivisionCode, regionGroupOf } from '../../reference/divisions.js';
import { industryName, normalizeIndustryCode } from '../../reference/industries.js';
import { nameSimilarity, tradeNameOf } from './names.js';
import * as repo from './repository.js';
import { recomputeProjectFlagsForEnterprise } from '../projects/service.js';
import { clusterExists, teamExists } from '../org/service.js';
import { addTimelineEntry, timelineOf } from '../timeline/service.js';

/** The record's own timeline and those of every record merged into it, newest first. */
async function familyTimeline(tx: Tx, id: number, limit = 200) {
  return timelineOf(tx, 'enterprise', await repo.mergedFamilyIds(tx, id), limit);
}

// ---------------------------------------------------------------------------------------------- for other modules

/** An enterprise of the library the caller may see (live: not deleted, not merged into another), for a reference to it. */
export const findVisibleEnterprise = (tx: Tx, scope: DataScope, id: number) => repo.findVisibleRef(tx, scope, id);

/** The library's name of an enterprise, for the search text of records that point at it. */
export const enterpriseNameOf = (tx: Tx, id: number) => repo.nameById(tx, id);

const FIELDS = [
  'name',
  'uscc',
  'ownership',
  'tiers',
  'hqDivision',
  'hqRegion',
  'hqCountry',
  'industryCode',
  'clusterId',
  'registeredCapital',
  'website',
  'notes',
  'teamId',
  'ownerUnitId',
] as const;
const CONTACT_FIELDS = ['name', 'title', 'phone', 'email', 'isPrimary'] as const;
const FIELD_ZH: Record<string, string> = {
  name: '企业名称',
  uscc: '统一社会信用代码',
  ownership: '企业性质',
  tiers: '企业标签',
  hqDivision: '总部所在地',
  hqRegion: '总部区域',
  hqCountry: '总部国家/地区',
  industryCode: '所属行业',
  clusterId: '产业集群',
  registeredCapital: '注册资本',
  website: '网站',
  notes: '备注',
  teamId: '招商团组',
  ownerUnitId: '归属单位',
};

type Input = Omit<repo.EnterpriseValues, 'hqRegion'>;
export type CreateInput = Input & { ownerUnitId?: number; contacts?: repo.ContactValues[] };
export interface ListQuery extends Omit<repo.ListFilters, 'ownerUnitIds'> {
  ownerUnitId?: number;
}

const say = (ctx: AuthedContext, zh: string, en: string) => (ctx.lang === 'en' ? en : zh);

// ---- presentation ----

function present<T extends { hqDivision: string | null; industryCode: string | null }>(row: T) {
  return { ...row, hqDivisionName: divisionName(row.hqDivision), industryName: industryName(row.industryCode) };
}

/** Roles that only read business data see phone numbers masked. */
function presentContact<T extends { phone: string | null }>(ctx: AuthedContext, c: T) {
  const full = can(ctx.principal.role, 'business.write');
  return { ...c, phone: full ? c.phone : maskPhone(c.phone), phoneMasked: !full && !!c.phone };
}

// ---- checks ----

export const normalizeUscc = (s: string) => s.replace(/\s+/g, '').toUpperCase();

function checkContact(v: Partial<repo.ContactValues>, prefix: string, errors: FieldError[]) {
  if (v.name !== undefined && !v.name.trim()) errors.push({ field: `${prefix}name`, code: 'required' });
  if (v.phone && !isPhone(v.phone)) errors.push({ field: `${prefix}phone`, code: 'invalid' });
  if (v.email && !isEmail(v.email)) errors.push({ field: `${prefix}email`, code: 'invalid' });
}

const blank = (s: string | null | undefined) => (s == null || !s.trim() ? null : s.trim());

/**
 * Checks and normalizes the fields present in `v` (a create or a patch). `merged` is the record as it will be,
 * for the rules that involve two fields. Throws one validation error naming every bad field.
 */
async function checkFields(
  tx: Tx,
  ctx: AuthedContext,
  scope: DataScope,
  v: Partial<Input>,
  merged: Partial<Input>,
  errors: FieldError[] = [],
) {
  const out: Partial<repo.EnterpriseValues> = {};
  if (v.name !== undefined) {
    if (!v.name.trim()) errors.push({ field: 'name', code: 'required' });
    out.name = v.name.trim();
  }
  if (v.uscc !== undefined) {
    const u = v.uscc == null ? null : normalizeUscc(v.uscc) || null;
    if (u && !isUSCC(u))
      errors.push({
        field: 'uscc',
        code: 'invalid',
        message: say(
          ctx,
          '不是有效的统一社会信用代码（18位，校验位不符）',
          'is not a valid unified social credit code (18 characters with a check character)',
        ),
      });
    out.uscc = u;
  }
  if (v.ownership !== undefined) out.ownership = v.ownership;
  if (v.tiers !== undefined) out.tiers = [...new Set(v.tiers)];
  if (v.hqDivision !== undefined) {
    const d = blank(v.hqDivision);
    if (d && !isDivisionCode(d))
      errors.push({ field: 'hqDivision', code: /^\d{6}$/.test(d) ? 'not_found' : 'invalid' });
    out.hqDivision = d;
  }
  if (v.hqCountry !== undefined) out.hqCountry = blank(v.hqCountry);
  if (v.hqDivision !== undefined || v.hqCountry !== undefined) {
    const division = out.hqDivision !== undefined ? out.hqDivision : blank(merged.hqDivision);
    const country = out.hqCountry !== undefined ? out.hqCountry : blank(merged.hqCountry);
    if (division && country) {
      errors.push({
        field: 'hqCountry',
        code: 'invalid',
        message: say(
          ctx,
          '总部在境外时不填国内行政区划；在境内时不填国家',
          'give either a Chinese division or, for a headquarters abroad, a country — not both',
        ),
      });
    } else {
      out.hqRegion = country
        ? 'abroad'
        : division && isDivisionCode(division)
          ? regionGroupOf(division, await repo.homeDivision(tx))
          : null;
    }
  }
  if (v.industryCode !== undefined) {
    const raw = blank(v.industryCode);
    const code = raw ? normalizeIndustryCode(raw) : null;
    if (raw && !code)
      errors.push({
        field: 'industryCode',
        code: 'invalid',
        message: say(ctx, '不是有效的国民经济行业代码（GB/T 4754）', 'is not a GB/T 4754 industry code'),
      });
    out.industryCode = code;
  }
  if (v.clusterId !== undefined) {
    if (v.clusterId != null && !(await clusterExists(tx, v.clusterId)))
      errors.push({ field: 'clusterId', code: 'not_found' });
    out.clusterId = v.clusterId;
  }
  if (v.registeredCapital !== undefined) {
    if (v.registeredCapital == null || !v.registeredCapital.trim()) out.registeredCapital = null;
    else {
      const problem = capitalProblem(v.registeredCapital);
      if (problem) errors.push({ field: 'registeredCapital', code: problem });
      else out.registeredCapital = normalizeAmount(v.registeredCapital);
    }
  }
  if (v.website !== undefined) {
    const w = blank(v.website);
    if (w && !isWebsite(w)) errors.push({ field: 'website', code: 'invalid' });
    out.website = w;
  }
  if (v.notes !== undefined) out.notes = blank(v.notes);
  if (v.teamId !== undefined) {
    if (v.teamId != null) {
      if (!(await teamExists(tx, v.teamId))) errors.push({ field: 'teamId', code: 'not_found' });
      else if (scope.kind !== 'all' && !ctx.principal.teamIds.includes(v.teamId)) {
        errors.push({
          field: 'teamId',
          code: 'invalid',
          message: say(ctx, '只能选择您所在的团组', 'only a team you belong to'),
        });
      }
    }
    out.teamId = v.teamId;
  }
  return { out, errors };
}

/** The duplicate credit code check; the existing record is named only when the caller may see it. */
async function checkUsccFree(
  tx: Tx,
  ctx: AuthedContext,
  scope: DataScope,
  uscc: string | null | undefined,
  exceptId?: number,
): Promise<FieldError | null> {
  if (!uscc) return null;
  const other = await repo.findByUscc(tx, uscc, exceptId);
  if (!other) return null;
  return usccTaken(ctx, scope, other);
}

function usccTaken(
  ctx: AuthedContext,
  scope: DataScope,
  other?: { id: number; name: string; ownerUnitId: number; teamId: number | null },
): FieldError {
  if (other && scopeAllowsUnit(scope, other.ownerUnitId, other.teamId)) {
    return {
      field: 'uscc',
      code: 'taken',
      message: say(
        ctx,
        `已被企业「${other.name}」使用（编号 ${other.id}）`,
        `is already used by “${other.name}” (id ${other.id})`,
      ),
    };
  }
  return {
    field: 'uscc',
    code: 'taken',
    message: say(
      ctx,
      '已被其他单位登记的企业使用（该记录不在您的数据范围内）',
      'is already used by an enterprise outside your data scope',
    ),
  };
}

function isUniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: string; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++)
    if (x.code === '23505') return true;
  return false;
}

/** Runs a write; a race on the credit code index answers the same field error as the check before it. */
async function guardUscc<T>(
  ctx: AuthedContext,
  scope: DataScope,
  db: Db,
  uscc: string | null | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (uscc && isUniqueViolation(e)) throw validationError([usccTaken(ctx, scope, await repo.findByUscc(db, uscc))]);
    throw e;
  }
}

// ---- reads ----

/** The list's filter for a query (the list page and the export): an owner unit includes the units below it. */
export async function listWhere(
  db: Db,
  ctx: AuthedContext,
  q: Omit<ListQuery, 'sort' | 'order' | 'page' | 'pageSize'>,
) {
  const scope = await resolveScope(db, ctx.principal);
  const { ownerUnitId, industry, ...rest } = q;
  let ind = industry?.trim().toUpperCase();
  if (ind && !/^[A-T](\d{2,4})?$/.test(ind)) {
    const n = normalizeIndustryCode(ind);
    if (!n) throw validationError([{ field: 'industry', code: 'invalid' }]);
    ind = n;
  }
  return repo.listWhere(scope, {
    ...rest,
    industry: ind,
    ownerUnitIds: ownerUnitId ? await unitSubtree(db, ownerUnitId) : undefined,
  });
}

export async function listEnterprises(db: Db, ctx: AuthedContext, q: ListQuery) {
  const r = await repo.findEnterprises(db, await listWhere(db, ctx, q), q);
  return { items: r.items.map(present), total: r.total, totalIsExact: r.totalIsExact };
}

export async function getEnterprise(db: Db, ctx: AuthedContext, id: number) {
  const scope = await resolveScope(db, ctx.principal);
  const row = await repo.findEnterprise(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [contacts, timeline, references, mergedIntoName] = await Promise.all([
    repo.listContacts(db, id),
    familyTimeline(db, id),
    repo.countReferences(db, id),
    repo.mergedIntoName(db, scope, row.mergedIntoId),
  ]);
  return {
    ...present(row),
    mergedIntoName,
    references,
    contacts: contacts.map((c) => presentContact(ctx, c)),
    timeline: timeline.map((t) => ({ ...t, id: Number(t.id) })),
  };
}

/**
 * Live records that look like the same company: those sharing the 字号 of `name` (and the one holding `uscc`).
 * Records outside the caller's scope are counted, not named.
 */
export async function similarEnterprises(
  db: Db,
  ctx: AuthedContext,
  q: { name?: string; uscc?: string; excludeId?: number },
) {
  const scope = await resolveScope(db, ctx.principal);
  const name = q.name?.trim() ?? '';
  const trade = name ? tradeNameOf(name) : '';
  type Item = {
    id: number;
    name: string;
    uscc: string | null;
    ownerUnitName: string;
    hqRegion: string | null;
    score: number;
    sameUscc: boolean;
  };
  const items = new Map<number, Item>();
  const hidden = new Set<number>();
  const uscc = q.uscc ? normalizeUscc(q.uscc) : '';
  if (uscc && isUSCC(uscc)) {
    const same = await repo.findByUscc(db, uscc, q.excludeId);
    if (same && scopeAllowsUnit(scope, same.ownerUnitId, same.teamId)) {
      const row = await repo.findUscc(db, scope, uscc, q.excludeId);
      if (row) items.set(row.id, { ...row, score: 1, sameUscc: true });
    } else if (same) hidden.add(same.id);
  }
  // The 字号 as found, and its first two characters when industry words we do not know are left on it ("瑞驰树脂").
  const terms = [...new Set([trade, [...trade].length > 2 ? [...trade].slice(0, 2).join('') : ''].filter(Boolean))];
  for (const term of terms) {
    for (const c of await repo.findByTradeName(db, term, q.excludeId, 200)) {
      const score = nameSimilarity(name, c.name);
      if (score < 0.4) continue;
      if (!scopeAllowsUnit(scope, c.ownerUnitId, c.teamId)) {
        hidden.add(c.id);
        continue;
      }
      if (!items.has(c.id))
        items.set(c.id, {
          id: c.id,
          name: c.name,
          uscc: c.uscc,
          ownerUnitName: c.ownerUnitName,
          hqRegion: c.hqRegion,
          score,
          sameUscc: false,
        });
    }
  }
  const list = [...items.values()]
    .sort((a, b) => Number(b.sameUscc) - Number(a.sameUscc) || b.score - a.score || a.id - b.id)
    .slice(0, 10);
  return { tradeName: trade, items: list, othersCount: hidden.size };
}

// ---- writes ----

async function ownerFor(
  tx: Tx,
  ctx: AuthedContext,
  requested: number | undefined,
  errors: FieldError[],
): Promise<number> {
  // Only the bureau files records for other units; everyone else's records belong to their own unit.
  if (requested === undefined || ctx.principal.role !== 'bureau_staff' || requested === ctx.principal.unitId)
    return ctx.principal.unitId;
  if (!(await repo.activeUnitExists(tx, requested))) errors.push({ field: 'ownerUnitId', code: 'not_found' });
  return requested;
}

export async function createEnterprise(db: Db, ctx: AuthedContext, input: CreateInput) {
  const scope = await resolveScope(db, ctx.principal);
  const { contacts = [], ownerUnitId: requestedOwner, ...fields } = input;
  const errors: FieldError[] = [];
  const { out } = await checkFields(
    db,
    ctx,
    scope,
    { ...fields, hqDivision: fields.hqDivision ?? null, hqCountry: fields.hqCountry ?? null },
    {},
    errors,
  );
  contacts.forEach((c, i) => {
    checkContact(c, `contacts.${i}.`, errors);
  });
  const ownerUnitId = await ownerFor(db, ctx, requestedOwner, errors);
  let teamId = out.teamId ?? null;
  // A team member's record belongs to their team, or they could not see it afterwards.
  if (teamId == null && ctx.principal.role === 'team_member') {
    if (ctx.principal.teamIds.length !== 1) errors.push({ field: 'teamId', code: 'required' });
    else teamId = ctx.principal.teamIds[0];
  }
  if (!errors.length) {
    const taken = await checkUsccFree(db, ctx, scope, out.uscc);
    if (taken) errors.push(taken);
  }
  if (errors.length) throw validationError(errors);

  const values = { ...out, name: out.name!, tiers: out.tiers ?? [], teamId };
  const id = await guardUscc(ctx, scope, db, out.uscc, () =>
    db.transaction(async (tx) => {
      const newId = await repo.insertEnterprise(tx, { ...values, ownerUnitId, createdBy: ctx.principal.userId });
      for (const c of contacts) await repo.insertContact(tx, newId, cleanContact(c) as repo.ContactValues);
      await repo.refreshSearch(tx, newId);
      await addTimelineEntry(tx, {
        entityType: 'enterprise',
        entityId: newId,
        kind: 'created',
        summary: `创建企业记录「${values.name}」`,
        userId: ctx.principal.userId,
        data: { contacts: contacts.length },
      });
      await writeAudit(tx, ctx, {
        action: 'enterprise.create',
        targetType: 'enterprise',
        targetId: newId,
        targetLabel: values.name,
        changes: diffFields(null, { ...values, ownerUnitId } as Record<string, unknown>, FIELDS),
      });
      return newId;
    }),
  );
  return getEnterprise(db, ctx, id);
}

function cleanContact(c: Partial<repo.ContactValues>): Partial<repo.ContactValues> {
  const out: Partial<repo.ContactValues> = {};
  if (c.name !== undefined) out.name = c.name.trim();
  for (const k of ['title', 'phone', 'email'] as const) if (c[k] !== undefined) out[k] = blank(c[k]);
  if (c.isPrimary !== undefined) out.isPrimary = c.isPrimary;
  return out;
}

/** Loads the live record for a change, or answers as if it did not exist / was merged away. */
async function lockLive(tx: Tx, scope: DataScope, id: number) {
  const row = await repo.findEnterprise(tx, scope, id, { forUpdate: true });
  if (!row) throw new AppError('NOT_FOUND');
  if (row.mergedIntoId) throw new AppError('ENTERPRISE_MERGED');
  return row;
}

export async function updateEnterprise(db: Db, ctx: AuthedContext, id: number, version: number, patch: Partial<Input>) {
  const scope = await resolveScope(db, ctx.principal);
  const current = await repo.findEnterprise(db, scope, id);
  if (!current) throw new AppError('NOT_FOUND');
  if (current.mergedIntoId) throw new AppError('ENTERPRISE_MERGED');
  const errors: FieldError[] = [];
  const { out } = await checkFields(db, ctx, scope, patch, current, errors);
  if (!errors.length && out.uscc !== undefined && out.uscc !== current.uscc) {
    const taken = await checkUsccFree(db, ctx, scope, out.uscc, id);
    if (taken) errors.push(taken);
  }
  if (errors.length) throw validationError(errors);

  await guardUscc(ctx, scope, db, out.uscc, () =>
    db.transaction(async (tx) => {
      const before = await lockLive(tx, scope, id);
      if (!(await repo.updateEnterpriseRow(tx, id, version, out))) throw new AppError('VERSION_CONFLICT');
      const after = { ...before, ...out };
      const changes = diffFields(before, after, FIELDS);
      if (out.name !== undefined || out.uscc !== undefined) await repo.refreshSearch(tx, id);
      // Project flags (500强, 央企, 外资, capital from outside) follow the investor's data.
      if (['tiers', 'ownership', 'hqDivision', 'hqCountry', 'hqRegion'].some((f) => f in changes))
        await recomputeProjectFlagsForEnterprise(tx, id);
      const names = Object.keys(changes);
      if (names.length) {
        await addTimelineEntry(tx, {
          entityType: 'enterprise',
          entityId: id,
          kind: 'updated',
          summary: `修改了${names.map((f) => FIELD_ZH[f] ?? f).join('、')}`,
          data: { fields: names },
          userId: ctx.principal.userId,
        });
      }
      await writeAudit(tx, ctx, {
        action: 'enterprise.update',
        targetType: 'enterprise',
        targetId: id,
        targetLabel: after.name,
        changes,
      });
    }),
  );
  return getEnterprise(db, ctx, id);
}

export async function deleteEnterprise(db: Db, ctx: AuthedContext, id: number, version: number) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const before = await lockLive(tx, scope, id);
    const refs = await repo.countReferences(tx, id);
    if (refs.leads || refs.projects) throw new AppError('ENTERPRISE_IN_USE');
    if (!(await repo.updateEnterpriseRow(tx, id, version, { deletedAt: new Date() })))
      throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, ctx, {
      action: 'enterprise.delete',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: before.name,
      changes: diffFields(before, null, FIELDS),
    });
  });
}

/** Fields of the kept record that are empty and the merged one has. */
const FILLABLE = [
  'uscc',
  'ownership',
  'hqDivision',
  'hqRegion',
  'hqCountry',
  'industryCode',
  'clusterId',
  'registeredCapital',
  'website',
] as const;

/**
 * 合并: `id` is a duplicate of `intoId`. Its contacts, leads and projects move to `intoId`, the kept record's empty
 * fields are filled from it, and it stays (read-only, with its history) marked as merged. One transaction.
 */
export async function mergeEnterprise(db: Db, ctx: AuthedContext, id: number, version: number, intoId: number) {
  if (id === intoId) throw validationError([{ field: 'intoId', code: 'same_record' }]);
  const scope = await resolveScope(db, ctx.principal);
  const result = await db.transaction(async (tx) => {
    // Lock in id order, so that two merges of the same pair cannot deadlock.
    const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
    const a = await repo.findEnterprise(tx, scope, first, { forUpdate: true });
    const b = await repo.findEnterprise(tx, scope, second, { forUpdate: true });
    const source = id < intoId ? a : b;
    const target = id < intoId ? b : a;
    if (!source) throw new AppError('NOT_FOUND');
    if (source.mergedIntoId) throw new AppError('ENTERPRISE_MERGED');
    if (!target) throw validationError([{ field: 'intoId', code: 'not_found' }]);
    if (target.mergedIntoId)
      throw validationError([
        {
          field: 'intoId',
          code: 'invalid',
          message: say(ctx, '目标记录已合并到其他记录', 'the target was itself merged into another record'),
        },
      ]);

    const fill: Partial<repo.EnterpriseValues> = {};
    for (const f of FILLABLE) {
      if (target[f] == null && source[f] != null) (fill as Record<string, unknown>)[f] = source[f];
    }
    // Region follows the division / country it was derived from: fill them together or not at all.
    if (target.hqDivision != null || target.hqCountry != null) {
      delete fill.hqDivision;
      delete fill.hqRegion;
      delete fill.hqCountry;
    }
    const tiers = [...new Set([...target.tiers, ...source.tiers])];
    if (tiers.length !== target.tiers.length) fill.tiers = tiers;

    if (!(await repo.markMerged(tx, id, version, intoId, fill))) throw new AppError('VERSION_CONFLICT');
    const moved = await repo.moveReferences(tx, id, intoId);
    await repo.refreshSearch(tx, intoId);
    const filled = Object.keys(fill);
    await addTimelineEntry(tx, {
      entityType: 'enterprise',
      entityId: id,
      kind: 'merged_into',
      summary: `合并到「${target.name}」`,
      userId: ctx.principal.userId,
      data: { intoId, intoName: target.name, moved },
    });
    await addTimelineEntry(tx, {
      entityType: 'enterprise',
      entityId: intoId,
      kind: 'merged_from',
      summary: `并入重复记录「${source.name}」：联系人 ${moved.contacts} 个、线索 ${moved.leads} 条、项目 ${moved.projects} 个`,
      userId: ctx.principal.userId,
      data: { fromId: id, fromName: source.name, moved, filled },
    });
    await recomputeProjectFlagsForEnterprise(tx, intoId);
    await writeAudit(tx, ctx, {
      action: 'enterprise.merge',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: source.name,
      changes: {
        mergedIntoId: [null, intoId],
        ...Object.fromEntries(filled.map((f) => [`into.${f}`, [null, (fill as Record<string, unknown>)[f]]])),
      },
      detail: `merged into #${intoId} ${target.name}; moved contacts ${moved.contacts}, leads ${moved.leads}, projects ${moved.projects}`,
    });
    return moved;
  });
  return { ...(await getEnterprise(db, ctx, intoId)), moved: result };
}

// ---- contacts: changes to the enterprise, carrying its version ----

export async function addContact(db: Db, ctx: AuthedContext, id: number, version: number, input: repo.ContactValues) {
  const errors: FieldError[] = [];
  checkContact(input, '', errors);
  if (errors.length) throw validationError(errors);
  const scope = await resolveScope(db, ctx.principal);
  const c = cleanContact(input) as repo.ContactValues;
  await db.transaction(async (tx) => {
    const e = await lockLive(tx, scope, id);
    if (!(await repo.updateEnterpriseRow(tx, id, version, {}))) throw new AppError('VERSION_CONFLICT');
    const cid = await repo.insertContact(tx, id, c);
    await repo.refreshSearch(tx, id);
    await addTimelineEntry(tx, {
      entityType: 'enterprise',
      entityId: id,
      kind: 'contact_added',
      summary: `新增联系人 ${c.name}${c.title ? `（${c.title}）` : ''}`,
      data: { contactId: cid, name: c.name, title: c.title ?? null },
      userId: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'enterprise.contact_add',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: e.name,
      changes: diffFields(null, c as Record<string, unknown>, CONTACT_FIELDS),
      detail: `contact ${cid}`,
    });
  });
  return getEnterprise(db, ctx, id);
}

export async function updateContact(
  db: Db,
  ctx: AuthedContext,
  id: number,
  contactId: number,
  version: number,
  patch: Partial<repo.ContactValues>,
) {
  const errors: FieldError[] = [];
  checkContact(patch, '', errors);
  if (errors.length) throw validationError(errors);
  const scope = await resolveScope(db, ctx.principal);
  const c = cleanContact(patch);
  await db.transaction(async (tx) => {
    const e = await lockLive(tx, scope, id);
    const before = await repo.findContact(tx, id, contactId);
    if (!before) throw new AppError('NOT_FOUND');
    if (!(await repo.updateEnterpriseRow(tx, id, version, {}))) throw new AppError('VERSION_CONFLICT');
    await repo.updateContact(tx, id, contactId, c);
    const changes = diffFields(before, { ...before, ...c }, CONTACT_FIELDS);
    if (c.name !== undefined) await repo.refreshSearch(tx, id);
    if (Object.keys(changes).length) {
      await addTimelineEntry(tx, {
        entityType: 'enterprise',
        entityId: id,
        kind: 'contact_updated',
        summary: `修改联系人 ${c.name ?? before.name}`,
        data: { contactId, fields: Object.keys(changes) },
        userId: ctx.principal.userId,
      });
    }
    await writeAudit(tx, ctx, {
      action: 'enterprise.contact_update',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: e.name,
      changes,
      detail: `contact ${contactId}`,
    });
  });
  return getEnterprise(db, ctx, id);
}

export async function removeContact(db: Db, ctx: AuthedContext, id: number, contactId: number, version: number) {
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const e = await lockLive(tx, scope, id);
    const before = await repo.findContact(tx, id, contactId);
    if (!before) throw new AppError('NOT_FOUND');
    if (!(await repo.updateEnterpriseRow(tx, id, version, {}))) throw new AppError('VERSION_CONFLICT');
    await repo.deleteContact(tx, id, contactId);
    await repo.refreshSearch(tx, id);
    await addTimelineEntry(tx, {
      entityType: 'enterprise',
      entityId: id,
      kind: 'contact_removed',
      summary: `删除联系人 ${before.name}`,
      data: { contactId, name: before.name },
      userId: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'enterprise.contact_delete',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: e.name,
      changes: diffFields(before, null, CONTACT_FIELDS),
      detail: `contact ${contactId}`,
    });
  });
  return getEnterprise(db, ctx, id);
}

/** The full number of a contact, for a caller who sees it masked; every reveal is audited. */
export async function revealPhone(db: Db, ctx: AuthedContext, id: number, contactId: number) {
  const scope = await resolveScope(db, ctx.principal);
  return db.transaction(async (tx) => {
    const e = await repo.findEnterprise(tx, scope, id);
    if (!e) throw new AppError('NOT_FOUND');
    const c = await repo.findContact(tx, id, contactId);
    if (!c) throw new AppError('NOT_FOUND');
    await writeAudit(tx, ctx, {
      action: 'enterprise.phone_reveal',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: `${e.name} / ${c.name}`,
      detail: `contact ${contactId}`,
    });
    return { phone: c.phone };
  });
}

export async function addNote(db: Db, ctx: AuthedContext, id: number, text: string) {
  const t = text.trim();
  if (!t) throw validationError([{ field: 'text', code: 'required' }]);
  const scope = await resolveScope(db, ctx.principal);
  await db.transaction(async (tx) => {
    const e = await lockLive(tx, scope, id);
    await addTimelineEntry(tx, {
      entityType: 'enterprise',
      entityId: id,
      kind: 'note',
      summary: t,
      userId: ctx.principal.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'enterprise.note',
      targetType: 'enterprise',
      targetId: id,
      targetLabel: e.name,
    });
  });
  return getEnterprise(db, ctx, id);
}

// ---- spreadsheet imports (the lead and project profiles link a sheet's enterprise names to the library)

export type { InvestorFactsRow } from './repository.js';
/** Live enterprises with these exact names. */
export const enterprisesNamed = (tx: Tx, names: string[]) => repo.enterprisesByName(tx, names);
/** Enterprises by id, with the facts a project's flags read. */
export const enterprisesWithIds = (tx: Tx, ids: number[]) => repo.enterprisesById(tx, ids);
