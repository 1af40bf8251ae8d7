import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { errorBody } from '../../core/errors.js';
import { authed } from '../../http/access.js';
import { DuplicatesFound } from '../projects/service.js';
import { ErrorResponse, IdParams, Paging, Timestamp, VersionBody, optional } from '../../http/schemas.js';
import { LEAD_STATUSES, SORTS, SOURCE_CHANNELS } from './constants.js';
import {
  addFollowUp,
  claimLead,
  conversionDuplicates,
  convertLead,
  createLead,
  dropLead,
  getLead,
  handoverLead,
  listAssignees,
  listLeads,
  releaseLead,
  updateLead,
} from './service.js';

const S = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const literals = (xs: readonly string[]) => xs.map((x) => Type.Literal(x));

const LeadProps = {
  id: Type.Integer(),
  title: Type.String(),
  enterpriseId: N(Type.Integer()),
  enterpriseName: N(Type.String()),
  industryCode: N(Type.String()),
  industryName: N(Type.String()),
  clusterId: N(Type.Integer()),
  clusterName: N(Type.String()),
  intendedAmount: N(Type.String({ description: '万元, a decimal string' })),
  content: N(Type.String()),
  sourceChannel: Type.String({ description: SOURCE_CHANNELS.join(' | ') }),
  referrer: N(Type.String()),
  status: Type.String({ description: LEAD_STATUSES.join(' | ') }),
  ownerUnitId: N(Type.Integer()),
  ownerUnitName: N(Type.String()),
  ownerUserId: N(Type.Integer()),
  ownerUserName: N(Type.String()),
  teamId: N(Type.Integer()),
  teamName: N(Type.String()),
  projectId: N(Type.Integer()),
  dropReason: N(Type.String()),
  lastFollowUpAt: N(Timestamp),
  stale: Type.Boolean({ description: 'in follow-up with no follow-up for 30 days' }),
  createdBy: Type.Integer(),
  createdByName: N(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
const Lead = Type.Object(LeadProps);
const FollowUp = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  method: N(Type.String()),
  content: Type.String(),
  nextStep: N(Type.String()),
  userId: Type.Integer(),
  userName: N(Type.String()),
  unitId: Type.Integer(),
  unitName: N(Type.String()),
  createdAt: Timestamp,
});
const Transfer = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'claim | release | handover' }),
  reason: N(Type.String()),
  at: Timestamp,
  fromUnitId: N(Type.Integer()),
  fromUnitName: N(Type.String()),
  fromUserId: N(Type.Integer()),
  fromUserName: N(Type.String()),
  toUnitId: N(Type.Integer()),
  toUnitName: N(Type.String()),
  toUserId: N(Type.Integer()),
  toUserName: N(Type.String()),
  byUserId: Type.Integer(),
  byUserName: N(Type.String()),
});
const TimelineEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  kind: Type.String(),
  summary: Type.String(),
  data: Type.Unknown(),
  userId: N(Type.Integer()),
  userName: N(Type.String()),
});
const LeadDetail = Type.Object({
  ...LeadProps,
  allowedActions: Type.Array(Type.String(), {
    description: 'what the caller may do now: claim, edit, followUp, release, handover, convert, drop',
  }),
  followUps: Type.Array(FollowUp),
  transfers: Type.Array(Transfer),
  timeline: Type.Array(TimelineEntry),
});

