import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Polygon } from 'geojson';
import { PROVINCE_ZONES, parseCrs, wgs84ToVn2000 } from './crs.ts';
import { type EngineLayer, evaluateSite, type Rule } from './engine.ts';
import { GeometryProblem, mapPositions, readSite } from './geometry.ts';

const rect = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

// Hand computation. turf.area works on a sphere of radius R = 6 371 008.8 m
// (turf's earthRadius). On a sphere the area between two meridians λ1, λ2 and two
// parallels φ1, φ2 is A = R² · (λ2 − λ1) · (sin φ2 − sin φ1), λ in radians.
// Site: 105.80–105.82 °E × 21.60–21.62 °N.
//   R² = 4.058975e13 m²; Δλ = 0.02° = 3.490659e-4 rad; sin 21.62° − sin 21.60° = 3.245308e-4
//   A = 4.058975e13 × 3.490659e-4 × 3.245308e-4 = 4.598113e6 m² = 459.81 ha.
// Zone: 105.81–105.83 °E over the same latitudes; the overlap is 105.81–105.82 °E,
//   half the longitude span, so 229.91 ha = 50 % of the site.
// (On the WGS84 ellipsoid the same rectangle is about 0.3 % larger; the app reports
// turf's spherical figures and says so in docs/conformity.md.)
const SITE = rect(105.8, 21.6, 105.82, 21.62);
const SITE_HA = 459.81;
const OVERLAP_HA = 229.91;

const zoneLayer: EngineLayer = {
  id: 'zone-test',
  type: 'zone',
  nameVi: 'Phân khu thử',
  nameEn: 'Test zone',
  bufferMeters: 0,
  features: [{ id: 'z1', nameVi: 'Phân khu A', geometry: rect(105.81, 21.6, 105.83, 21.62) }],
};
const farLayer: EngineLayer = {
  id: 'protected-test',
  type: 'protected',
  nameVi: 'Rừng đặc dụng thử',
  nameEn: null,
  bufferMeters: 0,
  features: [{ id: 'p1', nameVi: 'Xa', geometry: rect(106.2, 22.0, 106.3, 22.1) }],
};
const rules: Rule[] = [
  { layerType: 'zone', outcome: 'needs_review', reasonVi: 'Xem lại', reasonEn: 'Review' },
  { layerType: 'protected', outcome: 'conflict', reasonVi: 'Cấm', reasonEn: 'Forbidden' },
  { layerType: 'infrastructure_corridor', outcome: 'conflict', reasonVi: 'Hành lang', reasonEn: 'Corridor' },
];

describe('conformity engine', () => {
  test('a site overlapping a zone reports the hand-computed overlap and the rule outcome', () => {
    const result = evaluateSite(SITE, [zoneLayer, farLayer], rules);
    assert.ok(Math.abs(result.siteAreaHa - SITE_HA) / SITE_HA < 0.001, `site ${result.siteAreaHa} ha`);
    assert.equal(result.layers.length, 1, 'the far protected layer is not touched');
    const zone = result.layers[0]!;
    assert.equal(zone.layerId, 'zone-test');
    assert.ok(Math.abs(zone.overlapHa - OVERLAP_HA) / OVERLAP_HA < 0.001, `overlap ${zone.overlapHa} ha`);
    assert.ok(Math.abs(zone.pctOfSite - 50) < 0.1, `${zone.pctOfSite} %`);
    assert.equal(zone.outcome, 'needs_review');
    assert.equal(result.overall, 'needs_review');
  });

  test('a corridor line with a 100 m buffer through the site is a conflict; overall is the worst', () => {
    const road: EngineLayer = {
      id: 'road',
      type: 'infrastructure_corridor',
      nameVi: 'Đường',
      nameEn: null,
      bufferMeters: 100,
      features: [
        {
          id: 'r1',
          nameVi: 'QL thử',
          geometry: {
            type: 'LineString',
            coordinates: [
              [105.81, 21.59],
              [105.81, 21.63],
            ],
          },
        },
      ],
    };
    const result = evaluateSite(SITE, [zoneLayer, road], rules);
    const corridor = result.layers.find((l) => l.layerId === 'road')!;
    // 200 m wide strip across the 0.02° (≈ 2 214 m) tall site ≈ 44 ha.
    assert.ok(corridor.overlapHa > 40 && corridor.overlapHa < 48, `${corridor.overlapHa} ha`);
    assert.equal(corridor.outcome, 'conflict');
    assert.equal(result.overall, 'conflict');
  });

  test('points of a point layer inside the site are listed; outside ones only as nearest', () => {
    const communes: EngineLayer = {
      id: 'communes',
      type: 'admin_units_new',
      nameVi: 'Xã 2025',
      nameEn: null,
      bufferMeters: 0,
      features: [
        { id: 'c-in', nameVi: 'Xã Trong', geometry: { type: 'Point', coordinates: [105.81, 21.61] } },
        { id: 'c-out', nameVi: 'Xã Ngoài', geometry: { type: 'Point', coordinates: [105.9, 21.61] } },
      ],
    };
    const layer = evaluateSite(SITE, [communes], rules).layers[0]!;
    assert.deepEqual(
      layer.matches.map((m) => [m.featureId, m.kind]),
      [['c-in', 'point_within']],
    );
  });
});

