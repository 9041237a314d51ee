import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { zipSync } from 'fflate';
import type { Polygon } from 'geojson';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { PROVINCE_ZONES, wgs84ToVn2000 } from './crs.ts';
import { mapPositions } from './geometry.ts';

let t: TestApp;
let admin: Session;
let planner: Session;

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
// 459.81 ha; the test zone covers its eastern half, 229.91 ha (hand computation in engine.test.ts).
const SITE = rect(105.8, 21.6, 105.82, 21.62);

type Report = {
  overall: string;
  siteAreaHa: number;
  layers: { layerId: string; overlapHa: number; pctOfSite: number; outcome: string; reasonVi: string }[];
  admin: {
    oldDistricts: { id: string; overlapHa: number }[];
    communesWithin: { id: string }[];
    derivedCommunes: { id: string }[];
  };
};
type Check = { id: number; overall: string; siteAreaHa: number; requestedByLabel: string; report: Report };

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/conformity/layers',
    headers: admin.headers(),
    payload: {
      id: 'test-zone',
      type: 'zone',
      nameVi: 'Phân khu thử nghiệm',
      isSample: true,
      geojson: {
        type: 'Feature',
        properties: { name: 'Phân khu A' },
        geometry: rect(105.81, 21.6, 105.83, 21.62),
      },
    },
  });
  assert.equal(res.statusCode, 201, res.body);
});
after(async () => {
  await t.close();
});

async function check(session: Session, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/conformity/checks',
    headers: session.headers(),
    payload,
  });
}

describe('conformity checks API', () => {
  test('a site over the test zone: overlap in ha, outcome from the rule, units old and new, saved', async () => {
    const res = await check(planner, { title: 'Khu đất thử', geojson: SITE });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as Check;
    const zone = body.report.layers.find((l) => l.layerId === 'test-zone')!;
    assert.ok(Math.abs(zone.overlapHa - 229.91) / 229.91 < 0.001, `${zone.overlapHa}`);
    assert.ok(Math.abs(zone.pctOfSite - 50) < 0.1);
    assert.equal(zone.outcome, 'needs_review');
    assert.equal(body.overall, 'needs_review');
    assert.ok(body.report.admin.oldDistricts.length >= 1, 'lies in a pre-2025 district');
    assert.ok(body.report.admin.derivedCommunes.length >= 1, 'new communes derived through the lineage');
    assert.match(body.requestedByLabel, /Test planner/);
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conformity/checks/${body.id}`,
      headers: planner.headers(),
    });
    assert.equal(again.statusCode, 200);
    assert.deepEqual((again.json() as Check).report, body.report);
  });

  test('the same site in VN-2000 gives the same districts and communes, overlap within 1 %', async () => {
    const zone = PROVINCE_ZONES.find((z) => z.key === 'thai-nguyen')!;
    const vn = mapPositions(SITE, (p) => wgs84ToVn2000(zone, [p[0]!, p[1]!]));
    const a = (await check(planner, { geojson: SITE })).json() as Check;
    const res = await check(planner, { geojson: vn, crs: 'vn2000:thai-nguyen' });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json() as Check;
    const ids = (c: Check) => c.report.admin.oldDistricts.map((d) => d.id).sort();
    assert.deepEqual(ids(b), ids(a));
    assert.deepEqual(
      b.report.admin.communesWithin.map((c) => c.id).sort(),
      a.report.admin.communesWithin.map((c) => c.id).sort(),
    );
    assert.deepEqual(
      b.report.admin.derivedCommunes.map((c) => c.id),
      a.report.admin.derivedCommunes.map((c) => c.id),
    );
    const za = a.report.layers.find((l) => l.layerId === 'test-zone')!;
    const zb = b.report.layers.find((l) => l.layerId === 'test-zone')!;
    assert.ok(Math.abs(za.overlapHa - zb.overlapHa) / za.overlapHa < 0.01);
  });

  test('a bow-tie is refused with a message that says it crosses itself; nothing is saved', async () => {
    const before = await countRows(t.database, 'conformity_checks');
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
    const res = await check(planner, { geojson: bowTie });
    assert.equal(res.statusCode, 400);
    assert.match(
      (res.json() as { error: { message: string } }).error.message,
      /tự cắt chính nó.*105,81|tự cắt chính nó.*105\.81/,
    );
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conformity/checks?lang=en',
      headers: planner.headers({ 'accept-language': 'en' }),
      payload: { geojson: bowTie },
    });
    assert.match((en.json() as { error: { message: string } }).error.message, /crosses itself/);
    assert.equal(await countRows(t.database, 'conformity_checks'), before);
  });

  test('a file upload (multipart KML) is checked too; a zip escaping its folder is refused', async () => {
    const ring = SITE.coordinates[0]!.map((p) => p.join(',')).join(' ');
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>Khu</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`;
    const form = (name: string, content: Uint8Array | string) => {
      const fd = new FormData();
      fd.set('title', 'Tệp');
      fd.set('file', new Blob([content as BlobPart]), name);
      return fd;
    };
    const send = async (fd: FormData) => {
      const req = new Request('http://x/', { method: 'POST', body: fd });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/conformity/checks',
        headers: planner.headers({ 'content-type': req.headers.get('content-type')! }),
        payload: Buffer.from(await req.arrayBuffer()),
      });
    };
    const ok = await send(form('site.kml', kml));
    assert.equal(ok.statusCode, 201, ok.body);
    assert.ok(Math.abs((ok.json() as Check).siteAreaHa - 459.81) < 0.5);
    const evil = zipSync({ '../evil.shp': new Uint8Array([1, 2, 3]) });
    const bad = await send(form('site.zip', evil));
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { error: { message: string } }).error.message, /không an toàn/);
  });

  test('only signed-in users may check; only admins load layers', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conformity/checks',
      payload: { geojson: SITE },
    });
    assert.equal(anon.statusCode, 401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conformity/layers',
      headers: planner.headers(),
      payload: { id: 'x-layer', type: 'zone', nameVi: 'X', geojson: SITE },
    });
    assert.equal(res.statusCode, 403);
  });
});

