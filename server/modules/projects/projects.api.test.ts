// The project pipeline through the API: stage moves with evidence, the bureau's review, counting by approved stage,
// field errors, data scope on every endpoint (projects, files, problems), duplicates, warnings, locking and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, leader: Agent, team: Agent, gongxin: Agent, auditor: Agent;
const units = new Map<string, number>();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const pdf64 = PDF.toString('base64');
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
const fieldsOf = (r: { json: { fields?: { field: string; code: string }[] } }) =>
  (r.json.fields ?? []).map((f) => `${f.field}:${f.code}`).sort();

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, leader, team, gongxin, auditor] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'leader', 'team_nm', 'gongxin', 'auditadmin'].map((u) =>
      login(t.app, u, DEMO_PASSWORD),
    ),
  );
  for (const u of (await bureau.get('/api/units')).json.items as { id: number; code: string }[])
    units.set(u.code, u.id);
});
afterAll(async () => {
  await t?.close();
});

let seq = 0;
/** A fresh project in 东昌府区, created by the county user. */
async function newProject(extra: Record<string, unknown> = {}) {
  seq++;
  const r = await dongchangfu.post('/api/projects', {
    name: `测试项目${seq}号精密部件`,
    investorName: `测试投资方${seq}有限公司`,
    totalInvestment: '25000',
    industryCode: 'C3451',
    ...extra,
  });
  expect(r.status, r.body).toBe(200);
  return r.json;
}

async function upload(a: Agent, projectId: number, name = '投资协议.pdf', content = pdf64) {
  return a.post('/api/files', { projectId, name, contentBase64: content });
}

/** Moves a project planning → negotiating and has the bureau approve it. */
async function toNegotiating(p: { id: number; version: number }) {
  const mv = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
    toStage: 'negotiating',
    effectiveDate: today(),
    fields: { intendedInvestment: '25000' },
    version: p.version,
  });
  expect(mv.status, mv.body).toBe(200);
  const ok = await bureau.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {});
  expect(ok.status, ok.body).toBe(200);
  return (await dongchangfu.get(`/api/projects/${p.id}`)).json;
}

const signedFields = {
  agreementType: 'investment',
  signedAt: today(),
  signedAmount: '25000.5',
  signedEvent: '聊城市重点项目集中签约仪式',
};

async function toSignedApproved() {
  const p = await toNegotiating(await newProject());
  const f = await upload(dongchangfu, p.id);
  const mv = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
    toStage: 'signed',
    effectiveDate: today(),
    fields: signedFields,
    evidenceFileIds: [f.json.id],
    version: p.version,
  });
  expect(mv.status, mv.body).toBe(200);
  expect((await bureau.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {})).status).toBe(200);
  return (await dongchangfu.get(`/api/projects/${p.id}`)).json;
}

async function auditActions(projectId: number): Promise<string[]> {
  const r = await auditor.get(`/api/audit?targetType=project&targetId=${projectId}&pageSize=100`);
  expect(r.status).toBe(200);
  return r.json.items.map((e: { action: string }) => e.action);
}

