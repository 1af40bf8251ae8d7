// Helpers for API tests: the app on a fresh database (tests/support/db.ts), and agents that call it through
// app.inject keeping the session cookie and the CSRF token like a browser does.
//
//   const t = await startTestApp({ seed: true });
//   const county = await login(t.app, 'someone', 'password');
//   const r = await county.get('/api/auth/session');   // { status, json }
//   await t.close();
import type { App } from '../../server/app.js';
import { buildApp } from '../../server/app.js';
import type { Database } from '../../server/db/client.js';
import { createTestDatabase } from './db.js';

type SeedOptions = Parameters<typeof import('../../server/seed/demo.js').seedDemo>[1];

export interface TestApp {
  app: App;
  database: Database;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Load the demo city and accounts (server/seed/demo.ts) before the app starts. */
  seed?: boolean;
  /** Options for seedDemo; relaxPasswordChange defaults to true, as in the server (demo accounts need no first-login password change). */
  seedOptions?: Partial<SeedOptions>;
}

export async function startTestApp(opts: StartOptions = {}): Promise<TestApp> {
  const t = await createTestDatabase();
  try {
    if (opts.seed) {
      // Imported only when asked for, so tests without demo data don't depend on the seed module.
      const { seedDemo } = await import('../../server/seed/demo.js');
      await seedDemo(t.database.db, { relaxPasswordChange: true, ...opts.seedOptions });
    }
    const app = await buildApp(t.database, {
      cookieSecure: false,
      loginRateLimitPerMinute: 100_000,
      logLevel: 'silent',
    });
    await app.ready();
    let closed = false;
    return {
      app,
      database: t.database,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await app.close();
        } finally {
          await t.cleanup();
        }
      },
    };
  } catch (e) {
    await t.cleanup().catch(() => {});
    throw e;
  }
}

export interface Res<T = any> {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: T;
  headers: Record<string, string | string[] | number | undefined>;
  /** The raw body text. */
  body: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Agent {
  /** The signed-in user as the login answered it (undefined for an anonymous agent). */
  user?: any;
  csrfToken?: string;
  cookies: Map<string, string>;
  /** Headers sent with every request (e.g. { 'accept-language': 'en' }). */
  headers: Record<string, string>;
  request<T = any>(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Res<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  delete<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
}

/** An agent with no session: keeps any cookie it is given, sends the CSRF token once it has one. */
export function agent(app: App, headers: Record<string, string> = {}): Agent {
  const a: Agent = {
    cookies: new Map(),
    headers: { ...headers },
    async request(method, url, body, extra) {
      const h: Record<string, string> = { ...a.headers, ...extra };
      if (a.cookies.size) h.cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (method !== 'GET' && a.csrfToken && !('x-csrf-token' in h)) h['x-csrf-token'] = a.csrfToken;
      const res = await app.inject({
        method,
        url,
        headers: h,
        ...(body === undefined ? {} : { payload: body as never }),
      });
      for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
        const expired =
          c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
        if (expired) a.cookies.delete(c.name);
        else a.cookies.set(c.name, c.value);
      }
      let json: any;
      const type = String(res.headers['content-type'] ?? '');
      if (type.includes('json') && res.body) {
        json = JSON.parse(res.body);
        if (json && typeof json === 'object' && typeof json.csrfToken === 'string' && json.csrfToken)
          a.csrfToken = json.csrfToken;
      }
      return { status: res.statusCode, json, headers: res.headers, body: res.body };
    },
    get: (url, h) => a.request('GET', url, undefined, h),
    post: (url, body, h) => a.request('POST', url, body, h),
    patch: (url, body, h) => a.request('PATCH', url, body, h),
    put: (url, body, h) => a.request('PUT', url, body, h),
    delete: (url, body, h) => a.request('DELETE', url, body, h),
  };
  return a;
}

/** Signs in and returns an agent holding the session; throws if the login is refused. */
export async function login(
  app: App,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Agent> {
  const a = agent(app, headers);
  const r = await a.post('/api/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${r.body}`);
  a.user = r.json.user;
  return a;
}
