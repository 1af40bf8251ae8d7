import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { searchAll } from './service.js';

const Hit = Type.Object({ id: Type.Integer(), name: Type.String(), subtitle: Type.String() });

export const searchRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  app.get(
    '/api/search',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['search'],
        summary: 'The one search box: top 10 enterprises, leads and projects within my data scope',
        querystring: Type.Object({ q: Type.String({ maxLength: 50 }) }),
        response: {
          200: Type.Object({ enterprises: Type.Array(Hit), leads: Type.Array(Hit), projects: Type.Array(Hit) }),
        },
      },
    },
    async (req) => searchAll(database.db, authed(req), req.query.q),
  );
};
