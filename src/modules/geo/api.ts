// Boundaries as GeoJSON for the map: the province outline, the pre-2025
// districts and the 2025 commune points (the app's own data, no remote tiles).
import { z } from 'zod';
import type { App, AppDeps } from '../../kernel/module.ts';
import { listAdminUnits } from './queries.ts';

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
      const units = await listAdminUnits(db, { level, current: current === 'true' });
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
}
