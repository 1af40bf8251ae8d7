import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { RoleInfo, RolesResponse } from '../../api/types';

let cached: Promise<RolesResponse> | null = null;

/** GET /api/meta/roles, once per page load: the role codes, their labels and which are administrators. */
export function useRoles(): RoleInfo[] {
  const [roles, setRoles] = useState<RoleInfo[]>([]);
  useEffect(() => {
    let alive = true;
    cached ??= api.get<RolesResponse>('/api/meta/roles');
    cached
      .then((r) => {
        if (alive) setRoles(r.roles);
      })
      .catch(() => {
        cached = null;
      });
    return () => {
      alive = false;
    };
  }, []);
  return roles;
}
