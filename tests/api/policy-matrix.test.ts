// Role × action, generated from the single policy table: every role is tried on a representative
// endpoint of every action, and must be let through exactly when the table says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, can, ROLES, type Action, type Role } from '../../server/core/policy.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/seed/demo.js';
import { login, startTestApp, type Agent, type TestApp } from '../support/app.js';

let t: TestApp;
const agents = new Map<Role, Agent>();

// One request per action; bodies are deliberately invalid where the action writes,
// so that an allowed call answers 400 and changes nothing, and a refused one answers 403.
const PROBES: Record<Action, (a: Agent) => Promise<{ status: number }>> = {
  'business.read': (a) => a.get('/api/contacts'),
  'business.write': (a) => a.post('/api/contacts', {}),
  'org.read': (a) => a.get('/api/units'),
  'org.manage': (a) => a.post('/api/units', {}),
  'users.read': (a) => a.get('/api/users'),
  'users.manage': (a) => a.post('/api/users', {}),
  'roles.assign': (a) => a.put('/api/users/1/role', {}),
  'security.settings': (a) => a.get('/api/settings/security'),
  'audit.read': (a) => a.get('/api/audit'),
  'projects.approve': (a) => a.post('/api/projects/stage-events/0/approve', {}),
  'targets.manage': (a) => a.post('/api/targets', {}),
  'assessment.manage': (a) => a.post('/api/assessment/schemes', {}),
  'assessment.review': (a) => a.put('/api/assessment/reviews', {}),
  'quotas.manage': (a) => a.put('/api/visit-quotas/2026/county', {}),
  // the bundled server answers 200 with a backup; an external PostgreSQL answers 409 (back up with pg_dump)
  'system.backup': async (a) => {
    const r = await a.get('/api/admin/backup');
    return { status: r.status === 409 && r.json?.code === 'BACKUP_NOT_EMBEDDED' ? 200 : r.status };
  },
};

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  for (const role of ROLES) {
    const account = DEMO_ACCOUNTS.find((d) => d.role === role)!;
    agents.set(role, await login(t.app, account.username, DEMO_PASSWORD));
  }
});
afterAll(async () => {
  await t?.close();
});

describe('role × action', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = can(role, action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, async () => {
        const r = await PROBES[action](agents.get(role)!);
        if (allowed) expect([200, 400]).toContain(r.status);
        else expect(r.status).toBe(403);
      });
    }
  }
  it('refuses every probe without a session', async () => {
    const { agent } = await import('../support/app.js');
    const anon = agent(t.app);
    for (const action of ACTIONS) expect((await PROBES[action](anon)).status, action).toBe(401);
  });
});
