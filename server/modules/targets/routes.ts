import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Ok, Timestamp } from '../../http/schemas.js';
import { INDICATORS, UNIT_GROUPS } from './constants.js';
import {
  createTarget,
  cumulativeProgress,
  figureRecords,
  getFxRules,
  listIndicators,
  listTargets,
  progress,
  updateFxRules,
  updateTarget,
  withdrawTarget,
} from './service.js';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const RN = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Dec = Type.String({
  maxLength: 24,
  description: "decimal string in the indicator's unit (万元, 万美元, count or %)",
});
const Year = Type.Integer({ minimum: 2000, maximum: 2200 });

const Target = Type.Object({
  id: Type.Integer(),
  startYear: Type.Integer(),
  endYear: Type.Integer(),
  indicator: Type.String(),
  ownerUnitId: Type.Integer(),
  ownerUnitName: Type.String(),
  teamId: N(Type.Integer()),
  teamName: N(Type.String()),
  annual: Type.String(),
  quarters: N(Type.Array(Type.String())),
  months: N(Type.Array(Type.String())),
  note: N(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const TargetFields = {
  startYear: Year,
  endYear: Type.Optional(Year),
  indicator: Type.Enum([...INDICATORS]),
  unitId: Type.Optional(RN(Type.Integer({ minimum: 1 }))),
  teamId: Type.Optional(RN(Type.Integer({ minimum: 1 }))),
  annual: Dec,
  quarters: Type.Optional(RN(Type.Array(Dec, { maxItems: 4 }))),
  months: Type.Optional(RN(Type.Array(Dec, { maxItems: 12 }))),
  note: Type.Optional(RN(Type.String({ maxLength: 500 }))),
};
const FxRules = Type.Object({
  rules: Type.Array(Type.Object({ from: Type.String(), rate: Type.String({ description: '万元 per 万美元' }) })),
  version: Type.Integer(),
});
const PeriodQuery = { year: Year, month: Type.Integer({ minimum: 1, maximum: 12 }) };
const Group = Type.Enum([...UNIT_GROUPS], { default: 'counties' });

const tags = ['targets'];

export const targetRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/targets/indicators',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'The indicators computed from the records',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                zh: Type.String(),
                en: Type.String(),
                unit: Type.String(),
                additive: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: listIndicators() }),
  );

  app.get(
    '/api/targets',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Targets within my data scope',
        querystring: Type.Object({
          year: Type.Optional(Year),
          indicator: Type.Optional(Type.String()),
          ownerUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
          teamId: Type.Optional(Type.Integer({ minimum: 1 })),
          multiYear: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ items: Type.Array(Target) }) },
      },
    },
    async (req) => listTargets(db, authed(req), req.query),
  );

  app.post(
    '/api/targets',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags,
        summary: 'Set a target (a yearly one with its quarters and months, or a multi-year goal)',
        body: Type.Object(TargetFields),
        response: { 200: Target, 400: ErrorResponse },
      },
    },
    async (req) => createTarget(db, authed(req), req.body),
  );

  app.patch(
    '/api/targets/:id',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags,
        summary: 'Change a target (version you read)',
        params: IdParams,
        body: Type.Object({
          ...Object.fromEntries(Object.entries(TargetFields).map(([k, v]) => [k, Type.Optional(v)])),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Target, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body as { version: number } & Record<string, unknown>;
      return updateTarget(db, authed(req), req.params.id, version, patch);
    },
  );

  app.delete(
    '/api/targets/:id',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags,
        summary: 'Withdraw a target',
        params: IdParams,
        querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
        response: { 200: Ok, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => withdrawTarget(db, authed(req), req.params.id, req.query.version),
  );

  app.get(
    '/api/targets/fx-rules',
    {
      config: { access: 'business.read' },
      schema: { tags, summary: 'How 万美元 convert into 万元 (rate from a date)', response: { 200: FxRules } },
    },
    async () => getFxRules(db),
  );
  app.put(
    '/api/targets/fx-rules',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags,
        summary: 'Change the conversion rules',
        body: Type.Object({
          rules: Type.Array(
            Type.Object({ from: Type.String({ maxLength: 10 }), rate: Type.String({ maxLength: 16 }) }),
            { maxItems: 50 },
          ),
          version: Type.Integer({ minimum: 0 }),
        }),
        response: { 200: FxRules, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => updateFxRules(db, authed(req), req.body.rules, req.body.version),
  );

  app.get(
    '/api/targets/progress',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Figures computed from the records, year to date, against targets',
        querystring: Type.Object({ ...PeriodQuery, group: Group }),
        response: {
          200: Type.Object({
            period: Type.String(),
            from: Type.String(),
            to: Type.String(),
            fx: Type.Array(Type.Object({ from: Type.String(), rate: Type.String() })),
            indicators: Type.Array(
              Type.Object({
                key: Type.String(),
                zh: Type.String(),
                en: Type.String(),
                unit: Type.String(),
                additive: Type.Boolean(),
              }),
            ),
            rows: Type.Array(
              Type.Object({
                subjectId: Type.Integer(),
                subjectName: Type.String(),
                kind: Type.String(),
                figures: Type.Array(
                  Type.Object({
                    indicator: Type.String(),
                    value: Type.String(),
                    recordCount: Type.Integer(),
                    numerator: N(Type.Integer()),
                    base: N(Type.Integer()),
                    targetAnnual: N(Type.String()),
                    targetToDate: N(Type.String()),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => progress(db, authed(req), req.query),
  );

  app.get(
    '/api/targets/cumulative',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Multi-year goals and their cumulative progress',
        querystring: Type.Object(PeriodQuery),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ ...Target.properties, actual: Type.String(), recordIds: Type.Array(Type.Integer()) }),
            ),
          }),
        },
      },
    },
    async (req) => cumulativeProgress(db, authed(req), req.query),
  );

  app.get(
    '/api/targets/progress/records',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'The records behind one figure',
        querystring: Type.Object({
          ...PeriodQuery,
          group: Group,
          subjectId: Type.Integer({ minimum: 1 }),
          indicator: Type.Enum([...INDICATORS]),
        }),
        response: {
          200: Type.Object({
            indicator: Type.String(),
            value: Type.String(),
            numerator: N(Type.Integer()),
            base: N(Type.Integer()),
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                ownerUnitId: Type.Integer(),
                signedOn: N(Type.String()),
                startedOn: N(Type.String()),
                producedOn: N(Type.String()),
                amount: N(Type.String()),
                foreignCapital: N(Type.String()),
                fundsInPlace: Type.String(),
                flags: Type.Array(Type.String()),
                plannedStartMonth: N(Type.String()),
              }),
            ),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => figureRecords(db, authed(req), req.query),
  );
};
