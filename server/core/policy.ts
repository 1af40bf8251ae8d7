// The single policy table: which role may do what. Routes ask `can(role, action)`;
// the role × action tests enumerate this table.
export const ROLES = [
  'city_leader',
  'bureau_staff',
  'team_member',
  'county_staff',
  'department_staff',
  'sys_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['sys_admin', 'security_admin', 'audit_admin'];
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => !ADMIN_ROLES.includes(r));

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  city_leader: { zh: '市领导', en: 'City leader' },
  bureau_staff: { zh: '投促局工作人员', en: 'Bureau staff' },
  team_member: { zh: '招商团组成员', en: 'Team member' },
  county_staff: { zh: '县市区/园区工作人员', en: 'County or zone staff' },
  department_staff: { zh: '市直部门工作人员', en: 'Department staff' },
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
};

export const ACTIONS = [
  'business.read',
  'business.write',
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'roles.assign',
  'security.settings',
  'audit.read',
  'projects.approve',
  'targets.manage',
  'assessment.manage',
  'assessment.review',
  'quotas.manage',
  'system.backup',
] as const;
export type Action = (typeof ACTIONS)[number];

const BUSINESS_WRITERS: Role[] = ['bureau_staff', 'team_member', 'county_staff', 'department_staff'];

export const POLICY: Record<Action, readonly Role[]> = {
  'business.read': BUSINESS_ROLES,
  'business.write': BUSINESS_WRITERS,
  'org.read': [...BUSINESS_ROLES, 'sys_admin', 'security_admin'],
  'org.manage': ['sys_admin'],
  'users.read': ['sys_admin', 'security_admin'],
  'users.manage': ['sys_admin'],
  'roles.assign': ['security_admin'],
  'security.settings': ['security_admin'],
  'audit.read': ['audit_admin'],
  'system.backup': ['sys_admin'],
  'projects.approve': ['bureau_staff'], // the city office checks stage moves before they count
  'targets.manage': ['bureau_staff'], // the bureau sets the targets and the conversion rule
  'assessment.manage': ['bureau_staff'], // schemes, monthly runs, publication and bulletins
  'assessment.review': ['bureau_staff', 'city_leader'], // reviewer-scored items, with evidence
  'quotas.manage': ['bureau_staff'], // the city office sets the yearly visit and event quotas
};

export function can(role: string, action: Action): boolean {
  return (POLICY[action] as readonly string[]).includes(role);
}

export function permissionsOf(role: string): Action[] {
  return ACTIONS.filter((a) => can(role, a));
}

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
export const isAdminRole = (r: string) => (ADMIN_ROLES as readonly string[]).includes(r);
