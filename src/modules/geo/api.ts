// Boundaries as GeoJSON for the map: the province outline, the pre-2025
// districts and the 2025 commune points (the app's own data, no remote tiles).
import { z } from 'zod';
import { notFound } from '../../kernel/http/errors.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import {
  getAdminUnit,
  type LinkedUnit,
  listAdminUnitFeatures,
  predecessorsOf,
  successorsOf,
} from './queries.ts';
import { defaultShareRule, rollUpFromDb, successorRatios } from './rollup.ts';
import { DEFAULT_SHARE_RULES } from './schema.ts';

export const AREA_LEVELS = ['province', 'district', 'commune'] as const;

export async function geoApi(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/v1/areas',
    {
      config: { access: 'public' },
      schema: {
        tags: ['map'],
        summary:
          'Administrative units as a GeoJSON FeatureCollection. level=province (outlines), district (pre-2025 polygons), ' +
          'commune (2025 points); current=true keeps only units valid today',
        querystring: z.object({
          level: z.enum(AREA_LEVELS),
          current: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(
              z.object({
                type: z.literal('Feature'),
                id: z.string(),
                geometry: z.object({ type: z.string(), coordinates: z.unknown() }),
                properties: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { level, current } = request.query;
      const units = await listAdminUnitFeatures(db, { level, current: current === 'true' });
      reply.header('cache-control', 'public, max-age=3600');
      return {
        type: 'FeatureCollection' as const,
        features: units
          .filter((u) => u.geometry)
          .map((u) => ({
            type: 'Feature' as const,
            id: u.id,
            geometry: u.geometry!,
            properties: {
              code: u.code,
              name: u.fullNameVi,
              nameEn: u.nameEn,
              level: u.level,
              validFrom: u.validFrom,
              validTo: u.validTo,
            },
          })),
      };
    },
  );

  const linkSchema = z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: z.string(),
    share: z.enum(['full', 'partial']),
    shareRatio: z.number().nullable().describe('recorded ratio; null = the default rule applies'),
    effectiveRatio: z.number().nullable().describe('the share this link carries under the rule in force'),
    effectiveDate: z.string(),
    legalBasis: z.string().nullable(),
  });
  const link = (l: LinkedUnit, effectiveRatio: number | null) => ({
    id: l.unit.id,
    code: l.unit.code,
    name: l.unit.fullNameVi,
    level: l.unit.level,
    share: l.share,
    shareRatio: l.shareRatio,
    effectiveRatio,
    effectiveDate: l.effectiveDate,
    legalBasis: l.legalBasis,
  });

  app.get(
    '/api/v1/areas/:id/lineage',
    {
      config: { access: 'public' },
      schema: {
        tags: ['map'],
        summary:
          'How a unit passed through the 2025 reorganisation: the units it was formed from and the units it passed into, with share and ratio',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: {
          200: z.object({
            id: z.string(),
            name: z.string(),
            validTo: z.string().nullable(),
            defaultShareRule: z.enum(DEFAULT_SHARE_RULES),
            predecessors: z.array(linkSchema),
            successors: z.array(linkSchema),
          }),
        },
      },
    },
    async (request) => {
      const unit = await getAdminUnit(db, request.params.id);
      if (!unit) throw notFound();
      const rule = await defaultShareRule(db);
      const successors = await successorsOf(db, unit.id);
      const ratios = successorRatios(
        successors.map((s) => ({
          predecessorId: unit.id,
          successorId: s.unit.id,
          share: s.share,
          shareRatio: s.shareRatio,
        })),
        rule,
      );
      return {
        id: unit.id,
        name: unit.fullNameVi,
        validTo: unit.validTo,
        defaultShareRule: rule,
        predecessors: (await predecessorsOf(db, unit.id)).map((p) => link(p, null)),
        successors: successors.map((s) => link(s, ratios.get(s.unit.id) ?? null)),
      };
    },
  );

  app.post(
    '/api/v1/areas/rollup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['map'],
        summary:
          'Roll figures recorded under pre-2025 units up into the 2025 units through the lineage (docs/reorganisation.md); ' +
          'the default rule in force applies unless `rule` is given',
        body: z
          .object({
            values: z
              .array(z.object({ unitId: z.string().min(1).max(100), value: z.number() }))
              .min(1)
              .max(5000),
            rule: z.enum(DEFAULT_SHARE_RULES).optional(),
          })
          .meta({
            // Two pre-2025 communes that became part of An Khánh (2025); the values are made up.
            example: {
              values: [
                { unitId: 'commune-05809-pre2025', value: 120 },
                { unitId: 'commune-05812-pre2025', value: 85 },
              ],
              rule: 'equal',
            },
          }),
        response: {
          200: z.object({
            values: z.array(
              z.object({
                unitId: z.string(),
                value: z.number(),
                contributions: z.array(
                  z.object({ fromId: z.string(), ratio: z.number(), value: z.number() }),
                ),
              }),
            ),
            unassigned: z.array(z.object({ fromId: z.string(), value: z.number() })),
          }),
        },
      },
    },
    async (request) => rollUpFromDb(db, request.body.values, request.body.rule),
  );
}
