// What every module's routes receive when app.ts registers them: the open database and the settings they need.
// Kept apart from app.ts so that route modules never import the module that imports them.
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';

export interface RouteDeps {
  database: Database;
  config: Pick<Config, 'cookieSecure' | 'loginRateLimitPerMinute'>;
}
