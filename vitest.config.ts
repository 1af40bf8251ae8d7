// Test tiers (vitest projects). `npm test` runs them all through scripts/test-all.mjs:
//   unit — fast tests with no database and no server: server/**/*.test.ts, web/**/*.test.ts(x), tests/unit/**.
//   api  — the HTTP API through app.inject against a real PostgreSQL chosen by env TEST_DB=embedded|postgres
//          (default embedded: the bundled PostgreSQL 18; postgres: Debian's 15). tests/support/pg-global-setup.ts
//          starts one throwaway server for the tier unless TEST_PG_URL already points at one.
//   e2e  — the real server as a child process, driven in Debian's Chromium through playwright-core; one file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The machines have 2 cores: more workers only add contention.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['server/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
          exclude: ['**/*.api.test.ts', '**/node_modules/**', 'web/dist/**'],
        },
      },
      {
        test: {
          name: 'api',
          environment: 'node',
          include: ['server/**/*.api.test.ts', 'tests/api/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['tests/support/pg-global-setup.ts'],
          // Each file creates its own database on the tier's server and migrates it.
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['tests/support/e2e-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
