// Who is asking: a bearer API token, or the session cookie. Runs on every request.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/http/context.ts';
import { AppError } from '../../kernel/http/errors.ts';
import type { AppDeps } from '../../kernel/module.ts';
import { apiTokenResolver } from './api-tokens.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';
import { toCurrentUser } from './users.ts';

/** The onRequest step that says who is asking; one per app, holding its token grants. */
export function authenticator(deps: AppDeps) {
  const resolveApiToken = apiTokenResolver(deps.db);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.tokenScopes = [];
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const resolved = match ? await resolveApiToken(match[1]!) : null;
      if (!resolved) throw new AppError(401, 'invalid_token', 'accounts.error.invalidToken');
      request.user = toCurrentUser(resolved.user);
      request.authMethod = 'token';
      request.tokenScopes = resolved.scopes;
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    if (!secret) return;
    const session = await resolveSession(deps.db, secret, deps.config.sessionTtlHours);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.user = toCurrentUser(session.user);
    request.authMethod = 'session';
    request.sessionId = session.sessionId;
    request.csrfToken = session.csrfToken;
  };
}

/** The audit actor for the current request. */
export function actorOf(request: FastifyRequest): Actor {
  return {
    userId: request.user?.id ?? null,
    label: request.user?.email ?? 'anonymous',
    via: request.url.startsWith('/api/') ? 'api' : 'web',
    requestId: request.id,
    ip: request.ip,
  };
}
