#!/usr/bin/env node
// The import rules of docs/ARCHITECTURE.md, checked on every import of the repository's own files:
//   1. a route module (server/modules/*/routes.ts, *-routes.ts) never imports a repository: it calls its service;
//   2. a module never imports another module's repository: it calls that module's service;
//   3. nothing imports server/app.ts but server/main.ts, the test harness (tests/support/) and tests that build an app;
//   4. there is no import cycle (type-only imports count: they tie the files together all the same).
// Imports are read with the TypeScript compiler's own pre-processor (no type check, so it takes a second), which
// finds static, type-only, re-export and dynamic imports alike.
//
//   node scripts/check-boundaries.mjs      prints each violation; exits 1 if there is any
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const DIRS = ['server', 'web/src', 'tests', 'scripts', 'bench'];

/** The repository's own source files (tracked or new, not ignored), relative to the root with forward slashes. */
export function sourceFiles() {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...DIRS], {
    cwd: root,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter(
      (f) => SOURCE.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.d.mts') && fs.existsSync(path.join(root, f)),
    );
}

/** Resolves a relative specifier the way NodeNext (server: "./x.js" is x.ts) and Vite (web: "./x" is x.tsx) do. */
function resolve(from, spec, known) {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const stem = base.replace(/\.(js|mjs|jsx)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ];
  return candidates.find((c) => known.has(c)) ?? null;
}

/** Every file's imports of other files of the repository. */
export function importGraph(files = sourceFiles()) {
  const known = new Set(files);
  const graph = new Map();
  for (const f of files) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(root, f), 'utf8'), true, true);
    const targets = info.importedFiles.map((i) => resolve(f, i.fileName, known)).filter(Boolean);
    graph.set(f, [...new Set(targets)]);
  }
  return graph;
}

const moduleOf = (f) => /^server\/modules\/([^/]+)\//.exec(f)?.[1] ?? null;
const isRepository = (f) => /^server\/modules\/[^/]+\/repository\.ts$/.test(f);
const isRoutes = (f) => /^server\/modules\/[^/]+\/([a-z-]+-)?routes\.ts$/.test(f);
const mayImportApp = (f) => f === 'server/main.ts' || f.startsWith('tests/support/') || /\.test\.tsx?$/.test(f);

/** Import cycles: the strongly connected components of more than one file (or a file importing itself). */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const idx = new Map();
  const low = new Map();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

/** The violations of rules 1-4, as readable lines. */
export function violations(graph) {
  const out = [];
  for (const [file, targets] of graph) {
    for (const t of targets) {
      if (isRepository(t) && isRoutes(file)) out.push(`route imports a repository: ${file} -> ${t}`);
      else if (isRepository(t) && moduleOf(file) && moduleOf(file) !== moduleOf(t)) {
        out.push(`module "${moduleOf(file)}" imports another module's repository: ${file} -> ${t}`);
      }
      if (t === 'server/app.ts' && !mayImportApp(file)) out.push(`imports server/app.ts: ${file}`);
    }
  }
  for (const c of cycles(graph)) out.push(`import cycle: ${c.join(' <-> ')}`);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const graph = importGraph();
  const found = violations(graph);
  for (const v of found) console.log(`  ${v}`);
  const edges = [...graph.values()].reduce((n, t) => n + t.length, 0);
  console.log(
    `boundaries: ${graph.size} files, ${edges} imports, ${found.length} violation${found.length === 1 ? '' : 's'}`,
  );
  process.exitCode = found.length ? 1 : 0;
}
