// The catalogue page, the downloads (stable URLs /du-lieu-mo/<id>.<format> and
// /du-lieu-mo/tat-ca.zip) and the catalogue API.
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { notFound } from '../../kernel/http/errors.ts';
import { baseUrlOf, pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { CATALOGUE_PATH, type CatalogueContext, loadCatalogue, loadDataset, ZIP_NAME } from './catalogue.ts';
import { DATASETS, datasetById } from './datasets.ts';
import { CONTENT_TYPES, FORMATS, toCsv, toGeoJson, toJson, toXlsx, zipAll } from './formats.ts';
import { CataloguePage } from './pages.tsx';

const datasetMetaSchema = z
  .object({
    id: z.string().meta({ example: 'projects' }),
    title: z.string().meta({ example: 'Dự án ưu tiên đầu tư' }),
    description: z.string(),
    licence: z.string().meta({ example: 'CC-BY-4.0' }),
    licenceUrl: z.string().nullable(),
    source: z.string(),
    updatedAt: z.string().nullable().meta({ example: '2026-05-01T08:00:00.000Z' }),
    rowCount: z.number().int(),
    spatial: z.boolean(),
    downloads: z
      .object({
        csv: z.string().optional(),
        xlsx: z.string().optional(),
        json: z.string().optional(),
        geojson: z.string().optional(),
      })
      .meta({ example: { csv: 'https://quyhoach.example/du-lieu-mo/projects.csv' } }),
  })
  .describe('A public dataset of the catalogue');

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const datasetIds = DATASETS.map((d) => d.id) as [string, ...string[]];

export async function opendataRoutes(app: App, { db, config }: AppDeps): Promise<void> {
  const pub = { access: 'public' as const };
  const download = { access: 'public' as const, publicData: true };
  const ctxOf = (request: FastifyRequest): CatalogueContext => ({
    t: request.t,
    baseUrl: baseUrlOf(request),
    licence: config.openDataLicence,
  });

  app.get(CATALOGUE_PATH, { config: pub, schema: { hide: true } }, async (request, reply) => {
    const all = await loadCatalogue(db, ctxOf(request));
    return sendPage(
      reply,
      h(CataloguePage, { ctx: pageContext(request, reply), datasets: all.map((e) => e.meta) }),
    );
  });

  app.get(
    `${CATALOGUE_PATH}/:file`,
    { config: download, schema: { hide: true, params: z.object({ file: z.string().max(80) }) } },
    async (request, reply) => {
      const { file } = request.params;
      if (file === ZIP_NAME) {
        const zip = await zipAll(await loadCatalogue(db, ctxOf(request)));
        return reply
          .type(CONTENT_TYPES.zip)
          .header('content-disposition', `attachment; filename="du-lieu-mo.zip"`)
          .send(Buffer.from(zip));
      }
      const m = /^([a-z0-9-]+)\.([a-z]+)$/.exec(file);
      const def = m ? datasetById(m[1]!) : undefined;
      const format = FORMATS.find((f) => f === m?.[2]);
      if (!def || !format || (format === 'geojson' && !def.spatial)) throw notFound('opendata.notFound');
      const { meta, data } = await loadDataset(db, def, ctxOf(request));
      reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${def.id}.${format}"`);
      if (format === 'csv') return reply.send(toCsv(def.id, data));
      if (format === 'xlsx') return reply.send(await toXlsx(def.id, data));
      if (format === 'json') return reply.send(toJson(meta, data));
      return reply.send(toGeoJson(meta, data));
    },
  );

  app.get(
    '/api/v1/datasets',
    {
      config: pub,
      schema: {
        tags: ['open data'],
        summary:
          'The open-data catalogue: every public dataset with licence, source, last update and download URLs',
        response: { 200: z.object({ items: z.array(datasetMetaSchema), zip: z.string() }) },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const all = await loadCatalogue(db, ctx);
      return { items: all.map((e) => e.meta), zip: `${ctx.baseUrl}${CATALOGUE_PATH}/${ZIP_NAME}` };
    },
  );

  app.get(
    '/api/v1/datasets/:id',
    {
      config: pub,
      schema: {
        tags: ['open data'],
        summary: 'One dataset: its catalogue entry and every row',
        params: z.object({ id: z.enum(datasetIds).meta({ example: 'projects' }) }),
        response: {
          200: z.object({ dataset: datasetMetaSchema, rows: z.array(z.record(z.string(), cell)) }),
        },
      },
    },
    async (request) => {
      const def = datasetById(request.params.id);
      if (!def) throw notFound('opendata.notFound');
      const { meta, data } = await loadDataset(db, def, ctxOf(request));
      return { dataset: meta, rows: data.rows };
    },
  );
}