describe('stage moves and review', () => {
  it('moves 在谈 → 签约 with evidence and the signing fields; the bureau approves; only then does it count', async () => {
    const p = await toNegotiating(await newProject());
    expect(p.approvedStage).toBe('negotiating');
    expect(p.totalInvestment).toBe('25000.00');

    const file = await upload(dongchangfu, p.id);
    expect(file.status, file.body).toBe(200);
    expect(file.json).toMatchObject({
      name: '投资协议.pdf',
      mime: 'application/pdf',
      size: PDF.length,
      stageEventId: null,
    });

    const kanbanBefore = (await bureau.get('/api/projects/kanban')).json.columns.find(
      (c: { stage: string }) => c.stage === 'signed',
    );
    const mv = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'signed',
      effectiveDate: today(),
      fields: signedFields,
      evidenceFileIds: [file.json.id],
      version: p.version,
    });
    expect(mv.status, mv.body).toBe(200);
    expect(mv.json.stage).toBe('signed');
    expect(mv.json.approvedStage).toBe('negotiating');
    expect(mv.json.signedAmount).toBe('25000.50');
    expect(mv.json.signedAt).toBe(today());
    expect(mv.json.agreementType).toBe('investment');
    expect(mv.json.pendingMove).toMatchObject({
      fromStage: 'negotiating',
      toStage: 'signed',
      kind: 'forward',
      status: 'pending',
    });
    expect(mv.json.pendingMove.files.map((f: { id: number }) => f.id)).toEqual([file.json.id]);
    expect(mv.json.pendingMove.fields).toMatchObject({
      signedAmount: '25000.50',
      signedEvent: '聊城市重点项目集中签约仪式',
    });

    // Submitted is not counted: the board and the stage filter read the approved stage.
    const kanbanPending = (await bureau.get('/api/projects/kanban')).json.columns.find(
      (c: { stage: string }) => c.stage === 'signed',
    );
    expect(kanbanPending.count).toBe(kanbanBefore.count);
    const signedList = async () =>
      (await bureau.get('/api/projects?stage=signed&pageSize=200')).json.items.map((i: { id: number }) => i.id);
    expect(await signedList()).not.toContain(p.id);
    const queue = await bureau.get('/api/projects/stage-events?status=pending&pageSize=200');
    expect(queue.json.items.map((e: { id: number }) => e.id)).toContain(mv.json.pendingMove.id);

    // A second move while one is pending is refused.
    const again = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'registered',
      effectiveDate: today(),
      fields: {},
      version: mv.json.version,
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('STAGE_PENDING');

    // The county cannot approve its own move; the bureau can.
    expect((await dongchangfu.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {})).status).toBe(
      403,
    );
    expect((await leader.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {})).status).toBe(403);
    const ok = await bureau.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, { note: '协议已核' });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toMatchObject({ status: 'approved', reviewNote: '协议已核', reviewedByName: '周晓岚' });
    expect((await bureau.post(`/api/projects/stage-events/${mv.json.pendingMove.id}/approve`, {})).json.code).toBe(
      'NOT_PENDING',
    );

    const after = (await dongchangfu.get(`/api/projects/${p.id}`)).json;
    expect(after).toMatchObject({
      stage: 'signed',
      approvedStage: 'signed',
      pendingMove: null,
      pendingStageEventId: null,
    });
    expect(after.approvedStageAt).toBeTruthy();
    const kanbanAfter = (await bureau.get('/api/projects/kanban')).json.columns.find(
      (c: { stage: string }) => c.stage === 'signed',
    );
    expect(kanbanAfter.count).toBe(kanbanBefore.count + 1);
    expect(
      BigInt(kanbanAfter.totalInvestment.replace('.', '')) - BigInt(kanbanBefore.totalInvestment.replace('.', '')),
    ).toBe(2500000n);
    expect(await signedList()).toContain(p.id);
    expect(await auditActions(p.id)).toEqual(
      expect.arrayContaining(['project.create', 'project.stage_forward', 'project.stage_approve', 'file.upload']),
    );
  });

  it("returns a move with a note: the project goes back to its approved stage and the move's values are undone", async () => {
    const p = await toSignedApproved();
    const f = await upload(dongchangfu, p.id, '营业执照.pdf');
    const mv = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'registered',
      effectiveDate: today(),
      version: p.version,
      fields: {
        registeredUscc: '91110108MA01ABCD1X',
        registeredCapital: '5000',
        parkUnitId: units.get('LC-HTZ'),
        landMu: '80.5',
      },
      evidenceFileIds: [f.json.id],
    });
    // A credit code with a wrong check character is named.
    expect(mv.status).toBe(400);
    expect(fieldsOf(mv)).toEqual(['fields.registeredUscc:invalid']);
    const good = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'registered',
      effectiveDate: today(),
      version: p.version,
      fields: {
        registeredUscc: '91371500MA3C4L5P16',
        registeredCapital: '5000',
        parkUnitId: units.get('LC-HTZ'),
        landMu: '80.5',
      },
      evidenceFileIds: [f.json.id],
    });
    if (good.status !== 200) {
      // Find a valid code if the sample above is not one (keeps the test independent of a hand-computed check digit).
      throw new Error(good.body);
    }
    expect(good.json).toMatchObject({
      stage: 'registered',
      registeredUscc: '91371500MA3C4L5P16',
      landMu: '80.50',
      parkUnitName: '聊城高新技术产业开发区',
    });

    const eventId = good.json.pendingMove.id;
    const noNote = await bureau.post(`/api/projects/stage-events/${eventId}/return`, { note: '  ' });
    expect(noNote.status).toBe(400);
    expect(fieldsOf(noNote)).toEqual(['note:note_required']);
    expect((await dongchangfu.post(`/api/projects/stage-events/${eventId}/return`, { note: '不行' })).status).toBe(403);
    const ret = await bureau.post(`/api/projects/stage-events/${eventId}/return`, {
      note: '营业执照与登记信息不一致，请核实后重新提交',
    });
    expect(ret.status, ret.body).toBe(200);
    expect(ret.json).toMatchObject({ status: 'returned', reviewNote: '营业执照与登记信息不一致，请核实后重新提交' });

    const after = (await dongchangfu.get(`/api/projects/${p.id}`)).json;
    expect(after).toMatchObject({
      stage: 'signed',
      approvedStage: 'signed',
      pendingMove: null,
      registeredUscc: null,
      landMu: null,
      parkUnitId: null,
    });
    expect(after.version).toBeGreaterThan(good.json.version);
    expect(after.stageEvents.find((e: { id: number }) => e.id === eventId).status).toBe('returned');
    const queue = await bureau.get('/api/projects/stage-events?status=pending&pageSize=200');
    expect(queue.json.items.map((e: { id: number }) => e.id)).not.toContain(eventId);
    // The evidence of a returned move may be attached again.
    const retry = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'registered',
      effectiveDate: today(),
      version: after.version,
      fields: {
        registeredUscc: '91371500MA3C4L5P16',
        registeredCapital: '5000',
        parkUnitId: units.get('LC-HTZ'),
        landMu: '80.5',
      },
      evidenceFileIds: [f.json.id],
    });
    expect(retry.status, retry.body).toBe(200);
    expect(await auditActions(p.id)).toEqual(expect.arrayContaining(['project.stage_return']));
  });

  it('refuses a skip or a move back without an explicit kind and a reason, and audits them', async () => {
    const p = await toSignedApproved();
    const started = { startedAt: today(), fundsInPlace: '3000' };
    const noKind = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'started',
      effectiveDate: today(),
      fields: started,
      version: p.version,
    });
    expect(noKind.status).toBe(400);
    expect(fieldsOf(noKind)).toEqual(['kind:kind_required', 'reason:reason_required']);
    const noReason = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'started',
      kind: 'skip',
      effectiveDate: today(),
      fields: started,
      version: p.version,
    });
    expect(fieldsOf(noReason)).toEqual(['reason:reason_required']);
    const wrongKind = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'started',
      kind: 'back',
      reason: 'x',
      effectiveDate: today(),
      fields: started,
      version: p.version,
    });
    expect(fieldsOf(wrongKind)).toEqual(['kind:invalid']);
    expect((await dongchangfu.get(`/api/projects/${p.id}`)).json).toMatchObject({
      stage: 'signed',
      version: p.version,
      pendingMove: null,
    });

    const skip = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'started',
      kind: 'skip',
      reason: '企业先行开工，注册手续并行办理',
      effectiveDate: today(),
      fields: started,
      version: p.version,
    });
    expect(skip.status, skip.body).toBe(200);
    expect(skip.json.pendingMove).toMatchObject({
      kind: 'skip',
      reason: '企业先行开工，注册手续并行办理',
      fields: { fundsInPlace: '3000.00' },
    });
    expect((await bureau.post(`/api/projects/stage-events/${skip.json.pendingMove.id}/approve`, {})).status).toBe(200);

    const cur = (await dongchangfu.get(`/api/projects/${p.id}`)).json;
    const backNoKind = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'signed',
      effectiveDate: today(),
      reason: '误报',
      version: cur.version,
    });
    expect(fieldsOf(backNoKind)).toEqual(['kind:kind_required']);
    const back = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'signed',
      kind: 'back',
      effectiveDate: today(),
      reason: '实际未开工，误报',
      version: cur.version,
    });
    expect(back.status, back.body).toBe(200);
    expect(back.json).toMatchObject({ stage: 'signed', approvedStage: 'started' });
    const ret = await bureau.post(`/api/projects/stage-events/${back.json.pendingMove.id}/return`, {
      note: '请补充说明',
    });
    expect(ret.status).toBe(200);
    expect((await dongchangfu.get(`/api/projects/${p.id}`)).json.stage).toBe('started');

    const actions = await auditActions(p.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        'project.stage_skip',
        'project.stage_back',
        'project.stage_approve',
        'project.stage_return',
      ]),
    );
    const ev = (await auditor.get(`/api/audit?targetType=project&targetId=${p.id}&action=project.stage_skip`)).json
      .items[0];
    expect(ev.detail).toContain('企业先行开工');
    expect(ev.changes.stage).toEqual(['signed', 'started']);
    expect(ev.actorName).toBe('dongchangfu');
  });

  it('terminates with a reason only', async () => {
    const p = await newProject();
    const noReason = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'terminated',
      effectiveDate: today(),
      version: p.version,
    });
    expect(fieldsOf(noReason)).toEqual(['reason:reason_required']);
    const ok = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'terminated',
      effectiveDate: today(),
      reason: '企业放弃投资',
      version: p.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ stage: 'terminated', approvedStage: 'planning', terminatedReason: '企业放弃投资' });
    expect(ok.json.pendingMove.kind).toBe('terminate');
  });

  it('names every missing or invalid field and writes nothing', async () => {
    const p = await toNegotiating(await newProject());
    const eventsBefore = (await bureau.get(`/api/projects/stage-events?projectId=${p.id}`)).json.total;
    const r = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'signed',
      effectiveDate: daysFromToday(3),
      version: p.version,
      fields: { agreementType: 'promise', signedAt: '1999-12-31', signedAmount: '-5' },
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(r)).toEqual([
      'effectiveDate:date_in_future',
      'evidenceFileIds:evidence_required',
      'fields.agreementType:invalid',
      'fields.signedAmount:amount_out_of_range',
      'fields.signedAt:date_too_early',
      'fields.signedEvent:required',
    ]);
    const tooBig = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'signed',
      effectiveDate: daysFromToday(1),
      version: p.version,
      evidenceFileIds: [999999],
      fields: { ...signedFields, signedAmount: '100000000.01' },
    });
    expect(fieldsOf(tooBig)).toEqual(['evidenceFileIds:not_found', 'fields.signedAmount:amount_out_of_range']);
    const after = (await dongchangfu.get(`/api/projects/${p.id}`)).json;
    expect(after).toMatchObject({
      stage: 'negotiating',
      version: p.version,
      signedAt: null,
      signedAmount: null,
      pendingMove: null,
    });
    expect((await bureau.get(`/api/projects/stage-events?projectId=${p.id}`)).json.total).toBe(eventsBefore);

    const bad = await dongchangfu.post('/api/projects', {
      name: '坏数据项目',
      totalInvestment: '-1',
      fixedAssetInvestment: '100000001',
      foreignCapital: '1.234',
      liaisonPhone: '12345',
      industryCode: 'Z99',
      plannedStartMonth: '2025-13',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([
      'fixedAssetInvestment:amount_out_of_range',
      'foreignCapital:invalid',
      'industryCode:invalid',
      'liaisonPhone:invalid',
      'plannedStartMonth:invalid',
      'totalInvestment:amount_out_of_range',
    ]);
    expect((await dongchangfu.get(`/api/projects?q=${encodeURIComponent('坏数据项目')}`)).json.total).toBe(0);
  });

  it('refuses a stale version on edits and moves (409) and keeps the first change', async () => {
    const p = await newProject();
    const first = await dongchangfu.patch(`/api/projects/${p.id}`, { leaderName: '第一次', version: p.version });
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(p.version + 1);
    const second = await dongchangfu.patch(`/api/projects/${p.id}`, { leaderName: '第二次', version: p.version });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('VERSION_CONFLICT');
    const move = await dongchangfu.post(`/api/projects/${p.id}/stage`, {
      toStage: 'negotiating',
      effectiveDate: today(),
      fields: { intendedInvestment: '1' },
      version: p.version,
    });
    expect(move.status).toBe(409);
    const now = (await dongchangfu.get(`/api/projects/${p.id}`)).json;
    expect(now).toMatchObject({ leaderName: '第一次', stage: 'planning', pendingMove: null });
    expect((await bureau.get(`/api/projects/stage-events?projectId=${p.id}`)).json.total).toBe(0);
  });
});

