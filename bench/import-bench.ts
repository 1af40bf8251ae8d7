// Import benchmark: generates a county-style project ledger of N rows as .xlsx (streamed to disk), then imports it
// through the service functions — upload inspection, dry run, commit — on a fresh database, measuring rows/s and
// the process's peak RSS.
//
//   node --import tsx bench/import-bench.ts [--rows 100000] [--entity project] [--keep]
//   DATABASE_URL=postgres://… node --import tsx bench/import-bench.ts      (an external PostgreSQL; default: the bundled one in a temp folder)
//
// The benchmark suite calls runImportBench(); the CLI prints its result as JSON.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../server/db/client.js';
import type { AuthedContext } from '../server/core/context.js';
import type { Role } from '../server/core/policy.js';
import { seedDemo } from '../server/seed/demo.js';
import { makeUSCC } from '../server/modules/enterprises/uscc.js';
import { commitImport, getImport, startImport, waitForJob } from '../server/modules/spreadsheets/service.js';
import { inspect } from '../server/modules/spreadsheets/upload.js';
import { tuneHeap } from '../server/runtime.js';
import { registerSheetProfiles } from '../server/sheet-profiles.js';
import { rng } from './data.js';

export interface ImportBenchOptions {
  rows?: number;
  /** PostgreSQL URL; the bundled PostgreSQL in a temporary data folder otherwise. */
  databaseUrl?: string;
  /** Who imports: 'bureau' (rows name their county) or a county account such as 'dongchangfu'. */
  username?: string;
  seed?: number;
  keepFiles?: boolean;
  log?: (s: string) => void;
}

export interface ImportBenchResult {
  rows: number;
  database: string;
  fileBytes: number;
  generateMs: number;
  inspectMs: number;
  dryRunMs: number;
  commitMs: number;
  valid: number;
  invalid: number;
  duplicate: number;
  inserted: number;
  dryRunRowsPerSec: number;
  commitRowsPerSec: number;
  endToEndRowsPerSec: number;
  /** RSS with the database open and the demo city loaded, before the import (the database runs in processes of its own; this is Node's). */
  baselineRssMB: number;
  /** The process's RSS high-water mark before the import (kernel maxRSS) and at the end: the import's own peak is the difference when it exceeds the baseline. */
  maxRssBeforeMB: number;
  peakRssMB: number;
  /** Sampled while the event loop turns (samples can miss a short peak; maxRSS does not). */
  sampledPeakRssMB: number;
  peakHeapMB: number;
}

