import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Paging, Timestamp, VersionBody } from '../../http/schemas.js';
import { REGION_GROUPS } from '../../reference/divisions.js';
import { AGREEMENT_TYPES } from '../projects/stages.js';
import { EVENT_LEVELS, EVENT_TYPES } from './constants.js';
import { createEvent, eventTargetProgress, getEvent, listEvents, signAtEvent, updateEvent } from './service.js';

const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const S = (max: number) => Type.Optional(N(Type.String({ maxLength: max })));
const literals = (xs: readonly string[]) => xs.map((x) => Type.Literal(x));
const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });

const EventProps = {
  id: Type.Integer(),
  name: Type.String(),
  type: Type.String({ description: EVENT_TYPES.join(' | ') }),
  isKey: Type.Boolean(),
  level: Type.String({ description: EVENT_LEVELS.join(' | ') }),
  startDate: Type.String(),
  endDate: Type.String(),
  place: N(Type.String()),
  divisionCode: N(Type.String()),
  regionGroup: Type.String({ description: REGION_GROUPS.join(' | ') }),
  organiser: N(Type.String()),
  ownerUnitId: Type.Integer(),
  ownerUnitName: N(Type.String()),
  teamId: N(Type.Integer()),
  createdBy: Type.Integer(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  signedCount: Type.Integer({ description: 'projects first signed here, approved by the bureau' }),
  signedAmount: Type.String({ description: '万元, their signed amounts' }),
  majorCount: Type.Integer({ description: '亿元以上 among them' }),
  pendingCount: Type.Integer({ description: 'first signed here, awaiting the review' }),
};
const Signing = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  projectName: Type.String(),
  counted: Type.Boolean(),
  signedAmount: N(Type.String()),
  stageEventId: N(Type.Integer()),
  reviewStatus: N(Type.String()),
  firstEventId: N(Type.Integer({ description: 'the event where the project counts' })),
  createdAt: Timestamp,
  countStatus: Type.String({ description: 'counted | pending | resigned (re-signed, not counted) | returned' }),
});
const EventDetail = Type.Object({ ...EventProps, signings: Type.Array(Signing) });
// Owner unit, creator, version and timestamps are the server's. Dates are checked by the service (field errors).
const Fields = {
  name: Type.String({ maxLength: 200 }),
  type: Type.String({ maxLength: 20, description: EVENT_TYPES.join(' | ') }),
  isKey: Type.Optional(Type.Boolean({ description: '重点活动' })),
  level: Type.String({ maxLength: 20, description: EVENT_LEVELS.join(' | ') }),
  startDate: Type.Optional(N(DateStr)),
  endDate: Type.Optional(N(DateStr)),
  place: S(200),
  divisionCode: S(6),
  regionGroup: Type.String({
    maxLength: 20,
    description: `the campaign's region, chosen by the user: ${REGION_GROUPS.join(' | ')}`,
  }),
  organiser: S(200),
};
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const eventRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  const tags = ['events'];

  app.get(
    '/api/events',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Events I can see, with their signing figures',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          type: Type.Optional(Type.Union(literals(EVENT_TYPES))),
          level: Type.Optional(Type.Union(literals(EVENT_LEVELS))),
          regionGroup: Type.Optional(Type.Union(literals(REGION_GROUPS))),
          isKey: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object(EventProps)), total: Type.Integer() }) },
      },
    },
    async (req) => listEvents(db, authed(req), req.query),
  );

  const Target = Type.Object({ target: Type.Integer(), done: Type.Integer(), met: Type.Boolean() });
  app.get(
    '/api/events/targets',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary:
          'Yearly key-event targets (city-level, county-level, one concentrated event in each of 京津冀/长三角/珠三角) and progress',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            cityKey: Target,
            countyKey: Target,
            regions: Type.Array(Type.Object({ regionGroup: Type.String(), ...Target.properties })),
          }),
        },
      },
    },
    async (req) => eventTargetProgress(db, authed(req), req.query.year),
  );

  app.get(
    '/api/events/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'One event and the projects signed there',
        params: IdParams,
        response: { 200: EventDetail, 404: ErrorResponse },
      },
    },
    async (req) => getEvent(db, authed(req), req.params.id),
  );

  app.post(
    '/api/events',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Record an event',
        body: Type.Object(Fields),
        response: { 200: EventDetail, 400: ErrorResponse },
      },
    },
    async (req) => createEvent(db, authed(req), req.body),
  );

  app.patch(
    '/api/events/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change an event (optimistic locking by version)',
        params: IdParams,
        body: Type.Object({
          ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, Type.Optional(v)])),
          version: VersionBody.properties.version,
        }),
        response: { 200: EventDetail, ...errors },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body as { version: number } & Record<string, unknown>;
      return updateEvent(db, authed(req), req.params.id, version, patch);
    },
  );

  app.post(
    '/api/events/:id/signings',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary:
          "A project signed at the event: its move to 签约 (awaiting the bureau's review) when first signed; re-signed, not counted, otherwise",
        params: IdParams,
        body: Type.Object({
          projectId: Type.Integer({ minimum: 1 }),
          projectVersion: Type.Integer({ minimum: 1, description: "the project's version as read" }),
          signedAt: DateStr,
          signedAmount: Type.String({ maxLength: 24, description: '万元' }),
          agreementType: Type.String({ maxLength: 20, description: AGREEMENT_TYPES.join(' | ') }),
          evidenceFileIds: Type.Optional(
            Type.Array(Type.Integer({ minimum: 1 }), {
              maxItems: 20,
              description: 'the agreement, uploaded to the project',
            }),
          ),
          reason: S(500),
        }),
        response: { 200: EventDetail, ...errors },
      },
    },
    async (req) => signAtEvent(db, authed(req), req.params.id, req.body),
  );
};
