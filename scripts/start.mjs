#!/usr/bin/env node
// `npm start`: builds the web app if needed, then runs the server (TypeScript through tsx).
// SIGINT/SIGTERM/SIGHUP are passed on to the server, which drains its requests, stops the bundled PostgreSQL and
// releases the data folder; this script then exits with the server's status. The server is tied to this process by
// an IPC channel: if this process dies without passing a signal on (kill -9), the channel closes and the server
// stops itself, so nothing is left running. Run by npm, it also watches npm: killing `npm start` kills the shell
// between them without passing the signal on, so when npm or that shell is gone, the server is stopped too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!buildWeb()) {
  console.error('[magnet] 前端构建失败 The web app did not build; see the messages above.');
  process.exit(1);
}
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
  cwd: process.cwd(),
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
let forwarded = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    forwarded = true;
    if (server.exitCode === null && server.signalCode === null) server.kill(sig);
  });
}
server.on('exit', (code) => process.exit(code ?? (forwarded ? 0 : 1)));

/** Linux: a process's parent pid and command line, or undefined once it is gone (or a zombie). */
function proc(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return { ppid: Number(fields[1]), cmd: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ') };
  } catch {
    return undefined;
  }
}

if (process.env.npm_lifecycle_event && proc(process.pid)) {
  // The processes from here up to npm itself (a shell may sit between), at most three levels.
  let chain = [];
  let foundNpm = false;
  for (let pid = process.ppid, i = 0; pid > 1 && i < 3 && !foundNpm; i++) {
    const p = proc(pid);
    if (!p) break;
    chain.push(pid);
    foundNpm = /(^|\/)npm(-cli\.js)?( |$)/.test(p.cmd);
    pid = p.ppid;
  }
  if (!foundNpm) chain = []; // not under npm after all: watch nothing (a login shell may come and go)
  setInterval(() => {
    if (chain.some((pid) => !proc(pid)) && server.exitCode === null && server.signalCode === null) {
      forwarded = true;
      server.kill('SIGTERM');
    }
  }, 500).unref();
}
