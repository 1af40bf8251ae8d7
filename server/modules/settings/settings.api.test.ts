// Settings are saved with the version the client read in the WHERE: of saves racing on one version, one wins
// and the others answer VERSION_CONFLICT without overwriting it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type Res, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let sec: Agent, bureau: Agent;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [sec, bureau] = await Promise.all(['secadmin', 'bureau'].map((u) => login(t.app, u, DEMO_PASSWORD)));
});
afterAll(async () => {
  await t?.close();
});

const auditCount = async (action: string) =>
  Number(
    (
      (await t.database.db.execute(
        sql`SELECT count(*) AS n FROM audit_events WHERE action = ${action}`,
      )) as unknown as { rows: { n: number | string }[] }
    ).rows[0].n,
  );

describe('concurrent saves of one setting', () => {
  it('security policy: one save wins, the others answer 409 and change nothing', async () => {
    const before = (await sec.get('/api/settings/security')).json;
    const audits = await auditCount('security_policy.update');
    const lengths = [10, 11, 12, 13, 14];
    const answers = await Promise.all(
      lengths.map((n) => sec.put('/api/settings/security', { passwordMinLength: n, version: before.version })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.code).toBe('VERSION_CONFLICT');
    const winner = answers.find((a) => a.status === 200)!.json;
    const after = (await sec.get('/api/settings/security')).json;
    expect(after.version).toBe(before.version + 1);
    expect(after.passwordMinLength).toBe(winner.passwordMinLength);
    expect(await auditCount('security_policy.update')).toBe(audits + 1);
  });

  // The race is made certain: a transaction holds the settings row while every save reads the same version and
  // reaches its UPDATE; only the version in the WHERE keeps the later ones from overwriting the first.
  it('security policy: saves that all read the same version before any writes', async () => {
    const before = (await sec.get('/api/settings/security')).json;
    const audits = await auditCount('security_policy.update');
    const lengths = [15, 16, 17];
    let saving: Promise<Res[]> | undefined;
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT key FROM settings WHERE key = 'security_policy' FOR UPDATE`);
      saving = Promise.all(
        lengths.map((n) => sec.put('/api/settings/security', { passwordMinLength: n, version: before.version })),
      );
      const waiting = async () =>
        Number(
          (
            (await tx.execute(sql`SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`)) as unknown as { rows: { n: string }[] }
          ).rows[0].n,
        );
      for (let i = 0; i < 400 && (await waiting()) < lengths.length; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(lengths.length);
    });
    const answers = await saving!;
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const winner = answers.find((a) => a.status === 200)!.json;
    const after = (await sec.get('/api/settings/security')).json;
    expect(after.version).toBe(before.version + 1);
    expect(after.passwordMinLength).toBe(winner.passwordMinLength);
    expect(await auditCount('security_policy.update')).toBe(audits + 1);
  });

  it('project warning thresholds: one save wins, the others answer 409 and change nothing', async () => {
    const before = (await bureau.get('/api/projects/warning-settings')).json;
    const days = [41, 42, 43, 44];
    const answers = await Promise.all(
      days.map((d) =>
        bureau.put('/api/projects/warning-settings', { noProgressDays: { planning: d }, version: before.version }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 200)!.json;
    const after = (await bureau.get('/api/projects/warning-settings')).json;
    expect(after.version).toBe(before.version + 1);
    expect(after.noProgressDays.planning).toBe(winner.noProgressDays.planning);
  });
});
