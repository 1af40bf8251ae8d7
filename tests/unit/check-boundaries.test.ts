// The import rules (scripts/check-boundaries.mjs) on small made-up graphs, and the reading of the real tree's imports.
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, violations } from '../../scripts/check-boundaries.mjs';

const graph = (edges: Record<string, string[]>) => {
  const g = new Map(Object.entries(edges));
  for (const targets of Object.values(edges)) for (const t of targets) if (!g.has(t)) g.set(t, []);
  return g;
};

describe('import boundaries', () => {
  it('accepts routes → service → repository within one module, and a service calling another module’s service', () => {
    expect(
      violations(
        graph({
          'server/modules/leads/routes.ts': ['server/modules/leads/service.ts', 'server/http/deps.ts'],
          'server/modules/leads/service.ts': [
            'server/modules/leads/repository.ts',
            'server/modules/projects/service.ts',
          ],
          'server/modules/projects/service.ts': ['server/modules/projects/repository.ts'],
          'server/main.ts': ['server/app.ts'],
          'tests/support/app.ts': ['server/app.ts'],
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a route importing a repository, its own module’s included', () => {
    expect(violations(graph({ 'server/modules/leads/routes.ts': ['server/modules/leads/repository.ts'] }))).toEqual([
      'route imports a repository: server/modules/leads/routes.ts -> server/modules/leads/repository.ts',
    ]);
    expect(
      violations(graph({ 'server/modules/health/meta-routes.ts': ['server/modules/auth/repository.ts'] })),
    ).toHaveLength(1);
  });

  it('refuses a module importing another module’s repository', () => {
    expect(violations(graph({ 'server/modules/leads/service.ts': ['server/modules/projects/repository.ts'] }))).toEqual(
      [
        'module "leads" imports another module\'s repository: server/modules/leads/service.ts -> server/modules/projects/repository.ts',
      ],
    );
  });

  it('refuses any import of server/app.ts but from main, the harness and tests', () => {
    expect(
      violations(
        graph({
          'server/modules/health/routes.ts': ['server/app.ts'],
          'server/modules/auth/auth.api.test.ts': ['server/app.ts'],
        }),
      ),
    ).toEqual(['imports server/app.ts: server/modules/health/routes.ts']);
  });

  it('finds import cycles, however long, and only those', () => {
    const g = graph({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts'], 'd.ts': ['a.ts'], 'e.ts': ['e.ts'] });
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(violations(g)).toEqual(['import cycle: a.ts <-> b.ts <-> c.ts', 'import cycle: e.ts']);
  });

  it('reads the real imports: NodeNext ".js" specifiers, type-only imports and the web app’s extensionless ones', () => {
    const g = importGraph();
    expect(g.get('server/modules/settings/routes.ts')).toEqual(
      expect.arrayContaining(['server/http/deps.ts', 'server/modules/settings/service.ts']),
    );
    expect(g.get('server/modules/auth/service.ts')).toContain('server/db/client.ts'); // import type { Db, Tx }
    expect(g.get('web/src/features/shell/feedback.ts')).toContain('web/src/api/client.ts');
  });
});
