import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Ok, Paging, Timestamp, VersionBody } from '../../http/schemas.js';
import { REGION_GROUPS } from '../../reference/divisions.js';
import { ORGANISATION_KINDS, QUOTA_SUBJECTS, VISIT_KINDS, VISIT_STATUSES } from './constants.js';
import {
  createOrganisation,
  createVisit,
  deleteVisit,
  getQuotaRules,
  getVisit,
  listOrganisations,
  listVisits,
  quotaProgress,
  quotaProgressDetail,
  setQuotaRule,
  updateVisit,
} from './service.js';

const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const S = (max: number) => Type.Optional(N(Type.String({ maxLength: max })));
const Ids = (description: string) =>
  Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, description }));
const literals = (xs: readonly string[]) => xs.map((x) => Type.Literal(x));
const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });

const VisitProps = {
  id: Type.Integer(),
  kind: Type.String({ description: VISIT_KINDS.join(' | ') }),
  status: Type.String({ description: VISIT_STATUSES.join(' | ') }),
  visitDate: Type.String(),
  divisionCode: N(Type.String()),
  abroadCountry: N(Type.String()),
  regionGroup: N(Type.String({ description: REGION_GROUPS.join(' | ') })),
  leaderUserId: N(Type.Integer()),
  leaderName: N(Type.String()),
  outcome: N(Type.String()),
  intentions: N(Type.String()),
  ownerUnitId: Type.Integer(),
  ownerUnitName: N(Type.String()),
  teamId: N(Type.Integer()),
  teamName: N(Type.String()),
  createdBy: Type.Integer(),
  createdByName: N(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
const Visit = Type.Object(VisitProps);
const VisitDetail = Type.Object({
  ...VisitProps,
  participants: Type.Array(Type.Object({ id: Type.Integer(), displayName: Type.String(), unitId: Type.Integer() })),
  units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() })),
  counterparts: Type.Array(
    Type.Object({
      enterpriseId: N(Type.Integer()),
      organisationId: N(Type.Integer()),
      name: Type.String(),
      kind: Type.String({ description: `enterprise | ${ORGANISATION_KINDS.join(' | ')}` }),
      tiers: N(Type.Array(Type.String())),
    }),
  ),
  leads: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String(), intendedAmount: N(Type.String()) }),
  ),
  replayed: Type.Optional(Type.Boolean({ description: 'true: this key was recorded before; nothing new was written' })),
});
const NewOrganisation = Type.Object({
  name: Type.String({ maxLength: 200 }),
  kind: Type.String({ maxLength: 20, description: ORGANISATION_KINDS.join(' | ') }),
  divisionCode: S(6),
  industryCode: S(10),
});
// Owner unit, creator, region group (derived from the place), version and timestamps are set by the server.
const Fields = {
  kind: Type.String({ maxLength: 20, description: VISIT_KINDS.join(' | ') }),
  status: Type.String({ maxLength: 20, description: VISIT_STATUSES.join(' | ') }),
  visitDate: DateStr,
  divisionCode: S(6),
  abroadCountry: S(60),
  leaderUserId: Type.Optional(N(Type.Integer({ minimum: 1, description: 'the official who led the visit' }))),
  participantUserIds: Ids('the people who went (the recorder is always one)'),
  unitIds: Ids('other units that went along; each counts the visit toward its own quota'),
  enterpriseIds: Ids('enterprises of the library met'),
  organisationIds: Ids('chambers, associations, agents, universities, institutes, parks met'),
  newOrganisations: Type.Optional(
    Type.Array(NewOrganisation, { maxItems: 20, description: 'named on the spot; an existing name is reused' }),
  ),
  outcome: S(4000),
  intentions: S(2000),
  teamId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
};
const LeadFields = Type.Object({
  title: Type.String({ maxLength: 200 }),
  enterpriseId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
  enterpriseName: S(200),
  industryCode: S(10),
  clusterId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
  intendedAmount: S(24),
  content: S(4000),
});
const Organisation = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  divisionCode: N(Type.String()),
  industryCode: N(Type.String()),
  notes: N(Type.String()),
  ownerUnitId: Type.Integer(),
  createdBy: Type.Integer(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const Rule = Type.Object({
  subject: Type.String({ description: QUOTA_SUBJECTS.join(' | ') }),
  year: Type.Integer(),
  target: Type.Integer({ description: 'distinct organisations a year' }),
  tiers: Type.Array(Type.String()),
  anyEnterprise: Type.Boolean(),
  excludeLocal: Type.Boolean(),
  relatedIndustry: Type.Boolean(),
  organisationKinds: Type.Array(Type.String()),
  version: Type.Integer({ description: '0: the default, not configured yet' }),
  isDefault: Type.Boolean(),
});
const ProgressProps = {
  subject: Type.String(),
  id: Type.Integer(),
  name: Type.String(),
  unitKind: N(Type.String()),
  target: Type.Integer(),
  total: Type.Integer({ description: 'distinct qualifying organisations met in completed visits of the year' }),
  byMonth: Type.Array(Type.Integer(), { description: 'organisations counted for the first time in each month' }),
  expected: Type.Integer({ description: 'the share of the target due by now' }),
  behind: Type.Boolean(),
  metTotal: Type.Integer({ description: 'every distinct organisation met, qualifying or not' }),
};
const MetOrganisation = Type.Object({
  enterpriseId: N(Type.Integer()),
  organisationId: N(Type.Integer()),
  name: Type.String(),
  firstVisitId: Type.Integer(),
  firstVisitDate: Type.String(),
  tiers: N(Type.Array(Type.String())),
  hqRegion: N(Type.String()),
  clusterId: N(Type.Integer()),
  organisationKind: N(Type.String()),
});
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Subject = Type.Union(literals(QUOTA_SUBJECTS));
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const visitRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  const tags = ['visits'];

  app.get(
    '/api/visits',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Visits I can see, newest first',
        querystring: Type.Object({
          kind: Type.Optional(Type.Union(literals(VISIT_KINDS))),
          status: Type.Optional(Type.Union(literals(VISIT_STATUSES))),
          from: Type.Optional(DateStr),
          to: Type.Optional(DateStr),
          regionGroup: Type.Optional(Type.Union(literals(REGION_GROUPS))),
          unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'a unit that went' })),
          enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })),
          organisationId: Type.Optional(Type.Integer({ minimum: 1 })),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(Visit), total: Type.Integer() }) },
      },
    },
    async (req) => listVisits(db, authed(req), req.query),
  );

  app.get(
    '/api/visits/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'One visit, whom it met and its leads',
        params: IdParams,
        response: { 200: VisitDetail, 404: ErrorResponse },
      },
    },
    async (req) => getVisit(db, authed(req), req.params.id),
  );

  app.post(
    '/api/visits',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary:
          'Record a visit and the leads it produced, in one step (a repeated idempotency key answers with the visit recorded then)',
        body: Type.Object({
          ...Fields,
          leads: Type.Optional(
            Type.Array(LeadFields, { maxItems: 20, description: 'leads produced; each keeps the visit as its source' }),
          ),
          idempotencyKey: S(80),
        }),
        response: { 200: VisitDetail, 400: ErrorResponse },
      },
    },
    async (req) => createVisit(db, authed(req), req.body),
  );

  app.patch(
    '/api/visits/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change a visit (optimistic locking by version)',
        params: IdParams,
        body: Type.Object({
          ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, Type.Optional(v)])),
          version: VersionBody.properties.version,
        }),
        response: { 200: VisitDetail, ...errors },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body as { version: number } & Record<string, unknown>;
      return updateVisit(db, authed(req), req.params.id, version, patch);
    },
  );

  app.delete(
    '/api/visits/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Withdraw a visit recorded by mistake',
        params: IdParams,
        body: VersionBody,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => deleteVisit(db, authed(req), req.params.id, req.body.version),
  );

  app.get(
    '/api/organisations',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Chambers, associations, agents, universities, institutes and parks met in the field',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          kind: Type.Optional(Type.Union(literals(ORGANISATION_KINDS))),
        }),
        response: { 200: Type.Object({ items: Type.Array(Organisation) }) },
      },
    },
    async (req) => listOrganisations(db, authed(req), req.query),
  );

  app.post(
    '/api/organisations',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Register an organisation (one per name)',
        body: Type.Object({ ...NewOrganisation.properties, notes: S(2000) }),
        response: { 200: Organisation, 400: ErrorResponse },
      },
    },
    async (req) => createOrganisation(db, authed(req), req.body),
  );

  app.get(
    '/api/visit-quotas',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['visit quotas'],
        summary: "The year's visit quota rules (defaults where not configured)",
        querystring: Type.Object({ year: Year }),
        response: { 200: Type.Object({ year: Type.Integer(), rules: Type.Array(Rule) }) },
      },
    },
    async (req) => getQuotaRules(db, authed(req), req.query.year),
  );

  app.put(
    '/api/visit-quotas/:year/:subject',
    {
      config: { access: 'quotas.manage' },
      schema: {
        tags: ['visit quotas'],
        summary:
          "Set a year's quota for teams, departments or counties; which organisations qualify follows from their tags",
        params: Type.Object({ year: Year, subject: Subject }),
        body: Type.Object({
          target: Type.Integer({ minimum: 0, maximum: 100000 }),
          tiers: Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20 }),
          anyEnterprise: Type.Boolean(),
          excludeLocal: Type.Boolean(),
          relatedIndustry: Type.Boolean(),
          organisationKinds: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }),
          version: Type.Integer({ minimum: 0, description: 'the version read; 0 while the year runs on the defaults' }),
        }),
        response: { 200: Type.Object({ year: Type.Integer(), rules: Type.Array(Rule) }), ...errors },
      },
    },
    async (req) => setQuotaRule(db, authed(req), req.params.year, req.params.subject, req.body),
  );

  app.get(
    '/api/visit-quotas/progress',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['visit quotas'],
        summary: 'Quota progress of each team, department, county and zone I can see, per month; those behind marked',
        querystring: Type.Object({ year: Year, subject: Type.Optional(Subject) }),
        response: { 200: Type.Object({ year: Type.Integer(), items: Type.Array(Type.Object(ProgressProps)) }) },
      },
    },
    async (req) => quotaProgress(db, authed(req), req.query.year, req.query.subject),
  );

  app.get(
    '/api/visit-quotas/progress/:subject/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['visit quotas'],
        summary: 'The organisations behind one figure, each with the first visit that counted it',
        params: Type.Object({ subject: Subject, id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ year: Year, month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })) }),
        response: {
          200: Type.Object({ ...ProgressProps, organisations: Type.Array(MetOrganisation) }),
          404: ErrorResponse,
        },
      },
    },
    async (req) =>
      quotaProgressDetail(db, authed(req), req.query.year, req.params.subject, req.params.id, req.query.month),
  );
};
