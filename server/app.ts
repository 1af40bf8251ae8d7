// Builds the HTTP application around an open database. Used by the server and by the API tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { AppError, errorBody, pickLang, type FieldError } from './core/errors.js';
import { accessHook } from './http/access.js';
import { VERSION } from './version.js';
import { healthRoutes } from './modules/health/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { contactRoutes } from './modules/contacts/routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { fileRoutes } from './modules/files/routes.js';
import { savedViewRoutes } from './modules/saved-views/routes.js';
import { enterpriseRoutes } from './modules/enterprises/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { referenceRoutes } from './modules/reference/routes.js';
import { leadRoutes } from './modules/leads/routes.js';
import { spreadsheetRoutes } from './modules/spreadsheets/routes.js';
import { metaRoutes } from './modules/health/meta-routes.js';
import { backupRoutes } from './modules/backup/routes.js';
import { targetRoutes } from './modules/targets/routes.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { registerSheetProfiles } from './sheet-profiles.js';
import { visitRoutes } from './modules/visits/routes.js';
import { eventRoutes } from './modules/events/routes.js';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export type App = FastifyInstance;

const FIELD_CODE: Record<string, string> = {
  required: 'required',
  maxLength: 'too_long',
  maxItems: 'too_long',
  minLength: 'too_short',
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  maximum: 'too_large',
  exclusiveMaximum: 'too_large',
  enum: 'not_allowed',
  const: 'not_allowed',
};

/** One error per field, in the words of the rule that failed (a union reports every branch; the first is enough). */
function validationFields(err: FastifyError): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const v of err.validation ?? []) {
    if (v.keyword === 'anyOf' || v.keyword === 'oneOf') continue;
    const params = v.params as Record<string, unknown>;
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field =
      v.keyword === 'required'
        ? [base, params.missingProperty].filter(Boolean).join('.')
        : base || String(err.validationContext ?? 'body');
    const limit = params.limit ?? params.comparison;
    if (!byField.has(field))
      byField.set(field, {
        field,
        code: FIELD_CODE[v.keyword] ?? 'invalid',
        ...(limit !== undefined ? { limit: Number(params.limit) } : {}),
      });
  }
  return [...byField.values()];
}

export async function buildApp(
  database: Database,
  config: Pick<Config, 'cookieSecure' | 'loginRateLimitPerMinute' | 'logLevel'>,
): Promise<App> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: true,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', database);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design writes its styles at run time
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.cookieSecure,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Magnet API',
        version: VERSION,
        description:
          '双招双引 platform API. Sign in with POST /api/auth/login; send the csrfToken as the x-csrf-token header on every state-changing request.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'magnet_sid' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  // Access is checked before the body is validated, so a caller without the right learns nothing from validation errors.
  app.addHook('preValidation', accessHook(database));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = req.ctx?.lang ?? pickLang(req.headers['accept-language']);
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (err.validation) appErr = new AppError('VALIDATION_FAILED', validationFields(err));
    else if (err.statusCode === 429) appErr = new AppError('RATE_LIMITED');
    else if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message: err.message });
    } else {
      req.log.error(err);
      appErr = new AppError('INTERNAL');
    }
    return reply.status(appErr.status).send(errorBody(appErr, lang));
  });

  const ctxFor = { database, config };
  await app.register(healthRoutes, ctxFor);
  await app.register(metaRoutes, ctxFor);
  await app.register(authRoutes, ctxFor);
  await app.register(orgRoutes, ctxFor);
  await app.register(userRoutes, ctxFor);
  await app.register(settingsRoutes, ctxFor);
  await app.register(auditRoutes, ctxFor);
  await app.register(contactRoutes, ctxFor);
  await app.register(projectRoutes, ctxFor);
  await app.register(fileRoutes, ctxFor);
  await app.register(savedViewRoutes, ctxFor);
  await app.register(backupRoutes, ctxFor);
  await app.register(enterpriseRoutes, ctxFor);
  await app.register(searchRoutes, ctxFor);
  await app.register(referenceRoutes, ctxFor);
  await app.register(leadRoutes, ctxFor);
  registerSheetProfiles(); // the modules' import and export profiles, before the spreadsheet routes
  await app.register(spreadsheetRoutes, ctxFor);
  await app.register(targetRoutes, ctxFor);
  await app.register(assessmentRoutes, ctxFor);
  await app.register(visitRoutes, ctxFor);
  await app.register(eventRoutes, ctxFor);

  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false });
    const index = fs.readFileSync(path.join(webDist, 'index.html'));
    // The root is the app's home page: without this route the wildcard static route would answer it, and a directory
    // with `index: false` is refused (403).
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html; charset=utf-8').send(index));
    // The web app routes in the browser: unknown non-API paths get the app shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') {
        return reply.status(404).send(errorBody(new AppError('NOT_FOUND'), pickLang(req.headers['accept-language'])));
      }
      return reply.type('text/html; charset=utf-8').send(index);
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send(errorBody(new AppError('NOT_FOUND'), pickLang(req.headers['accept-language']))),
    );
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}
