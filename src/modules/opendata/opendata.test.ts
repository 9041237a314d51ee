import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { comments } from '../engagement/schema.ts';
import { DATASETS } from './datasets.ts';

type Meta = {
  id: string;
  title: string;
  licence: string;
  rowCount: number;
  updatedAt: string | null;
  downloads: Record<string, string>;
};

describe('open data catalogue and downloads', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ seeded: true });
    await t.database.db.insert(comments).values([
      {
        targetType: 'section',
        targetId: 1,
        body: 'Đề nghị bổ sung tuyến xe buýt đến khu công nghiệp Yên Bình.',
        authorName: 'Nguyễn Thị Bích',
        authorEmail: 'bich.nguyen@example.test',
        ipHash: 'hash-ip-bi-mat',
        pseudonym: 'Bạn đọc #4821',
        state: 'approved',
        replyBody: 'Sở Giao thông vận tải đã tiếp thu ý kiến.',
        repliedAt: new Date('2026-05-02T03:00:00Z'),
        isSample: true,
      },
      {
        targetType: 'section',
        targetId: 1,
        body: 'Ý kiến chưa được trả lời',
        authorName: 'Trần Văn C',
        pseudonym: 'Bạn đọc #1',
        state: 'approved',
        isSample: true,
      },
    ]);
  });
  after(() => t.close());

  test('the catalogue page lists every dataset with licence, source, update and downloads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/du-lieu-mo' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Dữ liệu mở<\/h1>/);
    const api = (await t.app.inject({ method: 'GET', url: '/api/v1/datasets' })).json() as {
      items: Meta[];
      zip: string;
    };
    assert.equal(api.items.length, DATASETS.length);
    for (const d of api.items) {
      assert.ok(res.body.includes(d.title), d.title);
      assert.ok(res.body.includes(`href="/du-lieu-mo/${d.id}.csv"`), `${d.id} csv link`);
      assert.equal(d.licence.length > 0, true);
    }
    assert.match(res.body, /CC-BY-4\.0/);
    assert.match(res.body, /href="\/du-lieu-mo\/tat-ca\.zip"/);
    const en = await t.app.inject({ method: 'GET', url: '/du-lieu-mo?lang=en' });
    assert.match(en.body, /<h1>Open data<\/h1>/);
    assert.match(en.body, /Priority investment projects/);
  });

  test('the projects CSV opens with correct Vietnamese and has as many rows as the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/du-lieu-mo/projects.csv' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv; charset=utf-8/);
    assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    const api = (await t.app.inject({ method: 'GET', url: '/api/v1/projects' })).json() as {
      items: { code: string; nameVi: string }[];
    };
    assert.ok(api.items.length > 0, 'the seeded dataset has projects');
    assert.equal(rows.length, api.items.length);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const p of api.items) assert.equal(byCode.get(p.code)?.name_vi, p.nameVi);
    assert.ok(
      rows.some((r) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(r.name_vi ?? '')),
    );
  });

  test('XLSX, JSON and GeoJSON hold the same rows', async () => {
    const json = (await t.app.inject({ method: 'GET', url: '/du-lieu-mo/admin-units.json' })).json() as {
      dataset: Meta;
      rows: Record<string, unknown>[];
    };
    assert.ok(json.rows.length > 0);
    assert.equal(json.dataset.rowCount, json.rows.length);

    const xlsx = await t.app.inject({ method: 'GET', url: '/du-lieu-mo/admin-units.xlsx' });
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, json.rows.length + 1);
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const nameCol = headers.indexOf('name_vi') + 1;
    assert.equal(ws.getRow(2).getCell(nameCol).value, json.rows[0]!.name_vi);

    const geo = await t.app.inject({ method: 'GET', url: '/du-lieu-mo/admin-units.geojson' });
    assert.match(String(geo.headers['content-type']), /application\/geo\+json/);
    const fc = geo.json() as {
      type: string;
      features: { geometry: { type: string } | null; properties: { id: string } }[];
    };
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal(fc.features.length, json.rows.length);
    assert.ok(fc.features.some((f) => f.geometry?.type === 'MultiPolygon' || f.geometry?.type === 'Polygon'));
  });

  test('answered comments carry the answer and no personal data', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/du-lieu-mo/answered-comments.json' });
    const body = res.body;
    const rows = (res.json() as { rows: Record<string, unknown>[] }).rows;
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.author, 'Bạn đọc #4821');
    assert.equal(rows[0]!.reply_body, 'Sở Giao thông vận tải đã tiếp thu ý kiến.');
    for (const secret of ['Nguyễn Thị Bích', 'bich.nguyen@example.test', 'hash-ip-bi-mat', 'Trần Văn C'])
      assert.equal(body.includes(secret), false, secret);
  });

  test('one zip holds every dataset in every format and the catalogue', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/du-lieu-mo/tat-ca.zip' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    assert.ok(files['catalogue.json']);
    for (const d of DATASETS) {
      for (const f of ['csv', 'xlsx', 'json']) assert.ok(files[`${d.id}.${f}`], `${d.id}.${f}`);
      assert.equal(Boolean(files[`${d.id}.geojson`]), d.spatial, `${d.id}.geojson`);
    }
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files['projects.csv']);
    assert.equal(csv.charCodeAt(0), 0xfeff);
  });

  test('downloads are public data: CORS, public caching, ETag and 304', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/du-lieu-mo/legal-documents.csv' });
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+$/);
    const again = await t.app.inject({
      method: 'GET',
      url: '/du-lieu-mo/legal-documents.csv',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
    const page = await t.app.inject({ method: 'GET', url: '/du-lieu-mo' });
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('an unknown dataset or format is a 404 in the reader’s language', async () => {
    for (const url of ['/du-lieu-mo/khong-co.csv', '/du-lieu-mo/projects.pdf', '/du-lieu-mo/tasks.geojson']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      assert.equal(res.statusCode, 404, url);
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/datasets/khong-co' });
    assert.equal(api.statusCode, 400);
  });
});
