import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import type { RouteDeps } from '../../http/deps.js';
import { VERSION } from '../../version.js';

export const healthRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Health check: which database engine serves the app (bundled or external PostgreSQL) and its version',
        response: {
          200: Type.Object({
            status: Type.String(),
            database: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')]),
            engine: Type.String({ description: 'e.g. "PostgreSQL 18.4"' }),
            version: Type.String(),
          }),
        },
      },
    },
    async () => {
      await database.db.execute(sql`SELECT 1`);
      return {
        status: 'ok',
        database: database.kind,
        engine: `PostgreSQL ${database.serverVersion}`,
        version: VERSION,
      };
    },
  );
};
