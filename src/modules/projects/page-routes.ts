import { h } from 'preact';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { ProjectListPage, ProjectPage } from './pages.tsx';
import { getProject, listProjects } from './queries.ts';
import { inquiryBody } from './schemas.ts';
import { submitInquiry } from './use-cases.ts';

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
}
