// Events (招商活动) through the API: field errors, scope, locking, and signings that go through the projects' own
// stage move: a project counts once, at the event where it was first signed; the totals are recomputed from the
// signings and the projects independently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, startTestApp, type TestApp } from '../../../tests/support/app.js';
import { todayShanghai } from '../../core/dates.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, auditor: Agent;
const today = todayShanghai();
const pdf64 = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
).toString('base64');

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, auditor] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'auditadmin'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
});
afterAll(async () => {
  await t?.close();
});

const cityEvent = (name: string) => ({
  name,
  type: 'signing',
  isKey: true,
  level: 'city',
  startDate: today,
  endDate: today,
  place: '上海国际会议中心',
  divisionCode: '310115',
  regionGroup: 'yrd',
  organiser: '聊城市人民政府',
});

let seq = 0;
/** A project of 东昌府区 in negotiation (approved), with its agreement uploaded. */
async function negotiatingProject() {
  seq++;
  const p = (
    await dongchangfu.post('/api/projects', {
      name: `活动签约测试项目${seq}号`,
      investorName: `活动测试投资方${seq}有限公司`,
      totalInvestment: '30000',
      industryCode: 'C3451',
    })
  ).json;
  const mv = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
    toStage: 'negotiating',
    effectiveDate: today,
    fields: { intendedInvestment: '30000' },
    version: p.version,
  });
  expect(mv.status, mv.body).toBe(200);
  expect((await bureau.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {})).status).toBe(200);
  const file = await dongchangfu.post('/api/files', { projectId: p.id, name: '投资协议.pdf', contentBase64: pdf64 });
  expect(file.status, file.body).toBe(200);
  const cur = (await bureau.get(`/api/projects/${p.id}`)).json;
  return { id: cur.id as number, version: cur.version as number, fileId: file.json.id as number };
}

async function sign(eventId: number, p: { id: number; version: number; fileId: number }, amount: string) {
  const project = (await bureau.get(`/api/projects/${p.id}`)).json;
  return bureau.post(`/api/events/${eventId}/signings`, {
    projectId: p.id,
    projectVersion: project.version,
    signedAt: today,
    signedAmount: amount,
    agreementType: 'investment',
    evidenceFileIds: [p.fileId],
  });
}

describe('recording events', () => {
  it('refuses an event without a date, or ending before it starts, naming the fields', async () => {
    const before = (await bureau.get('/api/events?pageSize=200')).json.total;
    const r = await bureau.post('/api/events', {
      ...cityEvent('无日期的活动'),
      startDate: null,
      endDate: undefined,
      type: 'party',
      regionGroup: 'mars',
    });
    expect(r.status).toBe(400);
    expect(r.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'endDate',
      'regionGroup',
      'startDate',
      'type',
    ]);
    const backwards = await bureau.post('/api/events', {
      ...cityEvent('倒序日期'),
      startDate: '2026-05-02',
      endDate: '2026-05-01',
    });
    expect(backwards.json.fields).toEqual([expect.objectContaining({ field: 'endDate', code: 'event_dates' })]);
    expect((await bureau.get('/api/events?pageSize=200')).json.total).toBe(before);
  });

  it('keeps the user-chosen region group, scopes events to their unit, and refuses a stale version', async () => {
    const e = await bureau.post('/api/events', {
      ...cityEvent('长三角招商活动（厦门站）'),
      divisionCode: '350203',
      regionGroup: 'yrd',
    });
    expect(e.status, e.body).toBe(200);
    expect(e.json).toMatchObject({ regionGroup: 'yrd', version: 1, signedCount: 0, signedAmount: '0.00' });
    expect((await linqing.get(`/api/events/${e.json.id}`)).status).toBe(404);
    const ok = await bureau.patch(`/api/events/${e.json.id}`, { isKey: false, version: 1 });
    expect(ok.json).toMatchObject({ isKey: false, version: 2 });
    expect((await bureau.patch(`/api/events/${e.json.id}`, { isKey: true, version: 1 })).status).toBe(409);
    expect((await bureau.get(`/api/events/${e.json.id}`)).json.isKey).toBe(false);
  });
});

