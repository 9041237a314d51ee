// The composition root: builds the Fastify app from the kernel and the modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from '@fastify/type-provider-zod';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from './kernel/config/index.ts';
import type { Database } from './kernel/db/engine.ts';
import { enforceAccess, type RouteEntry, requireAccessDeclaration } from './kernel/http/access.ts';
import { installHttpCaching } from './kernel/http/caching.ts';
import { enforceCsrf } from './kernel/http/csrf.ts';
import { installErrorHandlers } from './kernel/http/error-handler.ts';
import { refuseUnstorableText } from './kernel/http/input-guard.ts';
import { attachLocale } from './kernel/http/locale.ts';
import { installMetrics } from './kernel/http/metrics.ts';
import { installOpenApi } from './kernel/http/openapi.ts';
import { setPublicBaseUrl } from './kernel/http/pages.ts';
import { installResponseCache } from './kernel/http/response-cache.ts';
import { installSecurity } from './kernel/http/security.ts';
import { registerMessages } from './kernel/i18n/index.ts';
import type { AppDeps } from './kernel/module.ts';
import { registerNav } from './kernel/ui/page-context.ts';
import { authenticator } from './modules/accounts/authenticate.ts';
import { dataVersion } from './modules/audit/queries.ts';
import { modules } from './modules/index.ts';

const ASSETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'kernel/ui/assets');
/** Browser scripts built by `npm run build:client` (vite) from client/. */
const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the authorisation tests. */
    routeTable: RouteEntry[];
  }
}

export type BuildOptions = { config: Config; database: Database; logger?: boolean };

const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export async function buildApp({ config, database, logger = true }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, redact: REDACTED_HEADERS } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  setPublicBaseUrl(config.publicUrl);

  const deps: AppDeps = { database, db: database.db, config };
  const routeTable = requireAccessDeclaration(app);
  app.decorate('routeTable', routeTable);
  await app.register(cookie);
  await app.register(formbody);
  // Signing out of a single sign-on session continues at the provider (a form's redirect).
  await installSecurity(app, { formTargets: config.oidc ? [new URL(config.oidc.issuer).origin] : [] });
  await installOpenApi(app);
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: false,
  });
  if (fs.existsSync(CLIENT_DIR)) {
    await app.register(fastifyStatic, {
      root: CLIENT_DIR,
      prefix: '/assets/client/',
      maxAge: '1h',
      decorateReply: false,
    });
  } else {
    app.log.warn('dist/client is missing: run `npm run build:client` for the map, charts and enhancements');
  }

  app.decorateRequest('user', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('tokenScopes', null as never);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('t', null as never);
  const authenticate = authenticator(deps);
  app.addHook('onRequest', async (request, reply) => {
    attachLocale(request, reply);
    await authenticate(request, reply);
  });
  app.addHook('preValidation', enforceAccess);
  app.addHook('preValidation', enforceCsrf);
  app.addHook('preValidation', refuseUnstorableText);
  installErrorHandlers(app);
  installMetrics(app);
  // Before the ETag hook, so the cache keeps the full answer and a hit still gets its ETag/304.
  installResponseCache(app, {
    megabytes: config.responseCacheMb,
    dataVersion: () => dataVersion(database.db),
  });
  await installHttpCaching(app);

  app.get(
    '/healthz',
    {
      config: { access: 'public', responseCache: false },
      schema: {
        tags: ['system'],
        summary: 'Health check',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), db: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await database.ping();
        return { status: 'ok' as const, db: database.kind };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, db: database.kind });
      }
    },
  );

  for (const m of modules) {
    if (m.messages) registerMessages(m.messages);
    if (m.nav) registerNav(m.nav);
    if (m.routes) {
      const routes = m.routes;
      await app.register(async (scope) => routes(scope.withTypeProvider<ZodTypeProvider>(), deps));
    }
  }
  return app;
}
