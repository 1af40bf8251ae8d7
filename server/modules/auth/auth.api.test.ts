import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, login, startTestApp, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t?.close();
});

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe('login', () => {
  it('sets an HttpOnly, SameSite session cookie and a new session id every time', async () => {
    const a = agent(t.app);
    const r1 = await a.post('/api/auth/login', { username: 'bureau', password: DEMO_PASSWORD });
    expect(r1.status).toBe(200);
    const cookie = String(r1.headers['set-cookie']);
    expect(cookie).toMatch(/magnet_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const first = a.cookies.get('magnet_sid');
    await a.post('/api/auth/login', { username: 'bureau', password: DEMO_PASSWORD });
    expect(a.cookies.get('magnet_sid')).not.toBe(first);
    expect(r1.json.user.username).toBe('bureau');
    expect(r1.json.user.permissions).toContain('business.write');
  });

  it('answers the same for an unknown account and a wrong password', async () => {
    const a = agent(t.app);
    const unknown = await a.post('/api/auth/login', { username: 'nobody-here', password: 'Whatever#1' });
    const wrong = await a.post('/api/auth/login', { username: 'leader', password: 'Whatever#1' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(unknown.json.code).toBe('AUTH_FAILED');
    // reset the counter for later tests
    await login(t.app, 'leader', DEMO_PASSWORD);
  });

  it('locks the account after five wrong passwords; the sixth attempt fails even with the right password', async () => {
    const a = agent(t.app);
    for (let i = 0; i < 5; i++) {
      expect((await a.post('/api/auth/login', { username: 'linqing', password: `Wrong#pass${i}` })).status).toBe(401);
    }
    const sixth = await a.post('/api/auth/login', { username: 'linqing', password: DEMO_PASSWORD });
    expect(sixth.status).toBe(401);
    expect(sixth.json.code).toBe('AUTH_FAILED'); // says nothing about whether the account exists
    const [u] = await rows<{ locked_until: Date | null }>(
      sql`SELECT locked_until FROM users WHERE username = 'linqing'`,
    );
    expect(new Date(u.locked_until!).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const auditor = await login(t.app, 'auditadmin', DEMO_PASSWORD);
    const failures = await auditor.get(
      '/api/audit?action=auth.login&outcome=failure&targetId=' +
        (await rows<{ id: number }>(sql`SELECT id FROM users WHERE username='linqing'`))[0].id,
    );
    expect(failures.json.items.length).toBe(6);
    const lockouts = await auditor.get('/api/audit?action=auth.lockout');
    expect(lockouts.json.items.some((e: { targetLabel: string }) => e.targetLabel === 'linqing')).toBe(true);

    // the system administrator unlocks it; the unlock is audited
    const sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    const id = (await rows<{ id: number }>(sql`SELECT id FROM users WHERE username='linqing'`))[0].id;
    expect((await sys.post(`/api/users/${id}/unlock`)).status).toBe(200);
    expect((await a.post('/api/auth/login', { username: 'linqing', password: DEMO_PASSWORD })).status).toBe(200);
    const unlocks = await auditor.get('/api/audit?action=user.unlock');
    expect(unlocks.json.items[0].actorName).toBe('sysadmin');
  });
});

describe('sessions', () => {
  it('refuses a state-changing request without the CSRF token', async () => {
    const a = await login(t.app, 'bureau', DEMO_PASSWORD);
    const r = await a.post('/api/contacts', { name: '测试' }, { 'x-csrf-token': 'wrong' });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('CSRF_FAILED');
    const ok = await a.post('/api/contacts', { name: '测试联系人' });
    expect(ok.status).toBe(200);
  });

  it('ends a session at logout', async () => {
    const a = await login(t.app, 'leader', DEMO_PASSWORD);
    expect((await a.get('/api/auth/session')).status).toBe(200);
    const cookie = a.cookies.get('magnet_sid')!;
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    const replay = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `magnet_sid=${cookie}` },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('ends an idle session after the idle timeout and one past its absolute lifetime', async () => {
    const idle = await login(t.app, 'leader', DEMO_PASSWORD);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'
      WHERE user_id = (SELECT id FROM users WHERE username = 'leader')`);
    const r = await idle.get('/api/auth/session');
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('SESSION_EXPIRED');

    const old = await login(t.app, 'leader', DEMO_PASSWORD);
    await t.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second'
      WHERE user_id = (SELECT id FROM users WHERE username = 'leader')`);
    expect((await old.get('/api/auth/session')).status).toBe(401);
  });

  it('stores no session in process memory: a second app on the same database accepts the cookie', async () => {
    const a = await login(t.app, 'bureau', DEMO_PASSWORD);
    const { buildApp } = await import('../../app.js');
    const other = await buildApp(t.database, {
      cookieSecure: false,
      loginRateLimitPerMinute: 1000,
      logLevel: 'silent',
    });
    const r = await other.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `magnet_sid=${a.cookies.get('magnet_sid')}` },
    });
    expect(r.statusCode).toBe(200);
    await other.close();
  });

  it('signs a disabled account out at once', async () => {
    const victim = await login(t.app, 'gaoxin', DEMO_PASSWORD);
    expect((await victim.get('/api/contacts')).status).toBe(200);
    const sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    const id = victim.user.id;
    expect((await sys.post(`/api/users/${id}/disable`)).status).toBe(200);
    expect((await victim.get('/api/contacts')).status).toBe(401);
    expect((await agent(t.app).post('/api/auth/login', { username: 'gaoxin', password: DEMO_PASSWORD })).status).toBe(
      401,
    );
    expect((await sys.post(`/api/users/${id}/enable`)).status).toBe(200);
    expect((await agent(t.app).post('/api/auth/login', { username: 'gaoxin', password: DEMO_PASSWORD })).status).toBe(
      200,
    );
  });
});

describe('passwords', () => {
  it('forces a change of the initial password before anything else, checks the policy and the history', async () => {
    const sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    const units = await sys.get('/api/units');
    const unitId = units.json.items.find((u: { code: string }) => u.code === 'LC-YG').id;
    const created = await sys.post('/api/users', {
      username: 'yanggu1',
      displayName: '测试用户',
      unitId,
      role: 'county_staff',
    });
    expect(created.status).toBe(200);
    const initial = created.json.initialPassword as string;

    const u = await login(t.app, 'yanggu1', initial);
    expect(u.user.mustChangePassword).toBe(true);
    const blocked = await u.get('/api/contacts');
    expect(blocked.status).toBe(403);
    expect(blocked.json.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await u.post('/api/auth/password', { currentPassword: initial, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.json.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toContain(
      'newPassword:password_classes',
    );
    const wrongCurrent = await u.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Good#Pass123' });
    expect(wrongCurrent.json.fields[0].field).toBe('currentPassword');

    const seq = ['First#Pass1', 'Second#Pass2', 'Third#Pass3', 'Fourth#Pass4', 'Fifth#Pass5'];
    let current = initial;
    for (const next of seq) {
      const r = await u.post('/api/auth/password', { currentPassword: current, newPassword: next });
      expect(r.status, next).toBe(200);
      current = next;
    }
    // 'Second' is among the last five; the initial password is the sixth back by now and is allowed again.
    const reuse = await u.post('/api/auth/password', { currentPassword: current, newPassword: 'Second#Pass2' });
    expect(reuse.status).toBe(400);
    expect(reuse.json.fields[0].code).toBe('password_reused');
    expect((await u.get('/api/contacts')).status).toBe(200);

    const en = await u.post(
      '/api/auth/password',
      { currentPassword: current, newPassword: 'short' },
      { 'accept-language': 'en' },
    );
    expect(en.json.message).toBe('Some fields are invalid');
    expect(en.json.fields[0].message).toMatch(/password/);
  });

  it('treats a password older than the expiry as one that must be changed', async () => {
    await t.database.db.execute(
      sql`UPDATE users SET password_changed_at = now() - interval '91 days' WHERE username = 'donge'`,
    );
    const u = await login(t.app, 'donge', DEMO_PASSWORD);
    expect(u.user.mustChangePassword).toBe(true);
    expect((await u.get('/api/contacts')).json.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.database.db.execute(sql`UPDATE users SET password_changed_at = now() WHERE username = 'donge'`);
  });
});

describe('security headers and health', () => {
  it('sends CSP with frame-ancestors, nosniff, and no-store on the API', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });
  it('publishes OpenAPI 3 with the routes', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/contacts', '/api/audit', '/api/users']),
    );
  });
});

describe('field errors', () => {
  it("state the broken bound once per field, in the caller's language", async () => {
    const sec = await login(t.app, 'secadmin', DEMO_PASSWORD);
    const zh = await sec.put('/api/settings/security', { passwordMinLength: 4, version: 1 });
    expect(zh.json.fields).toEqual([{ field: 'passwordMinLength', code: 'too_small', message: '不能小于 8' }]);
    const en = await sec.put(
      '/api/settings/security',
      { passwordMinLength: 99, version: 1 },
      { 'accept-language': 'en' },
    );
    expect(en.json.fields[0].message).toBe('must be at most 64');
  });
  it('tells any signed-in user the password rules', async () => {
    const u = await login(t.app, 'leader', DEMO_PASSWORD);
    expect((await u.get('/api/auth/password-policy')).json).toMatchObject({ minLength: 8, minClasses: 3, history: 5 });
  });
});
