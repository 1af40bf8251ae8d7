// A data folder written by the versions of Magnet that ran on PGlite holds its database files directly in DATA_DIR
// (PG_VERSION, base/, global/ …). The bundled PostgreSQL cannot open them; `npm run migrate-data` copies them over.
import fs from 'node:fs';
import path from 'node:path';

export function detectPgliteFolder(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION')) && fs.existsSync(path.join(dataDir, 'base'));
}

export const PGLITE_FOLDER_MESSAGE = (dataDir: string) =>
  `数据目录 ${dataDir} 是旧版（PGlite）的数据库，需先迁移：停止服务后运行 npm run migrate-data\n` +
  `The data folder ${dataDir} holds a database of the previous version (PGlite). Migrate it once with: ` +
  'npm run migrate-data   (it copies every table into the bundled PostgreSQL, checks the row counts, and keeps the ' +
  'old files aside in a folder beside them)';
