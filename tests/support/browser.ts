// Helpers for end-to-end tests: the real server (server/main.ts) as a child process on a free loopback port with
// a temporary data folder (the demo data loads into the empty database), and Debian's Chromium driven through
// playwright-core.
//
//   const e = await startE2E();
//   const page = await e.newPage();
//   await page.goto(e.baseUrl + '/login');
//   ...
//   await e.close();   // closes the browser, stops the server by pid, removes the data folder
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from './pg-global-setup.js';
import { DEMO_PASSWORD } from '../../server/seed/demo.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ServerHandle {
  baseUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Last resort if a test run ends without calling stop(): never leave a server behind. SIGTERM, so that the server
// stops its bundled PostgreSQL too (it also stops by itself when its IPC channel to this process closes).
process.once('exit', () => {
  for (const child of running) if (child.pid && child.exitCode === null) child.kill('SIGTERM');
});

/** A bundled PostgreSQL left by a server that had to be killed: stopped before its folder is removed. */
function stopOrphanPostgres(dataDir: string) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // none running
  }
}

export interface ServerOptions {
  /** Extra environment for the server (e.g. DATABASE_URL to run against PostgreSQL). */
  env?: Record<string, string>;
  /** How long to wait for GET /api/health. */
  startTimeoutMs?: number;
}

export async function startServer(opts: ServerOptions = {}): Promise<ServerHandle> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-e2e-data-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL;
  // node --import tsx: the child's pid is the server itself (npx would put a wrapper process in between).
  // The IPC channel ties the server to this process: if the test run dies, the server stops itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    if (child.signalCode === 'SIGKILL') stopOrphanPostgres(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 120_000);
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out}`);
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok && (await r.json()).status === 'ok') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready on ${baseUrl} within ${opts.startTimeoutMs ?? 120_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, port, pid: child.pid!, dataDir, output: () => out, stop };
}

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface E2E {
  server: ServerHandle;
  browser: Browser;
  baseUrl: string;
  /** A page in a new browser context (own cookies), Chinese locale, 1280×800. Page errors are collected in page errors list. */
  newPage(opts?: { locale?: string }): Promise<Page>;
  /** A new page signed in as a demo account (demo password), once the main menu shows. */
  signIn(username: string): Promise<Page>;
  /** Uncaught errors thrown by page scripts, per page. */
  pageErrors: Map<Page, Error[]>;
  /** Saves a full-page screenshot as <E2E_SCREENSHOT_DIR or $TMPDIR/magnet-e2e-screenshots>/<name>.png; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2E(opts: ServerOptions = {}): Promise<E2E> {
  const server = await startServer(opts);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const contexts: BrowserContext[] = [];
  const pageErrors = new Map<Page, Error[]>();
  const newPage = async ({ locale = 'zh-CN' } = {}) => {
    const context = await browser.newContext({
      locale,
      viewport: { width: 1280, height: 800 },
      baseURL: server.baseUrl,
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors: Error[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (err) => errors.push(err));
    return page;
  };
  return {
    server,
    browser,
    baseUrl: server.baseUrl,
    pageErrors,
    newPage,
    async signIn(username) {
      const page = await newPage();
      await page.goto('/login');
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('main-menu').waitFor({ state: 'visible', timeout: 20_000 });
      return page;
    },
    async screenshot(page, name) {
      const dir = process.env.E2E_SCREENSHOT_DIR || path.join(os.tmpdir(), 'magnet-e2e-screenshots');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      try {
        await browser.close();
      } finally {
        await server.stop();
      }
    },
  };
}

/**
 * Whether the page draws Chinese characters with real glyphs, in its own body font: two different characters must
 * give different pixels, and neither may look like the "missing glyph" box an unassigned code point gets.
 * Fails when no CJK font is installed (fonts-noto-cjk) and the text shows as boxes.
 */
export function cjkRendersAsGlyphs(page: Page, chars = ['用', '户']): Promise<boolean> {
  return page.evaluate((cs) => {
    const font = `32px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
    const draw = (ch: string) => {
      const c = document.createElement('canvas');
      c.width = 48;
      c.height = 48;
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 48, 48);
      ctx.fillStyle = '#000';
      ctx.font = font;
      ctx.textBaseline = 'top';
      ctx.fillText(ch, 4, 4);
      return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
    };
    const missing = draw('\u0378'); // an unassigned code point: drawn as the missing-glyph box, if at all
    const a = draw(cs[0]);
    const b = draw(cs[1]);
    const blank = draw(' ');
    return a !== b && a !== missing && b !== missing && a !== blank && b !== blank;
  }, chars);
}
