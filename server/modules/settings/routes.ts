import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse } from '../../http/schemas.js';
import { optional } from '../../http/schemas.js';
import { getSecurityPolicy, updateSecurityPolicy } from './service.js';

const PolicyFields = {
  passwordMinLength: Type.Integer({ minimum: 8, maximum: 64 }),
  passwordMinClasses: Type.Integer({ minimum: 2, maximum: 4 }),
  passwordExpiryDays: Type.Integer({ minimum: 0, maximum: 365 }),
  passwordHistory: Type.Integer({ minimum: 0, maximum: 24 }),
  mustChangeInitialPassword: Type.Boolean(),
  lockoutThreshold: Type.Integer({ minimum: 3, maximum: 10 }),
  lockoutMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  sessionIdleMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
  sessionAbsoluteHours: Type.Integer({ minimum: 1, maximum: 24 }),
};
const Policy = Type.Object({ ...PolicyFields, version: Type.Integer() });

export const settingsRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  app.get(
    '/api/settings/security',
    {
      config: { access: 'security.settings' },
      schema: { tags: ['security'], summary: 'Password, lockout and session policy', response: { 200: Policy } },
    },
    async () => getSecurityPolicy(db),
  );
  app.put(
    '/api/settings/security',
    {
      config: { access: 'security.settings' },
      schema: {
        tags: ['security'],
        summary: 'Change the security policy',
        body: Type.Object({ ...optional(PolicyFields), version: Type.Integer({ minimum: 0 }) }),
        response: { 200: Policy, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateSecurityPolicy(db, authed(req), patch, version);
    },
  );
};
