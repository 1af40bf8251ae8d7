// npm run bench [-- --quick] [-- --json] [-- --scale city|province] [-- --concurrency N] [-- --only search,…] [-- --no-import]
// Starts the server against generated data and measures, after warm-up, p50/p95/p99 latency and throughput at a
// fixed concurrency over loopback. Each API figure stands beside a baseline measured in the same run: the same
// service function called in-process, straight on the database (no HTTP, session or serialisation), so the
// API's overhead is a ratio. DATABASE_URL selects an external PostgreSQL; otherwise the bundled PostgreSQL with its
// cluster in BENCH_DATA_DIR (the default engine). Also measured: the time from `npm start` to a healthy server on the
// existing data folder, and the memory of the whole platform (Node + every PostgreSQL process) idle and under load.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../server/db/client.js';
import { lockDataDir } from '../server/db/lock.js';
import type { AuthedContext } from '../server/core/context.js';
import type { Role } from '../server/core/policy.js';
import { searchAll } from '../server/modules/search/service.js';
import { getProject, listProjects, projectKanban } from '../server/modules/projects/service.js';
import { getEnterprise } from '../server/modules/enterprises/service.js';
import { createRun, listSchemes } from '../server/modules/assessment/service.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { generate, SCALES } from './gen.js';
import { client, runConcurrent, type Stats } from './load.js';
import { platformMemory, serverPidUnder, type PlatformMemory } from './platform.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const quick = flag('quick');
const json = flag('json');
const scale = (opt('scale') ?? (quick ? 'city' : 'province')) as keyof typeof SCALES;
// As many requests at once as the machine has cores: enough to use it fully; more only adds queueing.
const concurrency = Number(opt('concurrency') ?? os.availableParallelism());
const requests = Number(opt('requests') ?? (quick ? 300 : 2000));
const warmup = Math.max(20, Math.round(requests / 10));
const only = opt('only')?.split(',');
const skipImport = flag('no-import');
const databaseUrl = process.env.DATABASE_URL || undefined;
const kind = databaseUrl ? 'postgres' : 'embedded';
const dataDir = process.env.BENCH_DATA_DIR || path.join(os.tmpdir(), `magnet-bench-${scale}`);
const say = (s: string) => {
  if (!json) console.log(s);
  else process.stderr.write(`${s}\n`);
};

export interface Result {
  metric: string;
  value: number;
  unit: string;
  target: number | null;
  better: 'lower' | 'higher';
  database: 'embedded' | 'postgres';
}

// Targets from the product's requirements; where none was set, the one written in BENCHMARKS.md.
const TARGETS: Record<string, { embedded: number | null; postgres: number | null }> = {
  search: { embedded: 10, postgres: 10 },
  project_list_county: { embedded: 10, postgres: 10 },
  project_detail: { embedded: 10, postgres: 10 },
  enterprise_detail: { embedded: 10, postgres: 10 },
  project_kanban_county: { embedded: 30, postgres: 30 },
  assessment_monthly_run: { embedded: 5000, postgres: 5000 },
};

/**
 * The monthly assessment run of the county scheme, in-process: every county of the province ranked from the
 * approved records, scored, sealed and stored. One at a time, as the bureau runs it; each is an explicit re-run.
 */
