// Visits (走访) through the API: field errors with nothing written, leads made in the visit's transaction, the phone's
// idempotency key, data scope, optimistic locking, audit, and the 千企大走访 quotas recomputed from the records.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, startTestApp, type TestApp } from '../../../tests/support/app.js';
import { todayShanghai, addDays } from '../../core/dates.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { leads, visitLeads, visits } from '../../db/schema.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, auditor: Agent;
let dcfUnitId: number, lqUnitId: number;
const year = Number(todayShanghai().slice(0, 4));
const today = todayShanghai();

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, auditor] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'auditadmin'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
  const units = (await bureau.get('/api/units')).json.items as { id: number; code: string }[];
  dcfUnitId = units.find((u) => u.code === 'LC-DCF')!.id;
  lqUnitId = units.find((u) => u.code === 'LC-LQ')!.id;
});
afterAll(async () => {
  await t?.close();
});

let seq = 0;
async function enterprise(a: Agent, hqDivision: string, tiers: string[] = []) {
  const r = await a.post('/api/enterprises', { name: `走访测试目标企业${++seq}号有限公司`, hqDivision, tiers });
  expect(r.status, r.body).toBe(200);
  return r.json.id as number;
}
const visitRows = async () => (await t.database.db.select({ id: visits.id }).from(visits)).length;
const leadRows = async () => (await t.database.db.select({ id: leads.id }).from(leads)).length;
const base = { kind: 'outbound', status: 'completed', visitDate: today, divisionCode: '310115' };

