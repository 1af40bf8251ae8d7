// Data scope through every contacts endpoint: a county user can neither see nor change another county's records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, donge: Agent, team: Agent, leader: Agent;
const byOrg = new Map<string, { id: number; version: number; ownerUnitName: string }>();

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, donge, team, leader] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'donge', 'team_nm', 'leader'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
  const all = await bureau.get('/api/contacts?pageSize=200');
  for (const c of all.json.items) byOrg.set(c.name, c);
});
afterAll(async () => {
  await t?.close();
});

const names = (r: { json: { items: { name: string }[] } }) => r.json.items.map((i) => i.name).sort();

describe('data scope of contacts', () => {
  it('gives the bureau and the city leader the whole city', async () => {
    expect((await bureau.get('/api/contacts?pageSize=200')).json.total).toBe(10);
    expect((await leader.get('/api/contacts?pageSize=200')).json.total).toBe(10);
  });

  it('gives a county user only their county', async () => {
    const r = await dongchangfu.get('/api/contacts?pageSize=200');
    expect(r.json.items.every((c: { ownerUnitName: string }) => c.ownerUnitName === '东昌府区')).toBe(true);
    expect(names(r)).toEqual(['程子涵', '邱宏伟'].sort());
    expect(r.json.total).toBe(2);
  });

  it('includes the parks below a county', async () => {
    expect(names(await donge.get('/api/contacts'))).toEqual(['彭晓东', '雷佳怡'].sort());
  });

  it("gives a team member only their team's records", async () => {
    expect(names(await team.get('/api/contacts'))).toEqual(['范思远']);
  });

  it("refuses another county's record on read, update and delete as if it did not exist", async () => {
    const other = byOrg.get('欧阳静')!; // 临清市
    const read = await dongchangfu.get(`/api/contacts/${other.id}`);
    expect(read.status).toBe(404);
    const upd = await dongchangfu.patch(`/api/contacts/${other.id}`, { title: '改', version: other.version });
    expect(upd.status).toBe(404);
    const del = await dongchangfu.delete(`/api/contacts/${other.id}`, { version: other.version });
    expect(del.status).toBe(404);
    const still = await linqing.get(`/api/contacts/${other.id}`);
    expect(still.status).toBe(200);
    expect(still.json.title).toBe('副总经理');
  });

  it('does not leak through search', async () => {
    const r = await dongchangfu.get(`/api/contacts?q=${encodeURIComponent('轴承')}`);
    expect(r.json.total).toBe(0);
    const mine = await linqing.get(`/api/contacts?q=${encodeURIComponent('轴承')}`);
    expect(mine.json.total).toBe(1);
  });

  it("files a new record under the caller's unit whatever owner the request names", async () => {
    const dcfUnit = dongchangfu.user.unitId;
    const r = await dongchangfu.post('/api/contacts', {
      name: '新客商',
      ownerUnitId: linqing.user.unitId,
      createdBy: 1,
      version: 99,
    });
    expect(r.status).toBe(200);
    expect(r.json.ownerUnitId).toBe(dcfUnit);
    expect(r.json.version).toBe(1);
    expect((await linqing.get(`/api/contacts/${r.json.id}`)).status).toBe(404);
  });

  it('shows the city leader masked phone numbers, and staff the full number', async () => {
    const id = byOrg.get('程子涵')!.id;
    expect((await leader.get(`/api/contacts/${id}`)).json.phone).toBe('138****1001');
    expect((await dongchangfu.get(`/api/contacts/${id}`)).json.phone).toBe('13800001001');
  });

  it('lets the city leader read but not write', async () => {
    expect((await leader.post('/api/contacts', { name: '不该写入' })).status).toBe(403);
  });
});

describe('editing contacts', () => {
  it('refuses a stale version and keeps the first save', async () => {
    const c = (await dongchangfu.post('/api/contacts', { name: '并发测试', title: '原职务' })).json;
    const first = await dongchangfu.patch(`/api/contacts/${c.id}`, { title: '第一次', version: c.version });
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(c.version + 1);
    const second = await dongchangfu.patch(`/api/contacts/${c.id}`, { title: '第二次', version: c.version });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('VERSION_CONFLICT');
    expect((await dongchangfu.get(`/api/contacts/${c.id}`)).json.title).toBe('第一次');
  });

  it('names the bad field and writes nothing', async () => {
    const before = (await dongchangfu.get('/api/contacts?pageSize=200')).json.total;
    const r = await dongchangfu.post('/api/contacts', { name: '坏数据', phone: '12345', email: 'not-an-email' });
    expect(r.status).toBe(400);
    expect(r.json.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'phone']);
    const missing = await dongchangfu.post('/api/contacts', { title: '无名' });
    expect(missing.status).toBe(400);
    expect(missing.json.fields[0]).toMatchObject({ field: 'name', code: 'required' });
    expect((await dongchangfu.get('/api/contacts?pageSize=200')).json.total).toBe(before);
  });

  it('writes an audit event with the changed fields for create, update and delete', async () => {
    const c = (await dongchangfu.post('/api/contacts', { name: '审计测试', title: 'A' })).json;
    await dongchangfu.patch(`/api/contacts/${c.id}`, { title: 'B', version: 1 });
    expect((await dongchangfu.delete(`/api/contacts/${c.id}`, { version: 2 })).status).toBe(200);
    expect((await dongchangfu.get(`/api/contacts/${c.id}`)).status).toBe(404);
    const auditor = await login(t.app, 'auditadmin', DEMO_PASSWORD);
    const ev = (await auditor.get(`/api/audit?targetType=contact&targetId=${c.id}`)).json.items;
    expect(ev.map((e: { action: string }) => e.action)).toEqual(['contact.delete', 'contact.update', 'contact.create']);
    expect(ev[1].changes).toEqual({ title: ['A', 'B'] });
    expect(ev[1].actorName).toBe('dongchangfu');
    expect(ev[1].at).toMatch(/T.*(Z|[+-]\d\d:\d\d)$/);
  });
});
