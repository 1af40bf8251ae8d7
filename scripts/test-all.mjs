#!/usr/bin/env node
// `npm test`: every test tier in order — unit, api on the bundled PostgreSQL 18, api on Debian's PostgreSQL 15,
// e2e in Chromium on the default start path — each through
// vitest with a JSON report, whose numbers make the per-tier summary and the closing line
// "N passed, N failed[, N skipped]" (always the last line printed). Exits non-zero if a test failed, a tier
// did not run, or a tier ran no test.
//
//   node scripts/test-all.mjs                 all tiers
//   node scripts/test-all.mjs unit api-embedded   only these tiers (unit, api-embedded, api-postgres, e2e)
//
// Needs Debian's postgresql (api-postgres; not if TEST_PG_URL points at a server), chromium and fonts-noto-cjk
// (e2e). As root it installs what is missing with apt-get; otherwise it says which tier cannot run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countLine, countReport, tierVerdict } from './lib/test-report.mjs';
import { runChecks } from './check.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const reportDir =
  process.env.TEST_REPORT_DIR || path.join(os.tmpdir(), `magnet-test-reports-${os.userInfo().username}`);
const tierTimeoutMs = Number(process.env.TEST_TIER_TIMEOUT_MIN || 15) * 60_000;

const TIERS = [
  { id: 'checks', checks: true, needs: [] },
  { id: 'unit', project: 'unit', env: {}, needs: [] },
  // TEST_PG_URL emptied: a server given for api-postgres must not stand in for the bundled one.
  { id: 'api-embedded', project: 'api', env: { TEST_DB: 'embedded', TEST_PG_URL: '' }, needs: [] },
  {
    id: 'api-postgres',
    project: 'api',
    env: { TEST_DB: 'postgres' },
    needs: process.env.TEST_PG_URL ? [] : ['postgresql'],
  },
  { id: 'e2e', project: 'e2e', env: {}, needs: ['chromium', 'fonts-noto-cjk'] },
];

const log = (msg) => console.log(`[test-all] ${msg}`);

// ---- system packages ---------------------------------------------------------------------------------------

function pgServerInstalled() {
  const dir = '/usr/lib/postgresql';
  return fs.existsSync(dir) && fs.readdirSync(dir).some((v) => fs.existsSync(path.join(dir, v, 'bin', 'initdb')));
}

function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.startsWith('ii');
}

/** Whether what a package brings is really there (a package alone is not enough, nor needed off Debian). */
function present(pkg) {
  switch (pkg) {
    case 'postgresql':
      return pgServerInstalled();
    case 'chromium':
      return fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
    case 'fonts-noto-cjk': {
      if (debInstalled(pkg)) return true;
      const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
      return r.status === 0 && r.stdout.trim() !== '';
    }
    default:
      return debInstalled(pkg);
  }
}

