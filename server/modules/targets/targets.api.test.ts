// Targets and progress through the API: field-level errors, locking and audit on targets; the counting rules
// applied to projects signed through the real pipeline (approval dates, local capital, real estate, expansions);
// the foreign-capital conversion; multi-year goals; and the data scope of every figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, auditor: Agent;
const units = new Map<string, number>();
const now = new Date(Date.now() + 8 * 3600_000);
const YEAR = now.getUTCFullYear();
const MONTH = now.getUTCMonth() + 1;
const today = now.toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1').toString(
  'base64',
);
const fieldsOf = (r: { json: { fields?: { field: string; code: string }[] } }) =>
  (r.json.fields ?? []).map((f) => `${f.field}:${f.code}`).sort();

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, auditor] = await Promise.all(
    ['bureau', 'dongchangfu', 'auditadmin'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
  for (const u of (await bureau.get('/api/units')).json.items as { id: number; code: string }[])
    units.set(u.code, u.id);
});
afterAll(async () => {
  await t?.close();
});

const twelve = (x: string) => Array.from({ length: 12 }, () => x);

describe('targets', () => {
  it('are set by the bureau with their splits, and refused field by field when wrong', async () => {
    const unitId = units.get('LC-GXJ')!;
    expect(
      (await dongchangfu.post('/api/targets', { startYear: YEAR, indicator: 'signed_amount', unitId, annual: '1200' }))
        .status,
    ).toBe(403);
    const bad = await bureau.post('/api/targets', {
      startYear: YEAR,
      indicator: 'signed_100m_count',
      unitId,
      annual: '2.5',
      quarters: ['1', '1', '1', '1'],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['annual:not_integer']);
    const mismatch = await bureau.post('/api/targets', {
      startYear: YEAR,
      indicator: 'signed_amount',
      unitId,
      annual: '1200',
      months: twelve('99'),
    });
    expect(fieldsOf(mismatch)).toEqual(['months:split_mismatch']);
    const multi = await bureau.post('/api/targets', {
      startYear: YEAR,
      endYear: YEAR + 2,
      indicator: 'signed_amount',
      unitId,
      annual: '1200',
      quarters: ['300', '300', '300', '300'],
    });
    expect(fieldsOf(multi)).toEqual(['quarters:not_allowed']);
    const park = await bureau.post('/api/targets', {
      startYear: YEAR,
      indicator: 'signed_amount',
      unitId: units.get('LC-DE-BIO'),
      annual: '1200',
    });
    expect(fieldsOf(park)).toEqual(['unitId:not_allowed']);

    const ok = await bureau.post('/api/targets', {
      startYear: YEAR,
      indicator: 'signed_amount',
      unitId,
      annual: '1200',
      months: twelve('100'),
    });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json.quarters).toEqual(['300.00', '300.00', '300.00', '300.00']);
    expect(ok.json.months[0]).toBe('100.00');
    const dup = await bureau.post('/api/targets', { startYear: YEAR, indicator: 'signed_amount', unitId, annual: '5' });
    expect(fieldsOf(dup)).toEqual(['indicator:taken']);

    const changed = await bureau.patch(`/api/targets/${ok.json.id}`, {
      annual: '2400',
      months: twelve('200'),
      quarters: null,
      version: ok.json.version,
    });
    expect(changed.status, changed.body).toBe(200);
    const stale = await bureau.patch(`/api/targets/${ok.json.id}`, {
      annual: '1',
      months: null,
      quarters: null,
      version: ok.json.version,
    });
    expect(stale.status).toBe(409);
    expect(
      (await bureau.get(`/api/targets?year=${YEAR}&ownerUnitId=${unitId}&indicator=signed_amount`)).json.items[0]
        .annual,
    ).toBe('2400.00');
    const audit = await auditor.get(`/api/audit?targetType=target&targetId=${ok.json.id}`);
    expect(audit.json.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'target.create',
      'target.update',
    ]);
    const upd = audit.json.items.find((e: { action: string }) => e.action === 'target.update');
    expect(upd.changes.annual).toEqual(['1200.00', '2400.00']);
  });

  it('are seen within the data scope only', async () => {
    const mine = await dongchangfu.get(`/api/targets?year=${YEAR}`);
    expect(mine.json.items.length).toBeGreaterThan(0);
    expect(new Set(mine.json.items.map((x: { ownerUnitId: number }) => x.ownerUnitId))).toEqual(
      new Set([units.get('LC-DCF')]),
    );
    const other = (await bureau.get(`/api/targets?year=${YEAR}&ownerUnitId=${units.get('LC-LQ')}`)).json.items[0];
    expect((await bureau.patch(`/api/targets/${other.id}`, { note: 'x', version: other.version })).status).toBe(200);
    expect((await dongchangfu.delete(`/api/targets/${other.id}?version=${other.version + 1}`)).status).toBe(403);
  });
});

let seq = 0;
/** A project in 东昌府区 taken through 在谈 and 签约 with the bureau's approvals; returns its id. */
async function signedProject(extra: Record<string, unknown>, signedAmount = '25000') {
  seq++;
  const p = (
    await dongchangfu.post('/api/projects', {
      name: `计数规则测试项目${seq}号`,
      investorName: `计数测试投资方${seq}有限公司`,
      totalInvestment: '25000',
      industryCode: 'C3451',
      confirmDuplicates: true,
      ...extra,
    })
  ).json;
  expect(p.id).toBeGreaterThan(0);
  const mv = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
    toStage: 'negotiating',
    effectiveDate: today,
    fields: { intendedInvestment: '25000' },
    version: p.version,
  });
  expect(mv.status, mv.body).toBe(200);
  expect((await bureau.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {})).status).toBe(200);
  const cur = (await dongchangfu.get(`/api/projects/${p.id}`)).json;
  const f = await dongchangfu.post('/api/files', { projectId: p.id, name: '投资协议.pdf', contentBase64: PDF });
  const sg = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
    toStage: 'signed',
    effectiveDate: today,
    evidenceFileIds: [f.json.id],
    version: cur.version,
    fields: { agreementType: 'investment', signedAt: today, signedAmount, signedEvent: '聊城市重点项目集中签约仪式' },
  });
  expect(sg.status, sg.body).toBe(200);
  return { id: p.id as number, eventId: sg.json.pendingMove.id as number };
}

