// The server's life with its bundled PostgreSQL, on the real thing: the server is spawned as `npm start` runs it,
// in a temporary data folder, then killed in the ways a machine kills processes. Checks that committed writes
// survive, that an orphaned PostgreSQL is found and stopped, that a second server is refused, that SIGTERM ends
// everything with status 0, and that no process of the folder is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../../tests/support/db.js';
import { postmasterPid } from './embedded.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
const started: ChildProcess[] = [];

interface Running {
  proc: ChildProcess;
  port: number;
  output: () => string;
}

/** Spawns the server (or `npm start`'s script) and waits for its "running at" line. */
function startServer(entry: 'server' | 'start-script' | 'npm-start' = 'server'): Promise<Running> {
  const [cmd, args] =
    entry === 'server'
      ? [process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')]]
      : entry === 'start-script'
        ? [process.execPath, [path.join(root, 'scripts', 'start.mjs')]]
        : ['npm', ['start']];
  const proc = spawn(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'false', LOG_LEVEL: 'info' },
  });
  started.push(proc);
  let out = '';
  return new Promise((resolve, reject) => {
    // The start script first builds the web app if its sources are newer than the build: allow for that.
    const limit = entry === 'server' ? 60_000 : 240_000;
    const timer = setTimeout(() => reject(new Error(`server did not start in ${limit / 1000} s:\n${out}`)), limit);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, port: Number(m[1]), output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
    });
  });
}

const exited = (proc: ChildProcess, ms: number) =>
  new Promise<number | null>((resolve, reject) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
    const timer = setTimeout(() => reject(new Error(`process ${proc.pid} still running after ${ms} ms`)), ms);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

/** Pids of live processes whose command line mentions the data folder (the bundled PostgreSQL's). */
function processesOfFolder(): number[] {
  const pids: number[] = [];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      if (/^\d+ \(.*\) Z/.test(stat)) continue;
      if (fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dataDir)) pids.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return pids;
}

async function until(what: string, check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs SQL on the app's database through the bundled server's socket and password, as the server does. */
async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const password = fs.readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
  const client = new pg.Client({
    host: path.join(dataDir, 'postgres'),
    port: 5432,
    user: 'postgres',
    password,
    database: 'magnet',
  });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe.runIf(testDbKind() === 'embedded')('the server and its bundled PostgreSQL through kills and restarts', () => {
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-life-'));
  });
  afterAll(async () => {
    for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    for (const pid of processesOfFolder())
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        /* gone */
      }
    await until('folder processes gone', () => processesOfFolder().length === 0).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps committed writes through kill -9 of Node (orphan stopped) and of PostgreSQL too (crash recovery)', async () => {
    let s = await startServer();
    const health = await (await fetch(`http://127.0.0.1:${s.port}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'embedded' });
    expect(health.engine).toMatch(/^PostgreSQL 18\./);
    expect(fs.statSync(path.join(dataDir, 'postgres.password')).mode & 0o777).toBe(0o600);
    await sql('CREATE TABLE probe (n int PRIMARY KEY)');
    await sql('INSERT INTO probe VALUES (1)');

    // Node dies without a word: its PostgreSQL is left running, an orphan.
    const orphan = postmasterPid(path.join(dataDir, 'postgres'))!;
    s.proc.kill('SIGKILL');
    await exited(s.proc, 10_000);
    expect(alive(orphan)).toBe(true);

    s = await startServer();
    expect(s.output()).toContain(`(pid ${orphan})`);
    expect(alive(orphan)).toBe(false);
    expect(await sql<{ n: number }>('SELECT n FROM probe')).toEqual([{ n: 1 }]);

    // Both die at once: the next start recovers from the write-ahead log.
    await sql('INSERT INTO probe VALUES (2)');
    const pm = postmasterPid(path.join(dataDir, 'postgres'))!;
    s.proc.kill('SIGKILL');
    process.kill(pm, 'SIGKILL');
    await exited(s.proc, 10_000);
    await until('the killed PostgreSQL is gone', () => processesOfFolder().length === 0);
    s = await startServer();
    expect((await sql<{ n: number }>('SELECT n FROM probe ORDER BY n')).map((r) => r.n)).toEqual([1, 2]);

    // A second server on the same folder is refused, and the first keeps running.
    const second = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO_DATA: 'false' },
    });
    started.push(second);
    let secondOut = '';
    second.stderr!.on('data', (b) => {
      secondOut += b;
    });
    expect(await exited(second, 30_000)).toBe(3);
    expect(secondOut).toContain('is in use by process');
    expect((await fetch(`http://127.0.0.1:${s.port}/api/health`)).status).toBe(200);

    // SIGTERM: drains — a request in flight (a sign-in, which takes the password hash's time) gets its answer,
    // not a cut connection — then stops PostgreSQL, exits 0, leaves nothing. SIGTERM is sent the moment the server
    // logs the request's arrival.
    const body = JSON.stringify({ username: 'nobody', password: 'not-a-password' });
    const running = s.proc;
    const onLog = (b: Buffer) => {
      if (/incoming request.*|"url":"\/api\/auth\/login"/.test(b.toString())) {
        running.kill('SIGTERM');
        running.stdout!.off('data', onLog);
      }
    };
    running.stdout!.on('data', onLog);
    const sock = net.connect(s.port, '127.0.0.1');
    await once(sock, 'connect');
    let reply = '';
    sock.on('data', (d) => {
      reply += d;
    });
    sock.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    await once(sock, 'close');
    expect(reply).toMatch(/^HTTP\/1\.1 401 /);
    expect(await exited(s.proc, 20_000)).toBe(0);
    expect(processesOfFolder()).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'magnet.lock'))).toBe(false);
  }, 240_000);

  it('`npm start` passes SIGTERM on; when its script is killed with -9, or npm is killed, the server stops itself', async () => {
    let s = await startServer('start-script');
    s.proc.kill('SIGTERM');
    expect(await exited(s.proc, 20_000)).toBe(0);
    await until('no process of the folder left', () => processesOfFolder().length === 0);

    s = await startServer('start-script');
    expect(processesOfFolder().length).toBeGreaterThan(0);
    s.proc.kill('SIGKILL');
    await exited(s.proc, 10_000);
    await until(
      'the server and its PostgreSQL stop after the start script died',
      () => processesOfFolder().length === 0,
      20_000,
    );
    await until('the data folder is released', () => !fs.existsSync(path.join(dataDir, 'magnet.lock')));

    // `npm start` itself killed: npm passes SIGTERM to its shell only; the start script sees npm gone and stops all.
    s = await startServer('npm-start');
    s.proc.kill('SIGTERM');
    await exited(s.proc, 10_000);
    await until('nothing left after npm start was killed', () => processesOfFolder().length === 0, 20_000);
    await until(
      'the data folder is released after npm start was killed',
      () => !fs.existsSync(path.join(dataDir, 'magnet.lock')),
    );
  }, 600_000);
});
