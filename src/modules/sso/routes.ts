// Single sign-on routes (/auth/oidc/start, /auth/oidc/callback) and the admins'
// claim → role rules (/admin/sso and /api/v1/sso/mappings).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { AppError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { baseUrlOf, isSecureRequest, pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { setSessionCookie } from '../accounts/cookies.ts';
import { safeRedirectTarget } from '../accounts/page-routes.ts';
import { LoginPage } from '../accounts/pages.tsx';
import { ROLES } from '../accounts/schema.ts';
import { agencyChoices } from '../agencies/queries.ts';
import { endSessionUrl, finishAuthorization, startAuthorization } from './oidc.ts';
import { SsoAdminPage } from './pages.tsx';
import { MAPPING_SORTS, pageMappings } from './queries.ts';
import { mappingBody } from './schemas.ts';
import {
  addMapping,
  deleteMapping,
  listMappings,
  saveLoginState,
  signInWithClaims,
  takeLoginState,
} from './use-cases.ts';

export const SSO_STATE_COOKIE = 'qh_sso_state';
export const CALLBACK_PATH = '/auth/oidc/callback';
/** Where the provider sends the browser back after signing out (register it at the provider). */
export const POST_LOGOUT_PATH = '/login?loggedOut=1';

const idParams = z.object({ id: z.coerce.number().int().positive() });

const mappingSchema = z.object({
  id: z.number().int(),
  claim: z.string(),
  value: z.string(),
  role: z.enum(ROLES),
  agencyId: z.number().int().nullable(),
  position: z.number().int(),
  createdAt: z.string(),
});
const apiMapping = <T extends { createdAt: Date }>(m: T) => ({ ...m, createdAt: m.createdAt.toISOString() });

export async function ssoRoutes(app: App, { db, config }: AppDeps): Promise<void> {
  const admin = { access: ['admin'] as const };

  const loginError = (request: FastifyRequest, reply: FastifyReply, key: string, status: number) =>
    sendPage(reply, h(LoginPage, { ctx: pageContext(request, reply), message: request.t(key) }), status);

  app.get(
    '/auth/oidc/start',
    {
      config: { access: 'public' },
      schema: { hide: true, querystring: z.object({ next: z.string().max(2000).optional() }) },
    },
    async (request, reply) => {
      if (!config.oidc) throw notFound();
      let start: Awaited<ReturnType<typeof startAuthorization>>;
      try {
        start = await startAuthorization(config.oidc, `${baseUrlOf(request)}${CALLBACK_PATH}`);
      } catch (err) {
        request.log.error({ err }, 'OpenID provider unreachable');
        return loginError(request, reply, 'sso.error.provider', 502);
      }
      await saveLoginState(db, {
        state: start.state,
        codeVerifier: start.codeVerifier,
        nonce: start.nonce,
        next: safeRedirectTarget(request.query.next),
      });
      reply.setCookie(SSO_STATE_COOKIE, start.state, {
        path: '/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecureRequest(request),
        maxAge: 600,
      });
      return reply.redirect(start.url.href, 303);
    },
  );

  app.get(CALLBACK_PATH, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!config.oidc) throw notFound();
    const query = request.query as Record<string, unknown>;
    const state = typeof query.state === 'string' ? query.state : '';
    const cookieState = request.cookies[SSO_STATE_COOKIE];
    reply.clearCookie(SSO_STATE_COOKIE, { path: '/auth/oidc' });
    if (typeof query.error === 'string') return loginError(request, reply, 'sso.error.cancelled', 400);
    if (!state || state !== cookieState) return loginError(request, reply, 'sso.error.failed', 400);
    const pending = await takeLoginState(db, state);
    if (!pending) return loginError(request, reply, 'sso.error.failed', 400);
    try {
      const { issuer, claims, idToken } = await finishAuthorization(
        config.oidc,
        new URL(`${baseUrlOf(request)}${request.url}`),
        pending,
      );
      // Signing out here will sign out at the provider too, and come back to the sign-in page.
      const endAt = await endSessionUrl(config.oidc, idToken, `${baseUrlOf(request)}${POST_LOGOUT_PATH}`);
      const result = await signInWithClaims(
        db,
        config,
        issuer,
        claims,
        { ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id },
        { endSessionUrl: endAt },
      );
      setSessionCookie(request, reply, result.sessionSecret, result.expiresAt);
      return reply.redirect(pending.next, 303);
    } catch (err) {
      if (err instanceof AppError) return loginError(request, reply, err.messageKey, err.statusCode);
      request.log.warn({ err }, 'single sign-on failed');
      return loginError(request, reply, 'sso.error.failed', 400);
    }
  });

  const renderAdmin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: { field: string; message: string }[]; values?: Record<string, string> } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      h(SsoAdminPage, {
        ctx: pageContext(request, reply),
        enabled: config.oidc !== null,
        issuer: config.oidc?.issuer ?? null,
        callbackUrl: `${baseUrlOf(request)}${CALLBACK_PATH}`,
        mappings: await listMappings(db),
        agencies: await agencyChoices(db, { activeOnly: true }),
        ...extra,
      }),
      status,
    );

  app.get('/admin/sso', { config: admin, schema: { hide: true } }, (request, reply) =>
    renderAdmin(request, reply),
  );

  app.post('/admin/sso/mappings', { config: admin, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const form = parseForm(mappingBody, body, request.locale);
    if (!form.ok) return renderAdmin(request, reply, { errors: form.errors, values: body }, 400);
    try {
      await addMapping(db, actorOf(request), form.data);
    } catch (err) {
      if (err instanceof AppError && err.fields.length)
        return renderAdmin(
          request,
          reply,
          {
            errors: err.fields.map((f) => ({ field: f.field, message: request.t(f.message) })),
            values: body,
          },
          err.statusCode,
        );
      throw err;
    }
    return reply.redirect('/admin/sso', 303);
  });

  app.post(
    '/admin/sso/mappings/:id/delete',
    { config: admin, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      await deleteMapping(db, actorOf(request), request.params.id);
      return reply.redirect('/admin/sso', 303);
    },
  );

  const tags = ['single sign-on'];
  app.get(
    '/api/v1/sso/mappings',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'The rules that give single sign-on users a role and agency from their claims (first match by position wins); paged with `cursor`',
        querystring: collectionQuery({
          sorts: MAPPING_SORTS,
          defaultSort: 'position',
          filters: { role: z.enum(ROLES).optional().meta({ example: 'planner' }) },
        }),
        response: { 200: collectionResponse(mappingSchema) },
      },
    },
    async (request) => {
      const page = await pageMappings(db, request.query);
      return { items: page.items.map(apiMapping), nextCursor: page.nextCursor };
    },
  );
  app.post(
    '/api/v1/sso/mappings',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Add a claim → role rule',
        body: mappingBody,
        response: { 201: mappingSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(apiMapping(await addMapping(db, actorOf(request), request.body))),
  );
  app.delete(
    '/api/v1/sso/mappings/:id',
    {
      config: admin,
      schema: { tags, summary: 'Remove a rule', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteMapping(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
