// The one database schema. Drizzle generates the SQL migrations in /drizzle from this file;
// the same migrations run on the bundled PostgreSQL 18 and on an external PostgreSQL (15 or newer).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Organisation tree: the city, its leading group and office, the bureau, departments, counties, zones, outposts. */
export const units = pgTable(
  'units',
  {
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
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_parent_idx').on(t.parentId)],
);

/** The city's industry clusters (产业集群). */
export const clusters = pgTable(
  'clusters',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(), // emerging | traditional
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('clusters_code_uq').on(t.code)],
);

/** 产业招商团组: one per cluster, with a lead department and a responsible city leader. */
export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    clusterId: integer('cluster_id'),
    leadUnitId: integer('lead_unit_id'),
    leaderUserId: integer('leader_user_id'),
    description: text('description'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('teams_name_uq').on(t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: integer('team_id').notNull(),
    userId: integer('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const users = pgTable(
  'users',
  {
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
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_unit_idx').on(t.unitId)],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

/** Sessions live in the database so that several app servers can share them. The id is stored hashed. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Settings as JSON documents by key (security policy, demo switches). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Append-only audit log; a trigger in the migrations refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_events',
  {
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
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action, t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_target_idx').on(t.targetType, t.targetId),
  ],
);

/** 客商联系人: the first business record, kept by a unit (and optionally a team) and scoped by them. */
export const contacts = pgTable(
  'contacts',
  {
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
  },
  (t) => [index('contacts_owner_idx').on(t.ownerUnitId), index('contacts_team_idx').on(t.teamId)],
);

// ---------------------------------------------------------------------------------------------
// Enterprises, leads and projects. Money is numeric (exact decimals) in 万元; foreign capital in 万美元.
// Every business table has an owner unit and optional team (the data scope), a version for optimistic
// locking, and search_text / search_grams for Chinese search (core/search.ts).
// ---------------------------------------------------------------------------------------------

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
// COLLATE "C" is set by migration 0007 (drizzle cannot declare a column collation).
const grams = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/** 企业库: target enterprises and local ones. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    uscc: text('uscc'), // 统一社会信用代码
    ownership: text('ownership'), // soe_central | soe_local | private | foreign | hmt
    tiers: text('tiers').array().notNull().default(sql`'{}'::text[]`),
    hqDivision: text('hq_division'), // GB/T 2260
    hqRegion: text('hq_region'), // derived: jjj | yrd | prd | local | in_province | other | abroad | hmt
    hqCountry: text('hq_country'), // for enterprises abroad
    industryCode: text('industry_code'), // GB/T 4754
    clusterId: integer('cluster_id'),
    registeredCapital: money('registered_capital'), // 万元
    website: text('website'),
    notes: text('notes'),
    ownerUnitId: integer('owner_unit_id').notNull(),
    teamId: integer('team_id'),
    createdBy: integer('created_by').notNull(),
    mergedIntoId: integer('merged_into_id'),
    searchText: text('search_text').notNull().default(''),
    searchGrams: grams('search_grams'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('enterprises_uscc_live_uq')
      .on(t.uscc)
      .where(sql`${t.deletedAt} IS NULL AND ${t.mergedIntoId} IS NULL AND ${t.uscc} IS NOT NULL`),
    index('enterprises_owner_idx').on(t.ownerUnitId),
    index('enterprises_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    index('enterprises_team_idx').on(t.teamId),
    index('enterprises_grams_idx').using('gin', t.searchGrams),
  ],
);

export const enterpriseContacts = pgTable(
  'enterprise_contacts',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('enterprise_contacts_ent_idx').on(t.enterpriseId)],
);

/** Timeline entries of any record (notes, merges, stage moves, follow-ups) for the detail pages. */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entityType: text('entity_type').notNull(), // enterprise | lead | project
    entityId: integer('entity_id').notNull(),
    at: ts('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    data: jsonb('data'),
    userId: integer('user_id'),
  },
  (t) => [index('timeline_entity_idx').on(t.entityType, t.entityId, t.at)],
);

/** 线索 */
export const leads = pgTable(
  'leads',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    enterpriseId: integer('enterprise_id'),
    enterpriseName: text('enterprise_name'), // when the enterprise is not in the library yet
    industryCode: text('industry_code'),
    clusterId: integer('cluster_id'),
    intendedAmount: money('intended_amount'), // 万元
    content: text('content'),
    sourceChannel: text('source_channel').notNull(),
    referrer: text('referrer'),
    status: text('status').notNull().default('following'), // pool | following | converted | dropped
    ownerUnitId: integer('owner_unit_id'), // null while in the pool (公海)
    ownerUserId: integer('owner_user_id'),
    teamId: integer('team_id'),
    projectId: integer('project_id'),
    dropReason: text('drop_reason'),
    lastFollowUpAt: ts('last_follow_up_at'),
    createdBy: integer('created_by').notNull(),
    searchText: text('search_text').notNull().default(''),
    searchGrams: grams('search_grams'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    index('leads_owner_idx').on(t.ownerUnitId),
    index('leads_team_idx').on(t.teamId),
    index('leads_status_idx').on(t.status),
    index('leads_enterprise_idx').on(t.enterpriseId),
    index('leads_grams_idx').using('gin', t.searchGrams),
  ],
);

export const leadFollowUps = pgTable(
  'lead_follow_ups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leadId: integer('lead_id').notNull(),
    at: ts('at').notNull(),
    method: text('method'), // visit | call | meeting | event | other
    content: text('content').notNull(),
    nextStep: text('next_step'),
    userId: integer('user_id').notNull(),
    unitId: integer('unit_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('lead_follow_ups_lead_idx').on(t.leadId, t.at)],
);

/** 过户: each change of a lead's owner, kept as history. */
export const leadTransfers = pgTable(
  'lead_transfers',
  {
    id: serial('id').primaryKey(),
    leadId: integer('lead_id').notNull(),
    fromUnitId: integer('from_unit_id'),
    fromUserId: integer('from_user_id'),
    toUnitId: integer('to_unit_id'),
    toUserId: integer('to_user_id'),
    kind: text('kind').notNull(), // claim | handover | release
    reason: text('reason'),
    byUserId: integer('by_user_id').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('lead_transfers_lead_idx').on(t.leadId)],
);

/** 项目库 */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    code: text('code'), // the city's project code
    name: text('name').notNull(),
    enterpriseId: integer('enterprise_id'), // the investor
    investorName: text('investor_name'), // the counterpart when it is not (yet) in the enterprise library
    leadId: integer('lead_id'),
    stage: text('stage').notNull().default('planning'), // planning | negotiating | signed | registered | started | producing | at_capacity | terminated
    /** The last stage the bureau approved; a stage counts only from its approval. */
    approvedStage: text('approved_stage'),
    approvedStageAt: ts('approved_stage_at'), // when the bureau approved it: the date the stage counts from
    pendingStageEventId: integer('pending_stage_event_id'),
    ownerUnitId: integer('owner_unit_id').notNull(), // the county or zone where it lands (or the unit keeping it)
    parkUnitId: integer('park_unit_id'),
    clusterId: integer('cluster_id'),
    teamId: integer('team_id'),
    industryCode: text('industry_code'),
    leaderName: text('leader_name'),
    liaisonName: text('liaison_name'),
    liaisonPhone: text('liaison_phone'),
    content: text('content'),
    totalInvestment: money('total_investment'), // 万元
    fixedAssetInvestment: money('fixed_asset_investment'), // 万元
    foreignCapital: money('foreign_capital'), // 万美元 (合同外资)
    capitalOrigin: text('capital_origin'), // local_city | in_province | out_province | abroad
    isNew: boolean('is_new').notNull().default(true), // false for an expansion counting only the increment
    excludedFromCount: text('excluded_from_count'), // reason (local capital, government-funded, real estate …)
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`), // derived, see projects/flags.ts
    signedAt: date('signed_at'),
    signedAmount: money('signed_amount'),
    agreementType: text('agreement_type'),
    signedEvent: text('signed_event'),
    registeredUscc: text('registered_uscc'),
    registeredCapital: money('registered_capital'),
    landMu: numeric('land_mu', { precision: 12, scale: 2 }),
    plannedStartMonth: date('planned_start_month'),
    startedAt: date('started_at'),
    producedAt: date('produced_at'),
    capacity: text('capacity'),
    terminatedReason: text('terminated_reason'),
    lastProgressAt: ts('last_progress_at'),
    stageChangedAt: ts('stage_changed_at').notNull().defaultNow(),
    createdBy: integer('created_by').notNull(),
    searchText: text('search_text').notNull().default(''),
    searchGrams: grams('search_grams'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('projects_code_live_uq').on(t.code).where(sql`${t.deletedAt} IS NULL AND ${t.code} IS NOT NULL`),
    index('projects_owner_stage_idx').on(t.ownerUnitId, t.stage, t.id),
    index('projects_owner_updated_idx')
      .on(t.ownerUnitId, t.updatedAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} IS NULL`),
    index('projects_team_idx').on(t.teamId),
    index('projects_enterprise_idx').on(t.enterpriseId),
    index('projects_stage_idx').on(t.stage, t.id),
    index('projects_grams_idx').using('gin', t.searchGrams),
  ],
);

/** A stage move as submitted, and the bureau's decision on it. */
export const projectStageEvents = pgTable(
  'project_stage_events',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull(),
    fromStage: text('from_stage').notNull(),
    toStage: text('to_stage').notNull(),
    kind: text('kind').notNull(), // forward | back | skip | terminate
    effectiveDate: date('effective_date').notNull(),
    fields: jsonb('fields').notNull(),
    reason: text('reason'),
    /** The project's values before the move, restored when the bureau returns it. */
    priorValues: jsonb('prior_values'),
    status: text('status').notNull().default('pending'), // pending | approved | returned
    submittedBy: integer('submitted_by').notNull(),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('project_stage_events_project_idx').on(t.projectId, t.submittedAt),
    index('project_stage_events_status_idx').on(t.status),
  ],
);

