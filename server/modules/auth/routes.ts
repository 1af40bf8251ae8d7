import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed, SESSION_COOKIE } from '../../http/access.js';
import { ErrorResponse, Ok } from '../../http/schemas.js';
import { permissionsOf } from '../../core/policy.js';
import { getSecurityPolicy } from '../settings/service.js';
import { changeOwnPassword, login, logout, resolveSession, unitNameOf } from './service.js';

export const SessionUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  teamIds: Type.Array(Type.Integer()),
  mustChangePassword: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
const SessionResponse = Type.Object({ user: SessionUser, csrfToken: Type.String() });

export const authRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database, config }) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.cookieSecure };

  async function sessionBody(req: Parameters<typeof authed>[0]) {
    const p = authed(req).principal;
    const unitName = await unitNameOf(database.db, p.userId);
    return {
      user: {
        id: p.userId,
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        unitId: p.unitId,
        unitName,
        teamIds: p.teamIds,
        mustChangePassword: p.mustChangePassword,
        permissions: permissionsOf(p.role),
      },
      csrfToken: req.csrfToken ?? '',
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        security: [],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 128 }),
        }),
        response: { 200: SessionResponse, 401: ErrorResponse },
      },
    },
    async (req, reply) => {
      // A fresh session id at every login; any session cookie the browser had is replaced.
      const r = await login(database.db, req.ctx, req.body.username, req.body.password, req.headers['user-agent']);
      reply.setCookie(SESSION_COOKIE, r.token, { ...cookieOptions, expires: r.expiresAt });
      const s = await resolveSession(database.db, r.token);
      if (!s || !('principal' in s)) throw new Error('session vanished after login');
      req.ctx.principal = s.principal;
      req.csrfToken = s.csrfToken;
      return sessionBody(req);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'password' },
      schema: { tags: ['auth'], summary: 'Sign out: ends this session', response: { 200: Ok } },
    },
    async (req, reply) => {
      await logout(database.db, authed(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'password' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, permissions and the CSRF token',
        response: { 200: SessionResponse },
      },
    },
    async (req) => sessionBody(req),
  );

  app.get(
    '/api/auth/password-policy',
    {
      config: { access: 'password' },
      schema: {
        tags: ['auth'],
        summary: 'The password rules, so that a form can state them before the user types',
        response: {
          200: Type.Object({
            minLength: Type.Integer(),
            minClasses: Type.Integer(),
            history: Type.Integer(),
            expiryDays: Type.Integer(),
          }),
        },
      },
    },
    async () => {
      const p = await getSecurityPolicy(database.db);
      return {
        minLength: p.passwordMinLength,
        minClasses: p.passwordMinClasses,
        history: p.passwordHistory,
        expiryDays: p.passwordExpiryDays,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'password' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
          newPassword: Type.String({ minLength: 1, maxLength: 128 }),
        }),
        response: { 200: Ok, 400: ErrorResponse },
      },
    },
    async (req) => {
      await changeOwnPassword(database.db, authed(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true };
    },
  );
};