describe('data scope', () => {
  it("hides another county's project, its files and its moves on every endpoint (404)", async () => {
    const p = await toNegotiating(await newProject({ name: '跨区可见性测试轴承项目', code: 'TEST-SCOPE-1' }));
    const f = await upload(dongchangfu, p.id);
    const id = p.id;
    expect((await linqing.get(`/api/projects/${id}`)).status).toBe(404);
    expect((await linqing.patch(`/api/projects/${id}`, { name: '改', version: p.version })).status).toBe(404);
    expect(
      (
        await linqing.post(`/api/projects/${id}/stage`, {
          toStage: 'signed',
          effectiveDate: today(),
          fields: signedFields,
          evidenceFileIds: [f.json.id],
          version: p.version,
        })
      ).status,
    ).toBe(404);
    expect((await linqing.get(`/api/files/${f.json.id}`)).status).toBe(404);
    expect((await linqing.post('/api/files', { projectId: id, name: 'a.pdf', contentBase64: pdf64 })).status).toBe(404);
    for (const sub of ['files', 'progress', 'problems', 'investments', 'timeline'])
      expect((await linqing.get(`/api/projects/${id}/${sub}`)).status, sub).toBe(404);
    expect((await linqing.post(`/api/projects/${id}/progress`, { at: today(), content: 'x' })).status).toBe(404);
    expect((await linqing.put(`/api/projects/${id}/investments/2025`, { months: [], version: p.version })).status).toBe(
      404,
    );
    const list = await linqing.get('/api/projects?pageSize=200');
    expect(list.json.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect(
      list.json.items.every((i: { ownerUnitName: string }) => ['临清市', '临清轴承产业园'].includes(i.ownerUnitName)),
    ).toBe(true);
    expect((await linqing.get(`/api/projects?q=${encodeURIComponent('跨区可见性')}`)).json.total).toBe(0);
    const kanban = await linqing.get('/api/projects/kanban');
    expect(kanban.json.columns.flatMap((c: { cards: { id: number }[] }) => c.cards.map((x) => x.id))).not.toContain(id);
    const events = await linqing.get(`/api/projects/stage-events?projectId=${id}`);
    expect(events.json.total).toBe(0);

    // The owner and the bureau see it; the download carries the bytes and the name.
    const dl = await dongchangfu.get(`/api/files/${f.json.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(String(dl.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('投资协议.pdf')}`,
    );
    expect(Buffer.from(dl.body, 'latin1').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await bureau.get(`/api/files/${f.json.id}`)).status).toBe(200);
  });

  it('lets a county create only within its own subtree, whatever owner the request names', async () => {
    const other = await dongchangfu.post('/api/projects', {
      name: '越权归属测试项目',
      ownerUnitId: units.get('LC-LQ'),
    });
    expect(other.status).toBe(400);
    expect(fieldsOf(other)).toEqual(['ownerUnitId:not_in_scope']);
    const own = await dongchangfu.post('/api/projects', {
      name: '本区归属测试项目',
      flags: ['over_1b'],
      version: 7,
      approvedStage: 'producing',
      createdBy: 1,
    });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      ownerUnitName: '东昌府区',
      stage: 'planning',
      approvedStage: 'planning',
      version: 1,
      flags: [],
    });
    // The bureau names any county.
    const byBureau = await bureau.post('/api/projects', { name: '市局代录临清项目', ownerUnitId: units.get('LC-LQ') });
    expect(byBureau.status).toBe(200);
    expect((await linqing.get(`/api/projects/${byBureau.json.id}`)).status).toBe(200);
    expect((await dongchangfu.get(`/api/projects/${byBureau.json.id}`)).status).toBe(404);
  });

  it("keeps a team member's project with their team", async () => {
    const missing = await team.post('/api/projects', { name: '团组项目缺少落地县' });
    expect(fieldsOf(missing)).toEqual(['ownerUnitId:required']);
    const wrongTeam = await team.post('/api/projects', {
      name: '团组项目错团组',
      ownerUnitId: units.get('LC-GT'),
      teamId: 3,
    });
    expect(fieldsOf(wrongTeam)).toEqual(['teamId:not_in_scope']);
    const ok = await team.post('/api/projects', { name: '新材料团组高纯石英砂项目', ownerUnitId: units.get('LC-GT') });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toMatchObject({ teamName: '新材料产业招商团组', ownerUnitName: '高唐县' });
    expect((await team.get(`/api/projects/${ok.json.id}`)).status).toBe(200);
    const mine = await team.get('/api/projects?pageSize=200');
    expect(mine.json.items.every((i: { teamName: string }) => i.teamName === '新材料产业招商团组')).toBe(true);
  });

  it('masks the liaison phone for roles that only read', async () => {
    const p = await newProject({ liaisonName: '联络人', liaisonPhone: '13912345678' });
    expect((await leader.get(`/api/projects/${p.id}`)).json.liaisonPhone).toBe('139****5678');
    expect((await dongchangfu.get(`/api/projects/${p.id}`)).json.liaisonPhone).toBe('13912345678');
    expect((await leader.post('/api/projects', { name: '领导不能录入' })).status).toBe(403);
  });

  it('shows a department the problems assigned to it, with a read-only summary of projects outside its scope', async () => {
    const r = await gongxin.get('/api/projects/problems?assignedToMe=true');
    expect(r.status).toBe(200);
    const names = r.json.items.map((i: { projectName: string }) => i.projectName);
    expect(names).toEqual(expect.arrayContaining(['年产2000万套高端精密轴承项目', '新能源汽车电驱系统项目']));
    const bearing = r.json.items.find((i: { projectName: string }) => i.projectName === '年产2000万套高端精密轴承项目');
    expect(bearing).toMatchObject({
      projectInScope: false,
      projectOwnerUnitName: '临清市',
      departmentName: '聊城市工业和信息化局',
    });
    expect((await gongxin.get(`/api/projects/${bearing.projectId}`)).status).toBe(404);
    // The department answers the problem: status and resolution, not its content or assignment.
    const rewrite = await gongxin.patch(`/api/projects/problems/${bearing.id}`, {
      content: '改写',
      version: bearing.version,
    });
    expect(fieldsOf(rewrite)).toEqual(['content:read_only']);
    const solvedNoAnswer = await gongxin.patch(`/api/projects/problems/${bearing.id}`, {
      status: 'solved',
      version: bearing.version,
    });
    expect(fieldsOf(solvedNoAnswer)).toEqual(['resolution:required']);
    const solved = await gongxin.patch(`/api/projects/problems/${bearing.id}`, {
      status: 'solved',
      resolution: '已协调供电公司完成增容',
      version: bearing.version,
    });
    expect(solved.status, solved.body).toBe(200);
    expect(solved.json).toMatchObject({ status: 'solved', version: bearing.version + 1 });
    expect(
      (await gongxin.patch(`/api/projects/problems/${bearing.id}`, { status: 'open', version: bearing.version }))
        .status,
    ).toBe(409);
    // Other counties' problems assigned elsewhere stay hidden from a county.
    const lq = (await linqing.get('/api/projects/problems')).json.items;
    expect(
      lq.every((i: { projectOwnerUnitName: string }) => ['临清市', '临清轴承产业园'].includes(i.projectOwnerUnitName)),
    ).toBe(true);
    const timeline = (await linqing.get(`/api/projects/${bearing.projectId}/timeline`)).json.items;
    expect(timeline.map((x: { kind: string }) => x.kind)).toContain('problem_solved');
  });

  it('raises a problem on a project in scope and assigns it', async () => {
    const p = await newProject();
    const r = await dongchangfu.post(`/api/projects/${p.id}/problems`, {
      content: '需协调解决项目用地指标',
      departmentUnitId: units.get('LC-GXJ'),
    });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({ status: 'open', departmentName: '聊城市工业和信息化局', projectInScope: true });
    expect(
      (await gongxin.get('/api/projects/problems?assignedToMe=true&pageSize=200')).json.items.map(
        (i: { id: number }) => i.id,
      ),
    ).toContain(r.json.id);
  });
});

