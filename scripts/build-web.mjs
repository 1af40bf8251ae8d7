#!/usr/bin/env node
// Builds the web app into web/dist when it is missing or older than its sources.
// Runs after `npm install` and before `npm start`, so that a fresh clone starts with two commands.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function webIsFresh() {
  return fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(web);
}

export function buildWeb({ force = false } = {}) {
  if (!force && webIsFresh()) return true;
  console.log('[magnet] 构建前端 Building the web app…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  return r.status === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(buildWeb({ force: process.argv.includes('--force') }) ? 0 : 1);
}
