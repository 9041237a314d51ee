// JSON API of the land-use quota check.
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { invalid, notFound } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { acceptMultipart, isUploadedFile } from '../conformity/multipart.ts';
import { CATEGORY_SORTS, getPlanCheck, pageCategories } from './queries.ts';
import { QUOTA_LEVELS } from './schema.ts';
import { importQuotas, type Period, quotasFor, runPlanCheck, UNIT_VINTAGES } from './use-cases.ts';

export const periodField = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'landuse.error.period')
  .describe('Period as `YYYY-YYYY`, e.g. `2021-2030`');

export function periodOf(value: string): Period {
  const [start, end] = value.split('-').map(Number) as [number, number];
  if (end < start) throw invalid([{ field: 'period', message: 'landuse.error.period' }]);
  return { start, end };
}

const checkSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  fileName: z.string(),
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  exceedanceCount: z.number().int(),
  requestedByLabel: z.string(),
  createdAt: z.string(),
  result: z
    .record(z.string(), z.unknown())
    .describe('cells, exceedances, byCategory, byCommune, provinceByCategory'),
});

const publicCheck = (r: NonNullable<Awaited<ReturnType<typeof getPlanCheck>>>) => ({
  id: r.id,
  title: r.title,
  fileName: r.fileName,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  exceedanceCount: r.exceedanceCount,
  requestedByLabel: r.requestedByLabel,
  createdAt: new Date(r.createdAt).toISOString(),
  result: r.result,
});

export async function landuseApi(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const tags = ['landuse'];
  acceptMultipart(app, deps.config.uploadMaxMb * 1024 * 1024);

  app.get(
    '/api/v1/landuse/categories',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Land categories by official code, in the official order; paged with `cursor`',
        querystring: collectionQuery({
          sorts: CATEGORY_SORTS,
          defaultSort: 'order',
          defaultLimit: 100,
          filters: {
            group: z.string().trim().max(20).optional().describe('Group code').meta({ example: 'NNP' }),
          },
        }),
        response: {
          200: collectionResponse(
            z.object({ code: z.string(), groupCode: z.string(), nameVi: z.string(), nameEn: z.string() }),
          ),
        },
      },
    },
    async (request) => pageCategories(db, request.query),
  );

  app.get(
    '/api/v1/landuse/quotas',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Quotas of a period: the province’s (national allocation) and each commune’s (ha)',
        querystring: z.object({ period: periodField.default('2021-2030') }),
        response: {
          200: z.object({
            province: z.record(z.string(), z.number()),
            communes: z.record(z.string(), z.record(z.string(), z.number())),
            isSample: z.boolean(),
          }),
        },
      },
    },
    async (request) => quotasFor(db, periodOf(request.query.period)),
  );

  app.post(
    '/api/v1/landuse/quotas/import',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary:
          'Import quotas from XLSX (multipart `file`: unit code, name, one column per category code; ha)',
        // Documented as the form it is: without the file part the body is refused.
        consumes: ['multipart/form-data'],
        body: z.object({
          level: z.enum(QUOTA_LEVELS),
          period: periodField,
          sourceUrl: z.url().optional(),
          isSample: z.enum(['true', 'false']).optional(),
          file: z.unknown(),
        }),
        response: { 200: z.object({ imported: z.number().int() }) },
      },
    },
    async (request) => {
      const b = request.body;
      if (!isUploadedFile(b.file)) throw invalid([{ field: 'file', message: 'landuse.error.file' }]);
      return importQuotas(
        db,
        actorOf(request),
        {
          level: b.level,
          period: periodOf(b.period),
          bytes: b.file.bytes,
          sourceUrl: b.sourceUrl,
          isSample: b.isSample === 'true',
        },
        request.t,
      );
    },
  );

  app.post(
    '/api/v1/landuse/checks',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Check a land-use plan (multipart `file`: XLSX communes × categories, ha) against the quotas; saved. ' +
          '`units=old`: the rows are pre-2025 communes, rolled up into the 2025 communes through the lineage',
        // Documented as the form it is: without the file part the body is refused.
        consumes: ['multipart/form-data'],
        body: z.object({
          title: z.string().max(200).optional(),
          period: periodField,
          units: z.enum(UNIT_VINTAGES).optional(),
          file: z.unknown(),
        }),
        response: { 201: checkSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!isUploadedFile(b.file)) throw invalid([{ field: 'file', message: 'landuse.error.file' }]);
      const row = await runPlanCheck(
        db,
        actorOf(request),
        request.user!,
        {
          title: b.title,
          period: periodOf(b.period),
          units: b.units,
          fileName: b.file.filename,
          bytes: b.file.bytes,
        },
        request.t,
      );
      return reply.code(201).send(publicCheck(row));
    },
  );

  app.get(
    '/api/v1/landuse/checks/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A saved land-use plan check',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: checkSchema },
      },
    },
    async (request) => {
      const row = await getPlanCheck(db, request.params.id);
      if (!row) throw notFound();
      return publicCheck(row);
    },
  );
}