const progressOf = async (a: Agent, unit = 'LC-DCF') => {
  const r = await a.get(`/api/targets/progress?year=${YEAR}&month=${MONTH}&group=counties`);
  expect(r.status).toBe(200);
  const row = r.json.rows.find((x: { subjectId: number }) => x.subjectId === units.get(unit));
  return Object.fromEntries(
    row.figures.map((f: { indicator: string; value: string }) => [f.indicator, f.value]),
  ) as Record<string, string>;
};
const recordsOf = async (indicator: string) =>
  (
    await bureau.get(
      `/api/targets/progress/records?year=${YEAR}&month=${MONTH}&group=counties&subjectId=${units.get('LC-DCF')}&indicator=${indicator}`,
    )
  ).json.items.map((x: { id: number }) => x.id) as number[];

describe('progress under the counting rules', () => {
  it("counts a signing only from the bureau's approval, and never local capital, real estate or excluded projects", async () => {
    const before = await progressOf(bureau);
    const counted = await signedProject({ capitalOrigin: 'out_province' });
    const local = await signedProject({ capitalOrigin: 'local_city' });
    const estate = await signedProject({ capitalOrigin: 'out_province', industryCode: 'K7010' });
    const excluded = await signedProject({ capitalOrigin: 'out_province', excludedFromCount: '政府投资基础设施' });
    // Submitted, not approved: nothing counts yet.
    expect(await progressOf(bureau)).toEqual(before);
    for (const p of [counted, local, estate, excluded])
      expect((await bureau.post(`/api/projects/stage-events/${p.eventId}/approve`, {})).status).toBe(200);
    const after = await progressOf(bureau);
    expect(Number(after.signed_100m_count)).toBe(Number(before.signed_100m_count) + 1);
    expect(after.signed_amount).toBe((Number(before.signed_amount) + 25000).toFixed(2));
    const ids = await recordsOf('signed_amount');
    expect(ids).toContain(counted.id);
    for (const p of [local, estate, excluded]) expect(ids).not.toContain(p.id);
  });

  it('counts only the increment of an expansion', async () => {
    const before = await progressOf(bureau);
    const exp = await signedProject({ capitalOrigin: 'out_province', isNew: false, totalInvestment: '80000' }, '6000');
    expect((await bureau.post(`/api/projects/stage-events/${exp.eventId}/approve`, {})).status).toBe(200);
    const after = await progressOf(bureau);
    expect(after.signed_amount).toBe((Number(before.signed_amount) + 6000).toFixed(2));
    expect(after.signed_100m_count).toBe(before.signed_100m_count); // an increment of 6000万元 is not 亿元以上
  });

  it("converts contracted foreign capital at the rate in force on the signing's approval date", async () => {
    const rules = await bureau.get('/api/targets/fx-rules');
    const bad = await bureau.put('/api/targets/fx-rules', {
      rules: [{ from: '2026-13-01', rate: '-1' }],
      version: rules.json.version,
    });
    expect(fieldsOf(bad)).toEqual(['rules.0.from:invalid', 'rules.0.rate:invalid']);
    const set = await bureau.put('/api/targets/fx-rules', {
      rules: [
        { from: '2000-01-01', rate: '7.1' },
        { from: `${YEAR}-01-01`, rate: '7.2' },
      ],
      version: rules.json.version,
    });
    expect(set.status, set.body).toBe(200);
    const before = await progressOf(bureau);
    const fdi = await signedProject({ capitalOrigin: 'abroad', foreignCapital: '1000' });
    expect((await bureau.post(`/api/projects/stage-events/${fdi.eventId}/approve`, {})).status).toBe(200);
    const after = await progressOf(bureau);
    expect(after.contracted_fdi).toBe((Number(before.contracted_fdi) + 1000).toFixed(2));
    expect(after.contracted_fdi_cny).toBe((Number(before.contracted_fdi_cny) + 7200).toFixed(2));
    expect((await auditor.get('/api/audit?action=fx_conversion.update')).json.items.length).toBe(1);
  });

  it('tracks a multi-year goal from its first year', async () => {
    const r = await bureau.get(`/api/targets/cumulative?year=${YEAR}&month=${MONTH}`);
    const goal = r.json.items.find((g: { indicator: string }) => g.indicator === 'top500_count');
    expect(goal.endYear - goal.startYear).toBe(2);
    expect(Number(goal.actual)).toBe(goal.recordIds.length);
  });

  it('shows a county only its own figures and records', async () => {
    const mine = await dongchangfu.get(`/api/targets/progress?year=${YEAR}&month=${MONTH}&group=counties`);
    expect(mine.json.rows.map((x: { subjectId: number }) => x.subjectId)).toEqual([units.get('LC-DCF')]);
    expect(await progressOf(dongchangfu)).toEqual(await progressOf(bureau));
    const r = await dongchangfu.get(
      `/api/targets/progress/records?year=${YEAR}&month=${MONTH}&group=counties&subjectId=${units.get('LC-LQ')}&indicator=signed_amount`,
    );
    expect(r.status).toBe(404);
  });
});
