// The conformity engine: which plan layers a site touches, by how much, and
// what the rules say about each. Pure functions over plain data (turf; areas are
// geodesic, computed on the sphere by turf.area).
import * as turf from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Point, Polygon } from 'geojson';

export const LAYER_TYPES = [
  'admin_units_old',
  'admin_units_new',
  'zone',
  'industrial_park',
  'urban_area',
  'infrastructure_corridor',
  'protected',
  'restricted',
  'custom',
] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

export const OUTCOMES = ['compatible', 'needs_review', 'conflict'] as const;
export type Outcome = (typeof OUTCOMES)[number];
const SEVERITY: Record<Outcome, number> = { compatible: 0, needs_review: 1, conflict: 2 };

export type EngineFeature = {
  id: string;
  nameVi: string;
  nameEn?: string | null;
  geometry: Geometry;
};

export type EngineLayer = {
  id: string;
  type: LayerType;
  nameVi: string;
  nameEn: string | null;
  /** Corridor / protection width around lines and points, metres (0 = none). */
  bufferMeters: number;
  features: EngineFeature[];
};

export type Rule = { layerType: LayerType; outcome: Outcome; reasonVi: string; reasonEn: string };

export type Match = {
  featureId: string;
  nameVi: string;
  nameEn: string | null;
  kind: 'overlap' | 'point_within' | 'point_near';
  overlapHa: number | null;
  pctOfSite: number | null;
  distanceM: number | null;
};

export type LayerResult = {
  layerId: string;
  layerType: LayerType;
  nameVi: string;
  nameEn: string | null;
  bufferMeters: number;
  touched: boolean;
  outcome: Outcome;
  reasonVi: string;
  reasonEn: string;
  overlapHa: number;
  pctOfSite: number;
  matches: Match[];
};

export type Evaluation = {
  siteAreaHa: number;
  overall: Outcome;
  layers: LayerResult[];
};

/** Nearest point of a point layer shown when none falls inside the site. */
export const NEAR_POINT_METERS = 5_000;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function areaHa(geometry: Polygon | MultiPolygon): number {
  return turf.area(geometry) / 10_000;
}

export function worstOutcome(outcomes: Outcome[]): Outcome {
  return outcomes.reduce<Outcome>((w, o) => (SEVERITY[o] > SEVERITY[w] ? o : w), 'compatible');
}

type Bbox = [number, number, number, number];
const bboxesMeet = (a: Bbox, b: Bbox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The area a feature covers: polygons as they are; lines and points widened by the layer's buffer. */
function coverageOf(geometry: Geometry, bufferMeters: number): Feature<Polygon | MultiPolygon> | null {
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const f = turf.feature(geometry);
    return bufferMeters > 0 ? (turf.buffer(f, bufferMeters, { units: 'meters' }) ?? null) : f;
  }
  if (bufferMeters <= 0) return null;
  const buffered = turf.buffer(turf.feature(geometry), bufferMeters, { units: 'meters' });
  return buffered ?? null;
}

function intersection(
  a: Feature<Polygon | MultiPolygon>,
  b: Feature<Polygon | MultiPolygon>,
): Feature<Polygon | MultiPolygon> | null {
  return turf.intersect(turf.featureCollection([a, b]));
}

function pointsOf(geometry: Geometry): Feature<Point>[] {
  if (geometry.type === 'Point') return [turf.point(geometry.coordinates)];
  if (geometry.type === 'MultiPoint') return geometry.coordinates.map((c) => turf.point(c));
  return [];
}

