// Conditional requests, caching and CORS for reads, in one place:
// - every GET/HEAD 200 with a body in memory gets a strong ETag, and a request
//   whose If-None-Match matches it gets 304 with no body;
// - public reads (public routes under /api/, and routes marked publicData) get
//   Cache-Control: public for anonymous readers, private for signed-in ones
//   (their answer may include what only they may see), and CORS headers so any
//   site may fetch them — without credentials: cookies never travel cross-site;
// - OPTIONS preflights under /api/ allow GET and HEAD only.
// A route that sets its own Cache-Control keeps it; `no-store` pages get no ETag.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How long shared caches and browsers may reuse a public read before revalidating. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

const READS = new Set(['GET', 'HEAD']);

function isPublicRead(request: FastifyRequest): boolean {
  if (!READS.has(request.method)) return false;
  const config = request.routeOptions.config as { access?: unknown; publicData?: boolean } | undefined;
  if (config?.access !== 'public') return false;
  return config.publicData === true || request.url.startsWith('/api/');
}

export function etagOf(body: string | Buffer): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * A JSON answer serialized once, as bytes (encoding a large string again costs more than sending
 * it), and gzipped once: a kept answer is large (the dashboard's is 174 kB at province scale,
 * 36 kB gzipped) and sent many times, and sending it cost the machine six times what the app spent.
 */
export type SerializedJson = { body: Buffer; etag: string; gzipped(): Buffer; gzippedEtag: string };

export function serializeJson(value: unknown): SerializedJson {
  const body = Buffer.from(JSON.stringify(value));
  const etag = etagOf(body);
  let gzipped: Buffer | undefined;
  return {
    body,
    etag,
    // Compressed when first asked for, then kept with the answer.
    gzipped: () => {
      gzipped ??= zlib.gzipSync(body);
      return gzipped;
    },
    // Each representation has its own strong ETag (RFC 9110, 8.8.3).
    gzippedEtag: `${etag.slice(0, -1)}-gzip"`,
  };
}

/**
 * Sends a JSON answer kept already serialized (by a cache) with its ETag, gzipped when the client
 * accepts it. Bytes pass the route's serializer unchanged.
 */
export function sendSerializedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: SerializedJson,
): FastifyReply {
  reply.type('application/json; charset=utf-8');
  appendVary(reply, 'Accept-Encoding');
  const accepted = request.headers['accept-encoding'];
  if (accepted && negotiate(accepted, ['gzip', 'identity']) === 'gzip')
    return reply.header('content-encoding', 'gzip').header('etag', answer.gzippedEtag).send(answer.gzipped());
  return reply.header('etag', answer.etag).send(answer.body);
}

/** If-None-Match: a list of entity tags (weak ones compare by their opaque part), or "*". */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}

function appendVary(reply: FastifyReply, ...names: string[]) {
  const current = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const n of names) if (!current.some((c) => c.toLowerCase() === n.toLowerCase())) current.push(n);
  reply.header('vary', current.join(', '));
}

export async function installHttpCaching(app: FastifyInstance): Promise<void> {
  app.options('/api/*', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, HEAD')
      .header('access-control-allow-headers', 'Accept-Language, If-None-Match, Authorization')
      .header('access-control-max-age', '600')
      .send(),
  );

  app.addHook('onSend', async (request, reply, payload) => {
    if (!READS.has(request.method)) return payload;
    const publicRead = isPublicRead(request);
    if (publicRead) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'ETag, Content-Disposition');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      appendVary(reply, 'Accept-Language');
    }
    if (reply.statusCode !== 200) return payload;
    const cacheControl = reply.getHeader('cache-control');
    if (publicRead && cacheControl === undefined) {
      reply.header(
        'cache-control',
        request.user ? 'private, no-cache' : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`,
      );
      appendVary(reply, 'Authorization', 'Cookie');
    }
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload);
    reply.header('etag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      reply.removeHeader('content-type');
      return '';
    }
    return payload;
  });
}