/** Evidence and attachments, kept in the database so that every app server sees them. */
export const files = pgTable(
  'files',
  {
    id: serial('id').primaryKey(),
    entityType: text('entity_type'),
    entityId: integer('entity_id'),
    stageEventId: integer('stage_event_id'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('files_entity_idx').on(t.entityType, t.entityId), index('files_stage_event_idx').on(t.stageEventId)],
);

export const projectProgress = pgTable(
  'project_progress',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id').notNull(),
    at: date('at').notNull(),
    content: text('content').notNull(),
    userId: integer('user_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('project_progress_project_idx').on(t.projectId, t.at)],
);

/** Annual plan and monthly completion of investment (万元). month 0 holds the year's plan. */
export const projectInvestments = pgTable(
  'project_investments',
  {
    projectId: integer('project_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    planned: money('planned'),
    completed: money('completed'),
    fundsInPlace: money('funds_in_place'), // 到位资金
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year, t.month] })],
);

/** 问题诉求: problems a project raises, and the department that must solve them. */
export const projectProblems = pgTable(
  'project_problems',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull(),
    content: text('content').notNull(),
    departmentUnitId: integer('department_unit_id'),
    status: text('status').notNull().default('open'), // open | in_progress | solved
    resolution: text('resolution'),
    createdBy: integer('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('project_problems_project_idx').on(t.projectId),
    index('project_problems_dept_idx').on(t.departmentUnitId, t.status),
  ],
);

