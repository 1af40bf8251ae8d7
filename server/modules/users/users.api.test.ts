import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let sys: Agent, sec: Agent, auditor: Agent;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [sys, sec, auditor] = await Promise.all(
    ['sysadmin', 'secadmin', 'auditadmin'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
});
afterAll(async () => {
  await t?.close();
});

const unitId = async (code: string) =>
  (await sys.get('/api/units')).json.items.find((u: { code: string }) => u.code === code).id;

describe('accounts and roles (三员分立)', () => {
  it('lets the system administrator create business accounts but not administrators', async () => {
    const u = await unitId('LC-SX');
    const admin = await sys.post('/api/users', {
      username: 'shenxian-a',
      displayName: '莘县管理员',
      unitId: u,
      role: 'audit_admin',
    });
    expect(admin.status).toBe(400);
    expect(admin.json.fields[0]).toMatchObject({ field: 'role', code: 'role_not_allowed' });
    const dup = await sys.post('/api/users', { username: 'BUREAU', displayName: 'x', unitId: u, role: 'county_staff' });
    expect(dup.json.fields[0]).toMatchObject({ field: 'username', code: 'taken' });
    const badUnit = await sys.post('/api/users', {
      username: 'nounit',
      displayName: 'x',
      unitId: 99999,
      role: 'county_staff',
    });
    expect(badUnit.json.fields[0]).toMatchObject({ field: 'unitId', code: 'not_found' });
    const ok = await sys.post('/api/users', {
      username: 'shenxian1',
      displayName: '莘县用户',
      unitId: u,
      role: 'county_staff',
      phone: '13900001111',
    });
    expect(ok.status).toBe(200);
    expect(ok.json.user.mustChangePassword).toBe(true);
    expect(ok.json.initialPassword).toHaveLength(14);
  });

  it('lets only the security administrator change roles, never their own, and audits before → after', async () => {
    const target = (await sys.get('/api/users?q=shenxian1')).json.items[0];
    expect(
      (await sys.put(`/api/users/${target.id}/role`, { role: 'bureau_staff', version: target.version })).status,
    ).toBe(403);
    const r = await sec.put(`/api/users/${target.id}/role`, { role: 'bureau_staff', version: target.version });
    expect(r.status).toBe(200);
    expect(r.json.role).toBe('bureau_staff');
    const stale = await sec.put(`/api/users/${target.id}/role`, { role: 'county_staff', version: target.version });
    expect(stale.status).toBe(409);
    const self = await sec.put(`/api/users/${sec.user.id}/role`, { role: 'sys_admin', version: 1 });
    expect(self.json.code).toBe('ADMIN_ROLE_CONFLICT');
    const ev = (await auditor.get(`/api/audit?action=user.role&targetId=${target.id}`)).json.items;
    expect(ev).toHaveLength(1);
    expect(ev[0].changes).toEqual({ role: ['county_staff', 'bureau_staff'] });
    expect(ev[0].actorName).toBe('secadmin');
  });

  it('ends the sessions of an account whose role changes', async () => {
    const gx = await login(t.app, 'gongxin', DEMO_PASSWORD);
    const me = (await sys.get('/api/users?q=gongxin')).json.items[0];
    expect((await sec.put(`/api/users/${me.id}/role`, { role: 'bureau_staff', version: me.version })).status).toBe(200);
    expect((await gx.get('/api/contacts')).status).toBe(401);
  });

  it('resets a password to a new initial one that must be changed', async () => {
    const target = (await sys.get('/api/users?q=shenxian1')).json.items[0];
    const r = await sys.post(`/api/users/${target.id}/reset-password`);
    expect(r.status).toBe(200);
    const u = await login(t.app, 'shenxian1', r.json.initialPassword);
    expect(u.user.mustChangePassword).toBe(true);
  });
});

describe('audit log', () => {
  it('is read by the audit administrator only', async () => {
    expect((await auditor.get('/api/audit')).status).toBe(200);
    for (const who of [
      sys,
      sec,
      await login(t.app, 'leader', DEMO_PASSWORD),
      await login(t.app, 'bureau', DEMO_PASSWORD),
    ]) {
      expect((await who.get('/api/audit')).status).toBe(403);
    }
  });

  it('records logins and logouts with actor, IP and time', async () => {
    const a = await login(t.app, 'linqing', DEMO_PASSWORD);
    await a.post('/api/auth/logout');
    const items = (await auditor.get('/api/audit?actor=linqing')).json.items;
    expect(items[0]).toMatchObject({ action: 'auth.logout', outcome: 'success', actorName: 'linqing' });
    expect(items[1]).toMatchObject({ action: 'auth.login', outcome: 'success' });
    expect(items[0].ip).toBeTruthy();
  });

  it("cannot be changed or deleted, even by the application's own connection", async () => {
    const reason = async (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(await reason(t.database.db.execute(sql`UPDATE audit_events SET action = 'x'`))).toMatch(/append-only/);
    expect(await reason(t.database.db.execute(sql`DELETE FROM audit_events`))).toMatch(/append-only/);
    const n = (await auditor.get('/api/audit?pageSize=1')).json.total;
    expect(n).toBeGreaterThan(0);
  });

  it('filters by action prefix and outcome', async () => {
    const r = (await auditor.get('/api/audit?action=auth.*&pageSize=200')).json.items;
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
  });
});

describe('security policy', () => {
  it('is changed by the security administrator with a version check, and the change is audited', async () => {
    const p = (await sec.get('/api/settings/security')).json;
    expect(p.lockoutThreshold).toBe(5);
    const bad = await sec.put('/api/settings/security', { passwordMinLength: 4, version: p.version });
    expect(bad.status).toBe(400);
    expect(bad.json.fields[0].field).toBe('passwordMinLength');
    const ok = await sec.put('/api/settings/security', { passwordMinLength: 10, version: p.version });
    expect(ok.status).toBe(200);
    expect(ok.json.passwordMinLength).toBe(10);
    expect((await sec.put('/api/settings/security', { passwordMinLength: 12, version: p.version })).status).toBe(409);
    const ev = (await auditor.get('/api/audit?action=security_policy.update')).json.items;
    expect(ev[0].changes).toEqual({ passwordMinLength: [8, 10] });
  });
});
