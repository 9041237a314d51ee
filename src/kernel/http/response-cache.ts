// Rendered answers to anonymous public reads, kept in memory and reused until the
// data changes. Correct with several app processes on one database: every change
// is audited in the same transaction, so the newest audit id is a version counter
// every process reads from the database before answering; an entry made under an
// older version is never served. The key also holds the language, the host (links
// are absolute) and the day in Vietnam (statuses depend on today's date).
// Pages carry the visitor's CSRF token: it is stored as a placeholder and filled
// with each visitor's own token on the way out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { csrfTokenFor, peekCsrfToken } from './csrf.ts';
import { isSecureRequest } from './pages.ts';

/** Reads the database's data version: the same on every process until something changes. */
export type DataVersion = () => Promise<string>;

type Entry = {
  body: string | Buffer;
  contentType: string;
  contentDisposition: string | undefined;
  cacheControl: string | undefined;
  hasCsrfPlaceholder: boolean;
};

/** Answers larger than this are not kept (big downloads are rare and would crowd out pages). */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const CSRF_PLACEHOLDER = '\u0000qh-csrf\u0000';
const READS = new Set(['GET', 'HEAD']);
/** Cookies the cache understands: the language (in the key) and the CSRF token (templated). */
const UNDERSTOOD_COOKIES = /^(lang|qh_csrf)=/;

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheKey: string | null;
  }
}

const vietnamDay = (now: number) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

function isCacheable(request: FastifyRequest): boolean {
  if (!READS.has(request.method) || request.user) return false;
  const config = request.routeOptions.config;
  return config?.access === 'public' && config.responseCache !== false && !!request.routeOptions.url;
}

function keyOf(request: FastifyRequest, version: string): string {
  return [version, vietnamDay(Date.now()), request.locale, request.protocol, request.host, request.url].join(
    '\u0001',
  );
}

function setCookiesUnderstood(reply: FastifyReply): boolean {
  const header = reply.getHeader('set-cookie');
  if (header === undefined) return true;
  const cookies = Array.isArray(header) ? header : [String(header)];
  return cookies.every((c) => UNDERSTOOD_COOKIES.test(String(c)));
}

function sizeOf(entry: Entry): number {
  return typeof entry.body === 'string' ? Buffer.byteLength(entry.body) : entry.body.length;
}

function toEntry(payload: string | Buffer, reply: FastifyReply, csrfToken: string | null): Entry {
  const hasCsrf = typeof payload === 'string' && !!csrfToken && payload.includes(csrfToken);
  return {
    body: hasCsrf ? (payload as string).replaceAll(csrfToken as string, CSRF_PLACEHOLDER) : payload,
    contentType: String(reply.getHeader('content-type') ?? 'application/octet-stream'),
    contentDisposition: reply.getHeader('content-disposition') as string | undefined,
    cacheControl: reply.getHeader('cache-control') as string | undefined,
    hasCsrfPlaceholder: hasCsrf,
  };
}

function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
  reply.code(200).header('content-type', entry.contentType).header('x-response-cache', 'hit');
  if (entry.contentDisposition) reply.header('content-disposition', entry.contentDisposition);
  if (entry.cacheControl) reply.header('cache-control', entry.cacheControl);
  const body =
    entry.hasCsrfPlaceholder && typeof entry.body === 'string'
      ? entry.body.replaceAll(CSRF_PLACEHOLDER, csrfTokenFor(request, reply, isSecureRequest(request)))
      : entry.body;
  return reply.send(body);
}

/** Installs the cache; `megabytes` 0 leaves every answer rendered afresh. */
export function installResponseCache(
  app: FastifyInstance,
  options: { megabytes: number; dataVersion: DataVersion },
): void {
  if (options.megabytes <= 0) return;
  const cache = new LRUCache<string, Entry>({
    maxSize: options.megabytes * 1024 * 1024,
    sizeCalculation: sizeOf,
  });
  app.decorateRequest('responseCacheKey', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!isCacheable(request)) return;
    const key = keyOf(request, await options.dataVersion());
    const entry = cache.get(key);
    if (entry) return sendEntry(request, reply, entry);
    request.responseCacheKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.responseCacheKey;
    if (!key || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (payload.length > MAX_ENTRY_BYTES || !setCookiesUnderstood(reply)) return payload;
    // An entry is sent without content-encoding: an encoded answer is one representation of several.
    if (reply.hasHeader('content-encoding')) return payload;
    cache.set(key, toEntry(payload, reply, peekCsrfToken(request)));
    reply.header('x-response-cache', 'miss');
    return payload;
  });
}
