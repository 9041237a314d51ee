// Reading and checking the geometry of a site or of a layer an admin loads:
// which shapes are accepted, plausibility of the coordinates for the declared
// system, conversion to WGS84, rings and self-intersections. Pure functions.
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { type Crs, VIETNAM_BBOX, VN2000_RANGE, vn2000ToWgs84 } from './crs.ts';

export const MAX_SITE_VERTICES = 20_000;
export const MAX_LAYER_VERTICES = 500_000;
export const MAX_LAYER_FEATURES = 5_000;

/** A problem with the geometry: a message key and its parameters (vi/en). */
export class GeometryProblem extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** Every geometry in a GeoJSON object (geometry, feature or collection), with the feature's properties. */
export function geometriesOf(input: unknown): { geometry: Geometry; properties: Record<string, unknown> }[] {
  if (!input || typeof input !== 'object') throw new GeometryProblem('conformity.geom.notGeojson');
  const o = input as { type?: unknown };
  switch (o.type) {
    case 'FeatureCollection': {
      const features = (input as FeatureCollection).features;
      if (!Array.isArray(features)) throw new GeometryProblem('conformity.geom.notGeojson');
      return features.flatMap((f) => geometriesOf(f));
    }
    case 'Feature': {
      const f = input as Feature;
      if (!f.geometry) return [];
      if (f.geometry.type === 'GeometryCollection') {
        return f.geometry.geometries.map((g) => ({ geometry: g, properties: f.properties ?? {} }));
      }
      return [{ geometry: f.geometry, properties: (f.properties ?? {}) as Record<string, unknown> }];
    }
    case 'GeometryCollection':
      return (input as { geometries: Geometry[] }).geometries.flatMap((g) => geometriesOf(g));
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
    case 'Polygon':
    case 'MultiPolygon':
      if (!Array.isArray((input as { coordinates?: unknown }).coordinates))
        throw new GeometryProblem('conformity.geom.notGeojson');
      return [{ geometry: input as Geometry, properties: {} }];
    default:
      throw new GeometryProblem('conformity.geom.notGeojson');
  }
}

/** Applies `fn` to every position of a geometry (returns a new geometry). */
export function mapPositions<G extends Geometry>(g: G, fn: (p: Position) => Position): G {
  const walk = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number' ? fn(c as Position) : (c as unknown[]).map(walk);
  if (g.type === 'GeometryCollection') throw new GeometryProblem('conformity.geom.notGeojson');
  return {
    ...g,
    coordinates: walk((g as Exclude<Geometry, { type: 'GeometryCollection' }>).coordinates),
  } as G;
}

function positionsOf(g: Geometry): Position[] {
  const out: Position[] = [];
  mapPositions(g, (p) => {
    out.push(p);
    return p;
  });
  return out;
}

/**
 * Refuses coordinates that cannot be in the declared system, and says what they
 * look like instead (projected metres given as degrees, lat/lon swapped, …).
 */
export function checkCoordinates(positions: Position[], crs: Crs): void {
  for (const p of positions) {
    if (p.length < 2 || !p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw new GeometryProblem('conformity.geom.badNumber');
    }
  }
  const looksProjected = (px: number, py: number) => Math.abs(px) > 1000 && Math.abs(py) > 1000;
  if (crs.kind === 'wgs84') {
    const { minLon, maxLon, minLat, maxLat } = VIETNAM_BBOX;
    const bad = positions.find(([px, py]) => Math.abs(px!) > 180 || Math.abs(py!) > 90);
    if (bad && looksProjected(bad[0]!, bad[1]!)) {
      throw new GeometryProblem('conformity.geom.looksProjected', { x: fmt(bad[0]!), y: fmt(bad[1]!) });
    }
    const outside = positions.find(
      ([lon, lat]) => lon! < minLon || lon! > maxLon || lat! < minLat || lat! > maxLat,
    );
    if (outside) {
      const swapped =
        outside[1]! >= minLon && outside[1]! <= maxLon && outside[0]! >= minLat && outside[0]! <= maxLat;
      throw new GeometryProblem(swapped ? 'conformity.geom.swapped' : 'conformity.geom.outsideVietnam', {
        x: fmt(outside[0]!),
        y: fmt(outside[1]!),
      });
    }
    return;
  }
  const { minX, maxX, minY, maxY } = VN2000_RANGE;
  const bad = positions.find(([px, py]) => px! < minX || px! > maxX || py! < minY || py! > maxY);
  if (bad) {
    const degrees = Math.abs(bad[0]!) <= 180 && Math.abs(bad[1]!) <= 90;
    const swapped = bad[1]! >= minX && bad[1]! <= maxX && bad[0]! >= minY && bad[0]! <= maxY;
    throw new GeometryProblem(
      degrees
        ? 'conformity.geom.looksDegrees'
        : swapped
          ? 'conformity.geom.swappedXY'
          : 'conformity.geom.vn2000Range',
      { x: fmt(bad[0]!), y: fmt(bad[1]!) },
    );
  }
}

