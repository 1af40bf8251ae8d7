// `npm run migrate-data` on a data folder as the previous version left it: PGlite's database files directly in
// DATA_DIR, migrated with the same migrations and holding the demo city plus a few rows typed with tabs, line
// breaks, backslashes and Chinese. The command must bring every row over (equal counts per table, same bytes)
// and keep the old files aside; the server must refuse to start on the old folder until then.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../../tests/support/db.js';
import { seedDemo } from '../seed/demo.js';
import { migrationsFolder, openDatabase, type Db } from './client.js';
import * as schema from './schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
const before = new Map<string, number>();
const TRICKY = '凤祥\t"引号"\\反斜杠\n第二行 — ÷ 🚀';

describe.runIf(testDbKind() === 'embedded')('npm run migrate-data', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-pglite-'));
    const old = new PGlite(dataDir);
    const db = drizzle(old, { schema });
    await migrate(db, { migrationsFolder });
    await seedDemo(db as unknown as Db, { relaxPasswordChange: true });
    await old.query(`UPDATE contacts SET name = $1 WHERE id = (SELECT min(id) FROM contacts)`, [TRICKY]);
    const tables = await old.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
    for (const { t } of tables.rows)
      before.set(t, (await old.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0].n);
    await old.close();
  }, 120_000);
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is asked for by the server, then moves every row into the bundled PostgreSQL and keeps the old files aside', async () => {
    const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO_DATA: 'false' };
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(refused.status).toBe(4);
    expect(refused.stderr).toContain('npm run migrate-data');

    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate-data.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('row counts and checksums equal');

    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith('pglite-old-'));
    expect(aside).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, aside[0], 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false);

    const database = await openDatabase({ dataDir });
    try {
      expect(before.size).toBeGreaterThan(10);
      for (const [t, n] of before) {
        const { rows } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
        expect(rows[0].n, t).toBe(n);
      }
      expect(before.get('users')).toBe(11);
      const { rows } = await database.pool.query<{ name: string }>('SELECT name FROM contacts ORDER BY id LIMIT 1');
      expect(rows[0].name).toBe(TRICKY);
      // the sequences follow: the next row gets a new id
      const ids = await database.pool.query<{ id: number }>(`SELECT max(id)::int AS id FROM contacts`);
      const seq = await database.pool.query<{ v: number }>(
        `SELECT last_value::int AS v FROM pg_sequences WHERE sequencename = 'contacts_id_seq'`,
      );
      expect(seq.rows[0].v).toBeGreaterThanOrEqual(ids.rows[0].id);
    } finally {
      await database.close();
    }

    // run again: nothing left to migrate
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate-data.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing to do');
  }, 240_000);
});
