// Staff pages for news and the document library (/admin/tin-tuc, /admin/van-ban):
// forms post; errors come back next to the fields; every change is audited.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { z } from 'zod';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { AppError, type FieldError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import type { PageContext } from '../../kernel/ui/page-context.ts';
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

type FormState = { values: FormValues; errors?: FieldError[]; message?: string; notice?: string };

/** The new/edit form pages of one kind of record: GET and POST for `base`/new, `base`, `base`/:id. */
function registerEditor<Row extends { id: number }, C extends z.ZodType, U extends z.ZodType, P>(
  app: App,
  db: DbOrTx,
  spec: {
    base: string;
    get: (db: DbOrTx, id: number) => Promise<Row | null>;
    createSchema: C;
    updateSchema: U;
    create: (db: DbOrTx, actor: Actor, user: CurrentUser | null, input: z.output<C>) => Promise<Row>;
    update: (
      db: DbOrTx,
      actor: Actor,
      user: CurrentUser | null,
      id: number,
      input: z.output<U>,
    ) => Promise<Row>;
    toValues: (row: Row) => FormValues;
    initial: FormValues;
    render: (ctx: PageContext, row: Row | undefined, state: FormState) => VNode<P>;
  },
): void {
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    row: Row | undefined,
    state: FormState,
    status = 200,
  ) => sendPage(reply, spec.render(pageContext(request, reply), row, state), status);
  const saved = (request: FastifyRequest) =>
    ((request.query ?? {}) as Record<string, unknown>).saved === '1' ? request.t('common.saved') : undefined;

  app.get(`${spec.base}/new`, { config: publishers, schema: { hide: true } }, async (request, reply) =>
    page(request, reply, undefined, { values: spec.initial }),
  );
  app.post(spec.base, { config: publishers, schema: { hide: true } }, async (request, reply) => {
    const values = formValues(request.body);
    const form = parseForm(spec.createSchema, request.body, request.locale);
    if (!form.ok) return page(request, reply, undefined, { values, errors: form.errors }, 400);
    try {
      const row = await spec.create(db, actorOf(request), request.user, form.data);
      return reply.redirect(`${spec.base}/${row.id}?saved=1`, 303);
    } catch (err) {
      const e = formError(request, err);
      return page(request, reply, undefined, { values, ...e }, e.status);
    }
  });
  app.get(
    `${spec.base}/:id`,
    { config: publishers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const row = await spec.get(db, request.params.id);
      if (!row) throw notFound();
      return page(request, reply, row, { values: spec.toValues(row), notice: saved(request) });
    },
  );
  app.post(
    `${spec.base}/:id`,
    { config: publishers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const row = await spec.get(db, request.params.id);
      if (!row) throw notFound();
      const values = formValues(request.body);
      const form = parseForm(spec.updateSchema, request.body, request.locale);
      if (!form.ok) return page(request, reply, row, { values, errors: form.errors }, 400);
      try {
        await spec.update(db, actorOf(request), request.user, row.id, form.data);
      } catch (err) {
        const e = formError(request, err);
        return page(request, reply, row, { values, ...e }, e.status);
      }
      return reply.redirect(`${spec.base}/${row.id}?saved=1`, 303);
    },
  );
}

export async function engagementAdminRoutes(app: App, { db }: AppDeps): Promise<void> {
  const saved = (request: FastifyRequest) =>
    ((request.query ?? {}) as Record<string, unknown>).saved === '1' ? request.t('common.saved') : undefined;

  // ---- news: drafts, publish, unpublish
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
  registerEditor(app, db, {
    base: '/admin/tin-tuc',
    get: getNewsById,
    createSchema: newsBody,
    updateSchema: updateNewsBody,
    create: createNews,
    update: updateNews,
    toValues: newsFormValues,
    initial: {},
    render: (ctx, post, state) => h(NewsFormPage, { ctx, post, ...state }),
  });
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
  registerEditor(app, db, {
    base: '/admin/van-ban',
    get: getDocumentById,
    createSchema: documentBody,
    updateSchema: updateDocumentBody,
    create: createDocument,
    update: updateDocument,
    toValues: documentFormValues,
    initial: { docType: 'Quyết định', effectStatus: 'in_force' },
    render: (ctx, doc, state) => h(DocumentFormPage, { ctx, doc, ...state }),
  });
}
