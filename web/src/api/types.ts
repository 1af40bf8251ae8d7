// Shapes of the API's responses (see /api/openapi.json on a running server).

export type Permission =
  | 'business.read'
  | 'business.write'
  | 'org.read'
  | 'org.manage'
  | 'users.read'
  | 'users.manage'
  | 'roles.assign'
  | 'security.settings'
  | 'audit.read'
  | 'projects.approve';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: number;
  unitName: string;
  teamIds: number[];
  mustChangePassword: boolean;
  permissions: string[];
}

export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface RoleInfo {
  code: string;
  zh: string;
  en: string;
  admin: boolean;
}
export interface RolesResponse {
  roles: RoleInfo[];
  policy: Record<string, string[]>;
}

export const UNIT_KINDS = [
  'city',
  'leading_group',
  'office',
  'bureau',
  'department',
  'county',
  'district',
  'zone',
  'park',
  'outpost',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: number | null;
  divisionCode: string | null;
  sort: number;
  active: boolean;
  version: number;
}

export interface Cluster {
  id: number;
  code: string;
  name: string;
  category: 'emerging' | 'traditional' | string;
}

export interface TeamMember {
  userId: number;
  displayName: string;
  unitName: string | null;
}
export interface Team {
  id: number;
  name: string;
  clusterId: number | null;
  clusterName: string | null;
  leadUnitId: number | null;
  leadUnitName: string | null;
  leaderUserId: number | null;
  leaderName: string | null;
  description: string | null;
  version: number;
  members: TeamMember[];
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: number;
  unitName: string | null;
  phone: string | null;
  status: 'active' | 'disabled' | string;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  version: number;
}

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordExpiryDays: number;
  passwordHistory: number;
  mustChangeInitialPassword: boolean;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  version: number;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: 'success' | 'failure' | string;
  changes: Record<string, [unknown, unknown]> | null;
  detail: string | null;
}

export interface Contact {
  id: number;
  name: string;
  organization: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  ownerUnitId: number;
  ownerUnitName: string | null;
  teamId: number | null;
  teamName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Items<T> {
  items: T[];
}
export interface Page<T> {
  items: T[];
  total: number;
}

export interface Health {
  status: string;
  database: 'embedded' | 'postgres';
  engine: string;
  version: string;
}