/** Saved list filters, per user. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull(),
    entity: text('entity').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('saved_views_user_idx').on(t.userId, t.entity)],
);

/** Spreadsheet imports: the dry run's result is kept so that the commit applies exactly what was shown. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status').notNull(), // parsing | ready | committing | committed | failed
    mapping: jsonb('mapping'),
    summary: jsonb('summary'),
    progress: integer('progress').notNull().default(0),
    userId: integer('user_id').notNull(),
    unitId: integer('unit_id').notNull(),
    /** The header row's cells as read, for the mapping editor. */
    headers: jsonb('headers'),
    fileSize: integer('file_size'),
    fileKind: text('file_kind'), // xlsx | csv
    errorCode: text('error_code'), // why parsing or the last commit failed
    committedAt: ts('committed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('import_jobs_user_idx').on(t.userId)],
);

/** One parsed data row of an import: its cells, the converted values, errors, duplicates, and the record it became. */
export const importRows = pgTable(
  'import_rows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: integer('job_id').notNull(),
    rowNo: integer('row_no').notNull(), // the row number in the sheet (1-based, as the spreadsheet shows it)
    raw: jsonb('raw').notNull(), // cell texts by column
    values: jsonb('values'),
    labels: jsonb('labels'),
    errors: jsonb('errors'),
    warnings: jsonb('warnings'),
    duplicates: jsonb('duplicates'),
    status: text('status').notNull(), // valid | invalid | duplicate | committed
    contentHash: text('content_hash'),
    recordId: integer('record_id'), // unused: the record a row became is in import_row_records
    /** A person's decision on a row flagged as a duplicate: import (not a duplicate, with a reason) or skip. */
    decision: text('decision'), // import | skip
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by'),
  },
  (t) => [uniqueIndex('import_rows_job_row_uq').on(t.jobId, t.rowNo), index('import_rows_hash_idx').on(t.contentHash)],
);

