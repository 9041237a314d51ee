import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  localeFromAcceptLanguage,
  translator,
} from '../i18n/index.ts';
import { isApiRequest } from './access.ts';

export const LANG_COOKIE = 'lang';

/**
 * ?lang= wins and is remembered in a cookie; then the cookie; the API also
 * honours Accept-Language. Pages default to Vietnamese.
 */
export function resolveLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) {
    if (!isApiRequest(request) && request.cookies[LANG_COOKIE] !== query) {
      reply.setCookie(LANG_COOKIE, query, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    }
    return query;
  }
  const cookie = request.cookies[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  return isApiRequest(request)
    ? localeFromAcceptLanguage(request.headers['accept-language'])
    : DEFAULT_LOCALE;
}

export function attachLocale(request: FastifyRequest, reply: FastifyReply): void {
  request.locale = resolveLocale(request, reply);
  request.t = translator(request.locale);
}