describe('site geometry', () => {
  test('a bow-tie polygon is refused, saying it crosses itself and where', () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [105.8, 21.6],
          [105.82, 21.62],
          [105.82, 21.6],
          [105.8, 21.62],
          [105.8, 21.6],
        ],
      ],
    };
    assert.throws(
      () => readSite(bowTie, parseCrs('wgs84')!),
      (e: unknown) =>
        e instanceof GeometryProblem &&
        e.key === 'conformity.geom.selfIntersection' &&
        e.params.lon === '105.81' &&
        e.params.lat === '21.61',
    );
  });

  test('projected numbers declared as WGS84 are recognised; degrees declared as VN-2000 too', () => {
    const zone = PROVINCE_ZONES[0]!;
    const projected = mapPositions(SITE, (p) => wgs84ToVn2000(zone, [p[0]!, p[1]!]));
    assert.throws(
      () => readSite(projected, parseCrs('wgs84')!),
      (e: unknown) => e instanceof GeometryProblem && e.key === 'conformity.geom.looksProjected',
    );
    assert.throws(
      () => readSite(SITE, parseCrs('vn2000:thai-nguyen')!),
      (e: unknown) => e instanceof GeometryProblem && e.key === 'conformity.geom.looksDegrees',
    );
    const swapped = mapPositions(SITE, (p) => [p[1]!, p[0]!]);
    assert.throws(
      () => readSite(swapped, parseCrs('wgs84')!),
      (e: unknown) => e instanceof GeometryProblem && e.key === 'conformity.geom.swapped',
    );
  });

  test('an unclosed ring and a two-point ring are refused', () => {
    const open = { type: 'Polygon', coordinates: [SITE.coordinates[0]!.slice(0, 4)] };
    assert.throws(
      () => readSite(open, parseCrs('wgs84')!),
      (e: unknown) => e instanceof GeometryProblem && e.key === 'conformity.geom.ringNotClosed',
    );
    const line = {
      type: 'LineString',
      coordinates: [
        [105.8, 21.6],
        [105.81, 21.61],
      ],
    };
    assert.throws(
      () => readSite(line, parseCrs('wgs84')!),
      (e: unknown) => e instanceof GeometryProblem && e.key === 'conformity.geom.notPolygon',
    );
  });

  test('the same site given in VN-2000 (zone 106°30′) gives the same overlap within 1 %', () => {
    const zone = PROVINCE_ZONES[0]!;
    const inVn2000 = mapPositions(SITE, (p) => wgs84ToVn2000(zone, [p[0]!, p[1]!]));
    // Easting near 5.3e5 m, northing near 2.39e6 m: what a surveyor's drawing holds.
    const first = inVn2000.coordinates[0]![0]!;
    assert.ok(first[0]! > 400_000 && first[0]! < 600_000 && first[1]! > 2_300_000, String(first));
    const site = readSite(inVn2000, parseCrs('vn2000:thai-nguyen')!);
    const a = evaluateSite(SITE, [zoneLayer], rules).layers[0]!;
    const b = evaluateSite(site, [zoneLayer], rules).layers[0]!;
    assert.ok(Math.abs(a.overlapHa - b.overlapHa) / a.overlapHa < 0.01, `${a.overlapHa} vs ${b.overlapHa}`);
  });
});
