import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Timestamp } from '../../http/schemas.js';
import { UNIT_GROUPS } from '../targets/constants.js';
import { METHODS, SCHEME_STATUSES } from './constants.js';
import {
  bulletinFile,
  commentOnScheme,
  schemeHistory,
  compareRuns,
  createRun,
  createScheme,
  getRun,
  getScheme,
  listReviews,
  listRuns,
  listSchemes,
  publishRun,
  putReview,
  runRecords,
  updateScheme,
} from './service.js';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const RN = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Period = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM: the year to date through that month' });

const Item = Type.Object({
  key: Type.String({ maxLength: 40 }),
  section: Type.String({ maxLength: 50 }),
  label: Type.String({ maxLength: 100 }),
  method: Type.Enum([...METHODS]),
  indicator: Type.Optional(Type.String({ maxLength: 40 })),
  weight: Type.String({ maxLength: 12 }),
  capRatio: Type.Optional(Type.String({ maxLength: 12 })),
  perItem: Type.Optional(Type.String({ maxLength: 12 })),
  cap: Type.Optional(Type.String({ maxLength: 12 })),
});
const Rules = Type.Object({
  flagPlaces: Type.Integer(),
  summonsPlaces: Type.Integer(),
  redLine: Type.String(),
  redMonths: Type.Integer(),
});
const Scheme = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  unitGroup: Type.String(),
  name: Type.String(),
  status: Type.String(),
  items: Type.Array(Item),
  rules: Rules,
  ownerUnitId: Type.Integer(),
  createdBy: Type.Integer(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const SchemeFields = {
  year: Type.Integer({ minimum: 2000, maximum: 2200 }),
  unitGroup: Type.Enum([...UNIT_GROUPS]),
  name: Type.String({ maxLength: 100 }),
  status: Type.Optional(Type.Enum([...SCHEME_STATUSES])),
  items: Type.Optional(Type.Array(Item, { maxItems: 50 })),
  rules: Type.Optional(Type.Partial(Rules)),
};
const ItemResult = Type.Object({
  key: Type.String(),
  method: Type.String(),
  inputs: Type.Record(Type.String(), N(Type.String())),
  score: Type.String(),
  formula: Type.String(),
  recordIds: Type.Array(Type.Integer()),
});
const UnitResult = Type.Object({
  subjectId: Type.Integer(),
  name: Type.String(),
  total: Type.String(),
  rank: Type.Integer(),
  change: N(Type.Integer()),
  flag: Type.Boolean(),
  red: Type.Boolean(),
  summoned: Type.Boolean(),
  summonsReason: N(Type.String()),
  items: Type.Array(ItemResult),
});
const Run = Type.Object({
  id: Type.Integer(),
  schemeId: Type.Integer(),
  period: Type.String(),
  seq: Type.Integer(),
  reason: N(Type.String()),
  hash: Type.String(),
  prevHash: N(Type.String()),
  integrity: Type.String({ description: 'ok, or tampered when the stored run fails its seal' }),
  publishLevel: Type.String(),
  createdBy: Type.Integer(),
  createdByName: N(Type.String()),
  createdAt: Timestamp,
  scheme: Type.Object({
    name: Type.String(),
    year: Type.Integer(),
    unitGroup: Type.String(),
    items: Type.Array(Item),
    rules: Rules,
  }),
  from: Type.String(),
  to: Type.String(),
  fx: Type.Array(Type.Object({ from: Type.String(), rate: Type.String() })),
  units: Type.Array(UnitResult),
});
const RunSummary = Type.Object({
  id: Type.Integer(),
  schemeId: Type.Integer(),
  period: Type.String(),
  seq: Type.Integer(),
  reason: N(Type.String()),
  hash: Type.String(),
  publishLevel: Type.String(),
  createdBy: Type.Integer(),
  createdByName: N(Type.String()),
  createdAt: Timestamp,
});
const Review = Type.Object({
  id: Type.Integer(),
  schemeId: Type.Integer(),
  itemKey: Type.String(),
  unitId: Type.Integer(),
  period: Type.String(),
  score: Type.String(),
  evidence: Type.String(),
  reviewerId: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Timestamp,
});
const BulletinQuery = Type.Object({
  docNo: Type.Optional(Type.String({ maxLength: 50 })),
  issuer: Type.Optional(Type.String({ maxLength: 60 })),
  date: Type.Optional(Type.String({ format: 'date' })),
});

const tags = ['assessment'];

export const assessmentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/assessment/schemes',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Assessment schemes',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })) }),
        response: { 200: Type.Object({ items: Type.Array(Scheme) }) },
      },
    },
    async (req) => listSchemes(db, req.query.year),
  );

  app.get(
    '/api/assessment/schemes/:id',
    {
      config: { access: 'business.read' },
      schema: { tags, summary: 'One scheme', params: IdParams, response: { 200: Scheme, 404: ErrorResponse } },
    },
    async (req) => getScheme(db, req.params.id),
  );

  app.post(
    '/api/assessment/schemes',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Create a scheme (draft unless published)',
        body: Type.Object(SchemeFields),
        response: { 200: Scheme, 400: ErrorResponse },
      },
    },
    async (req) => createScheme(db, authed(req), req.body),
  );

  app.patch(
    '/api/assessment/schemes/:id',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Change or publish a scheme (version you read)',
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 100 })),
          status: Type.Optional(Type.Enum([...SCHEME_STATUSES])),
          items: Type.Optional(Type.Array(Item, { maxItems: 50 })),
          rules: Type.Optional(Type.Partial(Rules)),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Scheme, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateScheme(db, authed(req), req.params.id, version, patch);
    },
  );

  app.get(
    '/api/assessment/schemes/:id/history',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: "Every saved version of a scheme and the units' comments (征求意见)",
        params: IdParams,
        response: {
          200: Type.Object({
            versions: Type.Array(
              Type.Object({
                version: Type.Integer(),
                status: Type.String(),
                name: Type.String(),
                items: Type.Array(Item),
                rules: Rules,
                savedByName: N(Type.String()),
                savedAt: Timestamp,
              }),
            ),
            comments: Type.Array(
              Type.Object({
                id: Type.Integer(),
                version: Type.Integer(),
                unitId: Type.Integer(),
                unitName: Type.String(),
                authorName: N(Type.String()),
                text: Type.String(),
                createdAt: Timestamp,
              }),
            ),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => schemeHistory(db, req.params.id),
  );

  app.post(
    '/api/assessment/schemes/:id/comments',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: "Comment on a scheme in consultation (征求意见), for the caller's unit",
        params: IdParams,
        body: Type.Object({ text: Type.String({ maxLength: 2000 }) }),
        response: {
          200: Type.Object({
            id: Type.Integer(),
            schemeId: Type.Integer(),
            version: Type.Integer(),
            unitId: Type.Integer(),
            text: Type.String(),
            createdAt: Timestamp,
          }),
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (req) => commentOnScheme(db, authed(req), req.params.id, req.body.text),
  );

  app.get(
    '/api/assessment/reviews',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Reviewer scores of a scheme and month',
        querystring: Type.Object({ schemeId: Type.Integer({ minimum: 1 }), period: Period }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...Review.properties, reviewerName: N(Type.String()) })),
          }),
        },
      },
    },
    async (req) => listReviews(db, req.query.schemeId, req.query.period),
  );

  app.put(
    '/api/assessment/reviews',
    {
      config: { access: 'assessment.review' },
      schema: {
        tags,
        summary: 'Enter or change a reviewer score with its evidence',
        body: Type.Object({
          schemeId: Type.Integer({ minimum: 1 }),
          itemKey: Type.String({ maxLength: 40 }),
          unitId: Type.Integer({ minimum: 1 }),
          period: Period,
          score: Type.String({ maxLength: 12 }),
          evidence: Type.String({ maxLength: 2000 }),
          version: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: Review, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => putReview(db, authed(req), req.body),
  );

  app.get(
    '/api/assessment/runs',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Frozen monthly runs',
        querystring: Type.Object({ schemeId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: Type.Object({ items: Type.Array(RunSummary) }) },
      },
    },
    async (req) => listRuns(db, req.query.schemeId),
  );

  app.post(
    '/api/assessment/runs',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary:
          'Run the month: freeze figures, scores, formulas and records; a second run of a month must say rerun and why',
        body: Type.Object({
          schemeId: Type.Integer({ minimum: 1 }),
          period: Period,
          rerun: Type.Optional(Type.Boolean()),
          reason: Type.Optional(RN(Type.String({ maxLength: 500 }))),
        }),
        response: { 200: Run, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => createRun(db, authed(req), req.body),
  );

  app.get(
    '/api/assessment/runs/compare',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Two runs side by side',
        querystring: Type.Object({ a: Type.Integer({ minimum: 1 }), b: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Object({
            a: Type.Object({
              id: Type.Integer(),
              period: Type.String(),
              seq: Type.Integer(),
              integrity: Type.String(),
            }),
            b: Type.Object({
              id: Type.Integer(),
              period: Type.String(),
              seq: Type.Integer(),
              integrity: Type.String(),
            }),
            units: Type.Array(
              Type.Object({
                subjectId: Type.Integer(),
                name: Type.String(),
                totalA: N(Type.String()),
                totalB: N(Type.String()),
                rankA: N(Type.Integer()),
                rankB: N(Type.Integer()),
                changedItems: Type.Array(Type.Object({ key: Type.String(), a: N(Type.String()), b: Type.String() })),
              }),
            ),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => compareRuns(db, authed(req), req.query.a, req.query.b),
  );

  app.get(
    '/api/assessment/runs/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'One frozen run with its seal checked',
        params: IdParams,
        response: { 200: Run, 404: ErrorResponse },
      },
    },
    async (req) => getRun(db, authed(req), req.params.id),
  );

  app.get(
    '/api/assessment/runs/:id/records',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'The records behind one frozen score',
        params: IdParams,
        querystring: Type.Object({ subjectId: Type.Integer({ minimum: 1 }), itemKey: Type.String({ maxLength: 40 }) }),
        response: {
          200: Type.Object({
            subjectId: Type.Integer(),
            name: Type.String(),
            item: ItemResult,
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                code: N(Type.String()),
                ownerUnitName: Type.String(),
                approvedStage: N(Type.String()),
                signedAmount: N(Type.String()),
                totalInvestment: N(Type.String()),
              }),
            ),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => runRecords(db, authed(req), req.params.id, req.query.subjectId, req.query.itemKey),
  );

  app.post(
    '/api/assessment/runs/:id/publish',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary: 'What the units see of the city ranking: none, or ranks and totals',
        params: IdParams,
        body: Type.Object({ level: Type.Enum(['none', 'ranking']) }),
        response: { 200: Run, 404: ErrorResponse },
      },
    },
    async (req) => publishRun(db, authed(req), req.params.id, req.body.level),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/api/assessment/runs/:id/bulletin.${format}`,
      {
        config: { access: 'assessment.manage' },
        schema: {
          tags,
          summary:
            format === 'docx'
              ? 'The bulletin (通报) in Word, 公文 layout, from the frozen run'
              : "The bulletin's tables in Excel",
          params: IdParams,
          querystring: BulletinQuery,
        },
      },
      async (req, reply) => {
        const f = await bulletinFile(db, authed(req), req.params.id, format, req.query);
        return reply
          .type(f.mime)
          .header('content-disposition', f.disposition)
          .header('content-length', f.data.length)
          .send(f.data);
      },
    );
  }
};
