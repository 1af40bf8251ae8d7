// The api harness itself: demo data, login agents keeping the cookie and CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/seed/demo.js';
import { agent, login, startTestApp, type TestApp } from '../support/app.js';

describe('api harness with demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in a demo county user and keeps the session', async () => {
    const county = DEMO_ACCOUNTS.find((a) => a.role === 'county_staff')!;
    const a = await login(t.app, county.username, DEMO_PASSWORD);
    expect(a.user.username).toBe(county.username);
    expect(a.csrfToken).toBeTruthy();
    expect(a.cookies.has('magnet_sid')).toBe(true);
    const s = await a.get('/api/auth/session');
    expect(s.status).toBe(200);
    expect(s.json.user.displayName).toBe(county.displayName);
  });

  it('sends the CSRF token on state-changing requests, and a request without it is refused', async () => {
    const county = DEMO_ACCOUNTS.find((a) => a.role === 'county_staff')!;
    const a = await login(t.app, county.username, DEMO_PASSWORD);
    const refused = await a.post('/api/auth/logout', undefined, { 'x-csrf-token': 'wrong' });
    expect(refused.status).toBe(403);
    const out = await a.post('/api/auth/logout');
    expect(out.status).toBe(200);
    expect(a.cookies.has('magnet_sid')).toBe(false);
    expect((await a.get('/api/auth/session')).status).toBe(401);
  });

  it('rejects a wrong password', async () => {
    const r = await agent(t.app).post('/api/auth/login', {
      username: DEMO_ACCOUNTS[0].username,
      password: 'wrong-password',
    });
    expect(r.status).toBe(401);
    await expect(login(t.app, DEMO_ACCOUNTS[0].username, 'wrong-password')).rejects.toThrow(/failed: 401/);
  });
});
