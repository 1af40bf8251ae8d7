// The enterprise library through its API: validation, duplicate credit codes, data scope through every endpoint
// (including the one search box), masked phones and their audited reveal, optimistic locking, merge, search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { gramsOf, searchTextOf } from '../../core/search.js';
import { leads, projects } from '../../db/schema.js';
import { makeUSCC } from './uscc.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, leader: Agent, team: Agent, auditor: Agent;
const byName = new Map<string, { id: number; version: number; uscc: string | null; ownerUnitName: string }>();

const enc = encodeURIComponent;
const total = async (a: Agent) => (await a.get('/api/enterprises?pageSize=200')).json.total as number;
const fieldsOf = (r: { json: { fields?: { field: string }[] } }) => (r.json.fields ?? []).map((f) => f.field).sort();
const detail = async (a: Agent, name: string) => (await a.get(`/api/enterprises/${byName.get(name)!.id}`)).json;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, leader, team, auditor] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'leader', 'team_nm', 'auditadmin'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
  const all = await bureau.get('/api/enterprises?pageSize=200');
  expect(all.status).toBe(200);
  for (const e of all.json.items) byName.set(e.name, e);
});
afterAll(async () => {
  await t?.close();
});

describe('validation', () => {
  it('names each bad field and writes nothing', async () => {
    const before = await total(bureau);
    const r = await dongchangfu.post('/api/enterprises', {
      name: '校验测试有限公司',
      uscc: '91371502MA3C00000X',
      hqDivision: '371599',
      industryCode: 'A26',
      registeredCapital: '-5',
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(r)).toEqual(['hqDivision', 'industryCode', 'registeredCapital', 'uscc']);
    expect(await total(bureau)).toBe(before);
  });

  it('refuses each bad value on its own', async () => {
    const before = await total(bureau);
    const cases: [Record<string, unknown>, string][] = [
      [{ uscc: '913715021234567890' }, 'uscc'],
      [{ hqDivision: '999999' }, 'hqDivision'],
      [{ hqDivision: 'abc' }, 'hqDivision'],
      [{ industryCode: 'C99' }, 'industryCode'],
      [{ registeredCapital: '-0.01' }, 'registeredCapital'],
      [{ registeredCapital: '10000000000' }, 'registeredCapital'],
      [{ registeredCapital: '12.345' }, 'registeredCapital'],
      [{ registeredCapital: '一万' }, 'registeredCapital'],
      [{ clusterId: 99999 }, 'clusterId'],
      [{ hqDivision: '320505', hqCountry: '德国' }, 'hqCountry'],
      [{ contacts: [{ name: '甲', phone: '12345' }] }, 'contacts.0.phone'],
      [{ ownership: 'state' }, 'ownership'],
      [{ tiers: ['fortune500', 'top10'] }, 'tiers.1'],
    ];
    for (const [body, field] of cases) {
      const r = await dongchangfu.post('/api/enterprises', { name: '校验测试有限公司', ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(r), JSON.stringify(body)).toContain(field);
    }
    const noName = await dongchangfu.post('/api/enterprises', { name: '   ' });
    expect(noName.status).toBe(400);
    expect(noName.json.fields[0]).toMatchObject({ field: 'name', code: 'required' });
    expect(await total(bureau)).toBe(before);
  });

  it('normalizes what it keeps and derives the region', async () => {
    const code = makeUSCC('320505', 9001);
    const r = await dongchangfu.post('/api/enterprises', {
      name: '苏州测试归一新材料有限公司',
      uscc: ` ${code.toLowerCase()} `,
      hqDivision: '320505',
      industryCode: 'c2651',
      registeredCapital: '1250',
      tiers: ['listed'],
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      uscc: code,
      industryCode: 'C2651',
      registeredCapital: '1250.00',
      hqRegion: 'yrd',
      tiers: ['listed'],
      version: 1,
    });
    expect(r.json.hqDivisionName).toBe('江苏省 苏州市 虎丘区');
    const abroad = await dongchangfu.post('/api/enterprises', { name: '境外测试材料有限公司', hqCountry: '德国' });
    expect(abroad.json.hqRegion).toBe('abroad');
    const moved = await dongchangfu.patch(`/api/enterprises/${abroad.json.id}`, {
      hqCountry: null,
      hqDivision: '440305',
      version: abroad.json.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.json.hqRegion).toBe('prd');
  });
});

describe('duplicate credit codes', () => {
  it('refuses a code a live record holds, naming the record only to those who may see it', async () => {
    const existing = byName.get('聊城市瑞驰新材料科技有限公司')!;
    const before = await total(bureau);
    const mine = await dongchangfu.post('/api/enterprises', {
      name: '重复代码测试有限公司',
      uscc: existing.uscc!.toLowerCase(),
    });
    expect(mine.status).toBe(400);
    expect(mine.json.fields[0]).toMatchObject({ field: 'uscc', code: 'taken' });
    expect(mine.json.fields[0].message).toContain('聊城市瑞驰新材料科技有限公司');
    expect(mine.json.fields[0].message).toContain(String(existing.id));
    const other = await linqing.post('/api/enterprises', { name: '重复代码测试有限公司', uscc: existing.uscc });
    expect(other.status).toBe(400);
    expect(other.json.fields[0]).toMatchObject({ field: 'uscc', code: 'taken' });
    expect(other.json.fields[0].message).not.toContain('瑞驰');
    expect(other.json.fields[0].message).not.toContain(String(existing.id));
    expect(await total(bureau)).toBe(before);
  });

  it('refuses a change to a taken code', async () => {
    const a = byName.get('聊城东岳精工机械有限公司')!;
    const r = await dongchangfu.patch(`/api/enterprises/${a.id}`, {
      uscc: byName.get('聊城市瑞驰新材料科技有限公司')!.uscc,
      version: a.version,
    });
    expect(r.status).toBe(400);
    expect(r.json.fields[0]).toMatchObject({ field: 'uscc', code: 'taken' });
    expect((await dongchangfu.get(`/api/enterprises/${a.id}`)).json.version).toBe(a.version);
  });

  it('lists records with the same 字号 before saving', async () => {
    const r = await dongchangfu.get(`/api/enterprises/similar?name=${enc('山东聊城瑞驰新材料科技股份有限公司')}`);
    expect(r.status).toBe(200);
    expect(r.json.tradeName).toBe('瑞驰');
    expect(r.json.items.map((i: { name: string }) => i.name).sort()).toEqual(
      ['山东瑞驰新材料有限公司', '聊城市瑞驰新材料科技有限公司'].sort(),
    );
    // Words after the 字号 that are not known industry words: its first two characters still find the records.
    const unknownWords = await dongchangfu.get(`/api/enterprises/similar?name=${enc('山东瑞驰鑫盛有限公司')}`);
    expect(unknownWords.json.items.map((i: { name: string }) => i.name)).toContain('聊城市瑞驰新材料科技有限公司');
    const byCode = await dongchangfu.get(
      `/api/enterprises/similar?name=${enc('完全不同')}&uscc=${byName.get('聊城市瑞驰新材料科技有限公司')!.uscc}`,
    );
    expect(byCode.json.items[0]).toMatchObject({ name: '聊城市瑞驰新材料科技有限公司', sameUscc: true });
  });
});

describe('data scope through every endpoint', () => {
  const otherName = '临清市晟轮轴承有限公司'; // 临清市
  it('lets a county user see only its own records', async () => {
    const r = await dongchangfu.get('/api/enterprises?pageSize=200');
    expect(r.json.items.every((e: { ownerUnitName: string }) => e.ownerUnitName === '东昌府区')).toBe(true);
    expect(r.json.items.map((e: { name: string }) => e.name)).toContain('聊城东岳精工机械有限公司');
    const lq = await linqing.get('/api/enterprises?pageSize=200');
    expect(lq.json.items.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining([otherName, '临清市泓轴精密机械有限公司']),
    ); // with its park
    expect(await total(leader)).toBe(await total(bureau));
    const tm = await team.get('/api/enterprises?pageSize=200');
    expect(tm.json.items.map((e: { name: string }) => e.name).sort()).toEqual(
      ['北京中科衡远新材料科技有限公司', '苏州恒创新材料科技有限公司', '聊城芯瀚半导体材料有限公司'].sort(),
    );
  });

  it("answers 404 for another county's record on read, update, delete, merge, contacts, notes and reveal", async () => {
    const other = byName.get(otherName)!;
    const d = (await linqing.get(`/api/enterprises/${other.id}`)).json;
    const cid = d.contacts[0].id;
    const mine = byName.get('聊城东岳精工机械有限公司')!;
    const calls = [
      dongchangfu.get(`/api/enterprises/${other.id}`),
      dongchangfu.patch(`/api/enterprises/${other.id}`, { notes: '越权', version: other.version }),
      dongchangfu.delete(`/api/enterprises/${other.id}`, { version: other.version }),
      dongchangfu.post(`/api/enterprises/${other.id}/merge`, { intoId: mine.id, version: other.version }),
      dongchangfu.post(`/api/enterprises/${other.id}/contacts`, { name: '越权', version: other.version }),
      dongchangfu.patch(`/api/enterprises/${other.id}/contacts/${cid}`, { title: '越权', version: other.version }),
      dongchangfu.delete(`/api/enterprises/${other.id}/contacts/${cid}`, { version: other.version }),
      dongchangfu.post(`/api/enterprises/${other.id}/contacts/${cid}/reveal-phone`),
      dongchangfu.post(`/api/enterprises/${other.id}/notes`, { text: '越权' }),
    ];
    for (const r of await Promise.all(calls)) expect(r.status, r.body).toBe(404);
    // A contact of another enterprise cannot be reached through one's own either.
    expect((await dongchangfu.post(`/api/enterprises/${mine.id}/contacts/${cid}/reveal-phone`)).status).toBe(404);
    // Merging one's own record into another county's is refused, and nothing moves.
    const into = await dongchangfu.post(`/api/enterprises/${mine.id}/merge`, {
      intoId: other.id,
      version: mine.version,
    });
    expect(into.status).toBe(400);
    expect(into.json.fields[0]).toMatchObject({ field: 'intoId', code: 'not_found' });
    const after = (await linqing.get(`/api/enterprises/${other.id}`)).json;
    expect(after.version).toBe(d.version);
    expect(after.contacts).toEqual(d.contacts);
    expect((await dongchangfu.get(`/api/enterprises/${mine.id}`)).json.mergedIntoId).toBe(null);
  });

  it('does not leak through the list, the search box or the duplicate check', async () => {
    expect((await dongchangfu.get(`/api/enterprises?q=${enc('晟轮')}`)).json.total).toBe(0);
    expect((await linqing.get(`/api/enterprises?q=${enc('晟轮')}`)).json.total).toBe(1);
    const s = await dongchangfu.get(`/api/search?q=${enc('晟轮')}`);
    expect(s.status).toBe(200);
    expect(s.json.enterprises).toEqual([]);
    expect((await dongchangfu.get(`/api/search?q=${byName.get(otherName)!.uscc}`)).json.enterprises).toEqual([]);
    expect(
      (await linqing.get(`/api/search?q=${enc('晟轮')}`)).json.enterprises.map((e: { name: string }) => e.name),
    ).toEqual([otherName]);
    const sim = await dongchangfu.get(
      `/api/enterprises/similar?name=${enc(otherName)}&uscc=${byName.get(otherName)!.uscc}`,
    );
    expect(sim.json.items).toEqual([]);
    expect(sim.json.othersCount).toBe(1);
  });

  it("files a new record under the caller's unit; only the bureau chooses another", async () => {
    const r = await dongchangfu.post('/api/enterprises', {
      name: '归属测试甲有限公司',
      ownerUnitId: linqing.user.unitId,
      createdBy: 1,
      version: 9,
      hqRegion: 'abroad',
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ownerUnitId: dongchangfu.user.unitId, version: 1, hqRegion: null });
    expect((await linqing.get(`/api/enterprises/${r.json.id}`)).status).toBe(404);
    const b = await bureau.post('/api/enterprises', { name: '归属测试乙有限公司', ownerUnitId: linqing.user.unitId });
    expect(b.json.ownerUnitId).toBe(linqing.user.unitId);
    expect((await linqing.get(`/api/enterprises/${b.json.id}`)).status).toBe(200);
    const bad = await bureau.post('/api/enterprises', { name: '归属测试丙有限公司', ownerUnitId: 99999 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['ownerUnitId']);
    const tm = await team.post('/api/enterprises', { name: '团组测试新材料有限公司' });
    expect(tm.json.teamName).toBe('新材料产业招商团组');
    expect((await team.get(`/api/enterprises/${tm.json.id}`)).status).toBe(200);
  });

  it('keeps administrators and read-only roles out of writes', async () => {
    const sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    expect((await sys.get('/api/enterprises')).status).toBe(403);
    expect((await sys.get(`/api/search?q=${enc('瑞驰')}`)).status).toBe(403);
    expect((await leader.post('/api/enterprises', { name: '不该写入有限公司' })).status).toBe(403);
  });
});

describe('phone numbers', () => {
  it('are masked for the city leader and revealed with an audit event', async () => {
    const e = byName.get('苏州恒创新材料科技有限公司')!;
    const d = await leader.get(`/api/enterprises/${e.id}`);
    const c = d.json.contacts.find((x: { name: string }) => x.name === '程立轩');
    expect(c).toMatchObject({ phone: '139****3001', phoneMasked: true });
    expect(d.body).not.toContain('13900023001');
    const staff = (await bureau.get(`/api/enterprises/${e.id}`)).json.contacts.find(
      (x: { name: string }) => x.name === '程立轩',
    );
    expect(staff).toMatchObject({ phone: '13900023001', phoneMasked: false });
    const r = await leader.post(`/api/enterprises/${e.id}/contacts/${c.id}/reveal-phone`);
    expect(r.status).toBe(200);
    expect(r.json.phone).toBe('13900023001');
    const ev = (await auditor.get(`/api/audit?targetType=enterprise&targetId=${e.id}`)).json.items;
    expect(ev[0]).toMatchObject({ action: 'enterprise.phone_reveal', actorName: 'leader' });
    expect(ev[0].targetLabel).toContain('程立轩');
  });
});

describe('editing', () => {
  it('refuses a stale version and keeps the first save', async () => {
    const c = (await dongchangfu.post('/api/enterprises', { name: '并发测试有限公司', notes: '原' })).json;
    const first = await dongchangfu.patch(`/api/enterprises/${c.id}`, {
      notes: '第一次',
      registeredCapital: '800',
      version: c.version,
    });
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(c.version + 1);
    const second = await dongchangfu.patch(`/api/enterprises/${c.id}`, { notes: '第二次', version: c.version });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('VERSION_CONFLICT');
    const staleContact = await dongchangfu.post(`/api/enterprises/${c.id}/contacts`, {
      name: '迟到',
      version: c.version,
    });
    expect(staleContact.status).toBe(409);
    const now = (await dongchangfu.get(`/api/enterprises/${c.id}`)).json;
    expect(now).toMatchObject({ notes: '第一次', registeredCapital: '800.00', version: c.version + 1, contacts: [] });
    expect(now.timeline.map((x: { kind: string }) => x.kind)).toEqual(['updated', 'created']);
    expect(now.timeline[0].data.fields.sort()).toEqual(['notes', 'registeredCapital']);
    const stale = await dongchangfu.delete(`/api/enterprises/${c.id}`, { version: c.version });
    expect(stale.status).toBe(409);
    expect((await dongchangfu.delete(`/api/enterprises/${c.id}`, { version: now.version })).status).toBe(200);
    expect((await dongchangfu.get(`/api/enterprises/${c.id}`)).status).toBe(404);
    const ev = (await auditor.get(`/api/audit?targetType=enterprise&targetId=${c.id}`)).json.items;
    expect(ev.map((x: { action: string }) => x.action)).toEqual([
      'enterprise.delete',
      'enterprise.update',
      'enterprise.create',
    ]);
    expect(ev[1].changes).toEqual({ notes: ['原', '第一次'], registeredCapital: [null, '800.00'] });
  });

  it('keeps contacts, their search text and the timeline together', async () => {
    const c = (
      await dongchangfu.post('/api/enterprises', {
        name: '联系人测试有限公司',
        contacts: [{ name: '甄子丹青', phone: '13912345678' }],
      })
    ).json;
    expect(c.contacts).toHaveLength(1);
    expect(
      (await dongchangfu.get(`/api/search?q=${enc('子丹')}`)).json.enterprises.map((e: { id: number }) => e.id),
    ).toContain(c.id);
    const added = await dongchangfu.post(`/api/enterprises/${c.id}/contacts`, {
      name: '慕容秋水',
      title: '财务总监',
      version: c.version,
    });
    expect(added.status).toBe(200);
    expect(added.json.version).toBe(c.version + 1);
    expect(added.json.timeline[0]).toMatchObject({ kind: 'contact_added', userName: '韩立明' });
    const qs = added.json.contacts.find((x: { name: string }) => x.name === '慕容秋水');
    const removed = await dongchangfu.delete(`/api/enterprises/${c.id}/contacts/${qs.id}`, {
      version: added.json.version,
    });
    expect(removed.status).toBe(200);
    expect((await dongchangfu.get(`/api/search?q=${enc('秋水')}`)).json.enterprises).toEqual([]);
  });

  it('refuses to delete a record that leads or projects refer to', async () => {
    const c = (await dongchangfu.post('/api/enterprises', { name: '引用测试有限公司' })).json;
    await t.database.db.insert(projects).values({
      name: '引用测试项目',
      enterpriseId: c.id,
      ownerUnitId: dongchangfu.user.unitId,
      createdBy: dongchangfu.user.id,
    });
    const r = await dongchangfu.delete(`/api/enterprises/${c.id}`, { version: c.version });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('ENTERPRISE_IN_USE');
    expect((await dongchangfu.get(`/api/enterprises/${c.id}`)).json.references).toEqual({ leads: 0, projects: 1 });
  });
});

describe('merge', () => {
  it('moves contacts, leads and projects, keeps the history of both, and audits it in one step', async () => {
    const keep = await detail(dongchangfu, '聊城市瑞驰新材料科技有限公司');
    const dup = await detail(dongchangfu, '山东瑞驰新材料有限公司');
    const { db } = t.database;
    const [lead] = await db
      .insert(leads)
      .values({
        title: '瑞驰二期扩建',
        enterpriseId: dup.id,
        sourceChannel: 'visit',
        ownerUnitId: dongchangfu.user.unitId,
        createdBy: dongchangfu.user.id,
      })
      .returning({ id: leads.id, version: leads.version });
    const [project] = await db
      .insert(projects)
      .values({
        name: '瑞驰高性能树脂项目',
        enterpriseId: dup.id,
        ownerUnitId: dongchangfu.user.unitId,
        createdBy: dongchangfu.user.id,
      })
      .returning({ id: projects.id });

    const stale = await dongchangfu.post(`/api/enterprises/${dup.id}/merge`, {
      intoId: keep.id,
      version: dup.version + 1,
    });
    expect(stale.status).toBe(409);
    const self = await dongchangfu.post(`/api/enterprises/${dup.id}/merge`, { intoId: dup.id, version: dup.version });
    expect(self.status).toBe(400);

    const r = await dongchangfu.post(`/api/enterprises/${dup.id}/merge`, { intoId: keep.id, version: dup.version });
    expect(r.status, r.body).toBe(200);
    expect(r.json.moved).toEqual({
      contacts: 1,
      leads: dup.references.leads + 1,
      projects: dup.references.projects + 1,
    });
    expect(r.json.id).toBe(keep.id);
    expect(r.json.contacts).toHaveLength(keep.contacts.length + 1);
    expect(r.json.contacts.filter((c: { isPrimary: boolean }) => c.isPrimary)).toHaveLength(1);
    expect(r.json.references).toEqual({
      leads: keep.references.leads + dup.references.leads + 1,
      projects: keep.references.projects + dup.references.projects + 1,
    });
    expect(r.json.version).toBe(keep.version + 1);
    // The kept record's timeline shows the merge and the merged record's own history.
    const kinds = r.json.timeline.map(
      (x: { kind: string; entityId: number }) => `${x.entityId === keep.id ? 'keep' : 'dup'}:${x.kind}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['keep:merged_from', 'keep:created', 'dup:merged_into', 'dup:created']),
    );

    const [l] = await db
      .select({ enterpriseId: leads.enterpriseId, version: leads.version })
      .from(leads)
      .where((await import('drizzle-orm')).eq(leads.id, lead.id));
    expect(l).toEqual({ enterpriseId: keep.id, version: lead.version + 1 });
    const [p] = await db
      .select({ enterpriseId: projects.enterpriseId })
      .from(projects)
      .where((await import('drizzle-orm')).eq(projects.id, project.id));
    expect(p.enterpriseId).toBe(keep.id);

    // The merged record stays readable, says where it went, and can no longer change or be listed.
    const gone = await dongchangfu.get(`/api/enterprises/${dup.id}`);
    expect(gone.status).toBe(200);
    expect(gone.json).toMatchObject({
      mergedIntoId: keep.id,
      mergedIntoName: '聊城市瑞驰新材料科技有限公司',
      contacts: [],
    });
    expect(gone.json.timeline.map((x: { kind: string }) => x.kind)).toEqual(['merged_into', 'created']);
    const edit = await dongchangfu.patch(`/api/enterprises/${dup.id}`, { notes: '改', version: gone.json.version });
    expect(edit.status).toBe(409);
    expect(edit.json.code).toBe('ENTERPRISE_MERGED');
    const list = await dongchangfu.get('/api/enterprises?pageSize=200');
    expect(list.json.items.map((e: { id: number }) => e.id)).not.toContain(dup.id);
    expect(
      (await dongchangfu.get(`/api/search?q=${enc('瑞驰')}`)).json.enterprises.map((e: { id: number }) => e.id),
    ).toEqual([keep.id]);

    const ev = (await auditor.get(`/api/audit?targetType=enterprise&targetId=${dup.id}`)).json.items;
    expect(ev[0]).toMatchObject({ action: 'enterprise.merge', actorName: 'dongchangfu' });
    expect(ev[0].changes.mergedIntoId).toEqual([null, keep.id]);
  });
});

describe('the one search box', () => {
  it('finds an enterprise by two characters of its 字号 and by its credit code', async () => {
    const e = byName.get('苏州恒创新材料科技有限公司')!;
    const r = await bureau.get(`/api/search?q=${enc('恒创')}`);
    expect(r.status).toBe(200);
    expect(r.json.enterprises.map((x: { name: string }) => x.name)).toEqual(['苏州恒创新材料科技有限公司']);
    expect(r.json.enterprises[0].subtitle).toContain(e.uscc);
    const byCode = await bureau.get(`/api/search?q=${e.uscc!.toLowerCase()}`);
    expect(byCode.json.enterprises.map((x: { id: number }) => x.id)).toEqual([e.id]);
    expect((await team.get(`/api/search?q=${enc('恒创')}`)).json.enterprises).toHaveLength(1);
    expect((await dongchangfu.get(`/api/search?q=${enc('恒创')}`)).json.enterprises).toEqual([]);
  });

  it("groups leads and projects, each within the caller's scope; pool leads are open to all", async () => {
    const { db } = t.database;
    const lead = (title: string, ownerUnitId: number | null, status = 'following') => ({
      title,
      status,
      ownerUnitId,
      sourceChannel: 'event',
      createdBy: bureau.user.id,
      searchText: searchTextOf(title),
      searchGrams: gramsOf(title),
    });
    await db
      .insert(leads)
      .values([
        lead('搜索框公海线索', null, 'pool'),
        lead('搜索框临清线索', linqing.user.unitId),
        lead('搜索框东昌府线索', dongchangfu.user.unitId),
      ]);
    await db.insert(projects).values([
      {
        name: '搜索框临清项目',
        ownerUnitId: linqing.user.unitId,
        createdBy: bureau.user.id,
        searchText: searchTextOf('搜索框临清项目'),
        searchGrams: gramsOf('搜索框临清项目'),
      },
    ]);
    const d = (await dongchangfu.get(`/api/search?q=${enc('搜索框')}`)).json;
    expect(d.leads.map((x: { name: string }) => x.name).sort()).toEqual(['搜索框东昌府线索', '搜索框公海线索'].sort());
    expect(d.projects).toEqual([]);
    const l = (await linqing.get(`/api/search?q=${enc('搜索框')}`)).json;
    expect(l.leads.map((x: { name: string }) => x.name).sort()).toEqual(['搜索框临清线索', '搜索框公海线索'].sort());
    expect(l.projects.map((x: { name: string }) => x.name)).toEqual(['搜索框临清项目']);
    expect((await bureau.get(`/api/search?q=${enc('搜索框')}`)).json.leads).toHaveLength(3);
  });
});

describe('lists', () => {
  it('filters and sorts', async () => {
    const yrd = (await bureau.get('/api/enterprises?hqRegion=yrd&pageSize=200')).json.items;
    expect(yrd.length).toBeGreaterThan(3);
    expect(yrd.every((e: { hqRegion: string }) => e.hqRegion === 'yrd')).toBe(true);
    const f500 = (await bureau.get('/api/enterprises?tier=unicorn&pageSize=200')).json.items;
    expect(f500.every((e: { tiers: string[] }) => e.tiers.includes('unicorn'))).toBe(true);
    expect(f500.length).toBeGreaterThan(0);
    const manu = (await bureau.get('/api/enterprises?industry=C34&pageSize=200')).json.items;
    expect(manu.every((e: { industryCode: string }) => e.industryCode.startsWith('C34'))).toBe(true);
    const sorted = (await bureau.get('/api/enterprises?sort=registeredCapital&order=desc&pageSize=5')).json.items;
    const caps = sorted.map((e: { registeredCapital: string }) => Number(e.registeredCapital));
    expect(caps).toEqual([...caps].sort((a, b) => b - a));
    expect(sorted[0].name).toBe('中能华控集团有限公司');
    const de = (
      await bureau.get(
        `/api/enterprises?ownerUnitId=${(await login(t.app, 'donge', DEMO_PASSWORD)).user.unitId}&pageSize=200`,
      )
    ).json.items;
    expect(de.map((e: { ownerUnitName: string }) => e.ownerUnitName)).toEqual(
      expect.arrayContaining(['东阿县', '东阿生物医药产业园']),
    );
    expect((await bureau.get('/api/enterprises?industry=XYZ')).status).toBe(400);
  });

  it('counts a long list only ten pages ahead', async () => {
    const all = await bureau.get('/api/enterprises?pageSize=200');
    expect(all.json.totalIsExact).toBe(true);
    const n = all.json.total;
    expect(n).toBeGreaterThan(20);
    const first = await bureau.get('/api/enterprises?pageSize=1');
    expect(first.json).toMatchObject({ total: 11, totalIsExact: false });
    expect(first.json.items).toHaveLength(1);
    const near = await bureau.get(`/api/enterprises?pageSize=1&page=${n - 5}`);
    expect(near.json).toMatchObject({ total: n, totalIsExact: true });
  });
});

describe('reference data', () => {
  it('finds divisions by name or code, and lists industries and regions', async () => {
    const d = await dongchangfu.get(`/api/reference/divisions?q=${enc('东昌府')}`);
    expect(d.status).toBe(200);
    expect(d.json.items[0]).toMatchObject({ code: '371502', fullName: '山东省 聊城市 东昌府区' });
    expect(
      (await dongchangfu.get('/api/reference/divisions?q=3715')).json.items.map((x: { code: string }) => x.code),
    ).toContain('371581');
    const i = await dongchangfu.get('/api/reference/industries');
    expect(i.json.items.find((x: { code: string }) => x.code === 'C26').name).toBe('化学原料和化学制品制造业');
    const r = await dongchangfu.get('/api/reference/regions');
    expect(r.json.items.map((x: { code: string }) => x.code)).toEqual(
      expect.arrayContaining(['jjj', 'yrd', 'prd', 'abroad']),
    );
  });
});
