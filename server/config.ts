// Configuration from the environment, checked at start: a wrong setting stops the server with a clear message.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  cookieSecure: boolean;
  demoData: boolean;
  /** Relaxes the first-login password change for the demo accounts only. */
  demoRelaxPasswordChange: boolean;
  loginRateLimitPerMinute: number;
  logLevel: string;
  /** Embedded database only: write a snapshot here every backupIntervalHours, keeping backupKeep. */
  backupDir?: string;
  backupIntervalHours: number;
  backupKeep: number;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`配置错误 Invalid setting: ${name}=${raw} (expected an integer ${min}–${max})`);
  return n;
}

function boolEnv(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`配置错误 Invalid setting: ${name}=${raw} (expected true or false)`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('配置错误 Invalid setting: DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: intEnv(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    cookieSecure: boolEnv(env, 'COOKIE_SECURE', false),
    demoData: boolEnv(env, 'DEMO_DATA', true),
    demoRelaxPasswordChange: boolEnv(env, 'DEMO_RELAX_PASSWORD_CHANGE', true),
    loginRateLimitPerMinute: intEnv(env, 'LOGIN_RATE_LIMIT', 30, 1, 100000),
    logLevel: env.LOG_LEVEL || 'warn',
    backupDir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : undefined,
    backupIntervalHours: intEnv(env, 'BACKUP_INTERVAL_HOURS', 24, 1, 24 * 30),
    backupKeep: intEnv(env, 'BACKUP_KEEP', 7, 1, 1000),
  };
}
