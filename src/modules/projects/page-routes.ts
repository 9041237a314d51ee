import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { CurrentUser } from '../../kernel/http/context.ts';
import { AppError, type FieldError, forbidden } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { agencyChoices, agencyNames } from '../agencies/queries.ts';
import { agencySubtree, isProvinceWide } from '../agencies/scope.ts';
import { ProjectListPage, ProjectPage } from './pages.tsx';
import { getProject, inquiriesFor, listProjects, type ProjectRow } from './queries.ts';
import { inquiryBody, updateProjectBody } from './schemas.ts';
import {
  InquiriesPage,
  ProjectAdminListPage,
  ProjectEditPage,
  type ProjectFormValues,
  projectFormValues,
} from './staff-pages.tsx';
import { mayEditProject, submitInquiry, updateProject } from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function projectsPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  app.get('/du-an', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, h(ProjectListPage, { ctx: pageContext(request, reply), rows: await listProjects(db) })),
  );
  app.get(
    '/du-an/:id',
    { config: { access: 'public' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const project = await getProject(db, request.params.id);
      return sendPage(
        reply,
        h(ProjectPage, {
          ctx: pageContext(request, reply),
          project,
          sent: query.sent === '1',
          followSent: query.theodoi === '1',
        }),
      );
    },
  );
  app.post(
    '/du-an/:id/hoi',
    { config: { access: 'public' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const project = await getProject(db, request.params.id);
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          ([, v]) => typeof v === 'string',
        ),
      ) as Record<string, string>;
      const form = parseForm(inquiryBody, request.body, request.locale);
      const render = (errors: { field: string; message: string }[], status: number) =>
        sendPage(
          reply,
          h(ProjectPage, { ctx: pageContext(request, reply), project, values, errors }),
          status,
        );
      if (!form.ok) return render(form.errors, 400);
      try {
        await submitInquiry(db, actorOf(request), project.id, form.data);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400)
          return render([{ field: 'form', message: request.t(err.messageKey) }], 400);
        throw err;
      }
      return reply.redirect(`/du-an/${project.id}?sent=1`, 303);
    },
  );

  const STAFF = { access: ['admin', 'planner', 'agency_editor', 'agency_viewer', 'leader'] as const };
  const EDITORS = { access: ['admin', 'planner', 'agency_editor'] as const };

  /** Which projects the user may edit: all (planners), its agency subtree's (editors), none. */
  const editableBy = async (user: CurrentUser) => {
    if (isProvinceWide(user)) return () => true;
    if (user.role !== 'agency_editor' || user.agencyId === null) return () => false;
    const ids = await agencySubtree(db, user.agencyId);
    return (p: ProjectRow) => p.responsibleAgencyId !== null && ids.has(p.responsibleAgencyId);
  };

  app.get('/workspace/projects', { config: STAFF, schema: { hide: true } }, async (request, reply) => {
    const saved = (request.query as Record<string, unknown> | undefined)?.saved === '1';
    const rows = await listProjects(db);
    const agencyIds = rows.map((r) => r.responsibleAgencyId).filter((x): x is number => x !== null);
    return sendPage(
      reply,
      h(ProjectAdminListPage, {
        ctx: pageContext(request, reply),
        rows,
        editable: await editableBy(request.user!),
        agencyNames: await agencyNames(db, agencyIds),
        notice: saved ? request.t('common.saved') : undefined,
      }),
    );
  });

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: ProjectFormValues; errors?: FieldError[]; stale?: boolean } = {},
    status = 200,
  ) => {
    const project = await getProject(db, id);
    if (!(await mayEditProject(db, request.user!, project))) throw forbidden();
    return sendPage(
      reply,
      h(ProjectEditPage, {
        ctx: pageContext(request, reply),
        project,
        values: extra.values ?? projectFormValues(project),
        errors: extra.errors,
        stale: extra.stale,
        agencyOptions: isProvinceWide(request.user!)
          ? (await agencyChoices(db, { activeOnly: true })).map((o) => ({ value: o.value, label: o.label }))
          : null,
      }),
      status,
    );
  };

  app.get(
    '/workspace/projects/:id/edit',
    { config: EDITORS, schema: { hide: true, params: idParams } },
    (request, reply) => renderEdit(request, reply, request.params.id),
  );

  app.post(
    '/workspace/projects/:id/edit',
    { config: EDITORS, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          ([, v]) => typeof v === 'string',
        ),
      ) as ProjectFormValues;
      // An unticked box is absent from the post: it means "not open".
      const input = { ...values, openForInvestment: values.openForInvestment === 'on' ? 'on' : 'false' };
      if (!isProvinceWide(request.user!)) delete (input as Record<string, string>).responsibleAgencyId;
      const form = parseForm(updateProjectBody, input, request.locale);
      if (!form.ok) return renderEdit(request, reply, id, { values, errors: form.errors }, 400);
      try {
        await updateProject(db, actorOf(request), request.user!, id, form.data);
      } catch (err) {
        if (err instanceof AppError && err.fields.length)
          return renderEdit(
            request,
            reply,
            id,
            { values, errors: err.fields.map((f) => ({ field: f.field, message: request.t(f.message) })) },
            400,
          );
        if (err instanceof AppError && err.statusCode === 409)
          return renderEdit(request, reply, id, { values, stale: true }, 409);
        throw err;
      }
      return reply.redirect('/workspace/projects?saved=1', 303);
    },
  );

  app.get(
    '/workspace/inquiries',
    { config: { access: ['admin', 'planner', 'agency_editor', 'agency_viewer'] }, schema: { hide: true } },
    async (request, reply) => {
      const user = request.user!;
      const scope = isProvinceWide(user)
        ? 'all'
        : user.agencyId === null
          ? []
          : [...(await agencySubtree(db, user.agencyId))];
      const rows = (await inquiriesFor(db, scope)).sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
      );
      return sendPage(reply, h(InquiriesPage, { ctx: pageContext(request, reply), rows }));
    },
  );
}
