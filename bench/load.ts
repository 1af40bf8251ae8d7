// Load at a fixed concurrency over loopback, and the statistics the benchmark prints.
import http from 'node:http';

export interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  throughput: number;
  errors: number;
}

export function statsOf(latenciesMs: number[], wallMs: number, errors = 0): Stats {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN);
  return {
    count: s.length,
    p50: q(50),
    p95: q(95),
    p99: q(99),
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
    throughput: s.length / (wallMs / 1000),
    errors,
  };
}

/** Runs `task(i)` `total` times with `concurrency` at once; returns per-call latencies. */
export async function runConcurrent(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        try {
          await task(i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - s);
      }
    }),
  );
  return statsOf(latencies, performance.now() - t0, errors);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A keep-alive HTTP client holding one session cookie. */
export function client(base: string) {
  let cookie = '';
  let csrf = '';
  async function request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Buffer }> {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          agent,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const set = res.headers['set-cookie'];
            if (set) cookie = set.map((c) => c.split(';')[0]).join('; ');
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
  return {
    async login(username: string, password: string) {
      const r = await request('POST', '/api/auth/login', { username, password });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
      csrf = JSON.parse(r.body.toString()).csrfToken;
    },
    async get(path: string) {
      const r = await request('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.body.toString().slice(0, 200)}`);
      return r.body;
    },
    request,
  };
}
