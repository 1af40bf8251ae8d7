import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { openDatabase } from '../../db/client.js';
import { lockDataDir, DataDirLockedError } from '../../db/lock.js';
import { restoreBackup } from './service.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ seed: true }); });
afterAll(async () => { await t?.close(); });

describe('backup and restore', () => {
  it('lets only the system administrator download a backup, which restores into a new folder', async () => {
    const sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    const bureau = await login(t.app, 'bureau', DEMO_PASSWORD);
    expect((await bureau.get('/api/admin/backup')).status).toBe(403);
    const r = await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: `magnet_sid=${sys.cookies.get('magnet_sid')}` } });
    if (t.database.kind === 'postgres') {
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('BACKUP_NOT_EMBEDDED');
      return;
    }
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/magnet-backup-.*\.tar\.gz/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-restore-'));
    const file = path.join(dir, 'b.tar.gz');
    fs.writeFileSync(file, r.rawPayload);
    const dataDir = path.join(dir, 'data');
    const restored = await restoreBackup(file, dataDir);
    expect(restored.users).toBe(11);
    const db = await openDatabase({ dataDir });
    const { rows } = (await db.db.execute('SELECT count(*)::int AS n FROM contacts' as never)) as unknown as { rows: { n: number }[] };
    expect(rows[0].n).toBe(10);
    await db.close();
    // a restore onto a folder that a running server holds is refused
    const release = lockDataDir(dataDir);
    fs.writeFileSync(path.join(dataDir, 'magnet.lock'), String(process.ppid));
    await expect(restoreBackup(file, dataDir)).rejects.toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dataDir, 'magnet.lock'), String(process.pid));
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('scheduled snapshots', () => {
  it('writes a snapshot and keeps only the newest', async () => {
    if (t.database.kind !== 'pglite') return;
    const { writeSnapshot } = await import('./service.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-snap-'));
    for (const stale of ['magnet-backup-2020-01-01T00-00-00.tar.gz', 'magnet-backup-2020-01-02T00-00-00.tar.gz']) fs.writeFileSync(path.join(dir, stale), 'old');
    const file = await writeSnapshot(t.database, dir, 2);
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual(['magnet-backup-2020-01-02T00-00-00.tar.gz', path.basename(file)].sort());
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
