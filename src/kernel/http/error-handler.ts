// One place turns every error into what the user sees: JSON for the API with
// the message in the user's language, an HTML page in Vietnamese (or English)
// for pages. Unexpected errors are logged and shown as a generic 500.
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { hasMessage, type Locale, translate } from '../i18n/index.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { renderDocument } from '../ui/render.ts';
import { isApiRequest } from './access.ts';
import { AppError, type FieldError } from './errors.ts';
import { pageContext } from './pages.ts';

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

type ZodIssueLike = { path: PropertyKey[]; message: string; code?: string };

/** A zod issue in the user's language; custom messages that are message keys are translated. */
export function issueMessage(locale: Locale, issue: ZodIssueLike): string {
  if (hasMessage(issue.message)) return translate(locale, issue.message);
  const localized = zodLocales[locale].localeError?.(issue as never);
  const text = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fieldName(path: PropertyKey[], prefix?: string): string {
  const parts = path.map(String);
  return parts.length ? parts.join('.') : (prefix ?? 'body');
}

function toAppError(error: FastifyError, locale: Locale): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldError[] = error.validation.map((v) => {
      // The provider flattens each zod issue into an Ajv-like error; rebuild the issue.
      const path = v.instancePath.split('/').filter(Boolean);
      const issue: ZodIssueLike = { ...v.params, code: v.keyword, message: v.message ?? '', path };
      return { field: fieldName(path, error.validationContext), message: issueMessage(locale, issue) };
    });
    return new AppError(400, 'validation_failed', 'error.validation', {}, fields);
  }
  // A schema parsed inside a handler (e.g. route params) is the user's input too.
  if ((error as unknown) instanceof z.ZodError) {
    const fields: FieldError[] = (error as unknown as z.ZodError).issues.map((issue) => ({
      field: fieldName(issue.path),
      message: issueMessage(locale, issue),
    }));
    return new AppError(400, 'validation_failed', 'error.validation', {}, fields);
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError(413, 'payload_too_large', 'error.payload_too_large');
  if (status === 415) return new AppError(415, 'unsupported_media_type', 'error.unsupported_media_type');
  if (status === 429) return new AppError(429, 'rate_limited', 'error.rate_limited');
  if (status === 404) return new AppError(404, 'not_found', 'error.not_found');
  if (status >= 400 && status < 500) return new AppError(status, 'bad_request', 'error.bad_request');
  if (status === 503) return new AppError(503, 'unavailable', 'error.unavailable');
  return new AppError(500, 'internal', 'error.internal');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  const message = translate(request.locale, appError.messageKey, appError.params);
  const fields = appError.fields.map((f) => ({
    field: f.field,
    message: hasMessage(f.message) ? translate(request.locale, f.message) : f.message,
  }));
  reply.code(appError.statusCode);
  if (isApiRequest(request) || !request.headers.accept?.includes('text/html')) {
    return reply.send({ error: { code: appError.code, message, ...(fields.length ? { fields } : {}) } });
  }
  const ctx = pageContext(request, reply);
  return reply
    .type('text/html; charset=utf-8')
    .send(renderDocument(h(ErrorPage, { ctx, status: appError.statusCode, message, fields })));
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request.locale ?? 'vi');
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.statusCode }, 'request refused');
    try {
      return sendError(request, reply, appError);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply
        .code(500)
        .type('application/json')
        .send({ error: { code: 'internal', message: 'Internal error' } });
    }
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError(404, 'not_found', 'error.not_found')),
  );
}
