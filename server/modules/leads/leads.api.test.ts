// Leads (线索) through the API: validation, the pool (公海) and its claims, handover (过户), conversion into a project,
// data scope on every endpoint, and audit events.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, startTestApp, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { enterprises, leadFollowUps, leads, leadTransfers, projects } from '../../db/schema.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, donge: Agent, team: Agent, leader: Agent;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, donge, team, leader] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'donge', 'team_nm', 'leader'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
});
afterAll(async () => {
  await t?.close();
});

const base = { sourceChannel: 'visit', enterpriseName: '测试目标企业有限公司' };
let seq = 0;
async function newLead(a: Agent, extra: Record<string, unknown> = {}) {
  const r = await a.post('/api/leads', { ...base, title: `测试线索${++seq}`, ...extra });
  expect(r.status, r.body).toBe(200);
  return r.json;
}
const countRows = async () => (await t.database.db.select({ id: leads.id }).from(leads)).length;
const auditOf = async (targetType: string, targetId: number) => {
  const auditor = await login(t.app, 'auditadmin', DEMO_PASSWORD);
  return (await auditor.get(`/api/audit?targetType=${targetType}&targetId=${targetId}&pageSize=100`)).json.items as {
    action: string;
    changes: Record<string, [unknown, unknown]> | null;
    actorName: string;
  }[];
};

