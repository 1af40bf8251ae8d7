// npm run restore -- BACKUP.tar.gz [DATA_DIR]
// Restores a backup of the embedded database into DATA_DIR (default ./data). Stop the server first: the data
// folder's lock refuses a restore while it runs. The previous folder is kept beside it, renamed.
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
  const r = await restoreBackup(path.resolve(file), dataDir);
  console.log(`已恢复 Restored ${file} into ${dataDir} (${r.users} accounts).${r.movedAside ? ` 原数据保留在 The previous data is kept in ${r.movedAside}` : ''}`);
} catch (e) {
  console.error(e instanceof DataDirLockedError ? e.message : e);
  process.exit(1);
}
