// Every route declares who may call it; one hook enforces it before the handler runs.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import type { AuthedContext, RequestContext } from '../core/context.js';
import { AppError, pickLang } from '../core/errors.js';
import { can, type Action } from '../core/policy.js';
import { resolveSession } from '../modules/auth/service.js';

/** public: anyone; session: any signed-in user; password: signed in, even if a password change is due; or a policy action. */
export type Access = 'public' | 'session' | 'password' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    csrfToken?: string;
  }
}

export const SESSION_COOKIE = 'magnet_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function accessHook(database: Database) {
  return async function checkAccess(req: FastifyRequest, _reply: FastifyReply) {
    req.ctx = { ip: req.ip, lang: pickLang(req.headers['accept-language']) };
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config?.access;
    if (access === undefined) return; // unknown routes and the docs fall through to 404 / static
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(database.db, token);
      if (s && 'principal' in s) {
        req.ctx.principal = s.principal;
        req.csrfToken = s.csrfToken;
      } else if (s && access !== 'public') {
        throw new AppError('SESSION_EXPIRED');
      }
    }
    if (access === 'public') return;
    const p = req.ctx.principal;
    if (!p) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken)
      throw new AppError('CSRF_FAILED');
    if (access === 'password') return;
    if (p.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (access !== 'session' && !can(p.role, access)) throw new AppError('FORBIDDEN');
  };
}

export const authed = (req: FastifyRequest): AuthedContext => {
  if (!req.ctx.principal) throw new AppError('UNAUTHENTICATED');
  return req.ctx as AuthedContext;
};