describe('demo data', () => {
  it('has leads across units, some in the pool, with follow-ups and a handover history', async () => {
    const all = await bureau.get('/api/leads?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.json.total).toBeGreaterThanOrEqual(25);
    expect(all.json.totalIsExact).toBe(true);
    expect(all.json.items.filter((l: { status: string }) => l.status === 'pool').length).toBeGreaterThanOrEqual(4);
    const handed = all.json.items.find((l: { title: string }) => l.title === '精密轴承扩能项目');
    const d = (await linqing.get(`/api/leads/${handed.id}`)).json;
    expect(d.transfers.map((x: { kind: string }) => x.kind)).toEqual(['handover']);
    expect(d.transfers[0]).toMatchObject({ fromUnitName: '东昌府区', toUnitName: '临清市', toUserName: '宋雨晴' });
    expect(d.followUps.length).toBe(3);
  });
});

describe('creating and changing leads', () => {
  it('names every bad field and writes nothing', async () => {
    const before = await countRows();
    const r = await dongchangfu.post('/api/leads', {
      title: '  ',
      sourceChannel: 'tv',
      industryCode: 'Z99',
      intendedAmount: '-5',
      clusterId: 99999,
      enterpriseId: 99999,
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('VALIDATION_FAILED');
    expect(r.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'clusterId',
      'enterpriseId',
      'industryCode',
      'intendedAmount',
      'sourceChannel',
      'title',
    ]);
    const noEnterprise = await dongchangfu.post('/api/leads', {
      title: '无企业',
      sourceChannel: 'visit',
      intendedAmount: '1e9',
    });
    expect(noEnterprise.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'enterpriseName',
      'intendedAmount',
    ]);
    const tooBig = await dongchangfu.post('/api/leads', { ...base, title: '金额过大', intendedAmount: '100000000.01' });
    expect(tooBig.json.fields).toEqual([expect.objectContaining({ field: 'intendedAmount' })]);
    const missing = await dongchangfu.post('/api/leads', { enterpriseName: 'x' });
    expect(missing.status).toBe(400);
    expect(await countRows()).toBe(before);
  });

  it('files a lead under the caller whatever owner the request names, and normalizes codes and amounts', async () => {
    const r = await dongchangfu.post('/api/leads', {
      ...base,
      title: '归属测试',
      industryCode: 'c 2651',
      intendedAmount: '1200.5',
      ownerUnitId: linqing.user.unitId,
      ownerUserId: 1,
      status: 'converted',
      projectId: 5,
      version: 9,
      createdBy: 1,
    });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({
      ownerUnitId: dongchangfu.user.unitId,
      ownerUserId: dongchangfu.user.id,
      status: 'following',
      projectId: null,
      version: 1,
      industryCode: 'C2651',
      intendedAmount: '1200.50',
      createdBy: dongchangfu.user.id,
      ownerUnitName: '东昌府区',
    });
    expect(r.json.industryName).toContain('化学原料');
    expect(r.json.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect((await linqing.get(`/api/leads/${r.json.id}`)).status).toBe(404);
  });

  it('points at an enterprise of the library only when the caller can see it', async () => {
    const db = t.database.db;
    const [mine] = await db
      .insert(enterprises)
      .values({
        name: '东昌府测试库内企业有限公司',
        ownerUnitId: dongchangfu.user.unitId,
        createdBy: dongchangfu.user.id,
      })
      .returning({ id: enterprises.id });
    const [theirs] = await db
      .insert(enterprises)
      .values({ name: '临清测试库内企业有限公司', ownerUnitId: linqing.user.unitId, createdBy: linqing.user.id })
      .returning({ id: enterprises.id });
    const other = await dongchangfu.post('/api/leads', {
      title: '库外',
      sourceChannel: 'visit',
      enterpriseId: theirs.id,
    });
    expect(other.status).toBe(400);
    expect(other.json.fields).toEqual([expect.objectContaining({ field: 'enterpriseId', code: 'not_found' })]);
    const r = await dongchangfu.post('/api/leads', {
      title: '库内',
      sourceChannel: 'visit',
      enterpriseId: mine.id,
      enterpriseName: '被忽略的文字',
    });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({ enterpriseId: mine.id, enterpriseName: '东昌府测试库内企业有限公司' });
    expect(
      (await dongchangfu.get(`/api/leads?q=${encodeURIComponent('东昌府测试库内')}`)).json.items.map(
        (i: { id: number }) => i.id,
      ),
    ).toEqual([r.json.id]);
  });

  it("gives a team member's lead to their team", async () => {
    const l = await newLead(team);
    expect(l.teamName).toBe('新材料产业招商团组');
    expect((await team.get(`/api/leads/${l.id}`)).status).toBe(200);
  });

  it('refuses a stale version and keeps the first save', async () => {
    const l = await newLead(dongchangfu);
    const first = await dongchangfu.patch(`/api/leads/${l.id}`, { content: '第一次', version: l.version });
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(l.version + 1);
    const second = await dongchangfu.patch(`/api/leads/${l.id}`, { content: '第二次', version: l.version });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('VERSION_CONFLICT');
    expect((await dongchangfu.get(`/api/leads/${l.id}`)).json.content).toBe('第一次');
  });

  it('finds leads by title, enterprise and referrer, and keeps search in step with changes', async () => {
    const l = await newLead(dongchangfu, {
      title: '磁悬浮轴承项目',
      enterpriseName: '玄武动力有限公司',
      referrer: '欧阳乡贤',
    });
    for (const q of ['磁悬浮', '玄武动力', '欧阳乡贤']) {
      const r = await dongchangfu.get(`/api/leads?q=${encodeURIComponent(q)}`);
      expect(
        r.json.items.map((i: { id: number }) => i.id),
        q,
      ).toContain(l.id);
    }
    expect((await linqing.get(`/api/leads?q=${encodeURIComponent('磁悬浮')}`)).json.total).toBe(0);
    await dongchangfu.patch(`/api/leads/${l.id}`, { enterpriseName: '青龙科技有限公司', version: l.version });
    expect((await dongchangfu.get(`/api/leads?q=${encodeURIComponent('玄武动力')}`)).json.total).toBe(0);
    expect((await dongchangfu.get(`/api/leads?q=${encodeURIComponent('青龙科技')}`)).json.total).toBe(1);
  });

  it('lets the city leader read but not write', async () => {
    expect((await leader.get('/api/leads')).status).toBe(200);
    expect((await leader.post('/api/leads', { ...base, title: '不该写入' })).status).toBe(403);
    const admin = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    expect((await admin.get('/api/leads')).status).toBe(403);
  });
});

describe('follow-ups', () => {
  it('logs a follow-up, moves lastFollowUpAt, and refuses one in the future', async () => {
    const l = await newLead(dongchangfu);
    const at = new Date(Date.now() - 3600_000).toISOString();
    const r = await dongchangfu.post(`/api/leads/${l.id}/follow-ups`, {
      at,
      method: 'call',
      content: '电话沟通投资意向',
      nextStep: '安排考察',
    });
    expect(r.status, r.body).toBe(200);
    expect(r.json.lastFollowUpAt).toBe(at);
    expect(r.json.followUps[0]).toMatchObject({
      method: 'call',
      content: '电话沟通投资意向',
      nextStep: '安排考察',
      userName: '韩立明',
      unitName: '东昌府区',
    });
    expect(r.json.version).toBe(l.version); // a follow-up does not change the lead's own fields
    // An older follow-up does not move lastFollowUpAt back.
    const older = await dongchangfu.post(`/api/leads/${l.id}/follow-ups`, {
      at: new Date(Date.now() - 86_400_000 * 3).toISOString(),
      content: '补录',
    });
    expect(older.json.lastFollowUpAt).toBe(at);
    const future = await dongchangfu.post(`/api/leads/${l.id}/follow-ups`, {
      at: new Date(Date.now() + 86_400_000).toISOString(),
      method: 'fax',
      content: ' ',
    });
    expect(future.status).toBe(400);
    expect(future.json.fields.map((f: { field: string }) => f.field).sort()).toEqual(['at', 'content', 'method']);
    expect((await t.database.db.select().from(leadFollowUps).where(eq(leadFollowUps.leadId, l.id))).length).toBe(2);
  });

  it('lists stale leads: in follow-up with no follow-up for 30 days', async () => {
    const r = await dongchangfu.get('/api/leads?stale=true&pageSize=200');
    expect(r.json.items.length).toBeGreaterThan(0);
    expect(r.json.items.every((l: { stale: boolean; status: string }) => l.stale && l.status === 'following')).toBe(
      true,
    );
    expect(r.json.items.map((l: { title: string }) => l.title)).toContain('智能仓储物流装备制造项目');
  });
});

describe('the pool (公海)', () => {
  it('shows pool leads to every county and team, and a claimed lead only to its new owner', async () => {
    const l = await newLead(bureau, { toPool: true, title: '公海认领测试' });
    expect(l).toMatchObject({ status: 'pool', ownerUnitId: null, ownerUserId: null });
    for (const a of [dongchangfu, linqing, donge, team, leader]) {
      expect((await a.get(`/api/leads/${l.id}`)).status).toBe(200);
      expect(
        (await a.get('/api/leads?status=pool&pageSize=200')).json.items.map((i: { id: number }) => i.id),
      ).toContain(l.id);
    }
    const mine = (await linqing.get(`/api/leads/${l.id}`)).json;
    expect(mine.allowedActions).toEqual(['claim']);
    // Not changed or followed up before it is claimed.
    expect((await linqing.patch(`/api/leads/${l.id}`, { content: 'x', version: l.version })).status).toBe(409);
    expect((await linqing.post(`/api/leads/${l.id}/follow-ups`, { content: 'x' })).status).toBe(409);

    const c = await dongchangfu.post(`/api/leads/${l.id}/claim`, { version: l.version });
    expect(c.status, c.body).toBe(200);
    expect(c.json).toMatchObject({
      status: 'following',
      ownerUnitName: '东昌府区',
      ownerUserName: '韩立明',
      version: l.version + 1,
    });
    expect(c.json.transfers[0]).toMatchObject({
      kind: 'claim',
      fromUnitId: null,
      toUnitName: '东昌府区',
      byUserName: '韩立明',
    });
    expect((await linqing.get(`/api/leads/${l.id}`)).status).toBe(404);
    expect(
      (await linqing.get('/api/leads?status=pool&pageSize=200')).json.items.map((i: { id: number }) => i.id),
    ).not.toContain(l.id);
    expect(
      (await dongchangfu.get('/api/leads?ownerUserId=me&pageSize=200')).json.items.map((i: { id: number }) => i.id),
    ).toContain(l.id);
    // A late claim with the old version: the lead is gone from the pool.
    const late = await linqing.post(`/api/leads/${l.id}/claim`, { version: l.version });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('LEAD_TAKEN');
  });

  it('lets one of two concurrent claims win and refuses the other with 409', async () => {
    for (const [a, b] of [
      [dongchangfu, linqing],
      [donge, donge],
    ] as const) {
      const l = await newLead(bureau, { toPool: true });
      const [r1, r2] = await Promise.all([
        a.post(`/api/leads/${l.id}/claim`, { version: l.version }),
        b.post(`/api/leads/${l.id}/claim`, { version: l.version }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      const rows = await t.database.db.select().from(leadTransfers).where(eq(leadTransfers.leadId, l.id));
      expect(rows.length).toBe(1);
      const winner = r1.status === 200 ? a : b;
      const [stored] = await t.database.db.select().from(leads).where(eq(leads.id, l.id));
      expect(stored).toMatchObject({
        status: 'following',
        ownerUnitId: winner.user.unitId,
        ownerUserId: winner.user.id,
        version: l.version + 1,
      });
    }
    for (let i = 0; i < 3; i++) {
      const l = await newLead(bureau, { toPool: true });
      const rs = await Promise.all(
        [dongchangfu, linqing, donge].map((a) => a.post(`/api/leads/${l.id}/claim`, { version: l.version })),
      );
      expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect((await t.database.db.select().from(leadTransfers).where(eq(leadTransfers.leadId, l.id))).length).toBe(1);
    }
  });

  it('puts a released lead back into the pool with its history', async () => {
    const l = await newLead(donge);
    const noReason = await donge.post(`/api/leads/${l.id}/release`, { reason: ' ', version: l.version });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields[0]).toMatchObject({ field: 'reason', code: 'required' });
    const r = await donge.post(`/api/leads/${l.id}/release`, { reason: '不符合本县产业定位', version: l.version });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({ status: 'pool', ownerUnitId: null, ownerUserId: null, teamId: null });
    expect(r.json.transfers[0]).toMatchObject({
      kind: 'release',
      fromUnitName: '东阿县',
      toUnitId: null,
      reason: '不符合本县产业定位',
    });
    const claimed = await linqing.post(`/api/leads/${l.id}/claim`, { version: r.json.version });
    expect(claimed.json.transfers.map((x: { kind: string }) => x.kind)).toEqual(['claim', 'release']);
    expect((await donge.get(`/api/leads/${l.id}`)).status).toBe(404);
  });
});

describe('handover (过户)', () => {
  it('hands a lead to a person of another unit: the owner unit moves, the history stays', async () => {
    const l = await newLead(dongchangfu, { title: '过户测试' });
    await dongchangfu.post(`/api/leads/${l.id}/follow-ups`, { content: '首次接触' });
    const assignees = (await dongchangfu.get(`/api/leads/assignees?q=${encodeURIComponent('宋雨晴')}`)).json.items;
    expect(assignees).toEqual([expect.objectContaining({ id: linqing.user.id, unitName: '临清市' })]);
    const same = await dongchangfu.post(`/api/leads/${l.id}/handover`, {
      toUserId: dongchangfu.user.id,
      reason: '自己',
      version: l.version,
    });
    expect(same.json.fields[0]).toMatchObject({ field: 'toUserId', code: 'same_owner' });
    const admin = await dongchangfu.post(`/api/leads/${l.id}/handover`, {
      toUserId: (await login(t.app, 'sysadmin', DEMO_PASSWORD)).user.id,
      reason: 'x',
      version: l.version,
    });
    expect(admin.json.fields[0]).toMatchObject({ field: 'toUserId', code: 'not_found' });

    const r = await dongchangfu.post(`/api/leads/${l.id}/handover`, {
      toUserId: linqing.user.id,
      reason: '企业选址改在临清',
      version: l.version,
    });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toEqual({ ok: true, lead: null }); // out of the caller's scope now
    expect((await dongchangfu.get(`/api/leads/${l.id}`)).status).toBe(404);
    const d = (await linqing.get(`/api/leads/${l.id}`)).json;
    expect(d).toMatchObject({ ownerUnitName: '临清市', ownerUserName: '宋雨晴', version: l.version + 1 });
    expect(d.transfers).toEqual([
      expect.objectContaining({
        kind: 'handover',
        fromUnitName: '东昌府区',
        fromUserName: '韩立明',
        toUnitName: '临清市',
        toUserName: '宋雨晴',
        reason: '企业选址改在临清',
        byUserName: '韩立明',
      }),
    ]);
    expect(d.followUps.map((f: { content: string }) => f.content)).toEqual(['首次接触']);
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'follow_up', 'handover']),
    );
    expect(d.allowedActions).toContain('convert');
    // The bureau hands it on again; every move is kept.
    const again = await bureau.post(`/api/leads/${l.id}/handover`, {
      toUserId: donge.user.id,
      reason: '市局统筹',
      version: d.version,
    });
    expect(
      again.json.lead.transfers.map((x: { kind: string; toUnitName: string }) => `${x.kind}:${x.toUnitName}`),
    ).toEqual(['handover:东阿县', 'handover:临清市']);
    const audit = await auditOf('lead', l.id);
    expect(audit.filter((e) => e.action === 'lead.handover').length).toBe(2);
    expect(audit.find((e) => e.actorName === 'dongchangfu' && e.action === 'lead.handover')!.changes).toMatchObject({
      ownerUnitId: [dongchangfu.user.unitId, linqing.user.unitId],
      ownerUserId: [dongchangfu.user.id, linqing.user.id],
    });
  });
});

describe('conversion into a project', () => {
  it("creates a project in negotiation carrying the lead's data, in one transaction", async () => {
    const clusters = (await bureau.get('/api/clusters')).json.items as { id: number; code: string }[];
    const nm = clusters.find((c) => c.code === 'NM')!.id;
    const l = await newLead(team, {
      title: '转化测试线索',
      industryCode: 'C3073',
      clusterId: nm,
      intendedAmount: '56000',
      content: '先进陶瓷',
    });
    const stale = await team.post(`/api/leads/${l.id}/convert`, { version: l.version + 5 });
    expect(stale.status).toBe(409);
    expect((await t.database.db.select().from(projects).where(eq(projects.leadId, l.id))).length).toBe(0);

    const r = await team.post(`/api/leads/${l.id}/convert`, { name: '先进陶瓷中试项目', version: l.version });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({ status: 'converted', version: l.version + 1 });
    const [p] = await t.database.db.select().from(projects).where(eq(projects.leadId, l.id));
    expect(r.json.projectId).toBe(p.id);
    expect(p).toMatchObject({
      name: '先进陶瓷中试项目',
      stage: 'negotiating',
      ownerUnitId: l.ownerUnitId,
      teamId: l.teamId,
      clusterId: nm,
      industryCode: 'C3073',
      totalInvestment: '56000.00',
      content: '先进陶瓷',
      investorName: '测试目标企业有限公司',
      createdBy: team.user.id,
    });
    expect(p.searchGrams).toContain('陶瓷');
    // Converted: no second project, no more changes.
    expect((await team.post(`/api/leads/${l.id}/convert`, { version: r.json.version })).status).toBe(409);
    expect((await team.post(`/api/leads/${l.id}/drop`, { reason: 'x', version: r.json.version })).status).toBe(409);
    expect((await t.database.db.select().from(projects).where(eq(projects.leadId, l.id))).length).toBe(1);
    expect((await auditOf('lead', l.id)).map((e) => e.action)).toEqual(['lead.convert', 'lead.create']);
    const pa = await auditOf('project', p.id);
    expect(pa.map((e) => e.action)).toEqual(['project.create']);
    expect(pa[0].changes).toMatchObject({ stage: [null, 'negotiating'], totalInvestment: [null, '56000.00'] });
  });

  it('refuses a conversion that looks like an existing project unless confirmed', async () => {
    const first = await newLead(donge, {
      title: '重复检测甲',
      enterpriseName: '重复投资方有限公司',
      intendedAmount: '10000',
    });
    expect((await donge.post(`/api/leads/${first.id}/convert`, { version: first.version })).status).toBe(200);
    const second = await newLead(donge, {
      title: '重复检测乙',
      enterpriseName: '重复投资方有限公司',
      intendedAmount: '10500',
    });
    const r = await donge.post(`/api/leads/${second.id}/convert`, { version: second.version });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('DUPLICATE');
    expect(r.json.candidates.map((c: { name: string }) => c.name)).toContain('重复检测甲');
    expect((await donge.get(`/api/leads/${second.id}`)).json.status).toBe('following');
    const probe = await donge.get(`/api/leads/${second.id}/project-duplicates`);
    expect(probe.json.candidates.map((c: { name: string }) => c.name)).toContain('重复检测甲');
    expect((await dongchangfu.get(`/api/leads/${second.id}/project-duplicates`)).status).toBe(404);
    const ok = await donge.post(`/api/leads/${second.id}/convert`, {
      version: second.version,
      confirmDuplicates: true,
    });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json.status).toBe('converted');
  });

  it('drops a lead with a reason', async () => {
    const l = await newLead(linqing);
    const r = await linqing.post(`/api/leads/${l.id}/drop`, { reason: '企业已在外地落户', version: l.version });
    expect(r.json).toMatchObject({ status: 'dropped', dropReason: '企业已在外地落户', allowedActions: [] });
    expect(
      (await linqing.get('/api/leads?status=dropped&pageSize=200')).json.items.map((i: { id: number }) => i.id),
    ).toContain(l.id);
  });
});

