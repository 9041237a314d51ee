// JSON API for sign-in, the current user, users (admin) and API tokens.
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { AppError } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { createApiToken, pageApiTokens, publicToken, revokeApiToken, TOKEN_SORTS } from './api-tokens.ts';
import { actorOf } from './authenticate.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';
import { ROLES } from './schema.ts';
import { changePasswordBody, createTokenBody, createUserBody, loginBody, updateUserBody } from './schemas.ts';
import { login, logout } from './sessions.ts';
import {
  changeOwnPassword,
  createUser,
  getUser,
  pageUsers,
  publicUser,
  resetPassword,
  setUserActive,
  USER_SORTS,
  updateUser,
} from './users.ts';

const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  agencyId: z.number().int().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  rowVersion: z.number().int(),
});
const tokenSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function accountsApi(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        csrfExempt: true,
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password; starts a session (cookie) and returns the CSRF token',
        body: loginBody,
        response: {
          200: z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.string() }),
        },
      },
    },
    async (request, reply) => {
      // Only JSON: a cross-site HTML form cannot send it, so sign-in cannot be forged.
      if (!request.headers['content-type']?.startsWith('application/json')) {
        throw new AppError(415, 'unsupported_media_type', 'accounts.error.jsonOnly');
      }
      const result = await login(db, config, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      setSessionCookie(request, reply, result.sessionSecret, result.expiresAt);
      return {
        user: publicUser(result.user),
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'End the current session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.sessionId) await logout(db, actorOf(request), request.sessionId);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The signed-in user (and the CSRF token of the session)',
        response: { 200: z.object({ user: userSchema, csrfToken: z.string().nullable() }) },
      },
    },
    async (request) => ({
      user: publicUser(await getUser(db, request.user!.id)),
      csrfToken: request.csrfToken,
    }),
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Change your own password',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(db, actorOf(request), {
        userId: request.user!.id,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepSessionId: request.sessionId,
      });
      return reply.code(204).send(null);
    },
  );

  const admin = { access: ['admin'] as const };
  const usersTags = ['users'];

  app.get(
    '/api/v1/users',
    {
      config: admin,
      schema: {
        tags: usersTags,
        summary: 'List user accounts, filtered, sorted and paged with `cursor`',
        querystring: collectionQuery({
          sorts: USER_SORTS,
          defaultSort: 'email',
          filters: {
            q: z
              .string()
              .max(200)
              .optional()
              .describe('Part of the email or name')
              .meta({ example: 'nguyen' }),
            role: z.enum(ROLES).optional().meta({ example: 'planner' }),
            agencyId: z.coerce.number().int().positive().optional().meta({ example: 3 }),
            active: z.enum(['true', 'false']).optional().meta({ example: 'true' }),
          },
        }),
        response: { 200: collectionResponse(userSchema) },
      },
    },
    async (request) => {
      const { active, ...rest } = request.query;
      const page = await pageUsers(db, {
        ...rest,
        active: active === undefined ? undefined : active === 'true',
      });
      return { items: page.items.map(publicUser), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: admin,
      schema: {
        tags: usersTags,
        summary: 'Create a user; returns a one-time password the user must change at first sign-in',
        body: createUserBody,
        response: { 201: z.object({ user: userSchema, oneTimePassword: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      const created = await createUser(db, actorOf(request), request.body);
      return reply
        .code(201)
        .send({ user: publicUser(created.user), oneTimePassword: created.oneTimePassword });
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: admin,
      schema: { tags: usersTags, summary: 'One user', params: idParams, response: { 200: userSchema } },
    },
    async (request) => publicUser(await getUser(db, request.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: admin,
      schema: {
        tags: usersTags,
        summary: 'Update a user (send the rowVersion you read; a stale one gets 409)',
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema },
      },
    },
    async (request) => publicUser(await updateUser(db, actorOf(request), request.params.id, request.body)),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        config: admin,
        schema: {
          tags: usersTags,
          summary: `${action} a user`,
          params: idParams,
          response: { 200: userSchema },
        },
      },
      async (request) => publicUser(await setUserActive(db, actorOf(request), request.params.id, active)),
    );
  }

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: admin,
      schema: {
        tags: usersTags,
        summary: 'Give a user a new one-time password',
        params: idParams,
        response: { 200: z.object({ user: userSchema, oneTimePassword: z.string().nullable() }) },
      },
    },
    async (request) => {
      const r = await resetPassword(db, actorOf(request), request.params.id);
      return { user: publicUser(r.user), oneTimePassword: r.oneTimePassword };
    },
  );

  const tokenTags = ['tokens'];
  app.get(
    '/api/v1/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: tokenTags,
        summary: 'Your API tokens, newest first, paged with `cursor`',
        querystring: collectionQuery({
          sorts: TOKEN_SORTS,
          defaultSort: '-created',
          filters: {
            active: z
              .enum(['true', 'false'])
              .optional()
              .describe('Only tokens not revoked (or revoked)')
              .meta({ example: 'true' }),
          },
        }),
        response: { 200: collectionResponse(tokenSchema) },
      },
    },
    async (request) => {
      const page = await pageApiTokens(db, request.user!.id, request.query);
      return { items: page.items.map(publicToken), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: tokenTags,
        summary: 'Create an API token for yourself; the secret is returned only once',
        body: createTokenBody,
        response: { 201: z.object({ token: tokenSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const r = await createApiToken(db, actorOf(request), { userId: request.user!.id, ...request.body });
      return reply.code(201).send({ token: publicToken(r.token), secret: r.secret });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: tokenTags,
        summary: 'Revoke one of your API tokens',
        params: idParams,
        response: { 200: tokenSchema },
      },
    },
    async (request) =>
      publicToken(await revokeApiToken(db, actorOf(request), request.params.id, request.user!.id)),
  );
}