describe('files', () => {
  it('accepts only allowed types whose content matches, up to 10 MB', async () => {
    const p = await newProject();
    const exe = await upload(
      dongchangfu,
      p.id,
      '协议.pdf',
      Buffer.from('MZ\x90\x00 this is not a pdf').toString('base64'),
    );
    expect(fieldsOf(exe)).toEqual(['contentBase64:file_type']);
    const ext = await upload(dongchangfu, p.id, 'run.exe', pdf64);
    expect(fieldsOf(ext)).toEqual(['name:file_type']);
    const png = await upload(
      dongchangfu,
      p.id,
      '现场照片.PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64'),
    );
    expect(png.status).toBe(200);
    expect(png.json.mime).toBe('image/png');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big);
    const tooBig = await upload(dongchangfu, p.id, 'big.pdf', big.toString('base64'));
    expect(tooBig.status).toBe(400);
    expect(fieldsOf(tooBig)).toEqual(['contentBase64:file_too_large']);
    const list = await dongchangfu.get(`/api/projects/${p.id}/files`);
    expect(list.json.items.map((f: { name: string }) => f.name)).toEqual(['现场照片.PNG']);
  });
});

describe('duplicates', () => {
  it('finds look-alikes before saving and refuses to create without confirmation', async () => {
    const [ent] = (await bureau.get('/api/projects?q=' + encodeURIComponent('锂电池隔膜'))).json.items;
    expect(ent).toBeTruthy();
    const probe = {
      name: '高性能锂电池隔膜扩建项目',
      enterpriseId: ent.enterpriseId,
      investorName: ent.investorName,
      totalInvestment: '140000',
    };
    const d = await dongchangfu.post('/api/projects/duplicates', probe);
    expect(d.status).toBe(200);
    expect(d.json.candidates.map((c: { id: number }) => c.id)).toContain(ent.id);
    expect(d.json.candidates.find((c: { id: number }) => c.id === ent.id).reasons).toEqual(['similar_name', 'amount']);

    const refused = await dongchangfu.post('/api/projects', probe);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('DUPLICATE');
    expect(refused.json.candidates[0]).toMatchObject({ id: ent.id, name: '年产5万吨高性能锂电池隔膜项目' });
    const confirmed = await dongchangfu.post('/api/projects', { ...probe, confirmDuplicates: true });
    expect(confirmed.status, confirmed.body).toBe(200);
    expect(await auditActions(confirmed.json.id)).toContain('project.create');
  });

  it("counts look-alikes outside the caller's scope without showing them", async () => {
    const p = await newProject({ code: 'test-dup-77' });
    expect(p.code).toBe('TEST-DUP-77');
    const d = await linqing.post('/api/projects/duplicates', { name: '任意', code: 'TEST-DUP-77' });
    expect(d.json).toEqual({ candidates: [], hiddenCount: 1 });
    const mine = await dongchangfu.post('/api/projects/duplicates', { code: 'test-dup-77' });
    expect(mine.json.candidates).toHaveLength(1);
    expect(mine.json.candidates[0].reasons).toEqual(['code']);
    const taken = await bureau.post('/api/projects', {
      name: '重复编码',
      code: 'TEST-DUP-77',
      ownerUnitId: units.get('LC-LQ'),
      confirmDuplicates: true,
    });
    expect(fieldsOf(taken)).toEqual(['code:taken']);
  });
});

