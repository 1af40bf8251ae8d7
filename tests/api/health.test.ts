// The api tier's own check: the app answers on the database the tier was asked to use.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, startTestApp, type TestApp } from '../support/app.js';
import { testDbKind } from '../support/db.js';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports ok and the database kind in use (TEST_DB)', async () => {
    const r = await agent(t.app).get('/api/health');
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ok');
    expect(r.json.database).toBe(testDbKind());
    expect(r.json.database).toBe(process.env.TEST_DB || 'embedded');
    // the bundled server is PostgreSQL 18; Debian's, the external one of the tests, is 15 or newer
    expect(r.json.engine).toMatch(testDbKind() === 'embedded' ? /^PostgreSQL 18\./ : /^PostgreSQL 1[5-9]/);
    expect(typeof r.json.version).toBe('string');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('needs no session, and unknown API paths answer 404 with an error body', async () => {
    const r = await agent(t.app).get('/api/no-such-route');
    expect(r.status).toBe(404);
    expect(r.json).toHaveProperty('code');
  });

  // The app shell is served only when the web app has been built (web/dist).
  it.runIf(fs.existsSync(fileURLToPath(new URL('../../web/dist/index.html', import.meta.url))))(
    'serves the web app at the root and at its client routes',
    async () => {
      for (const url of ['/', '/projects', '/projects/1?tab=x']) {
        const r = await t.app.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(200);
        expect(String(r.headers['content-type']), url).toContain('text/html');
        expect(r.body, url).toContain('<div id="root"');
      }
    },
  );
});
