// Every route declares who may call it (config.access). A route without a
// declaration refuses to register, so a new route cannot ship unguarded.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Access, Role } from './context.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';

/** Routes added by third-party plugins (API docs, static files) are public by nature. */
const PLUGIN_PREFIXES = ['/api/docs', '/assets/'];

export class MissingAccessError extends Error {}

export function requireAccessDeclaration(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: Access };
    if (config.access !== undefined) return;
    if (PLUGIN_PREFIXES.some((p) => route.url.startsWith(p)) || route.method === 'HEAD') {
      route.config = { ...config, access: 'public' } as RouteOptions['config'];
      return;
    }
    throw new MissingAccessError(
      `Route ${String(route.method)} ${route.url} has no config.access declaration`,
    );
  });
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Pages a user who must change their password may still open. */
const PASSWORD_CHANGE_ALLOWED = ['/account/password', '/logout', '/api/v1/auth/', '/assets/'];

export function accessAllows(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  if (access === 'user') return true;
  return access.includes(role);
}

function safeNext(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

export async function enforceAccess(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const access = (request.routeOptions.config as { access?: Access }).access ?? 'public';
  const user = request.user;
  if (access !== 'public' && !user) {
    if (!isApiRequest(request) && request.method === 'GET') {
      return reply.redirect(`/login?next=${encodeURIComponent(safeNext(request.url))}`, 303);
    }
    throw unauthorized();
  }
  if (user?.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.some((p) => request.url.startsWith(p))) {
    if (access === 'public' && request.method === 'GET') return;
    if (!isApiRequest(request) && request.method === 'GET') return reply.redirect('/account/password', 303);
    throw new AppError(403, 'password_change_required', 'accounts.error.passwordChangeRequired');
  }
  if (!accessAllows(access, user?.role)) throw forbidden();
  const writes = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  if (writes && request.authMethod === 'token' && !request.tokenScopes.includes('write')) {
    throw new AppError(403, 'forbidden', 'error.token_read_only');
  }
}
