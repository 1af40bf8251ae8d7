import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, optional } from '../../http/schemas.js';
import {
  createTeam,
  createUnit,
  listClusters,
  listTeams,
  listUnits,
  setTeamMembers,
  updateTeam,
  updateUnit,
  UNIT_KINDS,
} from './service.js';

const Unit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  divisionCode: Type.Union([Type.String(), Type.Null()]),
  sort: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
const UnitFields = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  shortName: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
  kind: Type.Union(UNIT_KINDS.map((k) => Type.Literal(k))),
  parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  divisionCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{6}$' }), Type.Null()])),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  active: Type.Optional(Type.Boolean()),
};
const NullableInt = Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]));
const Team = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  clusterId: Type.Union([Type.Integer(), Type.Null()]),
  clusterName: Type.Union([Type.String(), Type.Null()]),
  leadUnitId: Type.Union([Type.Integer(), Type.Null()]),
  leadUnitName: Type.Union([Type.String(), Type.Null()]),
  leaderUserId: Type.Union([Type.Integer(), Type.Null()]),
  leaderName: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  members: Type.Array(Type.Object({ userId: Type.Integer(), displayName: Type.String(), unitName: Type.String() })),
});
const TeamRow = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  clusterId: Type.Union([Type.Integer(), Type.Null()]),
  leadUnitId: Type.Union([Type.Integer(), Type.Null()]),
  leaderUserId: Type.Union([Type.Integer(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
const TeamFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  clusterId: NullableInt,
  leadUnitId: NullableInt,
  leaderUserId: NullableInt,
  description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
};

export const orgRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  app.get(
    '/api/units',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['org'],
        summary: 'The organisation tree (flat, with parentId)',
        response: { 200: Type.Object({ items: Type.Array(Unit) }) },
      },
    },
    async () => ({ items: await listUnits(db) }),
  );
  app.post(
    '/api/units',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['org'],
        summary: 'Create a unit',
        body: Type.Object(UnitFields),
        response: { 200: Unit, 400: ErrorResponse },
      },
    },
    async (req) => createUnit(db, authed(req), req.body),
  );
  app.patch(
    '/api/units/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change a unit',
        params: IdParams,
        body: Type.Object({ ...optional(UnitFields), version: Type.Integer({ minimum: 1 }) }),
        response: { 200: Unit, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateUnit(db, authed(req), req.params.id, version, patch);
    },
  );

  app.get(
    '/api/clusters',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['org'],
        summary: 'Industry clusters',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), category: Type.String() }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listClusters(db) }),
  );

  app.get(
    '/api/teams',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['org'],
        summary: 'Industry investment teams (产业招商团组)',
        response: { 200: Type.Object({ items: Type.Array(Team) }) },
      },
    },
    async () => ({ items: await listTeams(db) }),
  );
  app.post(
    '/api/teams',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['org'],
        summary: 'Create a team',
        body: Type.Object(TeamFields),
        response: { 200: TeamRow, 400: ErrorResponse },
      },
    },
    async (req) => createTeam(db, authed(req), req.body),
  );
  app.patch(
    '/api/teams/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change a team',
        params: IdParams,
        body: Type.Object({ ...optional(TeamFields), version: Type.Integer({ minimum: 1 }) }),
        response: { 200: TeamRow, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateTeam(db, authed(req), req.params.id, version, patch);
    },
  );
  app.put(
    '/api/teams/:id/members',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['org'],
        summary: "Replace a team's members",
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 }) }),
        response: { 200: Type.Object({ userIds: Type.Array(Type.Integer()) }), 400: ErrorResponse },
      },
    },
    async (req) => ({ userIds: await setTeamMembers(db, authed(req), req.params.id, req.body.userIds) }),
  );
};