describe('warnings, lists and totals', () => {
  it('computes warnings on rows and detail, filters by level, and clears them with a progress report', async () => {
    const red = await bureau.get('/api/projects?warning=red&pageSize=200');
    const silent = red.json.items.find((i: { name: string }) => i.name === '智慧农业示范园项目');
    expect(silent.warnings).toEqual([{ code: 'no_progress', level: 'red', days: expect.any(Number) }]);
    const late = red.json.items.find((i: { name: string }) => i.name === '年产5万吨高性能锂电池隔膜项目');
    expect(late.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'late_start', level: 'red' })]),
    );
    expect(red.json.items.every((i: { warningLevel: string }) => i.warningLevel === 'red')).toBe(true);
    const yellow = await bureau.get('/api/projects?warning=yellow&pageSize=200');
    expect(yellow.json.items.length).toBeGreaterThan(0);
    expect(yellow.json.items.every((i: { warningLevel: string }) => i.warningLevel === 'yellow')).toBe(true);
    const any = await bureau.get('/api/projects?warning=any&pageSize=200');
    expect(any.json.total).toBe(red.json.total + yellow.json.total);

    const detail = (await bureau.get(`/api/projects/${silent.id}`)).json;
    expect(detail.warnings[0]).toMatchObject({ code: 'no_progress', level: 'red' });
    const rep = await bureau.post(`/api/projects/${silent.id}/progress`, {
      at: today(),
      content: '赴企业现场调度，确认下月完成用地手续',
    });
    expect(rep.status, rep.body).toBe(200);
    expect((await bureau.get(`/api/projects/${silent.id}`)).json.warnings).toEqual([]);
    expect(
      (await bureau.get('/api/projects?warning=red&pageSize=200')).json.items.map((i: { id: number }) => i.id),
    ).not.toContain(silent.id);
    const future = await bureau.post(`/api/projects/${silent.id}/progress`, { at: daysFromToday(5), content: '未来' });
    expect(fieldsOf(future)).toEqual(['at:date_in_future']);
  });

  it('takes warning thresholds from the settings', async () => {
    const s = (await bureau.get('/api/projects/warning-settings')).json;
    expect(s.noProgressDays).toMatchObject({ planning: 45, negotiating: 30, signed: 20 });
    const p = await newProject();
    expect(
      (await dongchangfu.put('/api/projects/warning-settings', { noProgressDays: { planning: 1 }, version: s.version }))
        .status,
    ).toBe(403);
    // A threshold of 0 days is refused; 1 day leaves a project created now without a warning.
    expect(
      (await bureau.put('/api/projects/warning-settings', { noProgressDays: { planning: 0 }, version: s.version }))
        .status,
    ).toBe(400);
    const up = await bureau.put('/api/projects/warning-settings', {
      noProgressDays: { planning: 1 },
      version: s.version,
    });
    expect(up.status, up.body).toBe(200);
    expect((await dongchangfu.get(`/api/projects/${p.id}`)).json.warnings).toEqual([]);
    expect((await bureau.put('/api/projects/warning-settings', { redMultiplier: 3, version: s.version })).status).toBe(
      409,
    );
    const back = await bureau.put('/api/projects/warning-settings', {
      noProgressDays: { planning: 45 },
      version: up.json.version,
    });
    expect(back.status).toBe(200);
  });

  it('filters by county, band, flags and dates; sorts; counts in a window; totals the filter', async () => {
    const all = await bureau.get('/api/projects?pageSize=200&sort=totalInvestment&order=desc');
    expect(all.status).toBe(200);
    expect(all.json.items[0].name).toBe('年产30万吨高端铝合金板带箔项目');
    expect(all.json.totalIsExact).toBe(true);
    expect(all.json.total).toBe(all.json.totals.count);
    expect(all.json.total).toBeGreaterThanOrEqual(40);
    const big = await bureau.get('/api/projects?band=20%2B&pageSize=200');
    expect(big.json.items.length).toBeGreaterThan(0);
    expect(big.json.items.every((i: { totalInvestment: string }) => Number(i.totalInvestment) >= 200000)).toBe(true);
    const sum = big.json.items.reduce(
      (a: bigint, i: { totalInvestment: string }) => a + BigInt(i.totalInvestment.replace('.', '')),
      0n,
    );
    expect(BigInt(big.json.totals.totalInvestment.replace('.', ''))).toBe(sum);
    const mid = await bureau.get('/api/projects?band=1-3&pageSize=200');
    expect(
      mid.json.items.every(
        (i: { totalInvestment: string }) => Number(i.totalInvestment) >= 10000 && Number(i.totalInvestment) < 30000,
      ),
    ).toBe(true);

    const lq = await bureau.get(`/api/projects?ownerUnitId=${units.get('LC-LQ')}&pageSize=200`);
    expect(new Set(lq.json.items.map((i: { ownerUnitName: string }) => i.ownerUnitName))).toEqual(
      new Set(['临清市', '临清轴承产业园']),
    );
    const foreign = await bureau.get('/api/projects?flags=foreign&flags=over_100m&pageSize=200');
    expect(foreign.json.items.length).toBeGreaterThan(0);
    expect(
      foreign.json.items.every(
        (i: { flags: string[] }) => i.flags.includes('foreign') && i.flags.includes('over_100m'),
      ),
    ).toBe(true);
    const fortune = await bureau.get('/api/projects?flags=central_soe&pageSize=200');
    expect(fortune.json.items.map((i: { name: string }) => i.name)).toContain('铜基新材料精深加工项目');
    const signedThisYear = await bureau.get(
      `/api/projects?signedFrom=${today().slice(0, 4)}-01-01&signedTo=${today()}&pageSize=200`,
    );
    expect(
      signedThisYear.json.items.every((i: { signedAt: string }) => i.signedAt >= `${today().slice(0, 4)}-01-01`),
    ).toBe(true);
    const pending = await bureau.get('/api/projects?pending=true&pageSize=200');
    expect(
      pending.json.items.every((i: { pendingStageEventId: number | null }) => i.pendingStageEventId !== null),
    ).toBe(true);

    // Windowed count: with a page of 1, at most 1 + 10 pages are counted.
    const window = await bureau.get('/api/projects?pageSize=1&page=1&withTotals=false');
    expect(window.json).toMatchObject({ total: 11, totalIsExact: false, totals: null });
    expect(window.json.items).toHaveLength(1);
    // With the totals asked for, their exact count is the pager's count.
    const window2 = await bureau.get('/api/projects?pageSize=2&page=3');
    expect(window2.json.totalIsExact).toBe(true);
    expect(window2.json.total).toBe(window2.json.totals.count);
    expect(window2.json.total).toBeGreaterThan(25);
    expect(window2.json.totals.count).toBe(all.json.total);
    const last = await bureau.get(`/api/projects?pageSize=10&page=${Math.ceil(all.json.total / 10)}`);
    expect(last.json).toMatchObject({ total: all.json.total, totalIsExact: true });
    const byName = await bureau.get('/api/projects?sort=name&order=asc&pageSize=200');
    const names = byName.json.items.map((i: { name: string }) => i.name);
    expect(names.length).toBeGreaterThan(10);
  });

  it('derives flags from the investor and the amount, never from the request', async () => {
    const list = (await bureau.get(`/api/projects?q=${encodeURIComponent('铜基新材料')}`)).json.items;
    const p = (await bureau.get(`/api/projects/${list[0].id}`)).json;
    expect(p.flags).toEqual(
      expect.arrayContaining(['over_100m', 'over_1b', 'central_soe', 'china500', 'out_of_city', 'out_of_province']),
    );
    const down = await bureau.patch(`/api/projects/${p.id}`, {
      totalInvestment: '9000',
      flags: ['fortune500'],
      version: p.version,
    });
    expect(down.status).toBe(200);
    expect(down.json.flags).not.toContain('over_100m');
    expect(down.json.flags).not.toContain('fortune500');
    expect(await auditActions(p.id)).toContain('project.update');
  });

  it('keeps the investment plan and monthly completion', async () => {
    const p = await newProject();
    const bad = await dongchangfu.put(`/api/projects/${p.id}/investments/2025`, {
      planned: '-1',
      months: [{ month: 1, completed: '1e9' }],
      version: p.version,
    });
    expect(fieldsOf(bad)).toEqual(['months.0.completed:invalid', 'planned:amount_out_of_range']);
    const ok = await dongchangfu.put(`/api/projects/${p.id}/investments/2025`, {
      planned: '12000',
      version: p.version,
      months: [
        { month: 1, planned: '1000', completed: '800.5', fundsInPlace: '600' },
        { month: 2, completed: '1200' },
      ],
    });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json.years).toEqual([
      {
        year: 2025,
        planned: '12000.00',
        completedTotal: '2000.50',
        fundsInPlaceTotal: '600.00',
        months: [
          { month: 1, planned: '1000.00', completed: '800.50', fundsInPlace: '600.00' },
          { month: 2, planned: null, completed: '1200.00', fundsInPlace: null },
        ],
      },
    ]);
    expect(
      (await dongchangfu.put(`/api/projects/${p.id}/investments/2025`, { months: [], version: p.version })).status,
    ).toBe(409);
    expect(await auditActions(p.id)).toContain('project.investments');
  });

  it('saves list views per user', async () => {
    const v = await dongchangfu.post('/api/saved-views', {
      entity: 'projects',
      name: '本区红色预警',
      filters: { warning: 'red', band: '1-3' },
    });
    expect(v.status, v.body).toBe(200);
    expect(v.json.filters).toEqual({ warning: 'red', band: '1-3' });
    expect(
      (await dongchangfu.get('/api/saved-views?entity=projects')).json.items.map((x: { name: string }) => x.name),
    ).toContain('本区红色预警');
    expect((await linqing.get('/api/saved-views?entity=projects')).json.items).toEqual([]);
    expect((await linqing.delete(`/api/saved-views/${v.json.id}`)).status).toBe(404);
    expect((await dongchangfu.delete(`/api/saved-views/${v.json.id}`)).status).toBe(200);
  });
});

