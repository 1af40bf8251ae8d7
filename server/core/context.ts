// Who is asking, from where, in which language: passed to every service function.
import type { Lang } from './errors.js';
import type { Role } from './policy.js';

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  teamIds: number[];
  mustChangePassword: boolean;
  sessionIdHash: string;
}

export interface RequestContext {
  principal?: Principal;
  ip: string;
  lang: Lang;
}

export interface AuthedContext extends RequestContext {
  principal: Principal;
}
