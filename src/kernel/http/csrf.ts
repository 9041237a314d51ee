// CSRF: a request that changes state with a session cookie must send the
// session's token (header x-csrf-token or form field _csrf). Anonymous form
// posts use a double-submit cookie. Bearer tokens and JSON calls without a
// cookie cannot be forged by another site, so they need none.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const CSRF_COOKIE = 'qh_csrf';
export const CSRF_HEADER = 'x-csrf-token';

// Random bytes drawn 8 kB at a time: one call into the generator per 256 tokens, not per token
// (a first visit gets a CSRF token with every page; the call was a twentieth of a cached page).
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** A random token (from the system's cryptographic generator, each byte used once), base64url. */
export function newToken(bytes = 32): string {
  if (poolOffset + bytes > pool.length) {
    pool = crypto.randomBytes(Math.max(bytes, 8192));
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return token;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

function submittedToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  return typeof field === 'string' ? field : undefined;
}

function isFormPost(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

export const csrfError = () => new AppError(403, 'csrf_failed', 'error.csrf');

export async function enforceCsrf(request: FastifyRequest): Promise<void> {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  if (request.routeOptions.config.csrfExempt) return;
  if (request.authMethod === 'token') return;
  const submitted = submittedToken(request);
  if (request.authMethod === 'session') {
    if (!submitted || !request.csrfToken || !safeEqual(submitted, request.csrfToken)) throw csrfError();
    return;
  }
  if (isFormPost(request)) {
    const cookie = request.cookies[CSRF_COOKIE];
    if (!submitted || !cookie || !safeEqual(submitted, cookie)) throw csrfError();
    return;
  }
  // A cookie-less JSON write: a browser cannot send it cross-site without CORS approval.
  const type = request.headers['content-type'] ?? '';
  if (request.body !== undefined && !type.startsWith('application/json')) throw csrfError();
}

/**
 * For routes that parse a multipart body themselves, after the CSRF hook has run
 * (they declare csrfExempt): the same rule, with the form's `_csrf` field.
 */
export function enforceCsrfOnParsedForm(request: FastifyRequest, field: unknown): void {
  if (request.authMethod === 'token') return;
  const header = request.headers[CSRF_HEADER];
  const submitted = typeof header === 'string' && header ? header : typeof field === 'string' ? field : '';
  const expected = request.authMethod === 'session' ? request.csrfToken : request.cookies[CSRF_COOKIE];
  if (!submitted || !expected || !safeEqual(submitted, expected)) throw csrfError();
}

/** The token this request's forms carry, if one was made or sent (without making one). */
export function peekCsrfToken(request: FastifyRequest): string | null {
  return request.csrfToken ?? request.cookies[CSRF_COOKIE] ?? null;
}

/** The token a page form must carry: the session's, or the visitor's double-submit cookie. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  if (request.csrfToken) return request.csrfToken;
  let token = request.cookies[CSRF_COOKIE];
  if (!token) {
    token = newToken();
    request.cookies[CSRF_COOKIE] = token;
    reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }
  return token;
}