async function monthlyRunBench(): Promise<Result[]> {
  const release = databaseUrl ? undefined : lockDataDir(dataDir);
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
  try {
    const ctx = await contextOf(database, 'bureau');
    const d = new Date(Date.now() + 8 * 3600_000);
    const scheme = (await listSchemes(database.db, d.getUTCFullYear())).items.find((x) => x.unitGroup === 'counties');
    if (!scheme) throw new Error('no county scheme for the current year in the bench data');
    const period = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    let units = 0;
    const s = await runConcurrent(quick ? 3 : 5, 1, async (i) => {
      const run = await createRun(database.db, ctx, { schemeId: scheme.id, period, rerun: true, reason: `bench ${i}` });
      units = run.units.length;
    });
    if (s.errors) throw new Error(`monthly run: ${s.errors} failed`);
    const target = TARGETS.assessment_monthly_run[kind];
    say(
      `assessment_monthly_run  p50 ${s.p50.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  (${units} units)  target ≤ ${target}${s.p95 <= (target ?? Infinity) ? ' ✓' : ' ✗'}`,
    );
    return [
      {
        metric: 'assessment_monthly_run.p95',
        value: +s.p95.toFixed(0),
        unit: 'ms',
        target,
        better: 'lower',
        database: kind,
      },
    ];
  } finally {
    await database.close();
    release?.();
  }
}

async function contextOf(database: Database, username: string): Promise<AuthedContext> {
  const r = (await database.db.execute(
    sql`SELECT id, username, display_name, role, unit_id FROM users WHERE username = ${username}`,
  )) as unknown as { rows: Record<string, unknown>[] };
  const u = r.rows[0];
  const teams = (await database.db.execute(
    sql`SELECT team_id FROM team_members WHERE user_id = ${u.id}`,
  )) as unknown as { rows: { team_id: number }[] };
  return {
    ip: '127.0.0.1',
    lang: 'zh-CN',
    principal: {
      userId: Number(u.id),
      username: String(u.username),
      displayName: String(u.display_name),
      role: u.role as Role,
      unitId: Number(u.unit_id),
      teamIds: teams.rows.map((t) => Number(t.team_id)),
      mustChangePassword: false,
      sessionIdHash: '',
    },
  };
}

const ZIHAO_PAIRS = [
  '恒泰',
  '瑞鑫',
  '宏盛',
  '华兴',
  '祥凤',
  '信诚',
  '德正',
  '博睿',
  '金银',
  '龙腾',
  '嘉禾',
  '鼎峰',
  '永佳',
  '汇聚',
  '海天',
  '飞跃',
];

interface Probe {
  metric: string;
  user: 'bureau' | 'dongchangfu';
  path: (i: number) => string;
  direct: (db: Database, ctx: AuthedContext, i: number) => Promise<unknown>;
}

async function probes(database: Database): Promise<Probe[]> {
  const ids = async (q: ReturnType<typeof sql>) =>
    ((await database.db.execute(q)) as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id));
  const projectIds = await ids(sql`SELECT id FROM projects WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 500`);
  const enterpriseIds = await ids(sql`SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 500`);
  const stages = ['', 'signed', 'started', 'negotiating,signed'];
  return [
    {
      metric: 'search',
      user: 'bureau',
      path: (i) => `/api/search?q=${encodeURIComponent(ZIHAO_PAIRS[i % ZIHAO_PAIRS.length])}`,
      direct: (db, ctx, i) => searchAll(db.db, ctx, ZIHAO_PAIRS[i % ZIHAO_PAIRS.length]),
    },
    {
      metric: 'project_list_county',
      user: 'dongchangfu',
      path: (i) => `/api/projects?page=1&pageSize=20${stages[i % 4] ? `&stage=${stages[i % 4]}` : ''}`,
      direct: (db, ctx, i) =>
        listProjects(db.db, ctx, {
          page: 1,
          pageSize: 20,
          sort: 'updatedAt',
          order: 'desc',
          withTotals: true,
          stage: stages[i % 4] ? [stages[i % 4]] : undefined,
        }),
    },
    {
      metric: 'project_detail',
      user: 'bureau',
      path: (i) => `/api/projects/${projectIds[i % projectIds.length]}`,
      direct: (db, ctx, i) => getProject(db.db, ctx, projectIds[i % projectIds.length]),
    },
    {
      metric: 'enterprise_detail',
      user: 'bureau',
      path: (i) => `/api/enterprises/${enterpriseIds[i % enterpriseIds.length]}`,
      direct: (db, ctx, i) => getEnterprise(db.db, ctx, enterpriseIds[i % enterpriseIds.length]),
    },
    {
      metric: 'project_kanban_county',
      user: 'dongchangfu',
      path: () => '/api/projects/kanban',
      direct: (db, ctx) => projectKanban(db.db, ctx, {}),
    },
  ];
}

