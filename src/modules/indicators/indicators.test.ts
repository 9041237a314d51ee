import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { queryRows } from '../../kernel/db/query.ts';
import { loadIndicatorSummaries, loadIndicatorView, loadIndicatorViews } from './queries.ts';

let t: TestApp;
let planner: Session;
let editor: Session;
let leader: Session;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  editor = await login(t.app, (await createTestUser(t.database, 'agency_editor', { agencyId: 1 })).email);
  leader = await login(t.app, (await createTestUser(t.database, 'leader')).email);
});
after(async () => {
  await t.close();
});

type Result = {
  status: string;
  ratio: number | null;
  requiredRateNow: number | null;
  achievedRate: number | null;
};

test('GET /api/v1/indicators lists the 30 indicators; filters by category, plan and status', async () => {
  const all = await t.app.inject({ url: '/api/v1/indicators' });
  assert.equal(all.statusCode, 200);
  assert.equal(all.json().items.length, 30);
  const eco = (await t.app.inject({ url: '/api/v1/indicators?category=economic' })).json().items as {
    category: string;
  }[];
  assert.ok(eco.length > 0 && eco.every((i) => i.category === 'economic'));
  const adj = (await t.app.inject({ url: '/api/v1/indicators?plan=tn-2021-2030-dieu-chinh-2026' })).json()
    .items;
  assert.equal(adj.length, 11);
  const accel = (await t.app.inject({ url: '/api/v1/indicators?status=needs_acceleration' })).json()
    .items as { code: string }[];
  assert.ok(accel.some((i) => i.code === 'grdp_growth'));
  const bad = await t.app.inject({ url: '/api/v1/indicators?status=great' });
  assert.equal(bad.statusCode, 400);
});

test('GET /api/v1/indicators/grdp_growth gives the status with its numbers and the projection', async () => {
  const res = await t.app.inject({ url: '/api/v1/indicators/grdp_growth' });
  assert.equal(res.statusCode, 200);
  const body = res.json() as {
    targets: { result: Result & { yearsMissing: number[] } }[];
    observations: unknown[];
  };
  const r = body.targets[0]!.result;
  assert.equal(r.status, 'needs_acceleration');
  assert.ok(Math.abs(r.achievedRate! - 6.876) < 0.001);
  assert.ok(Math.abs(r.requiredRateNow! - 8.5665) < 0.001);
  assert.deepEqual(r.yearsMissing, [2021]);
  assert.equal(body.observations.length, 3);
  assert.equal((await t.app.inject({ url: '/api/v1/indicators/khong-co' })).statusCode, 404);
});

