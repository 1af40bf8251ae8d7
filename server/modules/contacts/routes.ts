import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../http/deps.js';
import { authed } from '../../http/access.js';
import { ErrorResponse, IdParams, Ok, Paging, VersionBody } from '../../http/schemas.js';
import { optional } from '../../http/schemas.js';
import { Timestamp } from '../../http/schemas.js';
import { createContact, deleteContact, getContact, listContacts, updateContact } from './service.js';

const S = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Contact = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  organization: N(Type.String()),
  title: N(Type.String()),
  phone: N(Type.String()),
  email: N(Type.String()),
  notes: N(Type.String()),
  ownerUnitId: Type.Integer(),
  ownerUnitName: Type.String(),
  teamId: N(Type.Integer()),
  teamName: N(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
// Owner unit, creator, version and timestamps are not in the body: the server sets them.
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  organization: S(100),
  title: S(50),
  phone: S(20),
  email: S(100),
  notes: S(2000),
  teamId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
};

export const contactRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { database }) => {
  const { db } = database;
  app.get(
    '/api/contacts',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['contacts'],
        summary: 'Contacts within my data scope',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging }),
        response: { 200: Type.Object({ items: Type.Array(Contact), total: Type.Integer() }) },
      },
    },
    async (req) => listContacts(db, authed(req), req.query),
  );
  app.get(
    '/api/contacts/:id',
    {
      config: { access: 'business.read' },
      schema: {
        tags: ['contacts'],
        summary: 'One contact',
        params: IdParams,
        response: { 200: Contact, 404: ErrorResponse },
      },
    },
    async (req) => getContact(db, authed(req), req.params.id),
  );
  app.post(
    '/api/contacts',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['contacts'],
        summary: 'Create a contact owned by my unit',
        body: Type.Object(Fields),
        response: { 200: Contact, 400: ErrorResponse },
      },
    },
    async (req) => createContact(db, authed(req), req.body),
  );
  app.patch(
    '/api/contacts/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact (optimistic locking by version)',
        params: IdParams,
        body: Type.Object({ ...optional(Fields), version: Type.Integer({ minimum: 1 }) }),
        response: { 200: Contact, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateContact(db, authed(req), req.params.id, version, patch);
    },
  );
  app.delete(
    '/api/contacts/:id',
    {
      config: { access: 'business.write' },
      schema: {
        tags: ['contacts'],
        summary: 'Delete a contact',
        params: IdParams,
        body: VersionBody,
        response: { 200: Ok, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => {
      await deleteContact(db, authed(req), req.params.id, req.body.version);
      return { ok: true };
    },
  );
};
