import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { errorBody } from '../../core/errors.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Paging, Timestamp, optional } from '../../http/schemas.js';
import { AMOUNT_BANDS, SORTS } from './constants.js';
import {
  checkDuplicates,
  createProject,
  listProjectFiles,
  DuplicatesFound,
  getProject,
  listProjects,
  loadWarningConfig,
  projectKanban,
  updateProject,
  updateWarningConfig,
} from './service.js';
import { approveStageEvent, listStageEvents, moveStage, returnStageEvent } from './stage-service.js';
import { FileMeta } from '../files/schema.js';
import {
  addProgress,
  createProblem,
  getInvestments,
  getTimeline,
  listProblems,
  listProgress,
  listProjectProblems,
  PROBLEM_STATUSES,
  putInvestmentYear,
  updateProblem,
} from './followup-service.js';
import { ALL_STAGES, AGREEMENT_TYPES } from './stages.js';
import { PROJECT_FLAGS } from './flags.js';

// Responses: nullable as [T, null]. Requests: [null, T], so that validation never coerces a null into "" or 0.
const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const RN = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Str = N(Type.String());
const Int = N(Type.Integer());
const Money = N(Type.String({ description: '万元, decimal string' }));

const Warning = Type.Object({
  code: Type.String(),
  level: Type.String(),
  days: Type.Optional(Type.Integer()),
  months: Type.Optional(Type.Integer()),
});
const StageEvent = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  projectName: Type.String(),
  projectCode: Str,
  ownerUnitId: Type.Integer(),
  ownerUnitName: Type.String(),
  totalInvestment: Money,
  fromStage: Type.String(),
  toStage: Type.String(),
  kind: Type.String(),
  effectiveDate: Type.String(),
  fields: Type.Record(Type.String(), Type.Unknown()),
  reason: Str,
  status: Type.String(),
  submittedBy: Type.Integer(),
  submittedByName: Str,
  submittedAt: Timestamp,
  reviewedBy: Int,
  reviewedByName: Str,
  reviewedAt: N(Timestamp),
  reviewNote: Str,
  files: Type.Array(FileMeta),
});
const listProps = {
  id: Type.Integer(),
  code: Str,
  name: Type.String(),
  stage: Type.String({ description: 'the submitted stage (may await review)' }),
  approvedStage: Str,
  approvedStageAt: N(Timestamp),
  pendingStageEventId: Int,
  pendingToStage: Str,
  pendingKind: Str,
  ownerUnitId: Type.Integer(),
  ownerUnitName: Type.String(),
  clusterId: Int,
  clusterName: Str,
  teamId: Int,
  teamName: Str,
  enterpriseId: Int,
  enterpriseName: Str,
  investorName: Str,
  investor: Str,
  industryCode: Str,
  totalInvestment: Money,
  fixedAssetInvestment: Money,
  foreignCapital: N(Type.String({ description: '万美元' })),
  signedAmount: Money,
  signedAt: Str,
  plannedStartMonth: Str,
  startedAt: Str,
  flags: Type.Array(Type.String()),
  warnings: Type.Array(Warning),
  warningLevel: Str,
  lastProgressAt: N(Timestamp),
  stageChangedAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};
const ProjectRow = Type.Object(listProps);
const Project = Type.Object({
  ...listProps,
  leadId: Int,
  parkUnitId: Int,
  parkUnitName: Str,
  leaderName: Str,
  liaisonName: Str,
  liaisonPhone: Str,
  content: Str,
  capitalOrigin: Str,
  isNew: Type.Boolean(),
  excludedFromCount: Str,
  agreementType: Str,
  signedEvent: Str,
  registeredUscc: Str,
  registeredCapital: Money,
  landMu: Str,
  producedAt: Str,
  capacity: Str,
  terminatedReason: Str,
  createdBy: Type.Integer(),
  industryName: Str,
  pendingMove: N(StageEvent),
  stageEvents: Type.Array(StageEvent),
});
const Candidate = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Str,
  ownerUnitName: Type.String(),
  stage: Type.String(),
  approvedStage: Str,
  investor: Str,
  totalInvestment: Money,
  reasons: Type.Array(Type.String()),
});
const Duplicates = Type.Object({
  candidates: Type.Array(Candidate),
  hiddenCount: Type.Integer({ description: 'look-alikes outside your data scope' }),
});
const DuplicateError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  candidates: Type.Array(Candidate),
  hiddenCount: Type.Integer(),
});

