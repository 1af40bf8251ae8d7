// Standard code lists for pickers: GB/T 2260 divisions, GB/T 4754 industries, the region groups. Any signed-in user.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { REGION_GROUPS, REGION_LABELS } from '../../reference/divisions.js';
import { industryOptions, SECTIONS } from '../../reference/industries.js';
import { searchDivisions } from './divisions.js';

const tags = ['reference'];

export const referenceRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app) => {
  app.get(
    '/api/reference/divisions',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'GB/T 2260 divisions by (part of) name or code prefix',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 30 })),
          code: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ code: Type.String(), name: Type.String(), fullName: Type.String(), level: Type.String() }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: searchDivisions(req.query.q ?? '', req.query.limit, req.query.code) }),
  );

  app.get(
    '/api/reference/industries',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'GB/T 4754 sections and divisions',
        response: {
          200: Type.Object({
            sections: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                section: Type.String(),
                sectionName: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      sections: Object.entries(SECTIONS).map(([code, name]) => ({ code, name })),
      items: industryOptions(),
    }),
  );

  app.get(
    '/api/reference/regions',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Region groups of headquarters (本市, 京津冀, 长三角, 珠三角, 境外 …)',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })),
          }),
        },
      },
    },
    async () => ({ items: REGION_GROUPS.map((code) => ({ code, ...REGION_LABELS[code] })) }),
  );
};
