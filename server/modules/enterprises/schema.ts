// Request and response shapes of the enterprise library (企业库), and its code lists.
import { Type, type TSchema } from 'typebox';
import { Timestamp } from '../../http/schemas.js';
import { REGION_GROUPS } from '../../reference/divisions.js';

export const OWNERSHIPS = ['soe_central', 'soe_local', 'private', 'foreign', 'hmt'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

export const TIERS = [
  'fortune500',
  'china500',
  'private500',
  'listed',
  'little_giant',
  'unicorn',
  'champion',
  'chain_leader',
  'local_stock',
] as const;
export type Tier = (typeof TIERS)[number];

export const SORTS = ['name', 'registeredCapital', 'updatedAt'] as const;

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const S = (max: number) => Type.Optional(N(Type.String({ maxLength: max })));

/** Amounts in 万元 as decimal strings ("12500.00"); the service checks the range. */
const Money = Type.String({
  maxLength: 20,
  description: '万元, a decimal string with at most 2 decimals, e.g. "12500.00"',
});

export const ContactFields = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  title: S(50),
  phone: S(20),
  email: S(100),
  isPrimary: Type.Optional(Type.Boolean()),
};

// Owner unit (except the bureau's choice on create), creator, version, derived region, search text: set by the server.
export const EnterpriseFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  uscc: S(18 + 4), // normalized (spaces removed, upper case) before the GB 32100 check
  ownership: Type.Optional(N(Type.Union(OWNERSHIPS.map((o) => Type.Literal(o))))),
  tiers: Type.Optional(
    Type.Array(Type.Union(TIERS.map((o) => Type.Literal(o))), { maxItems: TIERS.length, uniqueItems: true }),
  ),
  hqDivision: Type.Optional(N(Type.String({ maxLength: 6, description: 'GB/T 2260 code' }))),
  hqCountry: S(50),
  industryCode: Type.Optional(N(Type.String({ maxLength: 8, description: 'GB/T 4754 code, e.g. C2614' }))),
  clusterId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
  registeredCapital: Type.Optional(N(Money)),
  website: S(200),
  notes: S(2000),
  teamId: Type.Optional(N(Type.Integer({ minimum: 1 }))),
};

export const CreateBody = Type.Object({
  ...EnterpriseFields,
  ownerUnitId: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Only the bureau may choose; others get their own unit' }),
  ),
  contacts: Type.Optional(Type.Array(Type.Object(ContactFields), { maxItems: 20 })),
});

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  ownership: Type.Optional(Type.Union(OWNERSHIPS.map((o) => Type.Literal(o)))),
  tier: Type.Optional(Type.Union(TIERS.map((o) => Type.Literal(o)))),
  hqRegion: Type.Optional(Type.Union(REGION_GROUPS.map((o) => Type.Literal(o)))),
  clusterId: Type.Optional(Type.Integer({ minimum: 1 })),
  industry: Type.Optional(Type.String({ maxLength: 8, description: 'GB/T 4754 section letter or code prefix' })),
  ownerUnitId: Type.Optional(Type.Integer({ minimum: 1, description: 'The unit and the units below it' })),
  sort: Type.Optional(Type.Union(SORTS.map((o) => Type.Literal(o)))),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
});

export const Enterprise = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  uscc: N(Type.String()),
  ownership: N(Type.String()),
  tiers: Type.Array(Type.String()),
  hqDivision: N(Type.String()),
  hqDivisionName: N(Type.String()),
  hqRegion: N(Type.String()),
  hqCountry: N(Type.String()),
  industryCode: N(Type.String()),
  industryName: N(Type.String()),
  clusterId: N(Type.Integer()),
  clusterName: N(Type.String()),
  registeredCapital: N(Type.String()),
  website: N(Type.String()),
  notes: N(Type.String()),
  ownerUnitId: Type.Integer(),
  ownerUnitName: Type.String(),
  teamId: N(Type.Integer()),
  teamName: N(Type.String()),
  mergedIntoId: N(Type.Integer()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const EnterpriseContact = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  title: N(Type.String()),
  phone: N(Type.String()),
  email: N(Type.String()),
  isPrimary: Type.Boolean(),
  phoneMasked: Type.Boolean(),
  createdAt: Timestamp,
});

export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  entityId: Type.Integer(),
  at: Timestamp,
  kind: Type.String(),
  summary: Type.String(),
  data: Type.Unknown(),
  userName: N(Type.String()),
});

export const EnterpriseDetail = Type.Object({
  ...Enterprise.properties,
  mergedIntoName: N(Type.String()),
  contacts: Type.Array(EnterpriseContact),
  timeline: Type.Array(TimelineEntry),
  references: Type.Object({ leads: Type.Integer(), projects: Type.Integer() }),
});

export const ListResponse = Type.Object({
  items: Type.Array(Enterprise),
  total: Type.Integer(),
  totalIsExact: Type.Boolean(),
});

export const SimilarResponse = Type.Object({
  tradeName: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      uscc: N(Type.String()),
      ownerUnitName: Type.String(),
      hqRegion: N(Type.String()),
      score: Type.Number(),
      sameUscc: Type.Boolean(),
    }),
  ),
  /** Similar live records outside the caller's data scope: counted, never named. */
  othersCount: Type.Integer(),
});
