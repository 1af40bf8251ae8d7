// Global setup of the e2e tier: checks that Chromium is there, and builds the web app (web/dist) when it is
// missing or older than its sources, since the server serves web/dist as it finds it at start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, repoRoot } from './browser.js';

const webDir = path.join(repoRoot, 'web');
const distIndex = path.join(webDir, 'dist', 'index.html');

/** Newest modification time among the web app's sources (web/ except dist and node_modules). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup() {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  if (!fs.existsSync(path.join(webDir, 'vite.config.ts')))
    throw new Error('web/vite.config.ts not found: the web app is needed for the e2e tests');
  const stale = !fs.existsSync(distIndex) || newestSource(webDir) > fs.statSync(distIndex).mtimeMs;
  if (stale && process.env.E2E_SKIP_BUILD !== '1') {
    const started = Date.now();
    console.log('[e2e] building the web app (vite build --config web/vite.config.ts) ...');
    const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (r.status !== 0) throw new Error(`web build failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    if (!fs.existsSync(distIndex)) throw new Error('web build finished but web/dist/index.html is missing');
    console.log(`[e2e] web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
