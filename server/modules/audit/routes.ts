import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { Paging } from '../../http/schemas.js';
import { Timestamp } from '../../http/schemas.js';
import { listAuditEvents } from './service.js';

const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Event = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actorId: N(Type.Integer()),
  actorName: N(Type.String()),
  ip: N(Type.String()),
  action: Type.String(),
  targetType: N(Type.String()),
  targetId: N(Type.String()),
  targetLabel: N(Type.String()),
  outcome: Type.String(),
  changes: N(Type.Record(Type.String(), Type.Array(Type.Unknown()))),
  detail: N(Type.String()),
});

export const auditRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log (audit administrator only), newest first',
        querystring: Type.Object({
          action: Type.Optional(
            Type.String({ maxLength: 64, description: 'exact action, or a prefix ending in * (auth.*)' }),
          ),
          actor: Type.Optional(Type.String({ maxLength: 64 })),
          outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
          targetType: Type.Optional(Type.String({ maxLength: 32 })),
          targetId: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(Event), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const r = await listAuditEvents(database.db, req.query);
      return { ...r, items: r.items.map((i) => ({ ...i, changes: i.changes as Record<string, unknown[]> | null })) };
    },
  );
};
