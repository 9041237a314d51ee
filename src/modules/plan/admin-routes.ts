// Planners' pages under /admin/plan (forms post; preview re-renders the form).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { agencyChoices } from '../agencies/queries.ts';
import {
  ItemFillPage,
  PlanAdminPage,
  PublicationAdminPage,
  publicationFormValues,
  SectionFormPage,
  type SectionFormValues,
  sectionFormValues,
} from './admin-pages.tsx';
import { listPublicationEvents, recordPublicationEvent, updatePublicationEvent } from './publication.ts';
import {
  contentsPlan,
  flattenTree,
  getItem,
  getSection,
  listItems,
  type Plan,
  sectionTree,
} from './queries.ts';
import { itemFillBody, publicationEventBody, sectionBody, updateSectionBody } from './schemas.ts';
import { createSection, fillItem, setSectionStatus, updateSection } from './use-cases.ts';

const planners = { access: ['planner', 'admin'] as const };
const idParams = z.object({ id: z.coerce.number().int().positive() });

function formValues(body: unknown): SectionFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'string')) as SectionFormValues;
}

export async function planAdminRoutes(app: App, { db }: AppDeps): Promise<void> {
  async function plan(): Promise<Plan> {
    const p = await contentsPlan(db);
    if (!p) throw notFound();
    return p;
  }
  async function parents(planId: number, exclude?: number) {
    return flattenTree(await sectionTree(db, planId, { includeDrafts: true }))
      .filter((n) => n.id !== exclude)
      .map((n) => ({ value: n.id, label: `${'— '.repeat(n.depth)}${n.titleVi}` }));
  }
  const translated = (request: FastifyRequest, fields: FieldError[]) =>
    fields.map((f) => ({ field: f.field, message: request.t(f.message) }));

  app.get('/admin/plan', { config: planners, schema: { hide: true } }, async (request, reply) => {
    const p = await plan();
    const q = (request.query ?? {}) as Record<string, unknown>;
    return sendPage(
      reply,
      h(PlanAdminPage, {
        ctx: pageContext(request, reply),
        tree: await sectionTree(db, p.id, { includeDrafts: true }),
        placeholders: await listItems(db, p.id, { kind: 'breakthrough' }),
        items: await listItems(db, p.id),
        notice: q.saved === '1' ? request.t('plan.saved') : undefined,
      }),
    );
  });

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      section?: Awaited<ReturnType<typeof getSection>>;
      values: SectionFormValues;
      errors?: FieldError[];
      message?: string;
      preview?: boolean;
      notice?: string;
    },
    status = 200,
  ) => {
    const p = await plan();
    return sendPage(
      reply,
      h(SectionFormPage, {
        ctx: pageContext(request, reply),
        section: extra.section ?? undefined,
        values: extra.values,
        parents: await parents(p.id, extra.section?.id),
        errors: extra.errors,
        message: extra.message,
        preview: extra.preview,
        notice: extra.notice,
      }),
      status,
    );
  };

  app.get('/admin/plan/sections/new', { config: planners, schema: { hide: true } }, async (request, reply) =>
    renderForm(request, reply, { values: { kind: 'article' } }),
  );

  app.post('/admin/plan/sections', { config: planners, schema: { hide: true } }, async (request, reply) => {
    const values = formValues(request.body);
    if (values.action === 'preview') return renderForm(request, reply, { values, preview: true });
    const form = parseForm(sectionBody, request.body, request.locale);
    if (!form.ok) return renderForm(request, reply, { values, errors: form.errors }, 400);
    try {
      const s = await createSection(db, actorOf(request), request.user, (await plan()).id, form.data);
      return reply.redirect(`/admin/plan/sections/${s.id}?saved=1`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields.length)
        return renderForm(
          request,
          reply,
          { values, errors: translated(request, err.fields) },
          err.statusCode,
        );
      throw err;
    }
  });

  app.get(
    '/admin/plan/sections/:id',
    { config: planners, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const section = await getSection(db, request.params.id);
      if (!section) throw notFound();
      const q = (request.query ?? {}) as Record<string, unknown>;
      return renderForm(request, reply, {
        section,
        values: sectionFormValues(section),
        notice: q.saved === '1' ? request.t('plan.saved') : undefined,
      });
    },
  );

  app.post(
    '/admin/plan/sections/:id',
    { config: planners, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const section = await getSection(db, request.params.id);
      if (!section) throw notFound();
      const values = formValues(request.body);
      if (values.action === 'preview') return renderForm(request, reply, { section, values, preview: true });
      const form = parseForm(updateSectionBody, request.body, request.locale);
      if (!form.ok) return renderForm(request, reply, { section, values, errors: form.errors }, 400);
      try {
        await updateSection(db, actorOf(request), request.user, section.id, form.data);
        return reply.redirect(`/admin/plan/sections/${section.id}?saved=1`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.fields.length)
          return renderForm(
            request,
            reply,
            { section, values, errors: translated(request, err.fields) },
            err.statusCode,
          );
        if (err.statusCode === 409)
          return renderForm(request, reply, { section, values, message: request.t(err.messageKey) }, 409);
        throw err;
      }
    },
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    app.post(
      `/admin/plan/sections/:id/${action}`,
      { config: planners, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        await setSectionStatus(db, actorOf(request), request.user, request.params.id, status);
        return reply.redirect(`/admin/plan/sections/${request.params.id}?saved=1`, 303);
      },
    );
  }

  app.get(
    '/admin/plan/items/:id',
    { config: planners, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const item = await getItem(db, request.params.id);
      if (!item) throw notFound();
      const values = {
        nameVi: item.nameVi,
        nameEn: item.nameEn ?? '',
        summaryVi: item.summaryVi ?? '',
        summaryEn: item.summaryEn ?? '',
        sources: item.sources.join('\n'),
        responsibleAgencyId: item.responsibleAgencyId ? String(item.responsibleAgencyId) : '',
      };
      return sendPage(
        reply,
        h(ItemFillPage, {
          ctx: pageContext(request, reply),
          item,
          values,
          agencies: await agencyChoices(db, { activeOnly: true }),
        }),
      );
    },
  );

  app.post(
    '/admin/plan/items/:id',
    { config: planners, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const item = await getItem(db, request.params.id);
      if (!item) throw notFound();
      const values = formValues(request.body);
      const agencies = await agencyChoices(db, { activeOnly: true });
      const form = parseForm(itemFillBody, request.body, request.locale);
      if (!form.ok)
        return sendPage(
          reply,
          h(ItemFillPage, { ctx: pageContext(request, reply), item, values, agencies, errors: form.errors }),
          400,
        );
      try {
        await fillItem(db, actorOf(request), request.user, item.id, form.data);
      } catch (err) {
        if (err instanceof AppError && (err.statusCode === 409 || err.fields.length))
          return sendPage(
            reply,
            h(ItemFillPage, {
              ctx: pageContext(request, reply),
              item,
              values,
              agencies,
              errors: translated(request, err.fields),
              message: err.fields.length ? undefined : request.t(err.messageKey),
            }),
            err.statusCode,
          );
        throw err;
      }
      return reply.redirect('/admin/plan?saved=1', 303);
    },
  );

  // ---- publication duty
  const renderPublication = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { editingId?: number; values?: Record<string, string>; errors?: FieldError[]; notice?: string },
    status = 200,
  ) => {
    const p = await plan();
    const events = await listPublicationEvents(db, p.id);
    const editing = extra.editingId === undefined ? undefined : events.find((e) => e.id === extra.editingId);
    if (extra.editingId !== undefined && !editing) throw notFound();
    return sendPage(
      reply,
      h(PublicationAdminPage, {
        ctx: pageContext(request, reply),
        events,
        editing,
        values:
          extra.values ?? (editing ? publicationFormValues(editing) : { approvalDate: p.decisionDate ?? '' }),
        errors: extra.errors,
        notice: extra.notice,
      }),
      status,
    );
  };
  app.get('/admin/plan/cong-bo', { config: planners, schema: { hide: true } }, async (request, reply) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    return renderPublication(request, reply, {
      notice: q.saved === '1' ? request.t('plan.saved') : undefined,
    });
  });
  app.get(
    '/admin/plan/cong-bo/:id',
    { config: planners, schema: { hide: true, params: idParams } },
    async (request, reply) => renderPublication(request, reply, { editingId: request.params.id }),
  );
  const savePublication = async (request: FastifyRequest, reply: FastifyReply, id?: number) => {
    const values = formValues(request.body);
    const form = parseForm(publicationEventBody, request.body, request.locale);
    if (!form.ok)
      return renderPublication(request, reply, { editingId: id, values, errors: form.errors }, 400);
    try {
      const p = await plan();
      if (id === undefined) await recordPublicationEvent(db, actorOf(request), request.user, p.id, form.data);
      else await updatePublicationEvent(db, actorOf(request), request.user, p.id, id, form.data);
    } catch (err) {
      if (err instanceof AppError && err.fields.length)
        return renderPublication(
          request,
          reply,
          { editingId: id, values, errors: translated(request, err.fields) },
          err.statusCode,
        );
      throw err;
    }
    return reply.redirect('/admin/plan/cong-bo?saved=1', 303);
  };
  app.post('/admin/plan/cong-bo', { config: planners, schema: { hide: true } }, (request, reply) =>
    savePublication(request, reply),
  );
  app.post(
    '/admin/plan/cong-bo/:id',
    { config: planners, schema: { hide: true, params: idParams } },
    (request, reply) => savePublication(request, reply, request.params.id),
  );
}
