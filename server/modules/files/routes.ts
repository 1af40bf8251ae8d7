import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams } from '../../http/schemas.js';
import { FileMeta } from './schema.js';
import { contentDisposition, downloadFile, MAX_FILE_BYTES, uploadFile } from './service.js';

const tags = ['projects'];

export const fileRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  // Base64 JSON (no multipart parser is installed): up to 10 MB of file, hence the larger body limit on this route only.
  app.post(
    '/api/files',
    {
      bodyLimit: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024,
      config: { access: 'business.write' },
      schema: {
        tags,
        summary:
          'Upload an evidence file of a project (pdf, jpg, png, doc(x), xls(x), ofd; ≤ 10 MB; type checked against the content)',
        body: Type.Object({
          projectId: Type.Integer({ minimum: 1 }),
          name: Type.String({ minLength: 1, maxLength: 255 }),
          contentBase64: Type.String({ minLength: 1, maxLength: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 1024 }),
        }),
        response: { 200: FileMeta, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) =>
      uploadFile(db, authed(req), 'project', {
        entityId: req.body.projectId,
        name: req.body.name,
        contentBase64: req.body.contentBase64,
      }),
  );

  app.get(
    '/api/files/:id',
    {
      config: { access: 'business.read' },
      schema: { tags, summary: 'Download a file (scope checked through its project)', params: IdParams },
    },
    async (req, reply) => {
      const f = await downloadFile(db, authed(req), req.params.id);
      return reply
        .type(f.mime)
        .header('content-disposition', contentDisposition(f.name))
        .header('content-length', f.data.length)
        .send(f.data);
    },
  );
};
