// Global setup of the api tier: starts ONE throwaway PostgreSQL server for the whole tier in a temporary folder and
// hands its URL to the test files as env TEST_PG_URL (and through vitest's provide/inject). Each test file then
// creates its own database on it (tests/support/db.ts). The server is stopped and the folder removed at teardown.
//   TEST_DB=embedded (default): the bundled PostgreSQL 18, started by the product's own code (server/db/embedded.ts)
//   TEST_DB=postgres: Debian's binaries (/usr/lib/postgresql/<version>/bin) on a free loopback port
//
// If TEST_PG_URL is already set, that server is used as it is and nothing is started.
// Postgres refuses to run as root: as root, the server runs as the user `postgres` (created if missing) via runuser.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/db/embedded.js';

declare module 'vitest' {
  interface ProvidedContext {
    TEST_PG_URL: string;
  }
}

const PG_USER = 'magnet';

/** The bin folder of the newest PostgreSQL installed from Debian's packages, or undefined. */
export function findPgBin(): string | undefined {
  if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter(
      (v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')) && fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')),
    )
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function ensurePostgresUser(): { uid: number; gid: number } {
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'pipe',
    });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs a PostgreSQL program, as the user postgres when we are root. */
function runPg(bin: string, prog: string, args: string[], timeoutMs = 120_000) {
  const exe = path.join(bin, prog);
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

export interface PgServer {
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

/** Starts a fresh PostgreSQL server in a temporary folder; stop() ends it and removes the folder. */
export async function startPostgres(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin. Install them: apt-get install -y postgresql (or set TEST_PG_URL to an existing server).',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  let started = false;
  const stop = () => {
    if (started) {
      runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], 40_000);
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot) {
      const { uid, gid } = ensurePostgresUser();
      fs.chownSync(dir, uid, gid);
    }
    const init = runPg(bin, 'initdb', [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      PG_USER,
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    if (!init.ok) throw new Error(`initdb failed:\n${init.out}`);
    // A port found free may be taken before the server binds it: try a few.
    let lastErr = '';
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      const port = await freePort();
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
      const r = runPg(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', opts, '-w', '-t', '60', 'start'], 90_000);
      if (r.ok) {
        started = true;
        const url = `postgres://${PG_USER}@127.0.0.1:${port}/postgres`;
        return { url, port, dir, stop };
      }
      lastErr = `${r.out}\n${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`;
      // A failed start may still have left a server running.
      runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop'], 30_000);
    }
    throw new Error(`pg_ctl start failed:\n${lastErr}`);
  } catch (e) {
    stop();
    throw e;
  }
}

/** The bundled PostgreSQL in a temporary folder, tuned for throwaway test data (no fsync). */
export async function startBundledPostgres(): Promise<PgServer & { stopAsync(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-epg-'));
  const server = await startEmbeddedPostgres(dir, {
    appDatabase: false,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
  });
  return {
    url: server.adminUrl,
    port: 0,
    dir,
    // From process 'exit' (nothing can be awaited there): immediate shutdown, the data is thrown away anyway.
    stop: () => {
      try {
        process.kill(server.pid, 'SIGQUIT');
      } catch {
        /* gone */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
    stopAsync: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB || 'embedded';
  if (process.env.TEST_PG_URL) {
    project.provide('TEST_PG_URL', process.env.TEST_PG_URL);
    return;
  }
  const server: PgServer & { stopAsync?: () => Promise<void> } =
    kind === 'postgres' ? await startPostgres() : await startBundledPostgres();
  // If vitest is ended abruptly the teardown below may not run: stop the server on exit anyway.
  const onExit = () => server.stop();
  process.once('exit', onExit);
  process.env.TEST_PG_URL = server.url;
  project.provide('TEST_PG_URL', server.url);
  return async () => {
    process.off('exit', onExit);
    delete process.env.TEST_PG_URL;
    if (server.stopAsync) await server.stopAsync();
    else server.stop();
  };
}
