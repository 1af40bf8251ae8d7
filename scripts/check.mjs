#!/usr/bin/env node
// `npm run check`: the static checks, each a pass or a fail — the three type checks (server, web app, browser
// tests), Biome (lint and format: biome.jsonc) and the import boundaries (scripts/check-boundaries.mjs).
// `npm test` runs the same checks as its "checks" tier, each counted as one test.
//
//   node scripts/check.mjs              all checks
//   node scripts/check.mjs biome ...    only these (names below)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

export const CHECKS = [
  { name: 'typecheck-server', args: [tsc, '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'typecheck-web', args: [tsc, '--noEmit', '-p', 'web/tsconfig.json'] },
  { name: 'typecheck-e2e', args: [tsc, '--noEmit', '-p', 'tests/e2e/tsconfig.json'] },
  // The summary names each file and rule at fault; `npx biome check <file>` shows the details.
  { name: 'biome', args: [biome, 'check', '--reporter=summary', '.'] },
  { name: 'boundaries', args: [path.join(root, 'scripts', 'check-boundaries.mjs')] },
];

/** Runs the checks one after another, their output shown as it comes; returns each one's outcome. */
export function runChecks(names = []) {
  const chosen = names.length ? CHECKS.filter((c) => names.includes(c.name)) : CHECKS;
  return chosen.map((c) => {
    console.log(`[check] ${c.name}`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, c.args, { cwd: root, stdio: 'inherit' });
    const outcome = { name: c.name, ok: r.status === 0, seconds: (Date.now() - t0) / 1000 };
    console.log(
      `[check] ${c.name}: ${outcome.ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${outcome.seconds.toFixed(1)} s`,
    );
    return outcome;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !CHECKS.some((c) => c.name === n));
  if (unknown.length) {
    console.error(`unknown check(s): ${unknown.join(', ')}; checks are ${CHECKS.map((c) => c.name).join(', ')}`);
    process.exit(2);
  }
  const outcomes = runChecks(names);
  const failed = outcomes.filter((o) => !o.ok);
  console.log(
    `checks: ${outcomes.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.map((o) => o.name).join(', ')})` : ''}`,
  );
  process.exitCode = failed.length ? 1 : 0;
}
