// Pages of the indicators: public list, reporting status, one page per indicator
// (with its CSV), the method explained; for staff, the entry form and the spreadsheet import.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import MarkdownIt from 'markdown-it';
import { h } from 'preact';
import { z } from 'zod';
import { enforceCsrfOnParsedForm } from '../../kernel/http/csrf.ts';
import { AppError, type FieldError, forbidden } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { listAdminUnits } from '../geo/queries.ts';
import { indicatorByPlace, placeQuery, provinceOutline } from './by-place.ts';
import {
  ImportPage,
  IndicatorListPage,
  IndicatorPage,
  MethodPage,
  ObservationFormPage,
  type ObservationFormValues,
  ReportingStatusPage,
} from './pages.tsx';
import {
  loadIndicatorSummaries,
  loadIndicatorView,
  loadIndicatorViews,
  planChoices,
  reportingStatus,
} from './queries.ts';
import { indicatorListQuery, observationBody } from './schemas.ts';
import { importTemplate, observationsTable, readImport, tableToCsv, XLSX_TYPE } from './spreadsheet.ts';
import { thresholdsOf } from './thresholds.ts';
import { importObservations, mayApprove, mayEnterObservations, recordObservation } from './use-cases.ts';

const hidden = { hide: true };

const codeParams = z.object({ code: z.string().min(1).max(100) });
const ENTRY_ROLES = ['admin', 'planner', 'agency_editor'] as const;
const STAFF = new Set(['admin', 'planner', 'leader', 'agency_editor', 'agency_viewer']);
const METHOD_DOC = path.resolve(import.meta.dirname, '../../../docs/monitoring-method.md');

/** The uploaded file's SHA-256, for the audit entry (which file was imported). */
async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function translated(request: FastifyRequest, fields: FieldError[]): FieldError[] {
  return fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
}

