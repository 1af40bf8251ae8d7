import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse } from '../../http/schemas.js';
import { createBackup } from './service.js';

export const backupRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  app.get('/api/admin/backup', { config: { access: 'system.backup' }, schema: { tags: ['system'],
    summary: 'Download a backup of the embedded database (gzipped tar of its data folder); restore with `npm run restore -- FILE`',
    response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 409: ErrorResponse } } },
  async (req, reply) => {
    const b = await createBackup(database, authed(req));
    return reply.type('application/gzip').header('content-disposition', `attachment; filename="${b.name}"`).send(b.data);
  });
};
