import { describe, expect, it } from 'vitest';
import { ACTIONS, ADMIN_ROLES, can, POLICY, ROLES } from './policy.js';

describe('policy table', () => {
  it('keeps the three administrators apart (三员分立)', () => {
    const adminActions = ['users.manage', 'org.manage', 'roles.assign', 'security.settings', 'audit.read'] as const;
    for (const a of adminActions) {
      expect(POLICY[a].filter((r) => ADMIN_ROLES.includes(r)).length, a).toBe(1);
    }
    expect(can('sys_admin', 'roles.assign')).toBe(false);
    expect(can('security_admin', 'users.manage')).toBe(false);
    expect(can('audit_admin', 'users.read')).toBe(false);
  });
  it('gives no administrator business data', () => {
    for (const r of ADMIN_ROLES) {
      expect(can(r, 'business.read')).toBe(false);
      expect(can(r, 'business.write')).toBe(false);
    }
  });
  it('lets only the audit administrator read the audit log', () => {
    expect(ROLES.filter((r) => can(r, 'audit.read'))).toEqual(['audit_admin']);
  });
  it('names only known roles', () => {
    for (const a of ACTIONS) for (const r of POLICY[a]) expect(ROLES).toContain(r);
  });
});
