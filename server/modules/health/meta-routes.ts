// Reference data the web app needs: roles with labels, the policy table.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMIN_ROLES, POLICY, ROLE_LABELS, ROLES } from '../../core/policy.js';
import type { RouteDeps } from '../../http/deps.js';

export const metaRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app) => {
  app.get(
    '/api/meta/roles',
    {
      config: { access: 'session' },
      schema: {
        tags: ['system'],
        summary: 'Roles, their labels and the policy table',
        response: {
          200: Type.Object({
            roles: Type.Array(
              Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String(), admin: Type.Boolean() }),
            ),
            policy: Type.Record(Type.String(), Type.Array(Type.String())),
          }),
        },
      },
    },
    async () => ({
      roles: ROLES.map((code) => ({ code, ...ROLE_LABELS[code], admin: ADMIN_ROLES.includes(code) })),
      policy: Object.fromEntries(Object.entries(POLICY).map(([k, v]) => [k, [...v]])),
    }),
  );
};