describe('recording a visit', () => {
  it('names every bad field, refuses a completed visit dated in the future, and writes nothing', async () => {
    const [v0, l0] = [await visitRows(), await leadRows()];
    const r = await dongchangfu.post('/api/visits', {
      kind: 'tea',
      status: 'completed',
      visitDate: addDays(today, 1),
      divisionCode: '999999',
      participantUserIds: [999999],
    });
    expect(r.status).toBe(400);
    expect(r.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'divisionCode',
      'enterpriseIds',
      'kind',
      'participantUserIds',
      'visitDate',
    ]);
    expect(r.json.fields.find((f: { field: string }) => f.field === 'visitDate').code).toBe('visit_in_future');
    // Planned for tomorrow is fine as a plan; a bad lead refuses the whole visit.
    const ent = await enterprise(dongchangfu, '320505');
    const badLead = await dongchangfu.post('/api/visits', {
      ...base,
      enterpriseIds: [ent],
      leads: [
        { title: '好线索', enterpriseId: ent },
        { title: ' ', intendedAmount: '-1' },
      ],
    });
    expect(badLead.status).toBe(400);
    expect(badLead.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'leads.1.intendedAmount',
      'leads.1.title',
    ]);
    expect([await visitRows(), await leadRows()]).toEqual([v0, l0]);
    const planned = await dongchangfu.post('/api/visits', {
      ...base,
      status: 'planned',
      visitDate: addDays(today, 7),
      enterpriseIds: [ent],
    });
    expect(planned.status, planned.body).toBe(200);
  });

  it('makes the leads with the visit, each keeping the visit as its source, and audits both', async () => {
    const ent = await enterprise(dongchangfu, '320505', ['listed']);
    const r = await dongchangfu.post('/api/visits', {
      ...base,
      enterpriseIds: [ent],
      newOrganisations: [{ name: '苏州聊城商会', kind: 'chamber' }],
      outcome: '对方有意在东昌府区设立华北生产基地',
      unitIds: [lqUnitId],
      leads: [
        { title: '华北生产基地', intendedAmount: '30000' },
        { title: '配套包装项目', enterpriseName: '某包装材料有限公司' },
      ],
    });
    expect(r.status, r.body).toBe(200);
    const v = r.json;
    expect(v).toMatchObject({ regionGroup: 'yrd', ownerUnitId: dcfUnitId, version: 1, replayed: false });
    expect(v.units.map((u: { id: number }) => u.id).sort()).toEqual([dcfUnitId, lqUnitId].sort());
    expect(v.counterparts.map((c: { kind: string }) => c.kind).sort()).toEqual(['chamber', 'enterprise']);
    expect(v.leads.map((l: { title: string }) => l.title)).toEqual(['华北生产基地', '配套包装项目']);
    for (const l of v.leads) {
      const lead = (await dongchangfu.get(`/api/leads/${l.id}`)).json;
      expect(lead).toMatchObject({ sourceChannel: 'visit', status: 'following', ownerUnitId: dcfUnitId });
      // Named without an enterprise, the lead is about the enterprise the visit met.
      expect(lead.enterpriseId).toBe(l.title === '华北生产基地' ? ent : null);
      const [link] = await t.database.db.select().from(visitLeads).where(eq(visitLeads.leadId, l.id));
      expect(link.visitId).toBe(v.id);
    }
    const audit = (await auditor.get(`/api/audit?targetType=visit&targetId=${v.id}`)).json.items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['visit.create']);
    const leadAudit = (await auditor.get(`/api/audit?targetType=lead&targetId=${v.leads[0].id}`)).json.items;
    expect(leadAudit.map((a: { action: string }) => a.action)).toEqual(['lead.create']);
    // 临清市 went along: it sees the visit; 东阿县 did not.
    expect((await linqing.get(`/api/visits/${v.id}`)).status).toBe(200);
    const donge = await login(t.app, 'donge', DEMO_PASSWORD);
    expect((await donge.get(`/api/visits/${v.id}`)).status).toBe(404);
    expect((await donge.get('/api/visits?pageSize=200')).json.items.map((x: { id: number }) => x.id)).not.toContain(
      v.id,
    );
    // … and only the owner side changes it.
    expect((await linqing.patch(`/api/visits/${v.id}`, { outcome: 'x', version: 1 })).status).toBe(404);
  });

  it('records a draft sent twice once', async () => {
    const ent = await enterprise(dongchangfu, '440305');
    const body = {
      ...base,
      enterpriseIds: [ent],
      idempotencyKey: `draft-${Date.now()}`,
      leads: [{ title: '草稿线索', enterpriseId: ent }],
    };
    const [v0, l0] = [await visitRows(), await leadRows()];
    const [a, b] = await Promise.all([dongchangfu.post('/api/visits', body), dongchangfu.post('/api/visits', body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.id).toBe(b.json.id);
    expect([a.json.replayed, b.json.replayed].sort()).toEqual([false, true]);
    expect([await visitRows(), await leadRows()]).toEqual([v0 + 1, l0 + 1]);
    // Another person's key is not theirs to replay.
    const other = await linqing.post('/api/visits', body);
    expect(other.status).toBe(400);
    expect(other.json.fields[0]).toMatchObject({ field: 'idempotencyKey', code: 'taken' });
  });

  it('refuses a stale version and writes nothing', async () => {
    const ent = await enterprise(dongchangfu, '110105');
    const v = (await dongchangfu.post('/api/visits', { ...base, enterpriseIds: [ent] })).json;
    const ok = await dongchangfu.patch(`/api/visits/${v.id}`, { outcome: '第一次修改', version: 1 });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toMatchObject({ outcome: '第一次修改', version: 2 });
    const stale = await dongchangfu.patch(`/api/visits/${v.id}`, { outcome: '过期修改', version: 1 });
    expect(stale.status).toBe(409);
    expect((await dongchangfu.get(`/api/visits/${v.id}`)).json).toMatchObject({ outcome: '第一次修改', version: 2 });
    const future = await dongchangfu.patch(`/api/visits/${v.id}`, { visitDate: addDays(today, 3), version: 2 });
    expect(future.status).toBe(400);
    expect(future.json.fields[0]).toMatchObject({ field: 'visitDate', code: 'visit_in_future' });
  });

  it('lists with filters', async () => {
    const r = await bureau.get(`/api/visits?unitId=${lqUnitId}&regionGroup=yrd&pageSize=200`);
    expect(r.status).toBe(200);
    expect(r.json.items.length).toBeGreaterThan(0);
    for (const v of r.json.items) expect(v.regionGroup).toBe('yrd');
    const planned = await dongchangfu.get('/api/visits?status=planned');
    expect(planned.json.items.every((v: { status: string }) => v.status === 'planned')).toBe(true);
  });
});