describe('data scope', () => {
  it("refuses another county's lead on every endpoint as if it did not exist, and changes nothing", async () => {
    const l = await newLead(linqing, { title: '临清专属线索' });
    const v = { version: l.version };
    const calls = [
      dongchangfu.get(`/api/leads/${l.id}`),
      dongchangfu.patch(`/api/leads/${l.id}`, { title: '改', ...v }),
      dongchangfu.post(`/api/leads/${l.id}/follow-ups`, { content: '越权跟进' }),
      dongchangfu.post(`/api/leads/${l.id}/convert`, v),
      dongchangfu.post(`/api/leads/${l.id}/handover`, { toUserId: dongchangfu.user.id, reason: '越权', ...v }),
      dongchangfu.post(`/api/leads/${l.id}/release`, { reason: '越权', ...v }),
      dongchangfu.post(`/api/leads/${l.id}/drop`, { reason: '越权', ...v }),
      dongchangfu.post(`/api/leads/${l.id}/claim`, v),
    ];
    for (const r of await Promise.all(calls)) {
      expect(r.status).toBe(404);
      expect(r.json.code).toBe('NOT_FOUND');
    }
    const still = (await linqing.get(`/api/leads/${l.id}`)).json;
    expect(still).toMatchObject({
      title: '临清专属线索',
      version: l.version,
      status: 'following',
      followUps: [],
      transfers: [],
    });
    expect(
      (await dongchangfu.get('/api/leads?pageSize=200')).json.items.map((i: { id: number }) => i.id),
    ).not.toContain(l.id);
  });

  it('gives a county its own leads and the pool; the bureau and leader the whole city', async () => {
    const dcf = (await dongchangfu.get('/api/leads?pageSize=200')).json.items as {
      status: string;
      ownerUnitName: string | null;
    }[];
    expect(dcf.every((l) => l.status === 'pool' || l.ownerUnitName === '东昌府区')).toBe(true);
    const de = (await donge.get('/api/leads?pageSize=200')).json.items as {
      status: string;
      ownerUnitName: string | null;
    }[];
    expect(de.some((l) => l.ownerUnitName === '东阿生物医药产业园')).toBe(true); // parks below the county
    const byUnit = (await dongchangfu.get(`/api/leads?ownerUnitId=${linqing.user.unitId}`)).json;
    expect(byUnit.total).toBe(0);
    const all = (await bureau.get('/api/leads?pageSize=200')).json.total;
    expect((await leader.get('/api/leads?pageSize=200')).json.total).toBe(all);
    expect(all).toBeGreaterThan(dcf.length);
  });
});