export async function indicatorsPages(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const thresholds = thresholdsOf(config);
  const viewOptions = (request: FastifyRequest) => ({
    thresholds,
    includeDrafts: Boolean(request.user && STAFF.has(request.user.role)),
  });

  app.get('/indicators', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const parsed = indicatorListQuery.safeParse(request.query ?? {});
    const filter = parsed.success ? parsed.data : {};
    const views = await loadIndicatorSummaries(db, filter, { thresholds });
    return sendPage(
      reply,
      h(IndicatorListPage, { ctx: pageContext(request, reply), views, filter, plans: await planChoices(db) }),
    );
  });

  app.get(
    '/indicators/reporting-status',
    { config: { access: 'public' }, schema: hidden },
    async (request, reply) => {
      const views = await loadIndicatorSummaries(db, {}, { thresholds });
      return sendPage(
        reply,
        h(ReportingStatusPage, { ctx: pageContext(request, reply), report: reportingStatus(views) }),
      );
    },
  );

  app.get(
    '/indicators/reporting-status.csv',
    { config: { access: 'public' }, schema: hidden },
    async (request, reply) => {
      const report = reportingStatus(await loadIndicatorSummaries(db, {}, { thresholds }));
      const rows = [...report.rows, { category: '', ...report.total }].map((r) => [
        r.category || 'all',
        r.category ? request.t(`indicators.category.${r.category}`) : request.t('indicators.reporting.all'),
        r.total,
        r.withData,
        r.withTarget,
        r.total ? Math.round((1000 * r.withData) / r.total) / 10 : null,
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="tinh-hinh-so-lieu-chi-tieu.csv"')
        .send(
          tableToCsv({
            name: 'reporting_status',
            headers: [
              'category',
              'category_name',
              'total',
              'with_data',
              'with_target',
              'share_with_data_pct',
            ],
            rows,
          }),
        );
    },
  );

  app.get('/indicators/method', { config: { access: 'public' }, schema: hidden }, async (request, reply) => {
    const html = new MarkdownIt({ html: false, linkify: true }).render(fs.readFileSync(METHOD_DOC, 'utf8'));
    return sendPage(reply, h(MethodPage, { ctx: pageContext(request, reply), html }));
  });

  const renderIndicator = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    notice?: string,
  ) => {
    const view = await loadIndicatorView(db, code, viewOptions(request));
    const canEnter = await mayEnterObservations(db, request.user, view.indicator);
    const canEdit = Boolean(request.user && mayApprove(request.user));
    const place = placeQuery.safeParse(request.query ?? {});
    const byPlace = await indicatorByPlace(
      db,
      view.indicator,
      place.success ? place.data : { vintage: 'new' },
    );
    return sendPage(
      reply,
      h(IndicatorPage, {
        ctx: pageContext(request, reply),
        view,
        canEnter,
        canEdit,
        notice,
        byPlace,
        outline: byPlace.rows.length ? await provinceOutline(db) : null,
      }),
    );
  };

  app.get(
    '/indicators/:code',
    { config: { access: 'public' }, schema: { ...hidden, params: codeParams } },
    async (request, reply) => {
      const saved = (request.query as Record<string, unknown>)?.saved === '1';
      return renderIndicator(
        request,
        reply,
        request.params.code,
        saved ? request.t('indicators.entry.saved') : undefined,
      );
    },
  );

  app.get(
    '/indicators/:code/data.csv',
    { config: { access: 'public' }, schema: { ...hidden, params: codeParams } },
    async (request, reply) => {
      const view = await loadIndicatorView(db, request.params.code, { thresholds });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${view.indicator.code}.csv"`)
        .send(tableToCsv(observationsTable([view])));
    },
  );

  async function unitOptions() {
    const units = await listAdminUnits(db, {});
    return units.map((u) => ({ value: u.id, label: `${u.fullNameVi} (${u.id})` }));
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: { values: ObservationFormValues; errors?: FieldError[]; message?: string },
    status = 200,
  ) {
    const view = await loadIndicatorView(db, code, viewOptions(request));
    if (!(await mayEnterObservations(db, request.user, view.indicator))) throw forbidden();
    return sendPage(
      reply,
      h(ObservationFormPage, {
        ctx: pageContext(request, reply),
        view,
        units: await unitOptions(),
        canApprove: mayApprove(request.user!),
        ...extra,
      }),
      status,
    );
  }

  app.get(
    '/indicators/:code/observations/new',
    { config: { access: ENTRY_ROLES }, schema: { ...hidden, params: codeParams } },
    async (request, reply) => renderForm(request, reply, request.params.code, { values: {} }),
  );

  app.post(
    '/indicators/:code/observations',
    { config: { access: ENTRY_ROLES }, schema: { ...hidden, params: codeParams } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values: ObservationFormValues = {};
      for (const k of ['year', 'quarter', 'adminUnitId', 'value', 'status', 'note', 'sources'] as const)
        if (typeof body[k] === 'string') values[k] = body[k] as string;
      const form = parseForm(observationBody, values, request.locale);
      if (!form.ok)
        return renderForm(request, reply, request.params.code, { values, errors: form.errors }, 400);
      try {
        await recordObservation(db, actorOf(request), request.user!, request.params.code, form.data);
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 400)
          return renderForm(
            request,
            reply,
            request.params.code,
            { values, errors: translated(request, error.fields) },
            400,
          );
        throw error;
      }
      return reply.redirect(`/indicators/${encodeURIComponent(request.params.code)}?saved=1`, 303);
    },
  );

  app.get(
    '/indicators/import',
    { config: { access: ENTRY_ROLES }, schema: hidden },
    async (request, reply) => {
      const done = (request.query as Record<string, unknown>)?.done;
      const notice =
        typeof done === 'string' && /^\d+$/.test(done)
          ? request.t('indicators.import.done', { count: done })
          : undefined;
      return sendPage(reply, h(ImportPage, { ctx: pageContext(request, reply), notice }));
    },
  );

  app.get(
    '/indicators/import/template.xlsx',
    { config: { access: ENTRY_ROLES }, schema: hidden },
    async (_request, reply) => {
      const views = await loadIndicatorViews(db, {}, { thresholds });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="mau-nhap-so-lieu-chi-tieu.xlsx"')
        .send(await importTemplate(views));
    },
  );

  // The upload is multipart: parsed only under this prefix, one file of at most UPLOAD_MAX_MB,
  // saved to a temporary file (removed when the answer is sent) and read from there as a stream.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: deps.config.uploadMaxMb * 1024 * 1024, files: 1, fields: 10 },
    });
    // Multipart fields are parsed after the app's CSRF hook has run, so this route checks the token itself.
    scope.post(
      '/indicators/import',
      { config: { access: ENTRY_ROLES, csrfExempt: true }, schema: hidden },
      async (request, reply) => {
        const saved = request.isMultipart() ? await request.saveRequestFiles() : { files: [], values: {} };
        const csrf = (saved.values as Record<string, unknown>)._csrf as { type?: string; value?: unknown };
        enforceCsrfOnParsedForm(request, csrf?.type === 'field' ? csrf.value : undefined);
        const file = saved.files.find((f) => f.fieldname === 'file');
        const bytes = file ? (await fs.promises.stat(file.filepath)).size : 0;
        const wantsJson = !request.headers.accept?.includes('text/html');
        const fail = (errors: FieldError[], message: string, errorCount?: number) =>
          wantsJson
            ? reply.code(400).send({
                error: { code: 'validation_failed', message, fields: errors, errorCount },
              })
            : sendPage(reply, h(ImportPage, { ctx: pageContext(request, reply), errors, message }), 400);
        if (!file || bytes === 0) return fail([], request.t('indicators.error.fileRequired'));
        const source = { filename: file.filename, bytes, sha256: await sha256Of(file.filepath) };
        try {
          const { written } = await importObservations(
            db,
            actorOf(request),
            request.user!,
            readImport(file.filepath, request.locale),
            { source },
          );
          if (wantsJson) return reply.send({ written });
          return reply.redirect(`/indicators/import?done=${written}`, 303);
        } catch (error) {
          if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
          const errors = error.fields.map((f) => {
            const m = /^row(\d+)\.(.*)$/.exec(f.field);
            const message = request.t(f.message);
            return {
              field: f.field,
              message: m
                ? request.t('indicators.import.rowColumn', { row: m[1]!, column: m[2] || '—', message })
                : message,
            };
          });
          const count = error.params.count;
          return fail(
            errors,
            request.t(error.messageKey, error.params),
            typeof count === 'number' ? count : errors.length,
          );
        }
      },
    );
  });
}
