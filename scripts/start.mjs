#!/usr/bin/env node
// `npm start`: builds the web app if needed, then runs the server (TypeScript through tsx).
// SIGINT/SIGTERM/SIGHUP are passed on to the server, which drains its requests, stops the bundled PostgreSQL and
// releases the data folder; this script then exits with the server's status. The server is tied to this process by
// an IPC channel: if this process dies without passing a signal on (kill -9), the channel closes and the server
// stops itself, so nothing is left running.
import { spawn } from 'node:child_process';
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
