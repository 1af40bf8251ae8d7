import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../tests/support/app.js';
import { testDbKind } from '../../../tests/support/db.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { openDatabase } from '../../db/client.js';
import { lockDataDir, DataDirLockedError } from '../../db/lock.js';
import { restoreBackup } from './service.js';
import { unpackBackup } from './dump.js';

let t: TestApp;
let tmp: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-backup-test-'));
  fs.chmodSync(tmp, 0o755); // as root, the bundled server's own user must reach the data folders inside
});
afterAll(async () => {
  await t?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const count = async (pool: { query: (q: string) => Promise<{ rows: { n: number }[] }> }, table: string) =>
  (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

/** Packs an unpacked backup folder again (to hand the restore a tampered copy). */
async function repack(dir: string, file: string) {
  const pack = tar.pack();
  const done = pipeline(pack, zlib.createGzip(), fs.createWriteStream(file));
  pack.entry({ name: 'manifest.json' }, fs.readFileSync(path.join(dir, 'manifest.json')));
  for (const f of fs.readdirSync(path.join(dir, 'tables')))
    pack.entry({ name: `tables/${f}` }, fs.readFileSync(path.join(dir, 'tables', f)));
  pack.finalize();
  await done;
}

describe('backup and restore', () => {
  it('lets only the system administrator download a backup, which restores into a new folder, verified', async () => {
    const sys = await login(t.app, 'sysadmin', DEMO_PASSWORD);
    const bureau = await login(t.app, 'bureau', DEMO_PASSWORD);
    expect((await bureau.get('/api/admin/backup')).status).toBe(403);
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/admin/backup',
      headers: { cookie: `magnet_sid=${sys.cookies.get('magnet_sid')}` },
    });
    if (t.database.kind === 'postgres') {
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('BACKUP_NOT_EMBEDDED');
      return;
    }
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/magnet-backup-.*\.tar\.gz/);
    const file = path.join(tmp, 'b.tar.gz');
    fs.writeFileSync(file, r.rawPayload);
    const { dir, manifest } = await unpackBackup(file);
    expect(manifest.tables.find((x) => x.name === 'contacts')?.rows).toBe(await count(t.database.pool, 'contacts'));
    expect(manifest.tables.find((x) => x.name === 'projects')?.rows).toBe(await count(t.database.pool, 'projects'));

    const dataDir = path.join(tmp, 'data');
    const restored = await restoreBackup(file, dataDir);
    expect(restored.users).toBe(11);
    expect(restored.tables).toBe(manifest.tables.length);
    const db = await openDatabase({ dataDir });
    try {
      for (const table of manifest.tables) expect(await count(db.pool, table.name), table.name).toBe(table.rows);
      expect(await count(db.pool, 'contacts')).toBe(await count(t.database.pool, 'contacts'));
      // the sequences came along: a new row does not collide with a restored one
      const { rows } = await db.pool.query(
        `INSERT INTO audit_events (action, outcome) VALUES ('test', 'success') RETURNING id`,
      );
      expect(Number(rows[0].id)).toBeGreaterThan(
        Number(manifest.sequences.find((q) => q.name.startsWith('audit_events'))?.value),
      );
    } finally {
      await db.close();
    }

    // a backup whose rows were altered is refused, naming the table
    const lines = fs.readFileSync(path.join(dir, 'tables', 'contacts.tsv'), 'utf8').split('\n');
    fs.writeFileSync(path.join(dir, 'tables', 'contacts.tsv'), lines.slice(1).join('\n'));
    const tampered = path.join(tmp, 'tampered.tar.gz');
    await repack(dir, tampered);
    fs.rmSync(dir, { recursive: true, force: true });
    await expect(restoreBackup(tampered, path.join(tmp, 'data2'))).rejects.toThrow(/contacts: 9 rows \(backup: 10\)/);
    expect(fs.existsSync(path.join(tmp, 'data2'))).toBe(false); // nothing half-restored is left

    // a restore onto a folder that a running server holds is refused
    const release = lockDataDir(dataDir);
    fs.writeFileSync(path.join(dataDir, 'magnet.lock'), String(process.ppid));
    await expect(restoreBackup(file, dataDir)).rejects.toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dataDir, 'magnet.lock'), String(process.pid));
    release();
  }, 120_000);
});

describe('scheduled snapshots', () => {
  it.runIf(testDbKind() === 'embedded')('writes a snapshot and keeps only the newest', async () => {
    const { writeSnapshot } = await import('./service.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-snap-'));
    for (const stale of ['magnet-backup-2020-01-01T00-00-00.tar.gz', 'magnet-backup-2020-01-02T00-00-00.tar.gz'])
      fs.writeFileSync(path.join(dir, stale), 'old');
    const file = await writeSnapshot(t.database, dir, 2);
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual(['magnet-backup-2020-01-02T00-00-00.tar.gz', path.basename(file)].sort());
    const { manifest, dir: unpacked } = await unpackBackup(file);
    expect(manifest.tables.find((x) => x.name === 'users')?.rows).toBe(11);
    fs.rmSync(unpacked, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
