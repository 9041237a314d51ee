// Security headers and rate limits, in one place.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/**
 * `formAction` also covers where a form's answer redirects to: signing out of a single sign-on
 * session redirects to the identity provider, so its origin is allowed there.
 */
export async function installSecurity(
  app: FastifyInstance,
  options: { formTargets?: readonly string[] } = {},
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", ...(options.formTargets ?? [])],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Same-origin pages only; the API's public GETs get CORS headers where they need them.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    hsts: { maxAge: 15552000, includeSubDomains: false },
  });
  // Off by default; login and public write routes opt in through config.rateLimit.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError(429, 'rate_limited', 'error.rate_limited'),
  });
}