const COUNTIES = ['东昌府', '茌平', '临清', '阳谷', '莘县', '东阿', '冠县', '高唐', '经开区', '高新区', '度假区'];
const CLUSTERS = [
  '新材料',
  '高端装备',
  '新能源汽车',
  '医养健康',
  '有色金属',
  '绿色化工',
  '纺织服装',
  '文化旅游',
  '现代高效农业',
];
const STAGES = ['洽谈', '在谈', '签约', '注册', '开工', '在建', '投产', '达产'];
const PRODUCTS = [
  '铝合金板带箔',
  '锂电池隔膜',
  '高性能树脂',
  '精密轴承',
  '智能数控机床',
  '动力电池',
  '医疗器械',
  '生物医药',
  '光伏组件',
  '特种电缆',
  '碳纤维复合材料',
  '新能源汽车零部件',
  '智能家居',
  '纺织面料',
  '农产品深加工',
  '文旅综合体',
  '冷链物流',
  '半导体封装',
  '氢能装备',
  '工业机器人',
];
const PLACES = [
  '上海',
  '苏州',
  '无锡',
  '深圳',
  '北京',
  '宁波',
  '杭州',
  '合肥',
  '青岛',
  '济南',
  '天津',
  '广州',
  '南京',
  '常州',
  '佛山',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const HANZI =
  '瑞恒创新宏达华鑫盛泰正源丰汇嘉诚信德隆兴安科技远航博通天成金鼎中联海润辰星明越永昌旭东启航凯达伟业宇晨聚力';

/** Writes the ledger with ExcelJS's streaming writer: title rows, the header, N data rows, a total row. */
export async function generateLedger(file: string, rows: number, seed = 7): Promise<number> {
  const r = rng(seed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('重点项目台账');
  ws.addRow(['2024年全市招商引资重点项目台账']).commit();
  ws.addRow(['填报单位：市投资促进局', '', '', '', '', '金额单位：亿元']).commit();
  ws.addRow([
    '序号',
    '项目名称',
    '项目编号',
    '投资主体',
    '统一社会信用代码',
    '计划总投资（亿元）',
    '固定资产投资（亿元）',
    '进展阶段',
    '签约日期',
    '落地县区',
    '产业集群',
    '行业代码',
    '联络人',
    '联系电话',
    '建设内容',
  ]).commit();
  const word = (n: number) => Array.from({ length: n }, () => HANZI[r.int(HANZI.length)]).join('');
  let total = 0n;
  for (let i = 1; i <= rows; i++) {
    const product = r.pick(PRODUCTS);
    const investor = `${r.pick(PLACES)}${word(2)}${product.slice(0, 2)}科技有限公司`;
    const amount = (r.int(500_000) + 100) / 1000; // 0.1 – 500 亿元, three decimals
    total += BigInt(Math.round(amount * 1000));
    const y = 2020 + r.int(5),
      m = 1 + r.int(12),
      d = 1 + r.int(28);
    const date =
      r.int(3) === 0
        ? `${y}年${m}月${d}日`
        : r.int(2) === 0
          ? `${y}-${m}-${d}`
          : `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
    ws.addRow([
      i,
      `年产${1 + r.int(50)}万套${word(2)}${product}项目`,
      `BENCH-${String(i).padStart(7, '0')}`,
      investor,
      r.int(3) === 0 ? makeUSCC('371502', 500_000 + i) : '',
      amount,
      Math.round(amount * 600) / 1000,
      r.pick(STAGES),
      date,
      r.pick(COUNTIES),
      r.pick(CLUSTERS),
      `C${30 + r.int(10)}`,
      `${SURNAMES[r.int(SURNAMES.length)]}某`,
      `13${String(r.int(1e9)).padStart(9, '0')}`,
      `新建厂房${1 + r.int(20)}万平方米，购置生产线${1 + r.int(12)}条`,
    ]).commit();
  }
  ws.addRow(['合计', '', '', '', '', Number(total) / 1000]).commit();
  await ws.commit();
  await wb.commit();
  return (await fs.stat(file)).size;
}

/** Generates the ledger in a child process, so that the generator's memory is not counted as the import's. */
async function generateInChild(file: string, rows: number, seed: number): Promise<number> {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--generate', file, String(rows), String(seed)],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`generator failed (${r.status})`);
  return (await fs.stat(file)).size;
}

async function sha256(file: string) {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function principal(database: Database, username: string): Promise<AuthedContext> {
  const r = await database.db.execute(
    sql`SELECT id, username, display_name AS "displayName", role, unit_id AS "unitId" FROM users WHERE username = ${username}`,
  );
  const u = (
    r as unknown as { rows: { id: number; username: string; displayName: string; role: string; unitId: number }[] }
  ).rows[0];
  if (!u) throw new Error(`no user ${username}`);
  return {
    ip: '127.0.0.1',
    lang: 'zh-CN',
    principal: {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role as Role,
      unitId: u.unitId,
      teamIds: [],
      mustChangePassword: false,
      sessionIdHash: 'bench',
    },
  };
}

export async function runImportBench(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  tuneHeap(); // as the server does
  registerSheetProfiles(); // as the app does at start
  const rows = opts.rows ?? 100_000;
  const log = opts.log ?? (() => {});
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'magnet-import-bench-'));
  await fs.chmod(work, 0o755); // as root, the bundled PostgreSQL's own user must reach its data folder inside
  const file = path.join(work, 'ledger.xlsx');
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const phasePeak: Record<string, { rss: number; heap: number }> = {};
  let phase = 'setup';
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    phasePeak[phase] ??= { rss: 0, heap: 0 };
    const p = phasePeak[phase];
    p.rss = Math.max(p.rss, m.rss);
    p.heap = Math.max(p.heap, m.heapUsed);
  }, 25);
  const database = await openDatabase(
    opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { dataDir: path.join(work, 'db') },
  );
  try {
    await seedDemo(database.db, {});
    const ctx = await principal(database, opts.username ?? 'bureau');

    let t0 = performance.now();
    const fileBytes = await generateInChild(file, rows, opts.seed ?? 7);
    const generateMs = performance.now() - t0;
    log(`generated ${rows} rows, ${(fileBytes / 1e6).toFixed(1)} MB in ${(generateMs / 1000).toFixed(1)} s`);
    // the upload step copies the file to a temporary file it then owns
    const upload = path.join(work, 'upload');
    await fs.copyFile(file, upload);
    global.gc?.();
    const baselineRss = process.memoryUsage().rss;
    const baselineMaxRss = process.resourceUsage().maxRSS * 1024;
    peakRss = baselineRss; // measure the import, not the generator
    peakHeap = process.memoryUsage().heapUsed;

    t0 = performance.now();
    const inspected = await inspect({
      path: upload,
      fileName: 'ledger.xlsx',
      size: fileBytes,
      sha256: await sha256(upload),
    });
    const inspectMs = performance.now() - t0;

    phase = 'dryRun';
    t0 = performance.now();
    const started = await startImport(database, ctx, 'project', inspected, (e) => log(String(e)));
    await waitForJob(started.id);
    const dry = await getImport(database.db, ctx, started.id);
    const dryRunMs = performance.now() - t0;
    if (dry.status !== 'ready') throw new Error(`dry run ended ${dry.status}: ${JSON.stringify(dry.error)}`);
    const s = dry.summary!;
    log(
      `dry run: ${s.rows} rows (${s.valid} valid, ${s.invalid} invalid, ${s.duplicate} duplicate) in ${(dryRunMs / 1000).toFixed(1)} s`,
    );

    phase = 'commit';
    t0 = performance.now();
    await commitImport(database, ctx, started.id, { skipInvalid: true }, (e) => log(String(e)));
    await waitForJob(started.id);
    const done = await getImport(database.db, ctx, started.id);
    const commitMs = performance.now() - t0;
    if (done.status !== 'committed') throw new Error(`commit ended ${done.status}: ${JSON.stringify(done.error)}`);
    const inserted = done.summary!.committed!.inserted;
    log(`commit: ${inserted} inserted in ${(commitMs / 1000).toFixed(1)} s`);

    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    log(
      `memory peaks (MB): ${Object.entries(phasePeak)
        .map(([k, v]) => `${k} rss ${mb(v.rss)} heap ${mb(v.heap)}`)
        .join('; ')}`,
    );
    return {
      rows,
      database: database.kind,
      fileBytes,
      generateMs: Math.round(generateMs),
      inspectMs: Math.round(inspectMs),
      dryRunMs: Math.round(dryRunMs),
      commitMs: Math.round(commitMs),
      valid: s.valid,
      invalid: s.invalid,
      duplicate: s.duplicate,
      inserted,
      dryRunRowsPerSec: Math.round(s.rows / (dryRunMs / 1000)),
      commitRowsPerSec: Math.round(inserted / (commitMs / 1000)),
      endToEndRowsPerSec: Math.round(s.rows / ((inspectMs + dryRunMs + commitMs) / 1000)),
      baselineRssMB: mb(baselineRss),
      maxRssBeforeMB: mb(baselineMaxRss),
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      sampledPeakRssMB: mb(peakRss),
      peakHeapMB: mb(peakHeap),
    };
  } finally {
    clearInterval(sampler);
    await database.close();
    if (!opts.keepFiles) await fs.rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--generate') {
  generateLedger(process.argv[3], Number(process.argv[4]), Number(process.argv[5] ?? 7)).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  runImportBench({
    rows: arg('rows') ? Number(arg('rows')) : undefined,
    username: arg('user'),
    databaseUrl: process.env.DATABASE_URL,
    keepFiles: process.argv.includes('--keep'),
    log: (s) => console.error(`[import-bench] ${s}`),
  }).then(
    (r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