/** Converts a geometry given in `crs` to WGS84 lon/lat (a no-op for WGS84). */
export function toWgs84<G extends Geometry>(g: G, crs: Crs): G {
  if (crs.kind === 'wgs84') return mapPositions(g, (p) => [p[0]!, p[1]!]);
  const zone = crs.zone;
  return mapPositions(g, (p) => {
    const [lon, lat] = vn2000ToWgs84(zone, [p[0]!, p[1]!]);
    return [Math.round(lon * 1e8) / 1e8, Math.round(lat * 1e8) / 1e8];
  });
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Rings: closed, at least 4 positions (a triangle), not all on one line. */
function checkRings(polygon: Polygon, index: number): void {
  polygon.coordinates.forEach((ring, r) => {
    if (!Array.isArray(ring) || ring.length < 4) {
      throw new GeometryProblem('conformity.geom.ringTooShort', { part: index + 1, ring: r + 1 });
    }
    if (!samePosition(ring[0]!, ring[ring.length - 1]!)) {
      throw new GeometryProblem('conformity.geom.ringNotClosed', { part: index + 1, ring: r + 1 });
    }
  });
}

function checkArea(polygon: Polygon, index: number): void {
  if (turf.area(polygon) <= 0) throw new GeometryProblem('conformity.geom.zeroArea', { part: index + 1 });
}

function checkKinks(polygon: Polygon): void {
  const kinks = turf.kinks(turf.polygon(polygon.coordinates));
  const first = kinks.features[0];
  if (first) {
    const [lon, lat] = first.geometry.coordinates as [number, number];
    throw new GeometryProblem('conformity.geom.selfIntersection', {
      lon: fmt(lon),
      lat: fmt(lat),
      count: kinks.features.length,
    });
  }
}

function polygonsOf(g: Geometry): Polygon[] {
  if (g.type === 'Polygon') return [g];
  if (g.type === 'MultiPolygon') return g.coordinates.map((c) => ({ type: 'Polygon', coordinates: c }));
  return [];
}

/**
 * A site: one or more polygons given in `crs`, checked and returned as one WGS84
 * Polygon or MultiPolygon. Points and lines are refused (a site has an area).
 */
export function readSite(input: unknown, crs: Crs): Polygon | MultiPolygon {
  const geoms = geometriesOf(input);
  if (geoms.length === 0) throw new GeometryProblem('conformity.geom.empty');
  const nonArea = geoms.find((g) => g.geometry.type !== 'Polygon' && g.geometry.type !== 'MultiPolygon');
  if (nonArea) throw new GeometryProblem('conformity.geom.notPolygon', { type: nonArea.geometry.type });
  const positions = geoms.flatMap((g) => positionsOf(g.geometry));
  if (positions.length > MAX_SITE_VERTICES) {
    throw new GeometryProblem('conformity.geom.tooManyVertices', {
      count: positions.length,
      max: MAX_SITE_VERTICES,
    });
  }
  checkCoordinates(positions, crs);
  const polygons = geoms.flatMap((g) => polygonsOf(toWgs84(g.geometry, crs)));
  polygons.forEach((p, i) => {
    checkRings(p, i);
    checkKinks(p);
    checkArea(p, i);
  });
  if (polygons.length === 1) return polygons[0]!;
  return { type: 'MultiPolygon', coordinates: polygons.map((p) => p.coordinates) };
}

export type LayerFeatureInput = { geometry: Geometry; properties: Record<string, unknown> };

/** The features of a layer an admin loads: any shape, checked like a site, converted to WGS84. */
export function readLayerFeatures(input: unknown, crs: Crs): LayerFeatureInput[] {
  const geoms = geometriesOf(input);
  if (geoms.length === 0) throw new GeometryProblem('conformity.geom.empty');
  if (geoms.length > MAX_LAYER_FEATURES) {
    throw new GeometryProblem('conformity.geom.tooManyFeatures', {
      count: geoms.length,
      max: MAX_LAYER_FEATURES,
    });
  }
  const positions = geoms.flatMap((g) => positionsOf(g.geometry));
  if (positions.length > MAX_LAYER_VERTICES) {
    throw new GeometryProblem('conformity.geom.tooManyVertices', {
      count: positions.length,
      max: MAX_LAYER_VERTICES,
    });
  }
  checkCoordinates(positions, crs);
  return geoms.map((g) => {
    const geometry = toWgs84(g.geometry, crs);
    polygonsOf(geometry).forEach((p, i) => {
      checkRings(p, i);
      checkKinks(p);
      checkArea(p, i);
    });
    return { geometry, properties: g.properties };
  });
}
