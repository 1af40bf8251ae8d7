// The one database schema. Drizzle generates the SQL migrations in /drizzle from this file;
// the same migrations run on the embedded database (PGlite) and on PostgreSQL.
import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Organisation tree: the city, its leading group and office, the bureau, departments, counties, zones, outposts. */
export const units = pgTable('units', {
  id: serial('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  kind: text('kind').notNull(), // see UNIT_KINDS in modules/org/schema.ts
  parentId: integer('parent_id'),
  divisionCode: text('division_code'), // GB/T 2260, for counties and districts
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_parent_idx').on(t.parentId)]);

/** The city's industry clusters (产业集群). */
export const clusters = pgTable('clusters', {
  id: serial('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  category: text('category').notNull(), // emerging | traditional
  sort: integer('sort').notNull().default(0),
}, (t) => [uniqueIndex('clusters_code_uq').on(t.code)]);

/** 产业招商团组: one per cluster, with a lead department and a responsible city leader. */
export const teams = pgTable('teams', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  clusterId: integer('cluster_id'),
  leadUnitId: integer('lead_unit_id'),
  leaderUserId: integer('leader_user_id'),
  description: text('description'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('teams_name_uq').on(t.name)]);

export const teamMembers = pgTable('team_members', {
  teamId: integer('team_id').notNull(),
  userId: integer('user_id').notNull(),
}, (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)]);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  unitId: integer('unit_id').notNull(),
  role: text('role').notNull(), // one role per account keeps the three administrators apart
  phone: text('phone'),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  status: text('status').notNull().default('active'), // active | disabled
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastLoginAt: ts('last_login_at'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_unit_idx').on(t.unitId)]);

export const passwordHistory = pgTable('password_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: integer('user_id').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)]);

/** Sessions live in the database so that several app servers can share them. The id is stored hashed. */
export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Settings as JSON documents by key (security policy, demo switches). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Append-only audit log; a trigger in the migrations refuses UPDATE and DELETE. */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  actorId: integer('actor_id'),
  actorName: text('actor_name'),
  ip: text('ip'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  targetLabel: text('target_label'),
  outcome: text('outcome').notNull(), // success | failure
  changes: jsonb('changes'),
  detail: text('detail'),
}, (t) => [
  index('audit_at_idx').on(t.at),
  index('audit_action_idx').on(t.action, t.at),
  index('audit_actor_idx').on(t.actorId, t.at),
  index('audit_target_idx').on(t.targetType, t.targetId),
]);

/** 客商联系人: the first business record, kept by a unit (and optionally a team) and scoped by them. */
export const contacts = pgTable('contacts', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  organization: text('organization'),
  title: text('title'),
  phone: text('phone'),
  email: text('email'),
  notes: text('notes'),
  ownerUnitId: integer('owner_unit_id').notNull(),
  teamId: integer('team_id'),
  createdBy: integer('created_by').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
}, (t) => [index('contacts_owner_idx').on(t.ownerUnitId), index('contacts_team_idx').on(t.teamId)]);
