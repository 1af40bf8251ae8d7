import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Ok, Timestamp } from '../../http/schemas.js';
import { createSavedView, deleteSavedView, listSavedViews, VIEW_ENTITIES } from './service.js';

const tags = ['projects'];
const SavedView = Type.Object({
  id: Type.Integer(),
  entity: Type.String(),
  name: Type.String(),
  filters: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});

export const savedViewRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  app.get(
    '/api/saved-views',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'My saved list filters',
        querystring: Type.Object({ entity: Type.Enum([...VIEW_ENTITIES]) }),
        response: { 200: Type.Object({ items: Type.Array(SavedView) }) },
      },
    },
    async (req) => listSavedViews(db, authed(req), req.query.entity),
  );
  app.post(
    '/api/saved-views',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Save the current filters under a name',
        body: Type.Object({
          entity: Type.Enum([...VIEW_ENTITIES]),
          name: Type.String({ minLength: 1, maxLength: 50 }),
          filters: Type.Record(Type.String(), Type.Unknown()),
        }),
        response: { 200: SavedView, 400: ErrorResponse },
      },
    },
    async (req) => createSavedView(db, authed(req), req.body),
  );
  app.delete(
    '/api/saved-views/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Delete one of my saved views',
        params: IdParams,
        response: { 200: Ok, 404: ErrorResponse },
      },
    },
    async (req) => {
      await deleteSavedView(db, authed(req), req.params.id);
      return { ok: true };
    },
  );
};