describe('signing projects at events', () => {
  it('counts a project once, at the event where it was first signed, through the projects stage move', async () => {
    const earlier = (
      await bureau.post('/api/events', {
        ...cityEvent('聊城市第一批重点项目签约仪式'),
        regionGroup: 'local',
        divisionCode: '371502',
      })
    ).json;
    const ceremony = (await bureau.post('/api/events', cityEvent('投资聊城·共赢未来 长三角专场签约仪式'))).json;
    const [p1, p2, p3] = [await negotiatingProject(), await negotiatingProject(), await negotiatingProject()];

    // p3 signed first at the earlier event.
    const first = await sign(earlier.id, p3, '8000');
    expect(first.status, first.body).toBe(200);
    const p3Move = (await bureau.get(`/api/projects/${p3.id}`)).json.pendingMove;
    expect(p3Move).toMatchObject({ toStage: 'signed', status: 'pending' });
    expect((await bureau.post(`/api/projects/stage-events/${p3Move.id}/approve`, {})).status).toBe(200);

    // The city ceremony signs three projects; p3 is shown again.
    for (const [p, amount] of [
      [p1, '52000'],
      [p2, '9000.5'],
      [p3, '8000'],
    ] as const) {
      const r = await sign(ceremony.id, p, amount);
      expect(r.status, r.body).toBe(200);
    }
    // The same project twice at one event is refused.
    const again = await sign(ceremony.id, p1, '52000');
    expect(again.status).toBe(400);
    expect(again.json.fields[0]).toMatchObject({ field: 'projectId', code: 'taken' });

    // One truth: the projects are at 签约 through the stage move, awaiting review, with the event named.
    for (const p of [p1, p2]) {
      const proj = (await bureau.get(`/api/projects/${p.id}`)).json;
      expect(proj).toMatchObject({ stage: 'signed', signedEvent: ceremony.name });
      expect(proj.pendingMove).toMatchObject({ toStage: 'signed', status: 'pending' });
    }
    const p3Now = (await bureau.get(`/api/projects/${p3.id}`)).json;
    expect(p3Now).toMatchObject({
      stage: 'signed',
      approvedStage: 'signed',
      signedEvent: earlier.name,
      pendingMove: null,
    });

    let detail = (await bureau.get(`/api/events/${ceremony.id}`)).json;
    expect(
      detail.signings.map((s: { projectId: number; countStatus: string }) => [s.projectId, s.countStatus]),
    ).toEqual([
      [p1.id, 'pending'],
      [p2.id, 'pending'],
      [p3.id, 'resigned'],
    ]);
    expect(detail.signings.find((s: { projectId: number }) => s.projectId === p3.id).firstEventId).toBe(earlier.id);
    expect(detail).toMatchObject({ signedCount: 0, pendingCount: 2 }); // nothing counts before the bureau approves

    for (const s of detail.signings.filter((x: { stageEventId: number | null }) => x.stageEventId != null)) {
      expect((await bureau.post(`/api/projects/stage-events/${s.stageEventId}/approve`, {})).status).toBe(200);
    }
    detail = (await bureau.get(`/api/events/${ceremony.id}`)).json;

    // The totals recomputed independently: the projects whose approved signing names this event, not signed elsewhere first.
    let count = 0,
      amount = 0,
      major = 0;
    for (const p of [p1, p2, p3]) {
      const proj = (await bureau.get(`/api/projects/${p.id}`)).json;
      if (proj.approvedStage === 'signed' && proj.signedEvent === ceremony.name) {
        count++;
        amount += Number(proj.signedAmount);
        if (Number(proj.signedAmount) >= 10000) major++;
      }
    }
    expect([count, major]).toEqual([2, 1]);
    expect(detail).toMatchObject({
      signedCount: count,
      majorCount: major,
      pendingCount: 0,
      signedAmount: amount.toFixed(2),
    });
    expect(detail.signedAmount).toBe('61000.50');
    const earlierNow = (await bureau.get(`/api/events/${earlier.id}`)).json;
    expect(earlierNow).toMatchObject({ signedCount: 1, signedAmount: '8000.00', majorCount: 0 });
    // The list carries the same figures.
    const listed = (await bureau.get('/api/events?pageSize=200')).json.items.find(
      (e: { id: number }) => e.id === ceremony.id,
    );
    expect(listed).toMatchObject({ signedCount: 2, signedAmount: '61000.50', majorCount: 1 });

    const audit = (await auditor.get(`/api/audit?targetType=event&targetId=${ceremony.id}&pageSize=50`)).json.items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual([
      'event.create',
      'event.resign',
      'event.sign',
      'event.sign',
    ]);
  });

  it('writes nothing when the stage move is refused', async () => {
    const ev = (await bureau.post('/api/events', cityEvent('无附件签约测试'))).json;
    const p = await negotiatingProject();
    const project = (await bureau.get(`/api/projects/${p.id}`)).json;
    const r = await bureau.post(`/api/events/${ev.id}/signings`, {
      projectId: p.id,
      projectVersion: project.version,
      signedAt: today,
      signedAmount: '20000',
      agreementType: 'investment',
    });
    expect(r.status).toBe(400);
    expect(r.json.fields.map((f: { field: string }) => f.field)).toEqual(['evidenceFileIds']);
    expect((await bureau.get(`/api/events/${ev.id}`)).json.signings).toEqual([]);
    expect((await bureau.get(`/api/projects/${p.id}`)).json).toMatchObject({
      stage: 'negotiating',
      version: project.version,
    });
    const stale = await bureau.post(`/api/events/${ev.id}/signings`, {
      projectId: p.id,
      projectVersion: project.version - 1,
      signedAt: today,
      signedAmount: '20000',
      agreementType: 'investment',
      evidenceFileIds: [p.fileId],
    });
    expect(stale.status).toBe(409);
    expect((await bureau.get(`/api/events/${ev.id}`)).json.signings).toEqual([]);
  });
});

