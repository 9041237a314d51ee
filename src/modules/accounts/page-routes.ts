// Pages for signing in and out, the user's own account and password.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { getAgencyName } from '../agencies/names.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { actorOf } from './authenticate.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';
import { AccountPage, ChangePasswordPage, LoginPage } from './pages.tsx';
import { changePasswordBody, loginBody } from './schemas.ts';
import { login, logout } from './sessions.ts';
import { changeOwnPassword } from './users.ts';

/** Only a local path may be a redirect target (no open redirects). */
export function safeRedirectTarget(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

export async function accountsPages(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const hidden = { hide: true };

  app.get('/login', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (request.user) return reply.redirect(safeRedirectTarget(query.next), 303);
    const notice = query.loggedOut ? request.t('accounts.logout.done') : undefined;
    const sso = config.oidc
      ? {
          href: `/auth/oidc/start${query.next ? `?next=${encodeURIComponent(query.next)}` : ''}`,
          provider: config.oidc.providerName,
        }
      : undefined;
    return sendPage(reply, h(LoginPage, { ctx: pageContext(request, reply), next: query.next, notice, sso }));
  });

  app.post(
    '/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: hidden,
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = parseForm(loginBody, body, request.locale);
      const ctx = () => pageContext(request, reply);
      const email = typeof body.email === 'string' ? body.email : '';
      const next = typeof body.next === 'string' ? body.next : undefined;
      if (!form.ok)
        return sendPage(reply, h(LoginPage, { ctx: ctx(), email, next, errors: form.errors }), 400);
      try {
        const result = await login(db, config, {
          ...form.data,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
        });
        setSessionCookie(request, reply, result.sessionSecret, result.expiresAt);
        const target = result.user.mustChangePassword ? '/account/password' : safeRedirectTarget(next);
        return reply.redirect(target, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode !== 401) throw err;
        const message = request.t(err.messageKey);
        return sendPage(reply, h(LoginPage, { ctx: ctx(), email, next, message }), 401);
      }
    },
  );

  app.post('/logout', { config: { access: 'user' }, schema: hidden }, async (request, reply) => {
    const ended = request.sessionId ? await logout(db, actorOf(request), request.sessionId) : null;
    clearSessionCookie(reply);
    // Signed in through the identity provider: sign out there too (it comes back to /login).
    return reply.redirect(ended?.continueAt ?? '/login?loggedOut=1', 303);
  });

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { newSecret?: string; notice?: string; errors?: { field: string; message: string }[] } = {},
    status = 200,
  ) => {
    const user = request.user!;
    const [tokens, agencyName] = await Promise.all([
      listApiTokens(db, user.id),
      getAgencyName(db, user.agencyId),
    ]);
    return sendPage(
      reply,
      h(AccountPage, { ctx: pageContext(request, reply), tokens, agencyName, ...extra }),
      status,
    );
  };

  app.get('/account', { config: { access: 'user' }, schema: hidden }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    return renderAccount(request, reply, {
      notice: query.changed ? request.t('accounts.password.changed') : undefined,
    });
  });

  const tokenForm = z.object({
    name: z.string().trim().min(1, 'accounts.tokens.name').max(200),
    write: z.string().optional(),
  });
  app.post('/account/tokens', { config: { access: 'user' }, schema: hidden }, async (request, reply) => {
    const form = parseForm(tokenForm, request.body, request.locale);
    if (!form.ok) return renderAccount(request, reply, { errors: form.errors }, 400);
    const scopes = form.data.write ? (['read', 'write'] as const) : (['read'] as const);
    const r = await createApiToken(db, actorOf(request), {
      userId: request.user!.id,
      name: form.data.name,
      scopes: [...scopes],
    });
    return renderAccount(request, reply, { newSecret: r.secret });
  });

  app.post(
    '/account/tokens/:id/revoke',
    {
      config: { access: 'user' },
      schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) },
    },
    async (request, reply) => {
      await revokeApiToken(db, actorOf(request), request.params.id, request.user!.id);
      return reply.redirect('/account', 303);
    },
  );

  app.get('/account/password', { config: { access: 'user' }, schema: hidden }, async (request, reply) =>
    sendPage(
      reply,
      h(ChangePasswordPage, {
        ctx: pageContext(request, reply),
        mustChange: request.user!.mustChangePassword,
      }),
    ),
  );

  app.post('/account/password', { config: { access: 'user' }, schema: hidden }, async (request, reply) => {
    const render = (errors: { field: string; message: string }[], status: number) =>
      sendPage(
        reply,
        h(ChangePasswordPage, {
          ctx: pageContext(request, reply),
          mustChange: request.user!.mustChangePassword,
          errors,
        }),
        status,
      );
    const form = parseForm(changePasswordBody, request.body, request.locale);
    if (!form.ok) return render(form.errors, 400);
    try {
      await changeOwnPassword(db, actorOf(request), {
        userId: request.user!.id,
        currentPassword: form.data.currentPassword,
        newPassword: form.data.newPassword,
        keepSessionId: request.sessionId,
      });
    } catch (err) {
      if (err instanceof AppError && err.fields.length) {
        return render(
          err.fields.map((f) => ({ field: f.field, message: request.t(f.message) })),
          err.statusCode,
        );
      }
      throw err;
    }
    return reply.redirect('/account?changed=1', 303);
  });
}