const S = (max: number) => Type.Optional(RN(Type.String({ maxLength: max })));
const MoneyIn = Type.Optional(
  RN(Type.String({ maxLength: 24, description: '万元 as a decimal string, 0 – 100000000' })),
);
const Id = Type.Optional(RN(Type.Integer({ minimum: 1 })));
// Owner unit defaults from the caller; flags, capital origin (when there is an investor), stage fields and version are the server's.
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  code: S(50),
  enterpriseId: Id,
  investorName: S(100),
  industryCode: S(10),
  clusterId: Id,
  teamId: Id,
  ownerUnitId: Id,
  parkUnitId: Id,
  leaderName: S(50),
  liaisonName: S(50),
  liaisonPhone: S(20),
  content: S(4000),
  totalInvestment: MoneyIn,
  fixedAssetInvestment: MoneyIn,
  foreignCapital: MoneyIn,
  capitalOrigin: Type.Optional(RN(Type.Enum(['local_city', 'in_province', 'out_province', 'abroad']))),
  isNew: Type.Optional(Type.Boolean()),
  excludedFromCount: S(200),
  plannedStartMonth: S(10),
};

const StageFieldsIn = Type.Object({
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })),
  investorName: Type.Optional(Type.String({ maxLength: 100 })),
  intendedInvestment: MoneyIn,
  agreementType: Type.Optional(Type.String({ description: AGREEMENT_TYPES.join(' | ') })),
  signedAt: Type.Optional(Type.String({ maxLength: 10 })),
  signedAmount: MoneyIn,
  signedEvent: Type.Optional(Type.String({ maxLength: 200 })),
  registeredUscc: Type.Optional(Type.String({ maxLength: 18 })),
  registeredCapital: MoneyIn,
  parkUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
  landMu: Type.Optional(Type.String({ maxLength: 16 })),
  startedAt: Type.Optional(Type.String({ maxLength: 10 })),
  fundsInPlace: MoneyIn,
  producedAt: Type.Optional(Type.String({ maxLength: 10 })),
  capacity: Type.Optional(Type.String({ maxLength: 200 })),
  sales: MoneyIn,
  output: MoneyIn,
  tax: MoneyIn,
  jobs: Type.Optional(Type.Integer({ minimum: 0 })),
});

const ListQuery = {
  q: Type.Optional(Type.String({ maxLength: 50 })),
  stage: Type.Optional(Type.Array(Type.String(), { description: `approved stage(s): ${ALL_STAGES.join(', ')}` })),
  pending: Type.Optional(Type.Boolean({ description: 'with (true) or without (false) a stage move awaiting review' })),
  ownerUnitId: Type.Optional(Type.Integer({ minimum: 1, description: 'county or zone, with its parks' })),
  clusterId: Type.Optional(Type.Integer({ minimum: 1 })),
  teamId: Type.Optional(Type.Integer({ minimum: 1 })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })),
  band: Type.Optional(Type.Enum([...AMOUNT_BANDS], { description: 'total investment band in 亿元' })),
  flags: Type.Optional(Type.Array(Type.String(), { description: `all of: ${PROJECT_FLAGS.join(', ')}` })),
  warning: Type.Optional(Type.Enum(['yellow', 'red', 'any'])),
  signedFrom: Type.Optional(Type.String({ format: 'date' })),
  signedTo: Type.Optional(Type.String({ format: 'date' })),
  createdFrom: Type.Optional(Type.String({ format: 'date' })),
  createdTo: Type.Optional(Type.String({ format: 'date' })),
};

const Problem = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  content: Type.String(),
  departmentUnitId: Int,
  departmentName: Str,
  status: Type.String(),
  resolution: Str,
  createdBy: Type.Integer(),
  createdByName: Str,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  projectName: Type.String(),
  projectCode: Str,
  projectStage: Type.String(),
  projectOwnerUnitName: Type.String(),
  projectInScope: Type.Boolean({ description: 'false: the project is outside your scope and shows as a summary only' }),
});
const Progress = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  content: Type.String(),
  userId: Type.Integer(),
  userName: Str,
  createdAt: Timestamp,
});
const MonthFigures = { planned: Money, completed: Money, fundsInPlace: Money };
const Investments = Type.Object({
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      planned: Money,
      months: Type.Array(Type.Object({ month: Type.Integer(), ...MonthFigures })),
      completedTotal: Type.String(),
      fundsInPlaceTotal: Type.String(),
    }),
  ),
});
const WarningSettings = Type.Object({
  noProgressDays: Type.Record(Type.String(), Type.Integer()),
  redMultiplier: Type.Number(),
  lateStartRedMonths: Type.Integer(),
  version: Type.Integer(),
});

const tags = ['projects'];