test('POST observations: planners write approved values; anonymous and leaders are refused; bad input is 400', async () => {
  const url = '/api/v1/indicators/grdp_growth/observations';
  assert.equal(
    (await t.app.inject({ method: 'POST', url, payload: { year: 2021, value: 6.4 } })).statusCode,
    401,
  );
  const byLeader = await t.app.inject({
    method: 'POST',
    url,
    headers: leader.headers(),
    payload: { year: 2021, value: 6.4 },
  });
  assert.equal(byLeader.statusCode, 403);
  // The seeded indicators have no responsible agency yet: an agency editor may not write them.
  const byEditor = await t.app.inject({
    method: 'POST',
    url,
    headers: editor.headers(),
    payload: { year: 2021, value: 6.4 },
  });
  assert.equal(byEditor.statusCode, 403);
  const before = await countRows(t.database, 'indicator_observations');
  const bad = await t.app.inject({
    method: 'POST',
    url,
    headers: planner.headers(),
    payload: { year: 1800, value: 'x' },
  });
  assert.equal(bad.statusCode, 400);
  const unknownUnit = await t.app.inject({
    method: 'POST',
    url,
    headers: planner.headers(),
    payload: { year: 2021, value: 6.4, adminUnitId: 'khong-co' },
  });
  assert.equal(unknownUnit.statusCode, 400);
  assert.equal(await countRows(t.database, 'indicator_observations'), before);

  const growthUrl = '/api/v1/indicators/agri_product_value_growth/observations';
  const ok = await t.app.inject({
    method: 'POST',
    url: growthUrl,
    headers: planner.headers(),
    payload: { year: 2026, value: 4.5, note: 'thử nghiệm' },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const saved = ok.json() as { id: number; status: string; rowVersion: number };
  assert.equal(saved.status, 'approved');
  // A stale version is refused.
  const stale = await t.app.inject({
    method: 'POST',
    url: growthUrl,
    headers: planner.headers(),
    payload: { year: 2026, value: 4.6, rowVersion: 99 },
  });
  assert.equal(stale.statusCode, 409);
  const audit = await countRows(t.database, 'audit_log');
  assert.ok(audit > 0);
  const detail = (await t.app.inject({ url: '/api/v1/indicators/agri_product_value_growth' })).json() as {
    targets: { result: { yearsObserved: number[]; status: string } }[];
  };
  // 4.5 %/year against 4 %/year for 2026–2030, period not over: on track
  assert.deepEqual(detail.targets[0]!.result.yearsObserved, [2026]);
  assert.equal(detail.targets[0]!.result.status, 'on_track');
});

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('so_lieu');
  ws.addRow(['indicator_code', 'year', 'quarter', 'admin_unit_id', 'value', 'status', 'note', 'source_url']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipartBody(file: Buffer, csrf: string) {
  const boundary = '----quyhoachtest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="so-lieu.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

test('spreadsheet import is all-or-nothing with errors by row and column', async () => {
  const before = await countRows(t.database, 'indicator_observations');
  const bad = await workbook([
    ['urbanization_rate', 2025, 0, null, 47.1, 'approved', null, 'https://example.org/a'],
    ['urbanization_rate', 'năm', 0, null, 'abc', null, null, null],
    ['khong_co', 2025, 0, null, 1, null, null, null],
  ]);
  const body = multipartBody(bad, planner.csrfToken);
  const res = await t.app.inject({
    method: 'POST',
    url: '/indicators/import',
    headers: { cookie: planner.cookie, 'content-type': body.contentType, accept: 'application/json' },
    payload: body.payload,
  });
  assert.equal(res.statusCode, 400, res.body);
  const fields = (res.json() as { error: { fields: { field: string; message: string }[] } }).error.fields;
  const where = fields.map((f) => f.field).sort();
  assert.deepEqual(where, ['row3.value', 'row3.year', 'row4.indicator_code']);
  assert.match(fields.find((f) => f.field === 'row3.year')!.message, /Dòng 3, cột year/);
  assert.equal(await countRows(t.database, 'indicator_observations'), before);

  const good = multipartBody(
    await workbook([
      ['urbanization_rate', 2025, 0, null, '47,1', 'approved', null, 'https://example.org/a'],
      ['population', 2024, 0, 'province-19-pre2025', 1434171, 'approved', null, null],
    ]),
    planner.csrfToken,
  );
  const ok = await t.app.inject({
    method: 'POST',
    url: '/indicators/import',
    headers: { cookie: planner.cookie, 'content-type': good.contentType, accept: 'application/json' },
    payload: good.payload,
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { written: 2 });
  assert.equal(await countRows(t.database, 'indicator_observations'), before + 2);
  const urban = (await t.app.inject({ url: '/api/v1/indicators/urbanization_rate' })).json() as {
    observations: { year: number; value: number }[];
  };
  assert.equal(urban.observations.find((o) => o.year === 2025)?.value, 47.1);
});

test('the template and exports download; CSV is UTF-8 with a BOM', async () => {
  const tpl = await t.app.inject({
    url: '/indicators/import/template.xlsx',
    headers: { cookie: planner.cookie },
  });
  assert.equal(tpl.statusCode, 200);
  assert.equal(tpl.rawPayload.subarray(0, 2).toString(), 'PK');
  const csv = await t.app.inject({ url: '/indicators/grdp_growth/data.csv' });
  assert.equal(csv.statusCode, 200);
  assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(csv.body, /Tốc độ tăng trưởng GRDP bình quân/);
  const xlsx = await t.app.inject({ url: '/api/v1/indicators/export?format=xlsx' });
  assert.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['indicators', 'observations'],
  );
  assert.equal(wb.getWorksheet('indicators')!.rowCount, 31);
});

test('public pages: list, reporting status, indicator page with the "how computed" panel, work without JS', async () => {
  const list = await t.app.inject({ url: '/indicators?category=economic' });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Tốc độ tăng trưởng GRDP bình quân/);
  assert.doesNotMatch(list.body, /Tỷ lệ đô thị hóa/);
  const rs = await t.app.inject({ url: '/indicators/reporting-status' });
  assert.equal(rs.statusCode, 200);
  assert.match(rs.body, /Có số liệu thực hiện/);
  assert.match(rs.body, /href="\/indicators\/reporting-status\.csv"/);
  const rsCsv = await t.app.inject({ url: '/indicators/reporting-status.csv' });
  assert.equal(rsCsv.statusCode, 200);
  const lines = rsCsv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  assert.equal(lines[0], 'category,category_name,total,with_data,with_target,share_with_data_pct');
  // The last line is the whole: the 30 indicators; samples (by commune, by quarter) add no data.
  const all = lines.at(-1)!.split(',');
  assert.equal(all[0], 'all');
  assert.equal(all[2], '30');
  const real = (
    (await t.app.inject({ url: '/api/v1/indicators' })).json() as { items: { latest: unknown }[] }
  ).items.filter((i) => i.latest !== null).length;
  assert.equal(all[3], String(real));
  // 92 sample values by commune, none official: the indicator still has no data and no status.
  const schools = (
    await t.app.inject({ url: '/api/v1/indicators/schools_national_standard_rate' })
  ).json() as {
    latest: unknown;
    status: string;
    observations: { isSample: boolean }[];
  };
  assert.equal(schools.observations.filter((o) => o.isSample).length, 92);
  assert.deepEqual([schools.latest, schools.status], [null, 'no_data']);
  const schoolsPage = await t.app.inject({ url: '/indicators/schools_national_standard_rate' });
  assert.match(schoolsPage.body, /không phải số liệu chính thức; chúng không được dùng để tính trạng thái/);
  const page = await t.app.inject({ url: '/indicators/grdp_growth' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Cần đẩy nhanh/);
  assert.match(page.body, /<details class="how-computed"/);
  assert.match(page.body, /Cách tính/);
  assert.match(page.body, /6,88 %\/năm/);
  assert.match(page.body, /8,57 %\/năm/);
  assert.match(page.body, /<svg class="indicator-chart__svg"/);
  assert.match(page.body, /soha\.vn/);
  // The target's own sources are linked under it.
  const targetBlock = /<section class="indicator-target"[\s\S]*?<\/section>/.exec(page.body)![0];
  assert.match(targetBlock, /<a [^>]*href="https?:\/\//);
  const en = await t.app.inject({ url: '/indicators/grdp_growth?lang=en' });
  assert.match(en.body, /How this was computed/);
  const method = await t.app.inject({ url: '/indicators/method' });
  assert.equal(method.statusCode, 200);
  assert.match(method.body, /GRDP/);
});

test('the entry form saves a value and keeps bad input with messages', async () => {
  const form = await t.app.inject({
    url: '/indicators/population/observations/new',
    headers: { cookie: planner.cookie },
  });
  assert.equal(form.statusCode, 200);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/indicators/population/observations',
    headers: { cookie: planner.cookie, accept: 'text/html' },
    payload: { _csrf: planner.csrfToken, year: '20x', value: '1.300.000' },
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Năm phải là số nguyên/);
  const ok = await t.app.inject({
    method: 'POST',
    url: '/indicators/population/observations',
    headers: { cookie: planner.cookie, accept: 'text/html' },
    payload: {
      _csrf: planner.csrfToken,
      year: '2023',
      value: '1.370.000',
      adminUnitId: 'province-19-pre2025',
      status: 'draft',
    },
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const detail = (
    await t.app.inject({ url: '/api/v1/indicators/population', headers: { cookie: planner.cookie } })
  ).json() as {
    observations: { year: number; value: number; status: string }[];
  };
  assert.deepEqual(
    detail.observations.find((o) => o.year === 2023),
    { ...detail.observations.find((o) => o.year === 2023), value: 1370000, status: 'draft' },
  );
  // Anonymous readers do not see drafts.
  const pub = (await t.app.inject({ url: '/api/v1/indicators/population' })).json() as {
    observations: { year: number }[];
  };
  assert.ok(!pub.observations.some((o) => o.year === 2023));
});

test('the lists read only the series the status uses: the same series and statuses as the full views', async () => {
  const db = t.database.db;
  // The seeded data has commune-level and quarterly sample observations besides the province series.
  const [extra] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from indicator_observations o join admin_units u on u.id = o.admin_unit_id
        where u.level <> 'province' or o.quarter <> 0`,
  );
  assert.ok(extra!.n > 0);
  for (const options of [{}, { includeDrafts: true }, { asOfYear: 2024 }]) {
    const full = await loadIndicatorViews(db, {}, options);
    const summaries = await loadIndicatorSummaries(db, {}, options);
    assert.equal(summaries.length, full.length);
    summaries.forEach((s, i) => {
      const v = full[i]!;
      assert.equal(s.indicator.code, v.indicator.code);
      assert.equal('observations' in s, false);
      assert.deepEqual(s.series, v.series);
      assert.deepEqual(s.targets, v.targets);
      assert.equal(s.status, v.status);
    });
  }
  const one = await loadIndicatorView(db, 'population', { includeDrafts: true });
  assert.equal(one.indicator.code, 'population');
  assert.ok(one.observations.every((o) => o.indicatorId === one.indicator.id));
  const years = one.observations.map((o) => o.year * 10 + o.quarter);
  assert.deepEqual(
    years,
    [...years].sort((a, b) => a - b),
  );
  // One indicator's own read path gives what the filtered list gives for it, public and staff.
  for (const options of [{}, { includeDrafts: true }, { asOfYear: 2024 }])
    for (const code of ['population', 'grdp_growth'])
      assert.deepEqual(
        await loadIndicatorView(db, code, options),
        (await loadIndicatorViews(db, { codes: [code] }, options))[0],
        `${code} ${JSON.stringify(options)}`,
      );
  await assert.rejects(loadIndicatorView(db, 'no_such_indicator'), { statusCode: 404 });
});
