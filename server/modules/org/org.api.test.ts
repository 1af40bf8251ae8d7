import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let sys: Agent;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('organisation', () => {
  it('holds the demo city: 8 counties and districts, 3 zones, 9 clusters, 9 teams with lead departments', async () => {
    const units = (await sys.get('/api/units')).json.items as { kind: string; divisionCode: string | null }[];
    expect(units.filter((u) => u.kind === 'county' || u.kind === 'district')).toHaveLength(8);
    expect(units.filter((u) => u.kind === 'zone')).toHaveLength(3);
    expect(units.filter((u) => u.kind === 'outpost').length).toBeGreaterThan(0);
    expect((await sys.get('/api/clusters')).json.items).toHaveLength(9);
    const teams = (await sys.get('/api/teams')).json.items;
    expect(teams).toHaveLength(9);
    expect(
      teams.every((tm: { leadUnitName: string | null; leaderName: string | null }) => tm.leadUnitName && tm.leaderName),
    ).toBe(true);
  });

  it('creates and moves units with field-level errors and no cycles', async () => {
    const units = (await sys.get('/api/units')).json.items;
    const lq = units.find((u: { code: string }) => u.code === 'LC-LQ');
    const bad = await sys.post('/api/units', {
      code: 'LC-LQ-P2',
      name: '临清新园区',
      kind: 'park',
      parentId: lq.id,
      divisionCode: '12',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields[0].field).toBe('divisionCode');
    const park = await sys.post('/api/units', { code: 'LC-LQ-P2', name: '临清新园区', kind: 'park', parentId: lq.id });
    expect(park.status).toBe(200);
    const dup = await sys.post('/api/units', { code: 'LC-LQ-P2', name: '重复', kind: 'park' });
    expect(dup.json.fields[0]).toMatchObject({ field: 'code', code: 'taken' });
    const cycle = await sys.patch(`/api/units/${lq.id}`, { parentId: park.json.id, version: lq.version });
    expect(cycle.status).toBe(400);
    expect(cycle.json.fields[0].field).toBe('parentId');
    const renamed = await sys.patch(`/api/units/${park.json.id}`, { name: '临清智能制造园', version: 1 });
    expect(renamed.json.name).toBe('临清智能制造园');
    expect((await sys.patch(`/api/units/${park.json.id}`, { name: '过期', version: 1 })).status).toBe(409);
  });

  it("widens a member's data scope when they join a team, and narrows it when they leave", async () => {
    const teams = (await sys.get('/api/teams')).json.items;
    const nm = teams.find((tm: { name: string }) => tm.name.startsWith('新材料'));
    const linqingId = (await sys.get('/api/users?q=linqing')).json.items[0].id;
    const before = nm.members.map((m: { userId: number }) => m.userId);
    expect((await sys.put(`/api/teams/${nm.id}/members`, { userIds: [...before, linqingId] })).status).toBe(200);
    const lq = await login(t.app, 'linqing', DEMO_PASSWORD);
    expect((await lq.get('/api/contacts')).json.items.map((c: { name: string }) => c.name)).toContain('范思远');
    await sys.put(`/api/teams/${nm.id}/members`, { userIds: before });
    const lq2 = await login(t.app, 'linqing', DEMO_PASSWORD);
    expect((await lq2.get('/api/contacts')).json.items.map((c: { name: string }) => c.name)).not.toContain('范思远');
    const admin = (await sys.get('/api/users?q=auditadmin')).json.items[0].id;
    expect((await sys.put(`/api/teams/${nm.id}/members`, { userIds: [admin] })).status).toBe(400);
  });
});
