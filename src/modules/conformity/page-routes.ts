// Pages of the conformity check under /conformity (signed-in users).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, notFound } from '../../kernel/http/errors.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { siteInputOf } from './api.ts';
import { type CheckFormValues, ConformityFormPage, ConformityReportPage } from './pages.tsx';
import { reportPdf } from './pdf.ts';
import { getCheck, recentChecks } from './queries.ts';
import { runCheck } from './use-cases.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function conformityPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const users = { access: 'user' as const };

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values: CheckFormValues; errors?: { field: string; message: string }[]; message?: string },
    status = 200,
  ) =>
    sendPage(
      reply,
      h(ConformityFormPage, { ctx: pageContext(request, reply), recent: await recentChecks(db), ...extra }),
      status,
    );

  app.get('/conformity', { config: users, schema: { hide: true } }, async (request, reply) =>
    renderForm(request, reply, { values: {} }),
  );

  app.post('/conformity/checks', { config: users, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: CheckFormValues = {
      title: typeof body.title === 'string' ? body.title : undefined,
      crs: typeof body.crs === 'string' ? body.crs : undefined,
      geojson: typeof body.geojson === 'string' ? body.geojson : undefined,
    };
    try {
      const row = await runCheck(db, actorOf(request), request.user!, {
        title: values.title,
        site: siteInputOf({ crs: values.crs, geojson: values.geojson, file: body.file }),
      });
      return reply.redirect(`/conformity/checks/${row.id}${request.locale === 'en' ? '?lang=en' : ''}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.statusCode !== 400) throw e;
      const message = request.t(e.messageKey, e.params);
      const errors = e.fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
      return renderForm(
        request,
        reply,
        { values, errors, message: errors.length ? undefined : message },
        400,
      );
    }
  });

  app.get('/conformity/checks/:id', { config: users, schema: { hide: true } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const check = await getCheck(db, id);
    if (!check) throw notFound();
    return sendPage(reply, h(ConformityReportPage, { ctx: pageContext(request, reply), check }));
  });

  app.get('/conformity/checks/:id.pdf', { config: users, schema: { hide: true } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const check = await getCheck(db, id);
    if (!check) throw notFound();
    const pdf = await reportPdf(check, request.locale);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="kiem-tra-phu-hop-${check.id}.pdf"`)
      .send(pdf);
  });
}