describe('conformity pages (no JavaScript)', () => {
  const form = (fields: Record<string, string>) =>
    new URLSearchParams({ _csrf: planner.csrfToken, ...fields }).toString();
  const post = (fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/conformity/checks',
      headers: {
        cookie: planner.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: form(fields),
    });

  test('pasted GeoJSON gives a report page and a PDF', async () => {
    const res = await post({ title: 'Dán GeoJSON', crs: 'wgs84', geojson: JSON.stringify(SITE) });
    assert.equal(res.statusCode, 303, res.body);
    const url = res.headers.location as string;
    const page = await t.app.inject({ method: 'GET', url, headers: { cookie: planner.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kết quả kiểm tra: Dán GeoJSON/);
    assert.match(page.body, /Phân khu thử nghiệm/);
    assert.match(page.body, /229,91/);
    assert.match(page.body, /Cần xem xét/);
    const pdf = await t.app.inject({ method: 'GET', url: `${url}.pdf`, headers: { cookie: planner.cookie } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('a bow-tie pasted in the form comes back with the message and the text kept', async () => {
    const bowTie = JSON.stringify({
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
    });
    const res = await post({ title: 'Sai', crs: 'wgs84', geojson: bowTie });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /tự cắt chính nó/);
    assert.match(res.body, /105\.82/);
  });
});

describe('conformity admin page', () => {
  test('an administrator changes a rule; checks after that use it; a stale form gets 409', async () => {
    const rules = (
      await t.app.inject({ method: 'GET', url: '/api/v1/conformity/rules', headers: admin.headers() })
    ).json() as { items: { layerType: string; rowVersion: number }[] };
    const zoneRule = rules.items.find((r) => r.layerType === 'zone')!;
    const form = new URLSearchParams({
      _csrf: admin.csrfToken,
      rowVersion: String(zoneRule.rowVersion),
      'outcome-zone': 'conflict',
      'reasonVi-zone': 'Phân khu cấm xây dựng (thử)',
      'reasonEn-zone': 'No building in this zone (test)',
    }).toString();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/admin/conformity/rules/zone',
        headers: {
          cookie: admin.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
        payload: form,
      });
    const res = await post();
    assert.equal(res.statusCode, 303, res.body);
    const stale = await post();
    assert.equal(stale.statusCode, 409);
    const checked = (await check(planner, { geojson: SITE })).json() as Check;
    const zone = checked.report.layers.find((l) => l.layerId === 'test-zone')!;
    assert.equal(zone.outcome, 'conflict');
    assert.equal(zone.reasonVi, 'Phân khu cấm xây dựng (thử)');
    assert.equal(checked.overall, 'conflict');
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/conformity',
      headers: { cookie: admin.cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Phân khu thử nghiệm/);
    const forPlanner = await t.app.inject({
      method: 'GET',
      url: '/admin/conformity',
      headers: { cookie: planner.cookie },
    });
    assert.equal(forPlanner.statusCode, 403);
  });
});
