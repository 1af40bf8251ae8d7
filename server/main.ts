// The server: opens the database (the bundled PostgreSQL in DATA_DIR unless DATABASE_URL is set), migrates it,
// loads the demo city into an empty database, and listens on PORT. On SIGTERM/SIGINT (or when `npm start`, its
// parent, goes away) it stops taking requests, lets the running ones finish (10 s at most), closes the database —
// fast shutdown of the bundled server — and exits 0.
import { type Config, loadConfig } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { DataDirLockedError, lockDataDir } from './db/lock.js';
import { detectPgliteFolder, PGLITE_FOLDER_MESSAGE } from './db/pglite-folder.js';
import type { App } from './app.js';
import { tuneHeap } from './runtime.js';

/** The app's modules, loaded while PostgreSQL starts (loading them is most of the start time). */
const loadApp = () =>
  Promise.all([
    import('./app.js'),
    import('./seed/demo.js'),
    import('./modules/auth/service.js'),
    import('./modules/backup/service.js'),
  ]);

/** How long running requests may take to finish once the server is told to stop. */
const DRAIN_MS = 10_000;

async function main() {
  tuneHeap();
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }

  let release: (() => void) | undefined;
  if (!config.databaseUrl) {
    try {
      release = lockDataDir(config.dataDir);
    } catch (e) {
      if (e instanceof DataDirLockedError) {
        console.error(e.message);
        process.exit(3);
      }
      throw e;
    }
    if (detectPgliteFolder(config.dataDir)) {
      console.error(PGLITE_FOLDER_MESSAGE(config.dataDir));
      release();
      process.exit(4);
    }
  }

  let database: Database | undefined;
  let app: App | undefined;
  let stopping = false;
  const stop = async (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: 正在停止 stopping`);
    if (app) {
      // Stop accepting, let requests in flight finish; past the bound, cut the connections still open.
      const drained = app.close().then(
        () => true,
        () => true,
      );
      const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), DRAIN_MS).unref());
      if (!(await Promise.race([drained, timeout]))) app.server.closeAllConnections();
    }
    await database?.close().catch((e) => console.error(`数据库关闭出错 closing the database: ${(e as Error).message}`));
    release?.();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  // Started by `npm start` with an IPC channel: if that process dies (even by kill -9), the channel closes.
  process.on('disconnect', () => void stop('npm start 已退出 the start script went away'));

  const modules = loadApp();
  modules.catch(() => {}); // awaited below; an error there is reported once, not as an unhandled rejection
  database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    log: (m) => console.log(m),
  });
  if (database.embedded) {
    database.embedded.onUnexpectedExit = (code, signal) => {
      console.error(
        `内置 PostgreSQL 意外退出 The bundled PostgreSQL exited unexpectedly (${code ?? signal}); stopping`,
      );
      void stop('database gone', 1);
    };
  }
  if (stopping) return;
  const [{ buildApp }, { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo }, { purgeExpiredSessions }, { writeSnapshot }] =
    await modules;
  const seeded = config.demoData
    ? await seedDemo(database.db, { relaxPasswordChange: config.demoRelaxPasswordChange })
    : false;
  app = await buildApp(database, config);
  const db = database;
  const timer = setInterval(() => {
    purgeExpiredSessions(db.db).catch(() => {});
  }, 10 * 60_000);
  timer.unref();
  if (config.backupDir && database.kind === 'embedded') {
    const dir = config.backupDir;
    const snapshot = () =>
      writeSnapshot(db, dir, config.backupKeep).then(
        (f) => console.log(`备份 snapshot written: ${f}`),
        (e) => console.error(`备份失败 snapshot failed: ${(e as Error).message}`),
      );
    setInterval(snapshot, config.backupIntervalHours * 3_600_000).unref();
  }

  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const where = database.embedded
    ? `内置 bundled PostgreSQL ${database.serverVersion} (${config.dataDir})`
    : `PostgreSQL ${database.serverVersion}`;
  console.log(
    `磁石 Magnet ${seeded ? '(已载入演示数据 demo data loaded) ' : ''}running at http://localhost:${port}  ` +
      `database: ${where}  ready ${process.uptime().toFixed(1)} s after the process started`,
  );
  if (config.demoData) {
    console.log(`演示账号 Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(12)} ${a.note}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
