// Spreadsheets in and out. Multipart is registered here only (encapsulated), with the upload limits.
import fs from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { AppError, validationError } from '../../core/errors.js';
import { todayShanghai } from '../../core/dates.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Timestamp } from '../../http/schemas.js';
import { entities, entityLabel, isEntity, type Entity } from './fields.js';
import { attachment, errorReportWorkbook, exportWorkbook, templateWorkbook, XLSX_TYPE } from './output.js';
import {
  commitImport,
  decideRow,
  getImport,
  getStagePhrases,
  jobRow,
  listImportRows,
  listImports,
  MAX_FILE_BYTES,
  saveStagePhrases,
  startImport,
  updateMapping,
} from './service.js';
import { sheetProfile, sheetProfiles } from './profiles.js';
import { inspect, receive } from './upload.js';
import { AMOUNT_UNITS } from './values.js';

const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Job = Type.Object({
  id: Type.Integer(),
  entity: Type.String(),
  entityLabel: Type.String(),
  fileName: Type.String(),
  fileSize: N(Type.Integer()),
  fileKind: N(Type.String()),
  status: Type.String({ description: 'parsing | ready | committing | committed | failed' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  summary: Type.Unknown({
    description:
      'row counts: rows, valid, invalid, duplicate, duplicates {file, existing, imported}, skipped {empty, totals, notes, headers}, committed {…}',
  }),
  mapping: Type.Array(
    Type.Object({
      col: Type.Integer(),
      header: Type.String(),
      field: N(Type.String()),
      unit: Type.Optional(N(Type.String())),
      match: Type.Optional(
        N(
          Type.String({
            description:
              'auto (header and values agree) | guess (to confirm) | remembered (as confirmed last time) | user',
          }),
        ),
      ),
      confidence: Type.Optional(N(Type.Number({ minimum: 0, maximum: 1 }))),
      values: Type.Optional(
        N(
          Type.Object({
            kind: Type.String({ description: 'county | stage | uscc | date | serial' }),
            share: Type.Number(),
          }),
        ),
      ),
      serial: Type.Optional(
        Type.Boolean({ description: "the clerk's own running number (序号), shown beside the sheet row" }),
      ),
    }),
  ),
  blockers: Type.Array(
    Type.Object({ field: Type.String(), code: Type.String(), col: N(Type.Integer()), message: Type.String() }),
    { description: 'what must be corrected in the mapping before the import can be committed' },
  ),
  headers: Type.Array(Type.String()),
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      kind: Type.String(),
      required: Type.Boolean(),
      unit: N(Type.String()),
    }),
  ),
  error: N(Type.Object({ code: Type.String(), message: Type.String() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  committedAt: N(Timestamp),
});

const Issue = Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() });
const Row = Type.Object({
  rowNo: Type.Integer({ description: 'the row number in the sheet' }),
  clerkNo: N(Type.String({ description: "the row's own number in the sheet's 序号 column" })),
  status: Type.String({ description: 'valid | invalid | duplicate | committed' }),
  decision: N(Type.String({ description: 'duplicates: import (not a duplicate) | skip' })),
  decisionReason: N(Type.String()),
  cells: Type.Array(Type.String()),
  values: Type.Unknown(),
  labels: Type.Unknown(),
  errors: Type.Array(Issue),
  warnings: Type.Array(Issue),
  duplicates: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'file | existing | imported' }),
      rowNo: Type.Optional(Type.Integer()),
      clerkNo: Type.Optional(Type.String()),
      id: Type.Optional(Type.Integer()),
      amount: Type.Optional(N(Type.String())),
      label: Type.Optional(Type.String()),
      jobId: Type.Optional(Type.Integer()),
      reasons: Type.Array(Type.String()),
      message: Type.String(),
    }),
  ),
  recordId: N(Type.Integer()),
});

