// Every route declares who may call it (config.access). A route without a
// declaration refuses to register, so a new route cannot ship unguarded.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import type { Access, Role } from './context.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';

/** Routes added by third-party plugins (API docs, static files) are public by nature. */
const PLUGIN_PREFIXES = ['/api/docs', '/assets/'];

export class MissingAccessError extends Error {}

export type RouteEntry = {
  method: string;
  url: string;
  access: Access;
  fromPlugin: boolean;
  /** The route's own schema, so tests can validate against exactly what the route validates with. */
  schema?: FastifySchema;
};

/**
 * Refuses routes without an access declaration and returns the route table
 * (method, path, access) that the authorisation tests walk.
 */
export function requireAccessDeclaration(app: FastifyInstance): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: Access };
    const methods = [route.method].flat().map(String);
    if (config.access !== undefined) {
      for (const method of methods)
        table.push({
          method,
          url: route.url,
          access: config.access,
          fromPlugin: false,
          schema: route.schema,
        });
      return;
    }
    if (PLUGIN_PREFIXES.some((p) => route.url.startsWith(p)) || methods.every((m) => m === 'HEAD')) {
      route.config = { ...config, access: 'public' } as RouteOptions['config'];
      for (const method of methods)
        table.push({ method, url: route.url, access: 'public', fromPlugin: true });
      return;
    }
    throw new MissingAccessError(`Route ${methods.join(',')} ${route.url} has no config.access declaration`);
  });
  return table;
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
