// Pages of the land-use quota check under /landuse (signed-in users).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, invalid, notFound } from '../../kernel/http/errors.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { isUploadedFile } from '../conformity/multipart.ts';
import { listAdminUnits } from '../geo/queries.ts';
import { periodOf } from './api.ts';
import type { QuotaCheckResult } from './check.ts';
import { LanduseFormPage, LanduseResultPage } from './pages.tsx';
import { getPlanCheck, listCategories, nameLookups, recentPlanChecks } from './queries.ts';
import { runPlanCheck, UNIT_VINTAGES } from './use-cases.ts';
import { resultXlsx, templateXlsx } from './xlsx.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function landusePages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const users = { access: 'user' as const };

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      values: { title?: string; period?: string; units?: string };
      errors?: { field: string; message: string }[];
      message?: string;
    },
    status = 200,
  ) =>
    sendPage(
      reply,
      h(LanduseFormPage, { ctx: pageContext(request, reply), recent: await recentPlanChecks(db), ...extra }),
      status,
    );

  app.get('/landuse', { config: users, schema: { hide: true } }, (request, reply) =>
    renderForm(request, reply, { values: {} }),
  );

  app.get('/landuse/template.xlsx', { config: users, schema: { hide: true } }, async (request, reply) => {
    const old = (request.query as Record<string, unknown>).units === 'old';
    const communes = old
      ? (await listAdminUnits(db, { level: 'commune' })).filter((u) => u.validTo !== null)
      : await listAdminUnits(db, { level: 'commune', current: true });
    const cats = (await listCategories(db)).filter((c) => c.groupCode !== 'GROUP').map((c) => c.code);
    const file = await templateXlsx(communes, cats);
    return reply
      .type(XLSX)
      .header('content-disposition', 'attachment; filename="ke-hoach-su-dung-dat-mau.xlsx"')
      .send(file);
  });

  app.post('/landuse/checks', { config: users, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      title: typeof body.title === 'string' ? body.title : undefined,
      period: typeof body.period === 'string' ? body.period : undefined,
      units: typeof body.units === 'string' ? body.units : undefined,
    };
    const units = UNIT_VINTAGES.find((u) => u === values.units);
    try {
      if (!values.period || !/^\d{4}-\d{4}$/.test(values.period))
        throw invalid([{ field: 'period', message: 'landuse.error.period' }]);
      if (values.units !== undefined && !units)
        throw invalid([{ field: 'units', message: 'landuse.error.units' }]);
      if (!isUploadedFile(body.file)) throw invalid([{ field: 'file', message: 'landuse.error.file' }]);
      const row = await runPlanCheck(
        db,
        actorOf(request),
        request.user!,
        {
          title: values.title,
          period: periodOf(values.period),
          units,
          fileName: body.file.filename,
          bytes: body.file.bytes,
        },
        request.t,
      );
      return reply.redirect(`/landuse/checks/${row.id}${request.locale === 'en' ? '?lang=en' : ''}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.statusCode !== 400) throw e;
      const errors = e.fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
      return renderForm(request, reply, { values, errors, message: request.t(e.messageKey, e.params) }, 400);
    }
  });

  app.get('/landuse/checks/:id', { config: users, schema: { hide: true } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const check = await getPlanCheck(db, id);
    if (!check) throw notFound();
    return sendPage(
      reply,
      h(LanduseResultPage, { ctx: pageContext(request, reply), check, names: await nameLookups(db) }),
    );
  });

  app.get('/landuse/checks/:id.xlsx', { config: users, schema: { hide: true } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const check = await getPlanCheck(db, id);
    if (!check) throw notFound();
    const names = await nameLookups(db);
    const file = await resultXlsx(check.result as unknown as QuotaCheckResult, {
      unit: names.unit,
      category: (c) => names.category(c, request.locale),
      t: (k) => request.t(k),
    });
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="ket-qua-kiem-tra-chi-tieu-${check.id}.xlsx"`)
      .send(file);
  });
}