// Owner unit and person, status, creator, version and timestamps are not in the body: the server sets them.
// Values are checked by the service, so that one answer names every bad field.
const Fields = {
  title: Type.String({ maxLength: 200 }),
  enterpriseId: Type.Optional(N(Type.Integer({ minimum: 1, description: 'an enterprise of the library you can see' }))),
  enterpriseName: S(200),
  industryCode: S(10),
  clusterId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
  intendedAmount: S(24),
  content: S(4000),
  sourceChannel: Type.String({ maxLength: 30, description: SOURCE_CHANNELS.join(' | ') }),
  referrer: S(100),
  teamId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
};
const Candidate = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: N(Type.String()),
  ownerUnitName: Type.String(),
  stage: Type.String(),
  approvedStage: N(Type.String()),
  investor: N(Type.String()),
  totalInvestment: N(Type.String()),
  reasons: Type.Array(Type.String()),
});
/** 409: a version conflict or a status that does not allow it; or DUPLICATE with the look-alike projects. */
const ConvertConflict = Type.Object({
  code: Type.String(),
  message: Type.String(),
  candidates: Type.Optional(Type.Array(Candidate)),
  hiddenCount: Type.Optional(Type.Integer({ description: 'look-alikes outside your data scope' })),
});
const Reason = Type.String({ maxLength: 500 });
const Version = VersionBody.properties.version;
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const leadRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  const tags = ['leads'];
  app.get(
    '/api/leads',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Leads I can see: owned within my data scope, and the pool (公海)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          status: Type.Optional(Type.Union(literals(LEAD_STATUSES))),
          sourceChannel: Type.Optional(Type.Union(literals(SOURCE_CHANNELS))),
          clusterId: Type.Optional(Type.Integer({ minimum: 1 })),
          ownerUnitId: Type.Optional(Type.Integer({ minimum: 1, description: 'this unit and the units below it' })),
          ownerUserId: Type.Optional(
            Type.String({ pattern: '^(me|[1-9][0-9]{0,9})$', description: '"me" or a user id' }),
          ),
          stale: Type.Optional(Type.Boolean({ description: 'in follow-up with no follow-up for 30 days' })),
          sort: Type.Union(literals(SORTS), { default: 'updatedAt' }),
          order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' }),
          ...Paging,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Lead),
            total: Type.Integer(),
            totalIsExact: Type.Boolean({ description: 'false: there are at least this many' }),
          }),
        },
      },
    },
    async (req) => listLeads(db, authed(req), req.query as Parameters<typeof listLeads>[2]),
  );

  app.get(
    '/api/leads/assignees',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'People a lead can be handed over to',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          unitId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                displayName: Type.String(),
                unitId: Type.Integer(),
                unitName: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => listAssignees(db, authed(req), req.query),
  );

  app.get(
    '/api/leads/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'One lead with its follow-ups, owner history and timeline',
        params: IdParams,
        response: { 200: LeadDetail, 404: ErrorResponse },
      },
    },
    async (req) => getLead(db, authed(req), req.params.id),
  );

  app.post(
    '/api/leads',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Record a lead, owned by me and my unit, or put into the pool',
        body: Type.Object({
          ...Fields,
          toPool: Type.Optional(Type.Boolean({ description: 'put it into the pool (公海) instead of keeping it' })),
        }),
        response: { 200: LeadDetail, 400: ErrorResponse },
      },
    },
    async (req) => createLead(db, authed(req), req.body),
  );

  app.patch(
    '/api/leads/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change a lead (optimistic locking by version)',
        params: IdParams,
        body: Type.Object({ ...optional(Fields), version: Version }),
        response: { 200: LeadDetail, ...errors },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateLead(db, authed(req), req.params.id, version, patch);
    },
  );

  app.post(
    '/api/leads/:id/follow-ups',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Log a follow-up (not in the future)',
        params: IdParams,
        body: Type.Object({
          at: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date-time; now when left out' })),
          method: S(20),
          content: Type.String({ maxLength: 2000 }),
          nextStep: S(1000),
        }),
        response: { 200: LeadDetail, ...errors },
      },
    },
    async (req) => addFollowUp(db, authed(req), req.params.id, req.body),
  );

  app.post(
    '/api/leads/:id/claim',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Take a pool lead for my unit and me; of concurrent claims one wins',
        params: IdParams,
        body: VersionBody,
        response: { 200: LeadDetail, ...errors },
      },
    },
    async (req) => claimLead(db, authed(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/leads/:id/release',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Put a lead back into the pool',
        params: IdParams,
        body: Type.Object({ reason: Reason, version: Version }),
        response: { 200: LeadDetail, ...errors },
      },
    },
    async (req) => releaseLead(db, authed(req), req.params.id, req.body.version, req.body.reason),
  );

  app.post(
    '/api/leads/:id/handover',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary:
          'Hand a lead over (过户) to another person; to someone of another unit, the owner unit changes with it',
        params: IdParams,
        body: Type.Object({ toUserId: Type.Integer({ minimum: 1 }), reason: Reason, version: Version }),
        response: {
          200: Type.Object(
            { ok: Type.Boolean(), lead: N(LeadDetail) },
            { description: 'lead is null when the lead left your data scope' },
          ),
          ...errors,
        },
      },
    },
    async (req) => handoverLead(db, authed(req), req.params.id, req.body.version, req.body.toUserId, req.body.reason),
  );

  app.get(
    '/api/leads/:id/project-duplicates',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Projects that look like the one converting this lead would create',
        params: IdParams,
        querystring: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: {
          200: Type.Object({
            candidates: Type.Array(Candidate),
            hiddenCount: Type.Integer({ description: 'look-alikes outside your data scope' }),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => conversionDuplicates(db, authed(req), req.params.id, req.query.name),
  );

  app.post(
    '/api/leads/:id/convert',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary:
          'Turn a lead into a project in negotiation (在谈), in one transaction (refused with 409 DUPLICATE and the look-alikes unless confirmDuplicates)',
        params: IdParams,
        body: Type.Object({ name: S(200), confirmDuplicates: Type.Optional(Type.Boolean()), version: Version }),
        response: { 200: LeadDetail, 400: ErrorResponse, 404: ErrorResponse, 409: ConvertConflict },
      },
    },
    async (req, reply) => {
      try {
        return await convertLead(
          db,
          authed(req),
          req.params.id,
          req.body.version,
          req.body.name,
          req.body.confirmDuplicates,
        );
      } catch (e) {
        if (e instanceof DuplicatesFound) return reply.status(409).send({ ...errorBody(e, req.ctx.lang), ...e.result });
        throw e;
      }
    },
  );

  app.post(
    '/api/leads/:id/drop',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Drop a lead, with a reason',
        params: IdParams,
        body: Type.Object({ reason: Reason, version: Version }),
        response: { 200: LeadDetail, ...errors },
      },
    },
    async (req) => dropLead(db, authed(req), req.params.id, req.body.version, req.body.reason),
  );
};
