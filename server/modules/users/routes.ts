import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Paging } from '../../http/schemas.js';
import { Timestamp } from '../../http/schemas.js';
import { changeRole, createUser, listUsers, runUserCommand, updateUser, type UserCommand } from './service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  phone: Nullable(Type.String()),
  status: Type.String(),
  lockedUntil: Nullable(Timestamp),
  lastLoginAt: Nullable(Timestamp),
  mustChangePassword: Type.Boolean(),
  version: Type.Integer(),
});
const Phone = Type.Optional(Nullable(Type.String({ maxLength: 20 })));

export const userRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  app.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'Accounts',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          unitId: Type.Optional(Type.Integer()),
          role: Type.Optional(Type.String()),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(User), total: Type.Integer() }) },
      },
    },
    async (req) => listUsers(db, req.query),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create an account; returns its initial password once',
        body: Type.Object({
          username: Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
          displayName: Type.String({ minLength: 1, maxLength: 50 }),
          unitId: Type.Integer({ minimum: 1 }),
          role: Type.String(),
          phone: Phone,
        }),
        response: { 200: Type.Object({ user: User, initialPassword: Type.String() }), 400: ErrorResponse },
      },
    },
    async (req) => createUser(db, authed(req), req.body),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change an account',
        params: IdParams,
        body: Type.Object({
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
          unitId: Type.Optional(Type.Integer({ minimum: 1 })),
          phone: Phone,
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: User, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateUser(db, authed(req), req.params.id, version, patch);
    },
  );

  for (const command of ['disable', 'enable', 'unlock', 'reset-password'] as UserCommand[]) {
    app.post(
      `/api/users/:id/${command}`,
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          summary: `${command} an account`,
          params: IdParams,
          response: { 200: Type.Object({ ok: Type.Boolean(), initialPassword: Type.Optional(Type.String()) }) },
        },
      },
      async (req) => ({ ok: true, ...(await runUserCommand(db, authed(req), req.params.id, command)) }),
    );
  }

  app.put(
    '/api/users/:id/role',
    {
      config: { access: 'roles.assign' },
      schema: {
        tags: ['users'],
        summary: "Change an account's role (security administrator)",
        params: IdParams,
        body: Type.Object({ role: Type.String(), version: Type.Integer({ minimum: 1 }) }),
        response: { 200: User, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => changeRole(db, authed(req), req.params.id, req.body.version, req.body.role),
  );
};