describe('investor changes and lead conversion', () => {
  it("refreshes a project's flags when its investor becomes a Fortune Global 500 company", async () => {
    const bureau = await login(t.app, 'bureau', 'Magnet@2026');
    const ent = (
      await bureau.post('/api/enterprises', {
        name: '深圳测试旗标科技有限公司',
        ownership: 'private',
        hqDivision: '440305',
      })
    ).json;
    const p = await bureau.post('/api/projects', {
      name: '旗标测试项目',
      enterpriseId: ent.id,
      ownerUnitId: bureau.user.unitId,
      totalInvestment: '20000',
      confirmDuplicates: true,
    });
    expect(p.status).toBe(200);
    expect(p.json.flags).not.toContain('fortune500');
    const upd = await bureau.patch(`/api/enterprises/${ent.id}`, { tiers: ['fortune500'], version: ent.version });
    expect(upd.status).toBe(200);
    expect((await bureau.get(`/api/projects/${p.json.id}`)).json.flags).toContain('fortune500');
  });

  it("submits a converted lead's move to 在谈 for approval instead of counting it at once", async () => {
    const county = await login(t.app, 'dongchangfu', 'Magnet@2026');
    const lead = (
      await county.post('/api/leads', {
        title: '转化审批测试线索',
        enterpriseName: '某测试企业',
        sourceChannel: 'visit',
        intendedAmount: '5000',
      })
    ).json;
    const conv = await county.post(`/api/leads/${lead.id}/convert`, { version: lead.version, confirmDuplicates: true });
    expect(conv.status).toBe(200);
    const project = (await county.get(`/api/projects/${conv.json.projectId}`)).json;
    expect(project.stage).toBe('negotiating');
    expect(project.approvedStage).toBe('planning');
    expect(project.pendingMove?.toStage).toBe('negotiating');
    const bureau = await login(t.app, 'bureau', 'Magnet@2026');
    expect((await bureau.post(`/api/projects/stage-events/${project.pendingMove.id}/approve`, {})).status).toBe(200);
    expect((await county.get(`/api/projects/${project.id}`)).json.approvedStage).toBe('negotiating');
  });
});
