// Reads the built-in dataset (datasets/ at the repository root) and gives the
// seeds a common way to write it idempotently.
import fs from 'node:fs';
import { z } from 'zod';

const DATASETS_DIR = new URL('../../../datasets/', import.meta.url);

/** Parses one dataset file (path relative to datasets/) and checks it against `schema`. */
export function readDataset<T extends z.ZodType>(relativePath: string, schema: T): z.infer<T> {
  const url = new URL(relativePath, DATASETS_DIR);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(url, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `datasets/${relativePath} does not have the expected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

// Upstream repositories named in datasets/boundaries/SOURCES.md.
export const SOURCE_DVHCVN = 'https://github.com/daohoangson/dvhcvn';
export const SOURCE_MAPPING_2025 = 'https://github.com/dvhcvn/20250701';
export const SOURCE_OPEN_ADMIN_DATA = 'https://github.com/open-admin-data/vietnam-administrative-divisions';

const geometrySchema = z.object({
  type: z.enum(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']),
  coordinates: z.array(z.unknown()),
});

/** Properties every boundary feature has; the rest are kept as they are. */
const unitPropertiesSchema = z.looseObject({
  code: z.string().min(1),
  name_vi: z.string().min(1),
  full_name_vi: z.string().min(1),
  name_en: z.string().min(1),
  name_ascii: z.string().min(1),
  type_vi: z.string().optional(),
  type_en: z.string().optional(),
  valid_from: z.string().optional(),
  valid_to: z.string().optional(),
  area_km2: z.number().optional(),
});

function featureCollection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({ type: z.literal('Feature'), id: z.string().min(1), geometry: geometrySchema, properties }),
    ),
  });
}

const shareSchema = z.enum(['full', 'partial']);

const provincePropertiesSchema = unitPropertiesSchema;

const districtPropertiesSchema = unitPropertiesSchema.extend({
  type_vi: z.string().min(1),
  type_en: z.string().min(1),
  old_province_code: z.string().min(1),
});

const mergedFromSchema = z.looseObject({
  code: z.string().min(1),
  full_name_vi: z.string(),
  share: shareSchema,
  old_district_code: z.string().min(1),
});

const commune2025PropertiesSchema = unitPropertiesSchema.extend({
  type_vi: z.string().min(1),
  type_en: z.string().min(1),
  merged_from: z.array(mergedFromSchema).min(1),
});

const communePre2025Schema = z.looseObject({
  code: z.string().min(1),
  full_name_vi: z.string().min(1),
  name_vi: z.string().min(1),
  type_vi: z.string().min(1),
  name_ascii: z.string().min(1),
  district_code: z.string().min(1),
  valid_to: z.string().optional(),
  new_communes_2025: z
    .array(z.object({ code: z.string().min(1), full_name_vi: z.string(), share: shareSchema }))
    .min(1),
});

const provincesFile = featureCollection(provincePropertiesSchema);
const districtsFile = featureCollection(districtPropertiesSchema);
const communes2025File = featureCollection(commune2025PropertiesSchema);
const communesPre2025File = z.object({ communes: z.array(communePre2025Schema) });

export type ProvinceFeature = z.infer<typeof provincesFile>['features'][number];
export type DistrictFeature = z.infer<typeof districtsFile>['features'][number];
export type Commune2025Feature = z.infer<typeof communes2025File>['features'][number];
export type CommunePre2025 = z.infer<typeof communePre2025Schema>;

export type Boundaries = {
  provinces: ProvinceFeature[];
  districts: DistrictFeature[];
  communes2025: Commune2025Feature[];
  communesPre2025: CommunePre2025[];
};

export function loadBoundaries(): Boundaries {
  return {
    provinces: readDataset('boundaries/thai-nguyen-province.geojson', provincesFile).features,
    districts: readDataset('boundaries/thai-nguyen-districts.geojson', districtsFile).features,
    communes2025: readDataset('boundaries/thai-nguyen-communes-2025-points.geojson', communes2025File)
      .features,
    communesPre2025: readDataset('boundaries/thai-nguyen-communes-pre2025-list.json', communesPre2025File)
      .communes,
  };
}