function ensurePackages(tiers) {
  const wanted = [...new Set(tiers.flatMap((t) => t.needs))];
  let missing = wanted.filter((p) => !present(p));
  if (missing.length === 0) return new Set();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    log(`installing missing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Another apt (an install already running) holds the lock: wait for it rather than fail.
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    const upd = spawnSync('apt-get', [...lock, 'update'], { stdio: 'inherit', env });
    if (upd.status !== 0) log(`apt-get update exited with ${upd.status}`);
    const inst = spawnSync('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    });
    if (inst.status !== 0) log(`apt-get install exited with ${inst.status}`);
    missing = missing.filter((p) => !present(p));
  } else {
    log(
      `missing Debian packages: ${missing.join(' ')} (not root, so not installing them; as root: apt-get install -y ${missing.join(' ')})`,
    );
  }
  return new Set(missing);
}

// ---- running one tier ------------------------------------------------------------------------------------

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, sig);
      } catch {}
    }
    process.exit(130);
  });
}

function runVitest(tier, reportFile) {
  return new Promise((resolve) => {
    fs.rmSync(reportFile, { force: true });
    const args = [
      vitestBin,
      'run',
      '--project',
      tier.project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${reportFile}`,
    ];
    // Its own process group, so that a hung tier can be ended with everything it started.
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...tier.env },
      detached: true,
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`${tier.id}: still running after ${tierTimeoutMs / 60_000} min, stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 15_000).unref();
    }, tierTimeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      current = null;
      resolve({ exitCode: null, error: String(err), timedOut });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolve({ exitCode: code ?? signal, timedOut });
    });
  });
}

// ---- the static checks (scripts/check.mjs: type checks, Biome, import boundaries), each counted as one test ----

function runChecksTier(tier) {
  log(`=== ${tier.id} ===`);
  const t0 = Date.now();
  const outcomes = runChecks();
  const failed = outcomes.filter((o) => !o.ok).map((o) => o.name);
  const counts = { passed: outcomes.length - failed.length, failed: failed.length, skipped: 0, brokenFiles: [] };
  const verdict = { ok: failed.length === 0, why: failed.length ? `failed: ${failed.join(', ')}` : 'ok' };
  return { tier, ran: true, exitCode: failed.length ? 1 : 0, counts, verdict, seconds: (Date.now() - t0) / 1000 };
}

// ---- main ----------------------------------------------------------------------------------------------

const selected = process.argv.slice(2);
const unknown = selected.filter((s) => !TIERS.some((t) => t.id === s));
if (unknown.length) {
  console.error(`unknown tier(s): ${unknown.join(', ')}; tiers are ${TIERS.map((t) => t.id).join(', ')}`);
  process.exit(2);
}
const tiers = selected.length ? TIERS.filter((t) => selected.includes(t.id)) : TIERS;
fs.mkdirSync(reportDir, { recursive: true });
const missing = ensurePackages(tiers);

const results = [];
const started = Date.now();
for (const tier of tiers) {
  const lacking = tier.needs.filter((p) => missing.has(p));
  if (lacking.length) {
    log(`${tier.id}: cannot run, missing Debian package(s) ${lacking.join(' ')}`);
    results.push({ tier, ran: false, why: `missing ${lacking.join(' ')}`, seconds: 0 });
    continue;
  }
  if (tier.checks) {
    results.push(runChecksTier(tier));
    continue;
  }
  log(`=== ${tier.id} ===`);
  const t0 = Date.now();
  const reportFile = path.join(reportDir, `${tier.id}.json`);
  const run = await runVitest(tier, reportFile);
  const seconds = (Date.now() - t0) / 1000;
  let counts;
  if (fs.existsSync(reportFile)) {
    try {
      counts = countReport(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
    } catch (e) {
      log(`${tier.id}: unreadable report ${reportFile}: ${e.message}`);
    }
  }
  const verdict = tierVerdict({ ran: !run.error, exitCode: run.exitCode, counts });
  if (run.timedOut) verdict.why = `timed out after ${tierTimeoutMs / 60_000} min; ${verdict.why}`;
  if (run.error) verdict.why = `could not start vitest: ${run.error}`;
  results.push({ tier, ran: !run.error, exitCode: run.exitCode, counts, verdict, seconds });
}

console.log('');
console.log(`Test tiers (${((Date.now() - started) / 1000).toFixed(0)} s in all; reports in ${reportDir}):`);
for (const r of results) {
  const name = r.tier.id.padEnd(13);
  if (!r.ran || !r.verdict) {
    console.log(`  ${name} NOT RUN: ${r.why ?? r.verdict?.why}`);
    continue;
  }
  const c = r.counts;
  const nums = c ? `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : 'no report';
  const broken = c?.brokenFiles.length
    ? ` (files that failed to run: ${c.brokenFiles.map((f) => path.relative(root, f)).join(', ')})`
    : '';
  console.log(
    `  ${name} ${r.verdict.ok ? 'ok    ' : 'FAILED'}  ${nums}  ${r.seconds.toFixed(1)} s${r.verdict.ok ? '' : ` — ${r.verdict.why}`}${broken}`,
  );
}
const ok = results.every((r) => r.ran && r.verdict?.ok);
if (!ok) console.log('Result: FAILED (a test failed, or a tier did not run, or a tier ran no test)');
console.log(countLine(results.filter((r) => r.counts).map((r) => r.counts)));
process.exitCode = ok ? 0 : 1;