async function prepare(): Promise<void> {
  const marker = databaseUrl ? undefined : path.join(dataDir, 'bench-data.json');
  const wanted = JSON.stringify({ scale, seed: 1, version: 2 });
  if (marker && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) return;
  if (marker) fs.rmSync(dataDir, { recursive: true, force: true });
  const release = databaseUrl ? undefined : lockDataDir(dataDir);
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
  try {
    const n = (await database.db.execute(sql`SELECT count(*)::int AS n FROM enterprises`)) as unknown as {
      rows: { n: number }[];
    };
    if (Number(n.rows[0].n) < SCALES[scale].enterprises) {
      say(`generating ${scale} data on ${kind}…`);
      const t = Date.now();
      await generate(database, { scale, seed: 1, log: (s) => say(`  ${s}`) });
      say(`generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
  } finally {
    await database.close();
    release?.();
  }
  if (marker) fs.writeFileSync(marker, wanted);
}

async function baseline(list: Probe[]): Promise<Map<string, Stats>> {
  const release = databaseUrl ? undefined : lockDataDir(dataDir);
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
  const out = new Map<string, Stats>();
  try {
    const ctx = { bureau: await contextOf(database, 'bureau'), dongchangfu: await contextOf(database, 'dongchangfu') };
    for (const p of list) {
      await runConcurrent(warmup, concurrency, async (i) => {
        await p.direct(database, ctx[p.user], i);
      });
      out.set(
        p.metric,
        await runConcurrent(requests, concurrency, async (i) => {
          await p.direct(database, ctx[p.user], i);
        }),
      );
    }
  } finally {
    await database.close();
    release?.();
  }
  return out;
}

/** Starts the server the way `npm start` does (scripts/start.mjs) and times it until /api/health answers. */
async function startServer(): Promise<{ url: string; child: ChildProcess; readyMs: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.resolve('scripts/start.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, readyMs: performance.now() - t0 };
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill();
  throw new Error('server did not start');
}

/** Samples the platform's memory every 100 ms while `work` runs; returns the highest PSS sample. */
async function peakMemory<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peak: PlatformMemory }> {
  let peak = platformMemory(pids, dataDir);
  const timer = setInterval(() => {
    const m = platformMemory(pids, dataDir);
    if (m.pssMB > peak.pssMB) peak = m;
  }, 100);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The .xlsx import, in a child process of its own (so that its memory is its own) against a fresh database:
 * a new PostgreSQL database beside DATABASE_URL's, or a new embedded one. Rows/s counts committed rows.
 */
async function importBench(): Promise<Result[]> {
  const rows = quick ? 20_000 : 100_000;
  let url: string | undefined;
  let admin: pg.Client | undefined;
  if (databaseUrl) {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `magnet_import_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  try {
    say(`importing a generated ${rows.toLocaleString()}-row .xlsx…`);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.resolve('bench/import-bench.ts'), '--rows', String(rows)],
      {
        env: { ...process.env, DATABASE_URL: url ?? '' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 24,
      },
    );
    if (r.status !== 0) throw new Error(`import bench failed (${r.status})`);
    const m = JSON.parse(r.stdout) as {
      commitRowsPerSec: number;
      dryRunRowsPerSec: number;
      endToEndRowsPerSec: number;
      sampledPeakRssMB: number;
      inserted: number;
    };
    say(
      `import: dry run ${m.dryRunRowsPerSec} rows/s, commit ${m.commitRowsPerSec} rows/s (target ≥ 20000), end to end ${m.endToEndRowsPerSec} rows/s (target ≥ 8000), peak RSS of Node ${m.sampledPeakRssMB} MB (target ≤ 300)`,
    );
    return [
      {
        metric: 'import_xlsx.commit_rows_per_s',
        value: m.commitRowsPerSec,
        unit: 'rows/s',
        target: 20_000,
        better: 'higher',
        database: kind,
      },
      {
        metric: 'import_xlsx.dry_run_rows_per_s',
        value: m.dryRunRowsPerSec,
        unit: 'rows/s',
        target: null,
        better: 'higher',
        database: kind,
      },
      {
        metric: 'import_xlsx.end_to_end_rows_per_s',
        value: m.endToEndRowsPerSec,
        unit: 'rows/s',
        target: 8_000,
        better: 'higher',
        database: kind,
      },
      {
        metric: 'import_xlsx.peak_rss',
        value: m.sampledPeakRssMB,
        unit: 'MB',
        target: 300,
        better: 'lower',
        database: kind,
      },
    ];
  } finally {
    if (admin && url) {
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  }
}

async function main() {
  say(
    `Magnet benchmark — ${kind}, scale ${scale}${quick ? ' (quick)' : ''}, concurrency ${concurrency}, ${requests} requests per figure after ${warmup} warm-up`,
  );
  await prepare();
  // The probes' ids come from the data; open once to read them (taking the folder's lock, as the server does).
  const listDb = await (async () => {
    const release = databaseUrl ? undefined : lockDataDir(dataDir);
    const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
    const list = (await probes(database)).filter((p) => !only || only.includes(p.metric));
    await database.close();
    release?.();
    return list;
  })();
  const base = await baseline(listDb);
  const { url, child, readyMs } = await startServer();
  const results: Result[] = [];
  const serverPid = serverPidUnder(child.pid!);
  const nodePids = serverPid ? [serverPid] : [];
  let loadPeak: PlatformMemory | undefined;
  try {
    // Idle: started, nobody signed in yet; a few seconds for the start's garbage to be collected.
    await new Promise((r) => setTimeout(r, 5000));
    const idle = platformMemory(nodePids, dataDir);
    const wrapper = platformMemory([child.pid!], '');
    say(`start to healthy (npm start's script, existing data folder): ${(readyMs / 1000).toFixed(2)} s (target ≤ 3)`);
    say(
      `idle memory, Node server + ${idle.processes - 1} PostgreSQL processes: PSS ${idle.pssMB} MB (target ≤ 250), ` +
        `RSS sum ${idle.rssMB} MB (Node ${idle.nodeRssMB} MB, PostgreSQL PSS ${idle.postgresPssMB} MB); start script wrapper RSS ${wrapper.nodeRssMB} MB`,
    );
    results.push(
      {
        metric: 'start_to_healthy',
        value: +(readyMs / 1000).toFixed(2),
        unit: 's',
        target: 3,
        better: 'lower',
        database: kind,
      },
      {
        metric: 'platform_memory_idle.pss',
        value: idle.pssMB,
        unit: 'MB',
        target: 250,
        better: 'lower',
        database: kind,
      },
      {
        metric: 'platform_memory_idle.rss_sum',
        value: idle.rssMB,
        unit: 'MB',
        target: null,
        better: 'lower',
        database: kind,
      },
      {
        metric: 'platform_memory_idle.node_rss',
        value: idle.nodeRssMB,
        unit: 'MB',
        target: null,
        better: 'lower',
        database: kind,
      },
      {
        metric: 'start_script_wrapper.rss',
        value: wrapper.nodeRssMB,
        unit: 'MB',
        target: null,
        better: 'lower',
        database: kind,
      },
    );
    const clients = { bureau: client(url), dongchangfu: client(url) };
    await clients.bureau.login('bureau', DEMO_PASSWORD);
    await clients.dongchangfu.login('dongchangfu', DEMO_PASSWORD);
    const rows: string[][] = [
      ['metric', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'target p95', 'baseline p95', 'API/baseline'],
    ];
    for (const p of listDb) {
      const c = clients[p.user];
      await runConcurrent(warmup, concurrency, async (i) => {
        await c.get(p.path(i));
      });
      const { result: s, peak } = await peakMemory(nodePids, () =>
        runConcurrent(requests, concurrency, async (i) => {
          await c.get(p.path(i));
        }),
      );
      if (!loadPeak || peak.pssMB > loadPeak.pssMB) loadPeak = peak;
      if (s.errors) throw new Error(`${p.metric}: ${s.errors} failed requests`);
      const b = base.get(p.metric)!;
      const target = TARGETS[p.metric]?.[kind] ?? null;
      results.push(
        {
          metric: `${p.metric}.p50`,
          value: +s.p50.toFixed(2),
          unit: 'ms',
          target: null,
          better: 'lower',
          database: kind,
        },
        { metric: `${p.metric}.p95`, value: +s.p95.toFixed(2), unit: 'ms', target, better: 'lower', database: kind },
        {
          metric: `${p.metric}.p99`,
          value: +s.p99.toFixed(2),
          unit: 'ms',
          target: null,
          better: 'lower',
          database: kind,
        },
        {
          metric: `${p.metric}.throughput`,
          value: +s.throughput.toFixed(1),
          unit: 'req/s',
          target: null,
          better: 'higher',
          database: kind,
        },
        {
          metric: `${p.metric}.baseline_p95`,
          value: +b.p95.toFixed(2),
          unit: 'ms',
          target: null,
          better: 'lower',
          database: kind,
        },
        {
          metric: `${p.metric}.api_overhead_ratio`,
          value: +(s.p95 / b.p95).toFixed(2),
          unit: 'x',
          target: null,
          better: 'lower',
          database: kind,
        },
      );
      rows.push([
        p.metric,
        s.p50.toFixed(1),
        s.p95.toFixed(1),
        s.p99.toFixed(1),
        s.throughput.toFixed(0),
        target === null ? '—' : `≤ ${target}${s.p95 <= target ? ' ✓' : ' ✗'}`,
        b.p95.toFixed(1),
        `${(s.p95 / b.p95).toFixed(2)}×`,
      ]);
    }
    // Export: a county's whole project list as a streamed .xlsx, one request at a time.
    if (!only || only.includes('export_projects_county')) {
      const exportRuns = quick ? 5 : 10;
      let exportedBytes = 0;
      const ex = await runConcurrent(exportRuns, 1, async () => {
        exportedBytes = (await clients.dongchangfu.get('/api/exports/project')).length;
      });
      if (ex.errors) throw new Error(`export: ${ex.errors} failed requests`);
      results.push({
        metric: 'export_projects_county.p95',
        value: +ex.p95.toFixed(1),
        unit: 'ms',
        target: null,
        better: 'lower',
        database: kind,
      });
      rows.push([
        'export_projects_county',
        ex.p50.toFixed(1),
        ex.p95.toFixed(1),
        ex.p99.toFixed(1),
        ex.throughput.toFixed(1),
        '—',
        `${(exportedBytes / 1024).toFixed(0)} KB xlsx`,
        '—',
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) say(r.map((c, i) => c.padEnd(widths[i])).join('  '));
    if (loadPeak) {
      say(
        `memory under the load above, peak: PSS ${loadPeak.pssMB} MB (target ≤ 500), RSS sum ${loadPeak.rssMB} MB (Node ${loadPeak.nodeRssMB} MB)`,
      );
      results.push({
        metric: 'platform_memory_load.pss',
        value: loadPeak.pssMB,
        unit: 'MB',
        target: 500,
        better: 'lower',
        database: kind,
      });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  if (!only || only.includes('assessment_monthly_run')) results.push(...(await monthlyRunBench()));
  if (!skipImport && !only) results.push(...(await importBench()));
  if (json) console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
