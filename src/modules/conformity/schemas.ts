// zod schemas shared by the API and the forms of the conformity module.
import { z } from 'zod';
import { LAYER_TYPES, OUTCOMES } from './engine.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

export const crsField = z
  .string()
  .regex(/^(wgs84|vn2000(:[a-z-]+)?)$/i, 'conformity.error.crs')
  .optional()
  .describe('`wgs84` (default) or `vn2000:<province zone>`, e.g. `vn2000:thai-nguyen`');

export const checkJsonBody = z.object({
  title: optionalText(200),
  crs: crsField,
  geojson: z
    .unknown()
    .describe('A GeoJSON Polygon/MultiPolygon, Feature or FeatureCollection of polygons')
    .refine((v) => v !== undefined && v !== null, 'conformity.error.geojsonMissing'),
});

export const createLayerBody = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'conformity.error.layerId'),
  type: z.enum(LAYER_TYPES),
  nameVi: text(200),
  nameEn: optionalText(200),
  source: optionalText(500),
  sourceUrl: z.preprocess((v) => (v === '' ? undefined : v), z.url().max(1000).optional()),
  bufferMeters: z.coerce.number().min(0).max(10_000).optional(),
  isSample: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()).optional(),
  crs: crsField,
  geojson: z.unknown().optional(),
});
export type CreateLayerInput = z.output<typeof createLayerBody>;

export const updateRuleBody = z
  .object({
    outcome: z.enum(OUTCOMES),
    reasonVi: text(1000),
    reasonEn: text(1000),
    rowVersion: z.coerce.number().int().positive(),
  })
  .meta({
    example: {
      outcome: 'needs_review',
      reasonVi: 'Khu đất chồng lấn hành lang hạ tầng; cần lấy ý kiến cơ quan quản lý tuyến.',
      reasonEn: 'The site overlaps an infrastructure corridor; the agency managing it must be consulted.',
      rowVersion: 1,
    },
  });
export type UpdateRuleInput = z.output<typeof updateRuleBody>;