export const spreadsheetRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  // The registers are those whose modules registered a profile (server/sheet-profiles.ts, before these routes).
  const EntityLit = Type.Union(entities().map((e) => Type.Literal(e)));
  // An export takes its entity list's filters: the union of the profiles' filter schemas.
  const ExportQuery = Type.Object(Object.assign({}, ...sheetProfiles().map((p) => p.exportFilters)));
  const { db } = database;
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  const log = (e: unknown) => app.log.error(e);

  app.post(
    '/api/imports',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'Upload a spreadsheet (multipart: file + entity) and start its dry run',
        description:
          '.xlsx or .csv (UTF-8 or GBK), at most 30 MB. Nothing is written to the business tables until the commit. ' +
          'The answer comes when the dry run has finished or after a few seconds (status parsing): poll GET /api/imports/{id}.',
        querystring: Type.Object({ entity: Type.Optional(EntityLit) }),
        response: { 200: Job, 400: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (req) => {
      const ctx = authed(req);
      const got = await receive(req);
      const entity = req.query.entity ?? got.fields.entity;
      if (!entity || !isEntity(entity)) {
        await fs.rm(got.file.path, { force: true });
        throw validationError([{ field: 'entity', code: entity ? 'invalid' : 'required' }]);
      }
      const file = await inspect(got.file);
      return startImport(database, ctx, entity as Entity, file, log);
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'My recent imports',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                entity: Type.String(),
                fileName: Type.String(),
                status: Type.String(),
                summary: Type.Unknown(),
                createdAt: Timestamp,
                committedAt: N(Timestamp),
              }),
            ),
          }),
        },
      },
    },
    async (req) => listImports(db, authed(req)),
  );

  app.get(
    '/api/imports/template/:entity',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'An .xlsx template: the expected headers, an example row and a notes sheet',
        params: Type.Object({ entity: EntityLit }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const entity = req.params.entity as Entity;
      const name = ctx.lang === 'en' ? `magnet-${entity}-template.xlsx` : `${entityLabel(entity).zh}导入模板.xlsx`;
      reply.type(XLSX_TYPE).header('content-disposition', attachment(name));
      return reply.send(templateWorkbook(entity, ctx.lang));
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'An import job: status, progress 0–100, summary counts, the column mapping',
        params: IdParams,
        response: { 200: Job, 404: ErrorResponse },
      },
    },
    async (req) => getImport(db, authed(req), req.params.id),
  );

  app.get(
    '/api/imports/:id/rows',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'Parsed rows of an import: by default those with errors, duplicates or warnings',
        params: IdParams,
        querystring: Type.Object({
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          filter: Type.Optional(
            Type.Union(['problems', 'all', 'invalid', 'duplicate', 'valid'].map((f) => Type.Literal(f))),
          ),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Row),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) =>
      listImportRows(
        db,
        authed(req),
        req.params.id,
        req.query as { page: number; pageSize: number; filter?: 'problems' },
      ),
  );

  app.put(
    '/api/imports/:id/mapping',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'Change which field each column fills, and run the dry run again',
        params: IdParams,
        body: Type.Object({
          mapping: Type.Array(
            Type.Object({
              col: Type.Integer({ minimum: 0 }),
              field: N(Type.String({ maxLength: 40 })),
              unit: Type.Optional(N(Type.Union(AMOUNT_UNITS.map((u) => Type.Literal(u))))),
            }),
            { maxItems: 500 },
          ),
        }),
        response: { 200: Job, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => updateMapping(database, authed(req), req.params.id, req.body.mapping, log),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'Insert every valid row in one transaction (duplicates are skipped)',
        params: IdParams,
        description: 'Refused with IMPORT_HAS_ERRORS while rows are invalid, unless skipInvalid is true.',
        body: Type.Optional(Type.Object({ skipInvalid: Type.Optional(Type.Boolean()) })),
        response: { 200: Job, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => commitImport(database, authed(req), req.params.id, { skipInvalid: req.body?.skipInvalid }, log),
  );

  app.put(
    '/api/imports/:id/rows/:rowNo/decision',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'Decide on a row flagged as a duplicate: import it (not a duplicate, with a reason) or skip it',
        description: 'The reason is audited with the commit, in its transaction. decision null takes a decision back.',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), rowNo: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({
          decision: N(Type.Union([Type.Literal('import'), Type.Literal('skip')])),
          reason: Type.Optional(N(Type.String({ maxLength: 500 }))),
        }),
        response: {
          200: Type.Object({ row: Row, summary: Type.Unknown() }),
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (req) => decideRow(db, authed(req), req.params.id, req.params.rowNo, req.body),
  );

  const StageTable = Type.Record(
    Type.String({ pattern: '^(planning|negotiating|signed|registered|started|producing|at_capacity|terminated)$' }),
    Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 200 }),
  );
  app.get(
    '/api/imports/stage-phrases',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: "What sheets may write for each project stage (the city's table, or the default)",
        response: { 200: Type.Object({ table: StageTable, custom: Type.Boolean(), version: Type.Integer() }) },
      },
    },
    async (req) => getStagePhrases(db, authed(req)),
  );

  app.put(
    '/api/imports/stage-phrases',
    {
      config: { access: 'projects.approve' },
      schema: {
        tags: ['imports'],
        summary: 'Replace the stage table (the city office)',
        body: Type.Object({ table: StageTable, version: Type.Integer({ minimum: 0 }) }),
        response: {
          200: Type.Object({ table: StageTable, custom: Type.Boolean(), version: Type.Integer() }),
          400: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (req) => saveStagePhrases(db, authed(req), req.body.table, req.body.version),
  );

  app.get(
    '/api/imports/:id/errors.xlsx',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['imports'],
        summary: 'The rows with errors, duplicates or warnings, with their original cells, as .xlsx',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const job = await jobRow(db, ctx, req.params.id);
      if (job.status === 'parsing' || job.status === 'failed') throw new AppError('IMPORT_STATE');
      const base = job.fileName.replace(/\.[^.]+$/, '');
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`${base}-${ctx.lang === 'en' ? 'problems' : '问题行'}.xlsx`));
      return reply.send(errorReportWorkbook(db, job, ctx.lang, log));
    },
  );

  app.get(
    '/api/exports/:entity',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['imports'],
        summary: 'The filtered list within my data scope as .xlsx (streamed)',
        description:
          "The same filters as the entity's list. Text that a spreadsheet would run as a formula is prefixed with a quote; " +
          'phone numbers are masked for roles that only read.',
        params: Type.Object({ entity: EntityLit }),
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const entity = req.params.entity as Entity;
      const stream = await exportWorkbook(db, ctx, entity, req.query, log);
      const day = todayShanghai();
      const name = `${sheetProfile(entity).exportName[ctx.lang === 'en' ? 'en' : 'zh']}-${day}.xlsx`;
      reply.type(XLSX_TYPE).header('content-disposition', attachment(name));
      return reply.send(stream);
    },
  );
};
