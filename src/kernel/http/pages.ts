// Helpers for server-rendered pages: the page context and sending a document.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PageContext } from '../ui/page-context.ts';
import { renderDocument } from '../ui/render.ts';
import { csrfTokenFor } from './csrf.ts';

let configuredBaseUrl: string | undefined;

export function setPublicBaseUrl(url: string | undefined): void {
  configuredBaseUrl = url;
}

/** PUBLIC_URL when configured, for links in messages written outside a request; '' (relative links) otherwise. */
export function configuredPublicBaseUrl(): string {
  return configuredBaseUrl ?? '';
}

export function isSecureRequest(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function baseUrlOf(request: FastifyRequest): string {
  return configuredBaseUrl ?? `${request.protocol}://${request.host}`;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    t: request.t,
    locale: request.locale,
    user: request.user,
    csrfToken: csrfTokenFor(request, reply, isSecureRequest(request)),
    url: request.url,
    baseUrl: baseUrlOf(request),
  };
}

export function sendPage<P>(reply: FastifyReply, vnode: VNode<P>, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderDocument(vnode));
}
