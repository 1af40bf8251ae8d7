// Saved list views (我的视图) for every list that offers them: per user and per list, never shared, entity checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let dongchangfu: Agent, linqing: Agent;
const names = (r: { json: { items: { name: string }[] } }) => r.json.items.map((x) => x.name);
const fieldsOf = (r: { json: { fields?: { field: string; code: string }[] } }) =>
  (r.json.fields ?? []).map((f) => f.field);

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [dongchangfu, linqing] = await Promise.all(['dongchangfu', 'linqing'].map((u) => login(t.app, u, DEMO_PASSWORD)));
});
afterAll(async () => {
  await t?.close();
});

describe('saved views', () => {
  it('keeps an enterprise view for its list and its owner only', async () => {
    const v = await dongchangfu.post('/api/saved-views', {
      entity: 'enterprises',
      name: '本区民营企业',
      filters: { ownership: 'private', tier: 'fortune500' },
    });
    expect(v.status, v.body).toBe(200);
    expect(v.json).toMatchObject({
      entity: 'enterprises',
      name: '本区民营企业',
      filters: { ownership: 'private', tier: 'fortune500' },
    });
    expect(names(await dongchangfu.get('/api/saved-views?entity=enterprises'))).toEqual(['本区民营企业']);
    expect(names(await dongchangfu.get('/api/saved-views?entity=projects'))).not.toContain('本区民营企业');
    expect(names(await dongchangfu.get('/api/saved-views?entity=leads'))).not.toContain('本区民营企业');
    expect((await linqing.get('/api/saved-views?entity=enterprises')).json.items).toEqual([]);
    expect((await linqing.delete(`/api/saved-views/${v.json.id}`)).status).toBe(404);
    expect(names(await dongchangfu.get('/api/saved-views?entity=enterprises'))).toEqual(['本区民营企业']);
    expect((await dongchangfu.delete(`/api/saved-views/${v.json.id}`)).status).toBe(200);
    expect((await dongchangfu.get('/api/saved-views?entity=enterprises')).json.items).toEqual([]);
  });

  it('keeps lead views apart from the other lists', async () => {
    const v = await linqing.post('/api/saved-views', { entity: 'leads', name: '久未跟进', filters: { stale: true } });
    expect(v.status, v.body).toBe(200);
    expect(names(await linqing.get('/api/saved-views?entity=leads'))).toEqual(['久未跟进']);
    expect((await linqing.get('/api/saved-views?entity=enterprises')).json.items).toEqual([]);
    expect((await dongchangfu.get('/api/saved-views?entity=leads')).json.items).toEqual([]);
  });

  it('refuses an unknown list, naming the field', async () => {
    const post = await dongchangfu.post('/api/saved-views', { entity: 'contracts', name: '未知', filters: {} });
    expect(post.status).toBe(400);
    expect(fieldsOf(post)).toContain('entity');
    const get = await dongchangfu.get('/api/saved-views?entity=contracts');
    expect(get.status).toBe(400);
    expect(fieldsOf(get)).toContain('entity');
  });
});
