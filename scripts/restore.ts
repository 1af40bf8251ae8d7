// npm run restore -- BACKUP.tar.gz [DATA_DIR]
// Restores a backup of the bundled database into DATA_DIR (default ./data): a new PostgreSQL cluster there, every
// table loaded and checked against the backup's row counts and checksums. Stop the server first: the data folder's
// lock refuses a restore while it runs. A previous folder is kept beside it, renamed.
import path from 'node:path';
import { DataDirLockedError } from '../server/db/lock.js';
import { restoreBackup } from '../server/modules/backup/service.js';

const [file, dir] = process.argv.slice(2);
if (!file) {
  console.error('用法 usage: npm run restore -- BACKUP.tar.gz [DATA_DIR]');
  process.exit(2);
}
const dataDir = path.resolve(dir ?? process.env.DATA_DIR ?? 'data');
try {
  const r = await restoreBackup(path.resolve(file), dataDir, (m) => console.log(m));
  console.log(
    `已恢复并校验 Restored and verified ${file} into ${dataDir}: ${r.tables} tables, ${r.rows} rows ` +
      `(row counts and checksums equal to the backup's), ${r.users} accounts.` +
      `${r.movedAside ? ` 原数据保留在 The previous data is kept in ${r.movedAside}` : ''}`,
  );
} catch (e) {
  console.error(e instanceof DataDirLockedError ? e.message : e);
  process.exit(1);
}
