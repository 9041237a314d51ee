// JSON API of the conformity check: run and read checks (signed-in users),
// layers and rules (read by users, changed by administrators).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { collectionQuery, collectionResponse } from '../../kernel/http/collection.ts';
import { invalid, notFound } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { LAYER_TYPES, OUTCOMES } from './engine.ts';
import { acceptMultipart, isUploadedFile } from './multipart.ts';
import { engineLayers, getCheck, LAYER_SORTS, pageLayers, pageRules, RULE_SORTS } from './queries.ts';
import type { conformityChecks } from './schema.ts';
import { createLayerBody, crsField, updateRuleBody } from './schemas.ts';
import { readInput, runCheck, type SiteInput, saveLayer, updateRule } from './use-cases.ts';

const checkSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  inputFormat: z.string(),
  inputCrs: z.string(),
  siteAreaHa: z.number(),
  overall: z.enum(OUTCOMES),
  requestedBy: z.number().int().nullable(),
  requestedByLabel: z.string(),
  createdAt: z.string(),
  site: z.record(z.string(), z.unknown()),
  report: z
    .record(z.string(), z.unknown())
    .describe('Layers touched, overlaps (ha, % of site), outcomes, units'),
});

type CheckRow = typeof conformityChecks.$inferSelect;
export function publicCheck(row: CheckRow) {
  return {
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    site: row.site as unknown as Record<string, unknown>,
  };
}

const layerSchema = z.object({
  id: z.string(),
  type: z.enum(LAYER_TYPES),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  source: z.string().nullable(),
  builtin: z.string().nullable(),
  bufferMeters: z.number(),
  active: z.boolean(),
  featureCount: z.number().int().nullable(),
  isSample: z.boolean(),
  sources: z.array(z.string()),
  rowVersion: z.number().int(),
});

const ruleSchema = z.object({
  layerType: z.enum(LAYER_TYPES),
  outcome: z.enum(OUTCOMES),
  reasonVi: z.string(),
  reasonEn: z.string(),
  rowVersion: z.number().int(),
});

/** A small made-up rectangle in Thái Nguyên city (WGS 84), for the documented examples. */
const EXAMPLE_SITE = {
  type: 'Polygon',
  coordinates: [
    [
      [105.84, 21.59],
      [105.846, 21.59],
      [105.846, 21.595],
      [105.84, 21.595],
      [105.84, 21.59],
    ],
  ],
};

const checkBody = z
  .object({
    title: z.string().max(200).optional(),
    crs: crsField,
    geojson: z.unknown().optional().describe('GeoJSON object (JSON body) or GeoJSON text (multipart field)'),
    file: z.unknown().optional().describe('multipart only: a .geojson, .kml or zipped Shapefile (.zip)'),
  })
  .meta({
    example: { title: 'Khu đất dự kiến xây trường học (ví dụ)', crs: 'wgs84', geojson: EXAMPLE_SITE },
  });

const layerBody = createLayerBody.extend({ file: z.unknown().optional() }).meta({
  example: {
    id: 'vung-dem-vi-du',
    type: 'custom',
    nameVi: 'Vùng đệm ví dụ',
    nameEn: 'Example buffer zone',
    source: 'Dữ liệu tự vẽ để minh họa, không phải lớp quy hoạch chính thức',
    bufferMeters: 50,
    isSample: true,
    crs: 'wgs84',
    geojson: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name_vi: 'Vùng đệm ví dụ' }, geometry: EXAMPLE_SITE }],
    },
  },
});

