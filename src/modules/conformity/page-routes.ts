// Pages of the conformity check under /conformity (signed-in users).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { ConformityAdminPage } from './admin-pages.tsx';
import { siteInputOf } from './api.ts';
import { LAYER_TYPES, type LayerType } from './engine.ts';
import { type CheckFormValues, ConformityFormPage, ConformityReportPage } from './pages.tsx';
import { reportPdf } from './pdf.ts';
import { getCheck, listLayers, listRules, recentChecks } from './queries.ts';
import { createLayerBody, updateRuleBody } from './schemas.ts';
import { readInput, runCheck, saveLayer, updateRule } from './use-cases.ts';

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

  const admins = { access: ['admin'] as const };
  const renderAdmin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: { field: string; message: string }[];
      message?: string;
      notice?: string;
      values?: Record<string, string>;
    } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      h(ConformityAdminPage, {
        ctx: pageContext(request, reply),
        layers: await listLayers(db),
        rules: await listRules(db),
        ...extra,
      }),
      status,
    );

  app.get('/admin/conformity', { config: admins, schema: { hide: true } }, async (request, reply) => {
    const q = (request.query ?? {}) as Record<string, string>;
    const notice =
      q.saved === '1'
        ? request.t('conformity.admin.ruleSaved')
        : q.loaded
          ? request.t('conformity.admin.loaded', { count: q.loaded })
          : undefined;
    return renderAdmin(request, reply, { notice });
  });

  app.post(
    '/admin/conformity/rules/:layerType',
    { config: admins, schema: { hide: true } },
    async (request, reply) => {
      const { layerType } = z.object({ layerType: z.enum(LAYER_TYPES) }).parse(request.params);
      const body = (request.body ?? {}) as Record<string, string>;
      const parsed = parseForm(
        updateRuleBody,
        {
          outcome: body[`outcome-${layerType}`],
          reasonVi: body[`reasonVi-${layerType}`],
          reasonEn: body[`reasonEn-${layerType}`],
          rowVersion: body.rowVersion,
        },
        request.locale,
      );
      if (!parsed.ok)
        return renderAdmin(
          request,
          reply,
          { errors: parsed.errors.map((e) => ({ ...e, field: `${e.field}-${layerType as LayerType}` })) },
          400,
        );
      try {
        await updateRule(db, actorOf(request), layerType, parsed.data);
      } catch (e) {
        if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
        return renderAdmin(request, reply, { message: request.t(e.messageKey, e.params) }, e.statusCode);
      }
      return reply.redirect('/admin/conformity?saved=1', 303);
    },
  );

  app.post('/admin/conformity/layers', { config: admins, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      Object.entries(body).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    const parsed = parseForm(createLayerBody, body, request.locale);
    if (!parsed.ok) return renderAdmin(request, reply, { errors: parsed.errors, values }, 400);
    try {
      const read = await readInput(
        siteInputOf({ crs: values.crs, file: body.file, geojson: body.file ? undefined : values.geojson }),
      );
      const { featureCount } = await saveLayer(db, actorOf(request), parsed.data, read);
      return reply.redirect(`/admin/conformity?loaded=${featureCount}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.statusCode !== 400) throw e;
      const errors = e.fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
      return renderAdmin(request, reply, { errors, message: request.t(e.messageKey, e.params), values }, 400);
    }
  });
}