describe('yearly event targets', () => {
  it('counts the key events by level and the city campaigns by region, as the event list does', async () => {
    const year = Number(today.slice(0, 4));
    const before = (await bureau.get(`/api/events/targets?year=${year}`)).json;
    await bureau.post('/api/events', {
      ...cityEvent('京津冀集中招商活动'),
      divisionCode: '110105',
      regionGroup: 'jjj',
    });
    await bureau.post('/api/events', { ...cityEvent('非重点的京津冀座谈'), isKey: false, regionGroup: 'jjj' });
    await dongchangfu.post('/api/events', {
      ...cityEvent('东昌府区重点推介会'),
      level: 'county',
      regionGroup: 'local',
    });
    const r = (await bureau.get(`/api/events/targets?year=${year}`)).json;
    expect(r.cityKey.done).toBe(before.cityKey.done + 1);
    expect(r.countyKey.done).toBe(before.countyKey.done + 1);
    // Recomputed from the list of events.
    const all = (await bureau.get(`/api/events?year=${year}&isKey=true&pageSize=200`)).json.items as {
      level: string;
      regionGroup: string;
    }[];
    expect(r.cityKey).toMatchObject({ target: 20, done: all.filter((e) => e.level === 'city').length });
    expect(r.countyKey).toMatchObject({ target: 100, done: all.filter((e) => e.level === 'county').length });
    for (const g of r.regions) {
      const done = all.filter((e) => e.level === 'city' && e.regionGroup === g.regionGroup).length;
      expect(g).toEqual({ regionGroup: g.regionGroup, target: 1, done, met: done >= 1 });
    }
    expect(r.regions.find((g: { regionGroup: string }) => g.regionGroup === 'jjj').met).toBe(true);
    // A county sees its own events' figures only.
    const county = (await dongchangfu.get(`/api/events/targets?year=${year}`)).json;
    expect(county.cityKey.done).toBe(0);
    expect(county.countyKey.done).toBeGreaterThanOrEqual(1);
  });
});