describe('quotas', () => {
  type Row = {
    subject: string;
    id: number;
    total: number;
    byMonth: number[];
    target: number;
    expected: number;
    behind: boolean;
  };
  const countyRow = async (a: Agent, unitId: number) =>
    ((await a.get(`/api/visit-quotas/progress?year=${year}&subject=county`)).json.items as Row[]).find(
      (r) => r.id === unitId,
    )!;

  /** The county figure recomputed from the visit records alone: distinct non-local enterprises met in completed visits. */
  async function recompute(a: Agent, unitId: number) {
    const list = (
      await a.get(`/api/visits?unitId=${unitId}&status=completed&from=${year}-01-01&to=${year}-12-31&pageSize=200`)
    ).json;
    expect(list.total).toBeLessThanOrEqual(200);
    const firstSeen = new Map<number, string>();
    for (const item of list.items) {
      const v = (await a.get(`/api/visits/${item.id}`)).json;
      for (const c of v.counterparts) {
        if (c.enterpriseId == null) continue;
        const prev = firstSeen.get(c.enterpriseId);
        if (!prev || v.visitDate < prev) firstSeen.set(c.enterpriseId, v.visitDate);
      }
    }
    const counted = new Map<number, string>();
    for (const [id, date] of firstSeen) {
      const e = (await bureau.get(`/api/enterprises/${id}`)).json; // the facts, whoever owns the record
      if (e.hqRegion !== 'local') counted.set(id, date);
    }
    return counted;
  }

  it('counts distinct organisations, not visits, by their own facts, and reconciles with the records', async () => {
    const before = await countyRow(dongchangfu, dcfUnitId);
    const a = await enterprise(dongchangfu, '330106');
    const b = await enterprise(dongchangfu, '440106');
    const local = await enterprise(dongchangfu, '371502'); // in the city: not a target firm
    await dongchangfu.post('/api/visits', { ...base, enterpriseIds: [a, b, local] });
    await dongchangfu.post('/api/visits', { ...base, kind: 'video', divisionCode: null, enterpriseIds: [a] }); // a again
    const after = await countyRow(dongchangfu, dcfUnitId);
    expect(after.total).toBe(before.total + 2);
    expect(after.byMonth.reduce((s, n) => s + n, 0)).toBe(after.total);
    expect(after.target).toBe(100);

    const independent = await recompute(dongchangfu, dcfUnitId);
    expect(after.total).toBe(independent.size);
    const month = Number(today.slice(5, 7));
    expect(after.byMonth[month - 1]).toBe(
      [...independent.values()].filter((d) => Number(d.slice(5, 7)) === month).length,
    );
    // The figure drills down to the organisations and the first visit that counted each.
    const drill = (await dongchangfu.get(`/api/visit-quotas/progress/county/${dcfUnitId}?year=${year}`)).json;
    expect(drill.organisations.map((o: { enterpriseId: number }) => o.enterpriseId).sort()).toEqual(
      [...independent.keys()].sort(),
    );
    for (const o of drill.organisations) {
      const v = (await dongchangfu.get(`/api/visits/${o.firstVisitId}`)).json;
      expect(v.counterparts.some((c: { enterpriseId: number }) => c.enterpriseId === o.enterpriseId)).toBe(true);
    }
    // 临清市 went along to one visit above: its own figure counts that visit's enterprise (non-local) too.
    const lq = await countyRow(bureau, lqUnitId);
    expect(lq.total).toBe((await recompute(bureau, lqUnitId)).size);
  });

  it('is behind when short of the share due by now, and follows a changed rule', async () => {
    const row = await countyRow(bureau, dcfUnitId);
    expect(row.behind).toBe(row.total < row.expected);
    expect(
      (
        await dongchangfu.put(`/api/visit-quotas/${year}/county`, {
          target: 1,
          tiers: [],
          anyEnterprise: true,
          excludeLocal: true,
          relatedIndustry: false,
          organisationKinds: [],
          version: 0,
        })
      ).status,
    ).toBe(403);
    const rules = (await bureau.get(`/api/visit-quotas?year=${year}`)).json.rules;
    expect(rules.find((r: { subject: string }) => r.subject === 'county')).toMatchObject({
      target: 100,
      version: 0,
      isDefault: true,
    });
    // Counting chambers too: the chambers 东昌府区 met this year (苏州聊城商会 above among them) now count.
    const chambers = new Set<number>();
    const list = (await bureau.get(`/api/visits?unitId=${dcfUnitId}&status=completed&from=${year}-01-01&pageSize=200`))
      .json;
    for (const item of list.items) {
      for (const c of (await bureau.get(`/api/visits/${item.id}`)).json.counterparts) {
        if (c.kind === 'chamber') chambers.add(c.organisationId);
      }
    }
    expect(chambers.size).toBeGreaterThanOrEqual(1);
    const set = await bureau.put(`/api/visit-quotas/${year}/county`, {
      target: 2,
      tiers: [],
      anyEnterprise: true,
      excludeLocal: true,
      relatedIndustry: false,
      organisationKinds: ['chamber'],
      version: 0,
    });
    expect(set.status, set.body).toBe(200);
    const changed = await countyRow(bureau, dcfUnitId);
    expect(changed.target).toBe(2);
    expect(changed.total).toBe(row.total + chambers.size);
    expect(changed.behind).toBe(false);
    const stale = await bureau.put(`/api/visit-quotas/${year}/county`, {
      target: 3,
      tiers: [],
      anyEnterprise: true,
      excludeLocal: true,
      relatedIndustry: false,
      organisationKinds: [],
      version: 0,
    });
    expect(stale.status).toBe(409);
    // A county sees its own figure, not another county's.
    expect((await dongchangfu.get(`/api/visit-quotas/progress/county/${lqUnitId}?year=${year}`)).status).toBe(404);
  });
});
