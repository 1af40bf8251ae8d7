import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Ok, optional, VersionBody } from '../../http/schemas.js';
import {
  ContactFields,
  CreateBody,
  EnterpriseDetail,
  EnterpriseFields,
  ListQuery,
  ListResponse,
  SimilarResponse,
} from './schema.js';
import {
  addContact,
  addNote,
  createEnterprise,
  deleteEnterprise,
  getEnterprise,
  listEnterprises,
  mergeEnterprise,
  removeContact,
  revealPhone,
  similarEnterprises,
  updateContact,
  updateEnterprise,
} from './service.js';

const tags = ['enterprises'];
const ContactParams = Type.Object({ id: Type.Integer({ minimum: 1 }), cid: Type.Integer({ minimum: 1 }) });
const Version = { version: Type.Integer({ minimum: 1, description: 'The version of the enterprise you read' }) };
const Errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const enterpriseRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  app.get(
    '/api/enterprises',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Enterprises within my data scope (total counted at most ten pages ahead)',
        querystring: ListQuery,
        response: { 200: ListResponse, 400: ErrorResponse },
      },
    },
    async (req) => listEnterprises(db, authed(req), req.query),
  );

  app.get(
    '/api/enterprises/similar',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'Live records that look like the same company (same 字号 or credit code), before saving',
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 100 })),
          uscc: Type.Optional(Type.String({ maxLength: 22 })),
          excludeId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: SimilarResponse },
      },
    },
    async (req) => similarEnterprises(db, authed(req), req.query),
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'One enterprise with its contacts and timeline',
        params: IdParams,
        response: { 200: EnterpriseDetail, 404: ErrorResponse },
      },
    },
    async (req) => getEnterprise(db, authed(req), req.params.id),
  );

  app.post(
    '/api/enterprises',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Create an enterprise (owned by my unit; the bureau may name the unit)',
        body: CreateBody,
        response: { 200: EnterpriseDetail, 400: ErrorResponse },
      },
    },
    async (req) => createEnterprise(db, authed(req), req.body),
  );

  app.patch(
    '/api/enterprises/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change an enterprise (optimistic locking by version)',
        params: IdParams,
        body: Type.Object({ ...optional(EnterpriseFields), ...Version }),
        response: { 200: EnterpriseDetail, ...Errors },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateEnterprise(db, authed(req), req.params.id, version, patch);
    },
  );

  app.delete(
    '/api/enterprises/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Delete an enterprise no lead or project refers to',
        params: IdParams,
        body: VersionBody,
        response: { 200: Ok, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      await deleteEnterprise(db, authed(req), req.params.id, req.body.version);
      return { ok: true };
    },
  );

  app.post(
    '/api/enterprises/:id/merge',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Merge this duplicate into another record: contacts, leads and projects move; history is kept',
        params: IdParams,
        body: Type.Object({ intoId: Type.Integer({ minimum: 1 }), ...Version }),
        response: {
          200: Type.Object({
            ...EnterpriseDetail.properties,
            moved: Type.Object({ contacts: Type.Integer(), leads: Type.Integer(), projects: Type.Integer() }),
          }),
          ...Errors,
        },
      },
    },
    async (req) => mergeEnterprise(db, authed(req), req.params.id, req.body.version, req.body.intoId),
  );

  app.post(
    '/api/enterprises/:id/contacts',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Add a contact person',
        params: IdParams,
        body: Type.Object({ ...ContactFields, ...Version }),
        response: { 200: EnterpriseDetail, ...Errors },
      },
    },
    async (req) => {
      const { version, ...c } = req.body;
      return addContact(db, authed(req), req.params.id, version, c);
    },
  );

  app.patch(
    '/api/enterprises/:id/contacts/:cid',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Change a contact person',
        params: ContactParams,
        body: Type.Object({ ...optional(ContactFields), ...Version }),
        response: { 200: EnterpriseDetail, ...Errors },
      },
    },
    async (req) => {
      const { version, ...c } = req.body;
      return updateContact(db, authed(req), req.params.id, req.params.cid, version, c);
    },
  );

  app.delete(
    '/api/enterprises/:id/contacts/:cid',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Remove a contact person',
        params: ContactParams,
        body: VersionBody,
        response: { 200: EnterpriseDetail, ...Errors },
      },
    },
    async (req) => removeContact(db, authed(req), req.params.id, req.params.cid, req.body.version),
  );

  app.post(
    '/api/enterprises/:id/contacts/:cid/reveal-phone',
    {
      config: { access: 'business.read' },
      schema: {
        tags,
        summary: 'The full phone number of a contact (audited)',
        params: ContactParams,
        response: { 200: Type.Object({ phone: Type.Union([Type.String(), Type.Null()]) }), 404: ErrorResponse },
      },
    },
    async (req) => revealPhone(db, authed(req), req.params.id, req.params.cid),
  );

  app.post(
    '/api/enterprises/:id/notes',
    {
      config: { access: 'business.write' },
      schema: {
        tags,
        summary: 'Add a note to the timeline',
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }),
        response: { 200: EnterpriseDetail, ...Errors },
      },
    },
    async (req) => addNote(db, authed(req), req.params.id, req.body.text),
  );
};