describe('lists', () => {
  it('filters by channel, cluster and status, sorts, and counts in a window', async () => {
    const r = await bureau.get('/api/leads?sourceChannel=fund&pageSize=200');
    expect(r.json.items.length).toBeGreaterThan(0);
    expect(r.json.items.every((l: { sourceChannel: string }) => l.sourceChannel === 'fund')).toBe(true);
    const sorted = (await bureau.get('/api/leads?sort=intendedAmount&order=desc&status=following&pageSize=200')).json
      .items as { intendedAmount: string | null; status: string }[];
    const amounts = sorted
      .map((l) => l.intendedAmount)
      .filter((a): a is string => a != null)
      .map(Number);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(sorted.every((l) => l.status === 'following')).toBe(true);
    const small = (await bureau.get('/api/leads?pageSize=1')).json;
    expect(small.items.length).toBe(1);
    expect(small.totalIsExact).toBe(false);
    expect(small.total).toBe(11); // one page shown plus ten pages ahead, plus one to know there are more
    const bad = await bureau.get('/api/leads?status=lost');
    expect(bad.status).toBe(400);
  });
});

describe('audit', () => {
  it('writes an event for each change, by the acting user', async () => {
    const l = await newLead(bureau, { toPool: true });
    await dongchangfu.post(`/api/leads/${l.id}/claim`, { version: 1 });
    await dongchangfu.patch(`/api/leads/${l.id}`, { intendedAmount: '300', version: 2 });
    await dongchangfu.post(`/api/leads/${l.id}/follow-ups`, { content: '跟进' });
    await dongchangfu.post(`/api/leads/${l.id}/release`, { reason: '退回', version: 3 });
    const ev = await auditOf('lead', l.id);
    expect(ev.map((e) => e.action)).toEqual([
      'lead.release',
      'lead.follow_up',
      'lead.update',
      'lead.claim',
      'lead.create',
    ]);
    expect(ev[2].changes).toEqual({ intendedAmount: [null, '300.00'] });
    expect(ev[3].actorName).toBe('dongchangfu');
    expect(ev[4].actorName).toBe('bureau');
  });
});