function evaluateLayer(
  site: Feature<Polygon | MultiPolygon>,
  siteBbox: Bbox,
  siteAreaHa: number,
  layer: EngineLayer,
  rule: Rule,
): LayerResult | null {
  const matches: Match[] = [];
  const pieces: Feature<Polygon | MultiPolygon>[] = [];
  const pct = (ha: number) => (siteAreaHa > 0 ? round((ha / siteAreaHa) * 100, 2) : 0);
  let nearest: { f: EngineFeature; d: number } | null = null;
  for (const f of layer.features) {
    const points = pointsOf(f.geometry);
    if (points.length > 0 && layer.bufferMeters <= 0) {
      const inside = points.some((p) => turf.booleanPointInPolygon(p, site));
      if (inside) {
        matches.push({
          featureId: f.id,
          nameVi: f.nameVi,
          nameEn: f.nameEn ?? null,
          kind: 'point_within',
          overlapHa: null,
          pctOfSite: null,
          distanceM: 0,
        });
      } else {
        const d = Math.min(...points.map((p) => turf.pointToPolygonDistance(p, site, { units: 'meters' })));
        if (d <= NEAR_POINT_METERS && (!nearest || d < nearest.d)) nearest = { f, d };
      }
      continue;
    }
    const coverage = coverageOf(f.geometry, layer.bufferMeters);
    if (!coverage) continue;
    if (!bboxesMeet(siteBbox, turf.bbox(coverage) as Bbox)) continue;
    const piece = intersection(site, coverage);
    if (!piece) continue;
    const ha = areaHa(piece.geometry);
    if (ha <= 0) continue;
    pieces.push(piece);
    matches.push({
      featureId: f.id,
      nameVi: f.nameVi,
      nameEn: f.nameEn ?? null,
      kind: 'overlap',
      overlapHa: round(ha, 4),
      pctOfSite: pct(ha),
      distanceM: null,
    });
  }
  const touched = matches.length > 0;
  if (!touched && nearest) {
    matches.push({
      featureId: nearest.f.id,
      nameVi: nearest.f.nameVi,
      nameEn: nearest.f.nameEn ?? null,
      kind: 'point_near',
      overlapHa: null,
      pctOfSite: null,
      distanceM: Math.round(nearest.d),
    });
  }
  if (matches.length === 0) return null;
  // Features of one layer may overlap each other: the layer's total is the area of their union.
  let total = 0;
  if (pieces.length === 1) total = areaHa(pieces[0]!.geometry);
  else if (pieces.length > 1) {
    const union = turf.union(turf.featureCollection(pieces));
    total = union ? areaHa(union.geometry) : 0;
  }
  matches.sort((a, b) => (b.overlapHa ?? 0) - (a.overlapHa ?? 0) || (a.distanceM ?? 0) - (b.distanceM ?? 0));
  return {
    layerId: layer.id,
    layerType: layer.type,
    nameVi: layer.nameVi,
    nameEn: layer.nameEn,
    bufferMeters: layer.bufferMeters,
    touched,
    outcome: touched ? rule.outcome : 'compatible',
    reasonVi: touched ? rule.reasonVi : '',
    reasonEn: touched ? rule.reasonEn : '',
    overlapHa: round(total, 4),
    pctOfSite: pct(total),
    matches,
  };
}

/**
 * Evaluates a WGS84 site against the layers: for every layer it touches, the
 * overlap (ha, % of the site) per feature and in total, and the outcome its
 * rule gives; the overall outcome is the worst of them.
 */
export function evaluateSite(site: Polygon | MultiPolygon, layers: EngineLayer[], rules: Rule[]): Evaluation {
  const siteFeature = turf.feature(site);
  const siteBbox = turf.bbox(siteFeature) as Bbox;
  const siteAreaHa = areaHa(site);
  const ruleOf = (type: LayerType): Rule =>
    rules.find((r) => r.layerType === type) ?? {
      layerType: type,
      outcome: 'needs_review',
      reasonVi: 'Chưa có quy tắc cho loại lớp này.',
      reasonEn: 'No rule for this layer type yet.',
    };
  const results = layers
    .map((layer) => evaluateLayer(siteFeature, siteBbox, siteAreaHa, layer, ruleOf(layer.type)))
    .filter((r): r is LayerResult => r !== null);
  return {
    siteAreaHa: round(siteAreaHa, 4),
    overall: worstOutcome(results.filter((r) => r.touched).map((r) => r.outcome)),
    layers: results,
  };
}
