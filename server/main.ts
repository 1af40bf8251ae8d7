// The server: opens the database (PGlite in DATA_DIR unless DATABASE_URL is set), migrates it,
// loads the demo city into an empty database, and listens on PORT.
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError, lockDataDir } from './db/lock.js';
import { buildApp } from './app.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo.js';
import { purgeExpiredSessions } from './modules/auth/service.js';
import { writeSnapshot } from './modules/backup/service.js';
import { tuneHeap } from './runtime.js';

async function main() {
  tuneHeap();
  let config;
  try { config = loadConfig(); } catch (e) { console.error((e as Error).message); process.exit(2); }

  let release: (() => void) | undefined;
  if (!config.databaseUrl) {
    try { release = lockDataDir(config.dataDir); } catch (e) {
      if (e instanceof DataDirLockedError) { console.error(e.message); process.exit(3); }
      throw e;
    }
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  const seeded = config.demoData ? await seedDemo(database.db, { relaxPasswordChange: config.demoRelaxPasswordChange }) : false;
  const app = await buildApp(database, config);
  const timer = setInterval(() => { purgeExpiredSessions(database.db).catch(() => {}); }, 10 * 60_000);
  timer.unref();
  if (config.backupDir && database.kind === 'pglite') {
    const dir = config.backupDir;
    const snapshot = () => writeSnapshot(database, dir, config.backupKeep)
      .then((f) => console.log(`备份 snapshot written: ${f}`), (e) => console.error(`备份失败 snapshot failed: ${(e as Error).message}`));
    setInterval(snapshot, config.backupIntervalHours * 3_600_000).unref();
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    release?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  console.log(`磁石 Magnet ${seeded ? '(已载入演示数据 demo data loaded) ' : ''}running at http://localhost:${port}  database: ${where}`);
  if (config.demoData) {
    console.log(`演示账号 Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(12)} ${a.note}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
