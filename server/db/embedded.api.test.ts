// The bundled PostgreSQL as the product starts it: a cluster with data checksums and fsync on, reachable only over
// a socket in its own folder — or, when that folder's path is too long for a socket name, on a loopback port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../../tests/support/db.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

async function settings(server: EmbeddedServer) {
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('data_checksums', 'fsync', 'listen_addresses', 'unix_socket_directories')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await c.end();
  }
}

describe.runIf(testDbKind() === 'embedded')('the bundled PostgreSQL', () => {
  it('listens on a socket in its folder only, with data checksums and fsync on, and a password file of its own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-epg-s-'));
    made.push(dir);
    const server = await startEmbeddedPostgres(dir);
    try {
      expect(server.version).toMatch(/^18\./);
      expect(server.url).toContain(`host=${encodeURIComponent(path.join(dir, 'postgres'))}`);
      expect(await settings(server)).toEqual({
        data_checksums: 'on',
        fsync: 'on',
        listen_addresses: '',
        unix_socket_directories: path.join(dir, 'postgres'),
      });
      expect(fs.statSync(path.join(dir, 'postgres.password')).mode & 0o777).toBe(0o600);
      // a wrong password is refused
      const anonymous = new pg.Client({
        host: path.join(dir, 'postgres'),
        port: 5432,
        user: 'postgres',
        database: 'magnet',
        password: 'wrong',
      });
      await expect(anonymous.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('falls back to a loopback port chosen at start when the folder path is too long for a socket', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-epg-l-'));
    made.push(base);
    const dir = path.join(
      base,
      'a-folder-name-long-enough-that-the-socket-path-inside-it-exceeds-the-limit-of-unix-sockets',
    );
    const server = await startEmbeddedPostgres(dir);
    try {
      expect(server.url).toMatch(/@127\.0\.0\.1:\d+\/magnet$/);
      const s = await settings(server);
      expect(s.listen_addresses).toBe('127.0.0.1');
      expect(s.unix_socket_directories).toBe('');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
