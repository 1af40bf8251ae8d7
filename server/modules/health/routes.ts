import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import type { RouteDeps } from '../../http/deps.js';
import { VERSION } from '../../version.js';

export const healthRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'], summary: 'Health check',
      response: { 200: Type.Object({ status: Type.String(), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]), version: Type.String() }) },
    },
  }, async () => {
    await database.db.execute(sql`SELECT 1`);
    return { status: 'ok', database: database.kind, version: VERSION };
  });
};