/** The site of a request: an uploaded file, or GeoJSON (object in JSON, text in a form). */
export function siteInputOf(body: { crs?: string; geojson?: unknown; file?: unknown }): SiteInput {
  if (isUploadedFile(body.file)) {
    return { kind: 'file', filename: body.file.filename, bytes: body.file.bytes, crs: body.crs };
  }
  let geojson = body.geojson;
  if (typeof geojson === 'string') {
    if (!geojson.trim()) throw invalid([{ field: 'geojson', message: 'conformity.error.geojsonMissing' }]);
    try {
      geojson = JSON.parse(geojson);
    } catch {
      throw invalid([{ field: 'geojson', message: 'conformity.upload.badJson' }]);
    }
  }
  if (geojson === undefined || geojson === null) {
    throw invalid([{ field: 'geojson', message: 'conformity.error.geojsonMissing' }]);
  }
  return { kind: 'geojson', geojson, crs: body.crs };
}

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function conformityApi(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const tags = ['conformity'];
  acceptMultipart(app, deps.config.uploadMaxMb * 1024 * 1024);

  app.post(
    '/api/v1/conformity/checks',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Check a site against the plan layers (JSON with `geojson`, or multipart with `file`); saves and returns the report',
        body: checkBody,
        response: { 201: checkSchema },
      },
    },
    async (request, reply) => {
      const row = await runCheck(db, actorOf(request), request.user!, {
        title: request.body.title,
        site: siteInputOf(request.body),
      });
      return reply.code(201).send(publicCheck(row));
    },
  );

  app.get(
    '/api/v1/conformity/checks/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A saved conformity check with its report',
        params: idParams,
        response: { 200: checkSchema },
      },
    },
    async (request) => {
      const row = await getCheck(db, request.params.id);
      if (!row) throw notFound();
      return publicCheck(row);
    },
  );

  app.get(
    '/api/v1/conformity/map-layers',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'The layers as one GeoJSON FeatureCollection for the drawing map (feature properties: layerId, layerType, name)',
        response: { 200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }) },
      },
    },
    async () => {
      const layers = await engineLayers(db);
      return {
        type: 'FeatureCollection' as const,
        features: layers.flatMap((l) =>
          l.features.map((f) => ({
            type: 'Feature',
            properties: { layerId: l.id, layerType: l.type, name: f.nameVi },
            geometry: f.geometry,
          })),
        ),
      };
    },
  );

  app.get(
    '/api/v1/conformity/layers',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The layers sites are checked against; filtered by type, paged with `cursor`',
        querystring: collectionQuery({
          sorts: LAYER_SORTS,
          defaultSort: 'id',
          defaultLimit: 100,
          filters: { type: z.enum(LAYER_TYPES).optional() },
        }),
        response: { 200: collectionResponse(layerSchema) },
      },
    },
    async (request) => pageLayers(db, request.query),
  );

  app.post(
    '/api/v1/conformity/layers',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary:
          'Load a layer (JSON with `geojson`, or multipart with `file`: GeoJSON, KML, zipped Shapefile); an existing id is replaced',
        body: layerBody,
        response: { 201: z.object({ layer: layerSchema, featureCount: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const read = await readInput(siteInputOf(body));
      const { layer, featureCount } = await saveLayer(db, actorOf(request), body, read);
      return reply.code(201).send({ layer: { ...layer, featureCount }, featureCount });
    },
  );

  app.get(
    '/api/v1/conformity/rules',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Outcome and reason per layer type; paged with `cursor`',
        querystring: collectionQuery({
          sorts: RULE_SORTS,
          defaultSort: 'layerType',
          defaultLimit: 100,
          filters: { outcome: z.enum(OUTCOMES).optional() },
        }),
        response: { 200: collectionResponse(ruleSchema) },
      },
    },
    async (request) => pageRules(db, request.query),
  );

  app.put(
    '/api/v1/conformity/rules/:layerType',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Change the rule of a layer type (send the rowVersion you read; a stale one gets 409)',
        params: z.object({ layerType: z.enum(LAYER_TYPES) }),
        body: updateRuleBody,
        response: { 200: ruleSchema },
      },
    },
    async (
      request: FastifyRequest<{ Params: { layerType: string }; Body: z.output<typeof updateRuleBody> }>,
    ) => updateRule(db, actorOf(request), request.params.layerType, request.body),
  );
}
