import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fs from 'node:fs';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse } from '../../http/schemas.js';
import { createBackup } from './service.js';

export const backupRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  app.get(
    '/api/admin/backup',
    {
      config: { access: 'system.backup' },
      schema: {
        tags: ['system'],
        summary:
          'Download a consistent online backup of the bundled database (gzipped tar: a manifest and every table in COPY text format); restore with `npm run restore -- FILE`',
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const b = await createBackup(database, authed(req));
      const stream = fs.createReadStream(b.file);
      stream.once('close', b.remove);
      return reply
        .type('application/gzip')
        .header('content-length', b.size)
        .header('content-disposition', `attachment; filename="${b.name}"`)
        .send(stream as unknown as Buffer); // streamed from the file
    },
  );
};