/**
 * The mapping a unit confirmed for a sheet layout (its normalised header set): the next sheet of the same layout from
 * the same unit is mapped the same way.
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: serial('id').primaryKey(),
    entity: text('entity').notNull(),
    unitId: integer('unit_id').notNull(),
    headerKey: text('header_key').notNull(),
    headers: jsonb('headers').notNull(),
    mapping: jsonb('mapping').notNull(),
    jobId: integer('job_id'),
    confirmedBy: integer('confirmed_by').notNull(),
    confirmedAt: ts('confirmed_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_mappings_source_uq').on(t.entity, t.unitId, t.headerKey)],
);

/** The record each committed import row became (kept apart from import_rows so that a commit only appends). */
export const importRowRecords = pgTable(
  'import_row_records',
  {
    jobId: integer('job_id').notNull(),
    rowNo: integer('row_no').notNull(),
    recordId: integer('record_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNo] })],
);

// ---------------------------------------------------------------------------------------------
// The city's verdict: targets, assessment schemes, frozen monthly runs and their bulletins.
// ---------------------------------------------------------------------------------------------

/**
 * 目标清单: one target of one unit (county, zone, department) or team for one indicator. A yearly target has
 * start_year = end_year and may split into quarters and months; a multi-year cumulative goal spans several years.
 * Amounts in the indicator's unit (万元, 万美元, or a count), as exact decimals.
 */
export const targets = pgTable(
  'targets',
  {
    id: serial('id').primaryKey(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    indicator: text('indicator').notNull(), // see targets/indicators.ts
    ownerUnitId: integer('owner_unit_id').notNull(), // the unit answering for it (a team's target: its lead unit)
    teamId: integer('team_id'), // set for a team's target
    annual: numeric('annual', { precision: 18, scale: 2 }).notNull(),
    quarters: jsonb('quarters'), // four decimal strings, or null
    months: jsonb('months'), // twelve decimal strings, or null
    note: text('note'),
    createdBy: integer('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    index('targets_year_idx').on(t.startYear, t.endYear),
    index('targets_owner_idx').on(t.ownerUnitId),
    index('targets_team_idx').on(t.teamId),
    uniqueIndex('targets_subject_uq')
      .on(t.startYear, t.endYear, t.indicator, t.ownerUnitId, sql`coalesce(${t.teamId}, 0)`)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** 考核方案: a scheme per year and unit group, its items (sections, indicators, weights, methods) as a document. */
export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    unitGroup: text('unit_group').notNull(), // counties | departments
    name: text('name').notNull(),
    status: text('status').notNull().default('draft'), // draft | published
    items: jsonb('items').notNull(),
    rules: jsonb('rules').notNull(), // flag places, summons places, red line, red months
    ownerUnitId: integer('owner_unit_id').notNull(),
    createdBy: integer('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_schemes_year_group_uq').on(t.year, t.unitGroup)],
);

/** A reviewer's score for one item, unit and month, with its evidence (评审打分). */
export const assessmentReviews = pgTable(
  'assessment_reviews',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id').notNull(),
    itemKey: text('item_key').notNull(),
    unitId: integer('unit_id').notNull(),
    period: text('period').notNull(), // YYYY-MM
    score: numeric('score', { precision: 8, scale: 2 }).notNull(),
    evidence: text('evidence').notNull(),
    reviewerId: integer('reviewer_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_reviews_uq').on(t.schemeId, t.itemKey, t.unitId, t.period)],
);

/**
 * A frozen monthly run: the scheme as it was, every unit's inputs, scores, formulas and record ids, and a hash
 * chained to the previous run of the scheme, so that a later edit of the stored figures is detected on read.
 */
export const assessmentRuns = pgTable(
  'assessment_runs',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id').notNull(),
    period: text('period').notNull(), // YYYY-MM, year to date through that month
    seq: integer('seq').notNull(), // 1 for the first run of the period, 2 … for explicit re-runs
    reason: text('reason'), // why it was run again
    scheme: jsonb('scheme').notNull(),
    results: jsonb('results').notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
    publishLevel: text('publish_level').notNull().default('none'), // none | ranking
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_runs_period_seq_uq').on(t.schemeId, t.period, t.seq)],
);

/** Every saved version of a scheme (draft, 征求意见 consultation, published), kept as it was. */
export const assessmentSchemeVersions = pgTable(
  'assessment_scheme_versions',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    name: text('name').notNull(),
    items: jsonb('items').notNull(),
    rules: jsonb('rules').notNull(),
    savedBy: integer('saved_by').notNull(),
    savedAt: ts('saved_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_scheme_versions_uq').on(t.schemeId, t.version)],
);

/** The units' comments on a scheme in consultation (征求意见), on the version they read. */
export const assessmentSchemeComments = pgTable(
  'assessment_scheme_comments',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id').notNull(),
    version: integer('version').notNull(),
    unitId: integer('unit_id').notNull(),
    authorId: integer('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('assessment_scheme_comments_scheme_idx').on(t.schemeId, t.version)],
);

/**
 * Organisations met in the field that are not enterprises of the library: chambers (商会), associations (协会),
 * agents (中介), universities, research institutes, other parks.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // chamber | association | agent | university | institute | park | other
    divisionCode: text('division_code'), // GB/T 2260
    industryCode: text('industry_code'), // GB/T 4754, the field it works in
    notes: text('notes'),
    ownerUnitId: integer('owner_unit_id').notNull(),
    createdBy: integer('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_name_uq').on(sql`lower(btrim(${t.name}))`)],
);

/** 走访 / 外出招商 / 来访接待 / 视频洽谈: one meeting in the field, recorded once. */
export const visits = pgTable(
  'visits',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // visit | outbound | reception | video
    status: text('status').notNull(), // planned | completed
    visitDate: date('visit_date').notNull(),
    divisionCode: text('division_code'), // GB/T 2260, where it took place
    abroadCountry: text('abroad_country'), // when it took place abroad
    regionGroup: text('region_group'), // derived from the place: local | in_province | jjj | yrd | prd | hmt | other | abroad
    leaderUserId: integer('leader_user_id'), // the official who led it
    outcome: text('outcome'),
    intentions: text('intentions'),
    ownerUnitId: integer('owner_unit_id').notNull(),
    teamId: integer('team_id'),
    createdBy: integer('created_by').notNull(),
    /** The phone's key for one submission: a draft sent again after a dropped connection is not recorded twice. */
    idempotencyKey: text('idempotency_key'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('visits_idempotency_uq').on(t.idempotencyKey),
    index('visits_owner_date_idx').on(t.ownerUnitId, t.visitDate),
    index('visits_team_idx').on(t.teamId),
  ],
);

/** The people who went. */
export const visitParticipants = pgTable(
  'visit_participants',
  {
    visitId: integer('visit_id').notNull(),
    userId: integer('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.userId] }), index('visit_participants_user_idx').on(t.userId)],
);

/** The units that went together (the owner unit among them); each counts the visit toward its own quota. */
export const visitUnits = pgTable(
  'visit_units',
  {
    visitId: integer('visit_id').notNull(),
    unitId: integer('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.unitId] }), index('visit_units_unit_idx').on(t.unitId)],
);

/** Whom they met: an enterprise of the library or another organisation (exactly one of the two). */
export const visitCounterparts = pgTable(
  'visit_counterparts',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id').notNull(),
    enterpriseId: integer('enterprise_id'),
    organisationId: integer('organisation_id'),
  },
  (t) => [
    index('visit_counterparts_visit_idx').on(t.visitId),
    uniqueIndex('visit_counterparts_ent_uq').on(t.visitId, t.enterpriseId).where(sql`${t.enterpriseId} IS NOT NULL`),
    uniqueIndex('visit_counterparts_org_uq')
      .on(t.visitId, t.organisationId)
      .where(sql`${t.organisationId} IS NOT NULL`),
  ],
);

/** The leads a visit produced: each lead has at most one source visit. */
export const visitLeads = pgTable(
  'visit_leads',
  {
    visitId: integer('visit_id').notNull(),
    leadId: integer('lead_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.leadId] }), uniqueIndex('visit_leads_lead_uq').on(t.leadId)],
);

/**
 * 千企大走访 quotas per year and kind of subject (team, city department, county/zone): how many distinct
 * organisations, and which organisations qualify (tier tags, organisation kinds, related industry, outside the city).
 */
export const visitQuotaRules = pgTable(
  'visit_quota_rules',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    subject: text('subject').notNull(), // team | department | county
    target: integer('target').notNull(),
    tiers: text('tiers').array().notNull().default(sql`'{}'::text[]`), // an enterprise qualifies with any of these tags
    anyEnterprise: boolean('any_enterprise').notNull().default(false), // every enterprise qualifies (tags aside)
    excludeLocal: boolean('exclude_local').notNull().default(false), // enterprises headquartered in the city do not
    relatedIndustry: boolean('related_industry').notNull().default(false), // only the clusters of the unit's teams
    organisationKinds: text('organisation_kinds').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('visit_quota_rules_uq').on(t.year, t.subject)],
);

/** 招商活动: events the city or a county organises or takes part in. */
export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(), // promotion | matchmaking | signing | expo | online
    isKey: boolean('is_key').notNull().default(false),
    level: text('level').notNull(), // city | county | provincial | third_party
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    place: text('place'),
    divisionCode: text('division_code'),
    regionGroup: text('region_group').notNull(), // chosen by the user: local | jjj | yrd | prd | abroad | …
    organiser: text('organiser'),
    ownerUnitId: integer('owner_unit_id').notNull(),
    teamId: integer('team_id'),
    createdBy: integer('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('events_owner_date_idx').on(t.ownerUnitId, t.startDate)],
);

/**
 * A project signed (or shown again) at an event. A project counts once, at the event where it was first signed:
 * `counted` is true for that one row only, and the unique index keeps it so.
 */
export const eventSignings = pgTable(
  'event_signings',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull(),
    projectId: integer('project_id').notNull(),
    counted: boolean('counted').notNull(),
    signedAmount: money('signed_amount'), // 万元, as entered at the event
    stageEventId: integer('stage_event_id'), // the stage move to 签约 it made, for a first signing
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_signings_event_project_uq').on(t.eventId, t.projectId),
    uniqueIndex('event_signings_counted_uq').on(t.projectId).where(sql`${t.counted}`),
  ],
);