export const projectRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;

  // ------------------------------------------------------------------ lists
  app.get(
    '/api/projects',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Projects within my data scope, with filters, totals and warnings',
        querystring: Type.Object({
          ...ListQuery,
          ...Paging,
          sort: Type.Enum([...SORTS], { default: 'updatedAt' }),
          order: Type.Enum(['asc', 'desc'], { default: 'desc' }),
          withTotals: Type.Boolean({ default: true }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(ProjectRow),
            total: Type.Integer({ description: 'counted up to offset + 10 pages; exact when totalIsExact' }),
            totalIsExact: Type.Boolean(),
            totals: N(Type.Object({ count: Type.Integer(), totalInvestment: Type.String({ description: '万元' }) })),
          }),
        },
      },
    },
    async (req) => listProjects(db, authed(req), req.query),
  );

  app.get(
    '/api/projects/kanban',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Per approved stage: count, total investment and the 20 largest projects',
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            columns: Type.Array(
              Type.Object({
                stage: Type.String(),
                count: Type.Integer(),
                totalInvestment: Type.String(),
                cards: Type.Array(ProjectRow),
              }),
            ),
          }),
        },
      },
    },
    async (req) => projectKanban(db, authed(req), req.query),
  );

  app.post(
    '/api/projects/duplicates',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Projects that look like this one (before saving)',
        body: Type.Object({
          id: Type.Optional(Type.Integer()),
          name: S(200),
          code: S(50),
          registeredUscc: S(18),
          enterpriseId: Id,
          investorName: S(100),
          totalInvestment: MoneyIn,
        }),
        response: { 200: Duplicates },
      },
    },
    async (req) => checkDuplicates(db, authed(req), req.body),
  );

  // ------------------------------------------------------------------ stage events (approval queue)
  app.get(
    '/api/projects/stage-events',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: "Stage moves; status=pending is the bureau's approval queue",
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['pending', 'approved', 'returned'])),
          projectId: Type.Optional(Type.Integer({ minimum: 1 })),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(StageEvent), total: Type.Integer() }) },
      },
    },
    async (req) => listStageEvents(db, authed(req), req.query),
  );

  app.post(
    '/api/projects/stage-events/:id/approve',
    {
      config: { access: 'projects.approve' },
      schema: {
        tags,
        summary: 'Approve a stage move: the stage counts from now',
        params: IdParams,
        body: Type.Object({ note: Type.Optional(RN(Type.String({ maxLength: 500 }))) }),
        response: { 200: StageEvent, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => approveStageEvent(db, authed(req), req.params.id, req.body.note),
  );

  app.post(
    '/api/projects/stage-events/:id/return',
    {
      config: { access: 'projects.approve' },
      schema: {
        tags,
        summary: 'Return a stage move with a note: the project goes back to its approved stage',
        params: IdParams,
        body: Type.Object({ note: Type.String({ maxLength: 500 }) }),
        response: { 200: StageEvent, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => returnStageEvent(db, authed(req), req.params.id, req.body.note),
  );

  // ------------------------------------------------------------------ problems assigned to departments
  app.get(
    '/api/projects/problems',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Problems of projects in my scope and problems assigned to my department',
        querystring: Type.Object({
          status: Type.Optional(Type.Enum([...PROBLEM_STATUSES])),
          assignedToMe: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(Problem), total: Type.Integer() }) },
      },
    },
    async (req) => listProblems(db, authed(req), req.query),
  );

  app.patch(
    '/api/projects/problems/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change a problem (the assigned department may change status and resolution)',
        params: IdParams,
        body: Type.Object({
          content: Type.Optional(Type.String({ maxLength: 2000 })),
          departmentUnitId: Id,
          status: Type.Optional(Type.Enum([...PROBLEM_STATUSES])),
          resolution: S(2000),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Problem, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateProblem(db, authed(req), req.params.id, version, patch as Parameters<typeof updateProblem>[4]);
    },
  );

  // ------------------------------------------------------------------ warning thresholds
  app.get(
    '/api/projects/warning-settings',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Warning thresholds (settings key project_warnings)',
        response: { 200: WarningSettings },
      },
    },
    async () => loadWarningConfig(db),
  );
  app.put(
    '/api/projects/warning-settings',
    {
      config: { access: 'projects.approve' },
      schema: {
        tags,
        summary: 'Change the warning thresholds',
        body: Type.Object({
          noProgressDays: Type.Optional(
            Type.Record(
              Type.String({ pattern: '^(planning|negotiating|signed|registered|started|producing|at_capacity)$' }),
              Type.Integer({ minimum: 1, maximum: 3650 }),
            ),
          ),
          redMultiplier: Type.Optional(Type.Number({ minimum: 1, maximum: 10 })),
          lateStartRedMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 36 })),
          version: Type.Integer({ minimum: 0 }),
        }),
        response: { 200: WarningSettings, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateWarningConfig(db, authed(req), patch, version);
    },
  );

  // ------------------------------------------------------------------ one project
  app.get(
    '/api/projects/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'One project with its flags, warnings and stage moves',
        params: IdParams,
        response: { 200: Project, 404: ErrorResponse },
      },
    },
    async (req) => getProject(db, authed(req), req.params.id),
  );

  app.post(
    '/api/projects',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Create a project (refused with 409 DUPLICATE and the look-alikes unless confirmDuplicates)',
        body: Type.Object({ ...Fields, confirmDuplicates: Type.Optional(Type.Boolean()) }),
        response: { 200: Project, 400: ErrorResponse, 409: DuplicateError },
      },
    },
    async (req, reply) => {
      try {
        return await createProject(db, authed(req), req.body);
      } catch (e) {
        if (e instanceof DuplicatesFound) return reply.status(409).send({ ...errorBody(e, req.ctx.lang), ...e.result });
        throw e;
      }
    },
  );

  app.patch(
    '/api/projects/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change a project (optimistic locking by version)',
        params: IdParams,
        body: Type.Object({ ...optional(Fields), version: Type.Integer({ minimum: 1 }) }),
        response: { 200: Project, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateProject(db, authed(req), req.params.id, version, patch);
    },
  );

  app.post(
    '/api/projects/:id/stage',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary:
          "Move the project to another stage; waits for the bureau's approval. Back or skip needs kind and reason.",
        params: IdParams,
        body: Type.Object({
          toStage: Type.Enum([...ALL_STAGES]),
          kind: Type.Optional(Type.Enum(['forward', 'back', 'skip', 'terminate'])),
          effectiveDate: Type.String({ maxLength: 10 }),
          fields: Type.Optional(StageFieldsIn),
          reason: S(500),
          evidenceFileIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 })),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Project, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => moveStage(db, authed(req), req.params.id, req.body),
  );

  app.get(
    '/api/projects/:id/files',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Files of a project',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(FileMeta) }), 404: ErrorResponse },
      },
    },
    async (req) => listProjectFiles(db, authed(req), req.params.id),
  );

  app.get(
    '/api/projects/:id/progress',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Progress reports',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Progress) }), 404: ErrorResponse },
      },
    },
    async (req) => listProgress(db, authed(req), req.params.id),
  );
  app.post(
    '/api/projects/:id/progress',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Report progress (updates lastProgressAt)',
        params: IdParams,
        body: Type.Object({
          at: Type.String({ maxLength: 10 }),
          content: Type.String({ minLength: 1, maxLength: 2000 }),
        }),
        response: { 200: Progress, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => addProgress(db, authed(req), req.params.id, req.body),
  );

  app.get(
    '/api/projects/:id/problems',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Problems (问题诉求) of a project',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Problem), total: Type.Integer() }), 404: ErrorResponse },
      },
    },
    async (req) => listProjectProblems(db, authed(req), req.params.id),
  );
  app.post(
    '/api/projects/:id/problems',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Raise a problem and assign it to a department',
        params: IdParams,
        body: Type.Object({ content: Type.String({ minLength: 1, maxLength: 2000 }), departmentUnitId: Id }),
        response: { 200: Problem, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => createProblem(db, authed(req), req.params.id, req.body),
  );

  app.get(
    '/api/projects/:id/investments',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Annual plans and monthly completion (万元)',
        params: IdParams,
        response: { 200: Investments, 404: ErrorResponse },
      },
    },
    async (req) => getInvestments(db, authed(req), req.params.id),
  );
  app.put(
    '/api/projects/:id/investments/:year',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: "Replace one year's plan and months (project version)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), year: Type.Integer({ minimum: 1900, maximum: 2200 }) }),
        body: Type.Object({
          planned: MoneyIn,
          months: Type.Array(
            Type.Object({
              month: Type.Integer({ minimum: 1, maximum: 12 }),
              planned: MoneyIn,
              completed: MoneyIn,
              fundsInPlace: MoneyIn,
            }),
            { maxItems: 12 },
          ),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Investments, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => putInvestmentYear(db, authed(req), req.params.id, req.params.year, req.body),
  );

  app.get(
    '/api/projects/:id/timeline',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Stage moves, reviews, progress, problems and edits, newest first',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                at: Timestamp,
                kind: Type.String(),
                text: Type.String(),
                userName: Str,
                data: N(Type.Record(Type.String(), Type.Unknown())),
              }),
            ),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => getTimeline(db, authed(req), req.params.id),
  );
};
