#!/usr/bin/env node
// `npm start`: builds the web app if needed, then runs the server (TypeScript through tsx).
// Signals go to the server, which closes the database and releases the data folder.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!buildWeb()) {
  console.error('[magnet] 前端构建失败 The web app did not build; see the messages above.');
  process.exit(1);
}
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], { cwd: process.cwd(), stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
