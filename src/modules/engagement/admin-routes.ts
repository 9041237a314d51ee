// Staff pages for news and the document library (/admin/tin-tuc, /admin/van-ban):
// forms post; errors come back next to the fields; every change is audited.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import {
  DocumentFormPage,
  DocumentsAdminPage,
  documentFormValues,
  type FormValues,
  NewsAdminPage,
  NewsFormPage,
  newsFormValues,
} from './admin-pages.tsx';
import { createDocument, createNews, setNewsPublished, updateDocument, updateNews } from './publishing.ts';
import { getDocumentById, getNewsById, listAllNews, listDocuments } from './queries.ts';
import { documentBody, newsBody, updateDocumentBody, updateNewsBody } from './schemas.ts';

const publishers = { access: ['planner', 'admin'] as const };
const idParams = z.object({ id: z.coerce.number().int().positive() });

function formValues(body: unknown): FormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'string')) as FormValues;
}

/** A use-case error the form shows (fields, or a stale copy); anything else is thrown on. */
function formError(
  request: FastifyRequest,
  err: unknown,
): { errors?: FieldError[]; message?: string; status: number } {
  if (!(err instanceof AppError)) throw err;
  if (err.fields.length)
    return {
      errors: err.fields.map((f) => ({ field: f.field, message: request.t(f.message) })),
      status: err.statusCode,
    };
  if (err.statusCode === 409) return { message: request.t(err.messageKey), status: 409 };
  throw err;
}

export async function engagementAdminRoutes(app: App, { db }: AppDeps): Promise<void> {
  const saved = (request: FastifyRequest) =>
    ((request.query ?? {}) as Record<string, unknown>).saved === '1' ? request.t('common.saved') : undefined;

  // ---- news
  app.get('/admin/tin-tuc', { config: publishers, schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      h(NewsAdminPage, {
        ctx: pageContext(request, reply),
        posts: await listAllNews(db),
        notice: saved(request),
      }),
    ),
  );
  const newsForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    props: {
      post?: Awaited<ReturnType<typeof getNewsById>>;
      values: FormValues;
      errors?: FieldError[];
      message?: string;
      notice?: string;
    },
    status = 200,
  ) =>
    sendPage(
      reply,
      h(NewsFormPage, { ctx: pageContext(request, reply), ...props, post: props.post ?? undefined }),
      status,
    );
  app.get('/admin/tin-tuc/new', { config: publishers, schema: { hide: true } }, async (request, reply) =>
    newsForm(request, reply, { values: {} }),
  );
  app.post('/admin/tin-tuc', { config: publishers, schema: { hide: true } }, async (request, reply) => {
    const values = formValues(request.body);
    const form = parseForm(newsBody, request.body, request.locale);
    if (!form.ok) return newsForm(request, reply, { values, errors: form.errors }, 400);
    try {
      const post = await createNews(db, actorOf(request), request.user, form.data);
      return reply.redirect(`/admin/tin-tuc/${post.id}?saved=1`, 303);
    } catch (err) {
      const e = formError(request, err);
      return newsForm(request, reply, { values, ...e }, e.status);
    }
  });
  app.get(
    '/admin/tin-tuc/:id',
    { config: publishers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const post = await getNewsById(db, request.params.id);
      if (!post) throw notFound();
      return newsForm(request, reply, { post, values: newsFormValues(post), notice: saved(request) });
    },
  );
  app.post(
    '/admin/tin-tuc/:id',
    { config: publishers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const post = await getNewsById(db, request.params.id);
      if (!post) throw notFound();
      const values = formValues(request.body);
      const form = parseForm(updateNewsBody, request.body, request.locale);
      if (!form.ok) return newsForm(request, reply, { post, values, errors: form.errors }, 400);
      try {
        await updateNews(db, actorOf(request), request.user, post.id, form.data);
      } catch (err) {
        const e = formError(request, err);
        return newsForm(request, reply, { post, values, ...e }, e.status);
      }
      return reply.redirect(`/admin/tin-tuc/${post.id}?saved=1`, 303);
    },
  );
  for (const [action, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(
      `/admin/tin-tuc/:id/${action}`,
      { config: publishers, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        await setNewsPublished(db, actorOf(request), request.user, request.params.id, published);
        return reply.redirect(`/admin/tin-tuc/${request.params.id}?saved=1`, 303);
      },
    );
  }

  // ---- document library
  app.get('/admin/van-ban', { config: publishers, schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      h(DocumentsAdminPage, {
        ctx: pageContext(request, reply),
        docs: await listDocuments(db),
        notice: saved(request),
      }),
    ),
  );
  const documentForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    props: {
      doc?: Awaited<ReturnType<typeof getDocumentById>>;
      values: FormValues;
      errors?: FieldError[];
      message?: string;
      notice?: string;
    },
    status = 200,
  ) =>
    sendPage(
      reply,
      h(DocumentFormPage, { ctx: pageContext(request, reply), ...props, doc: props.doc ?? undefined }),
      status,
    );
  app.get('/admin/van-ban/new', { config: publishers, schema: { hide: true } }, async (request, reply) =>
    documentForm(request, reply, { values: { docType: 'Quyết định', effectStatus: 'in_force' } }),
  );
  app.post('/admin/van-ban', { config: publishers, schema: { hide: true } }, async (request, reply) => {
    const values = formValues(request.body);
    const form = parseForm(documentBody, request.body, request.locale);
    if (!form.ok) return documentForm(request, reply, { values, errors: form.errors }, 400);
    try {
      const doc = await createDocument(db, actorOf(request), request.user, form.data);
      return reply.redirect(`/admin/van-ban/${doc.id}?saved=1`, 303);
    } catch (err) {
      const e = formError(request, err);
      return documentForm(request, reply, { values, ...e }, e.status);
    }
  });
  app.get(
    '/admin/van-ban/:id',
    { config: publishers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const doc = await getDocumentById(db, request.params.id);
      if (!doc) throw notFound();
      return documentForm(request, reply, { doc, values: documentFormValues(doc), notice: saved(request) });
    },
  );
  app.post(
    '/admin/van-ban/:id',
    { config: publishers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const doc = await getDocumentById(db, request.params.id);
      if (!doc) throw notFound();
      const values = formValues(request.body);
      const form = parseForm(updateDocumentBody, request.body, request.locale);
      if (!form.ok) return documentForm(request, reply, { doc, values, errors: form.errors }, 400);
      try {
        await updateDocument(db, actorOf(request), request.user, doc.id, form.data);
      } catch (err) {
        const e = formError(request, err);
        return documentForm(request, reply, { doc, values, ...e }, e.status);
      }
      return reply.redirect(`/admin/van-ban/${doc.id}?saved=1`, 303);
    },
  );
}
