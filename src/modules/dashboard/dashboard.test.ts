import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { addDays } from '../implementation/rules.ts';
import { todayIn } from '../notifications/daily-job.ts';
import { DASHBOARD_LIST_ROWS, dashboardSections } from './registry.ts';

let t: TestApp;
let leader: Session;
let editor: Session;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  leader = await login(t.app, (await createTestUser(t.database, 'leader')).email);
  editor = await login(t.app, (await createTestUser(t.database, 'agency_editor', { agencyId: 1 })).email);
});
after(async () => {
  await t.close();
});

type Api = {
  sections: {
    key: string;
    data: { counts?: Record<string, number>; total?: number };
    tables: { rows: unknown[][] }[];
  }[];
};

test('GET /api/v1/dashboard: gzipped for a client that accepts it, the same figures, its own ETag', async () => {
  const url = '/api/v1/dashboard?category=economic';
  const plain = await t.app.inject({ url, headers: leader.headers() });
  const gzip = await t.app.inject({
    url,
    headers: { ...leader.headers(), 'accept-encoding': 'gzip, deflate, br' },
  });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(gzip.statusCode, 200);
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.match(String(gzip.headers.vary), /Accept-Encoding/);
  assert.ok(gzip.rawPayload.length < plain.rawPayload.length / 2, 'much smaller');
  assert.deepEqual(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8')), plain.json());
  assert.notEqual(gzip.headers.etag, plain.headers.etag);
  const refused = await t.app.inject({
    url,
    headers: { ...leader.headers(), 'accept-encoding': 'gzip;q=0' },
  });
  assert.equal(refused.headers['content-encoding'], undefined);
  const again = await t.app.inject({
    url,
    headers: { ...leader.headers(), 'accept-encoding': 'gzip', 'if-none-match': String(gzip.headers.etag) },
  });
  assert.equal(again.statusCode, 304);
});

test('sections are contributed by modules through the registry', () => {
  assert.deepEqual(
    dashboardSections().map((s) => s.key),
    [
      'indicator_status',
      'indicator_alerts',
      'indicator_agencies',
      'indicator_communes',
      'impl_tasks_status',
      'impl_overdue_agencies',
      'projects_portfolio',
      'impl_alerts',
    ],
  );
});

test('GET /api/v1/dashboard: only leaders, planners and administrators; status shares add up', async () => {
  assert.equal((await t.app.inject({ url: '/api/v1/dashboard' })).statusCode, 401);
  assert.equal((await t.app.inject({ url: '/api/v1/dashboard', headers: editor.headers() })).statusCode, 403);
  const res = await t.app.inject({ url: '/api/v1/dashboard', headers: leader.headers() });
  assert.equal(res.statusCode, 200);
  const body = res.json() as Api;
  const status = body.sections.find((s) => s.key === 'indicator_status')!;
  assert.equal(status.data.total, 30);
  assert.equal(
    Object.values(status.data.counts!).reduce((a, b) => a + b, 0),
    30,
  );
  const alerts = body.sections.find((s) => s.key === 'indicator_alerts')!;
  assert.ok(alerts.tables[0]!.rows.some((r) => r[0] === 'grdp_growth'));
  const eco = (
    await t.app.inject({ url: '/api/v1/dashboard?category=economic', headers: leader.headers() })
  ).json() as Api;
  const ecoStatus = eco.sections.find((s) => s.key === 'indicator_status')!;
  assert.ok(ecoStatus.data.total! > 0 && ecoStatus.data.total! < 30);
});

test('the dashboard page drills down by category and each section exports XLSX', async () => {
  const page = await t.app.inject({ url: '/dashboard', headers: { cookie: leader.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/dashboard\?category=economic"/);
  const eco = await t.app.inject({ url: '/dashboard?category=economic', headers: { cookie: leader.cookie } });
  assert.match(eco.body, /href="\/indicators\/grdp_growth"/);
  const xlsx = await t.app.inject({
    url: '/dashboard/export/indicator_status.xlsx',
    headers: { cookie: leader.cookie },
  });
  assert.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.worksheets.length, 3);
  assert.equal(
    (await t.app.inject({ url: '/dashboard/export/khong_co.xlsx', headers: { cookie: leader.cookie } }))
      .statusCode,
    404,
  );
});

test('the map of communes: circles sized by the chosen measure, sample data said so, drill-down by commune', async () => {
  const page = await t.app.inject({
    url: '/dashboard?measure=schools_national_standard_rate',
    headers: { cookie: leader.cookie },
  });
  assert.equal(page.statusCode, 200);
  const circles = [
    ...page.body.matchAll(/<a href="([^"]*commune=[^"]*)" aria-label="([^"]+)"><circle[^>]* r="([\d.]+)"/g),
  ];
  assert.equal(circles.length, 92);
  // The larger value has the larger circle.
  const value = (label: string) => Number(/: (\d+)/.exec(label)![1]);
  const sorted = [...circles].sort((a, b) => value(a[2]!) - value(b[2]!));
  assert.ok(Number(sorted[0]![3]) < Number(sorted.at(-1)![3]));
  assert.match(page.body, /dữ liệu mẫu để minh họa, không phải số liệu thống kê chính thức/);

  const api = (
    await t.app.inject({ url: '/api/v1/dashboard?measure=population', headers: leader.headers() })
  ).json() as { sections: { key: string; data: { rows: { isSample: boolean }[]; year: number } }[] };
  const communes = api.sections.find((s) => s.key === 'indicator_communes')!;
  assert.equal(communes.data.year, 2025);
  assert.ok(communes.data.rows.length === 92 && communes.data.rows.every((r) => r.isSample));

  const href = circles[0]![1]!.replace(/&amp;/g, '&');
  const drill = await t.app.inject({ url: href, headers: { cookie: leader.cookie } });
  assert.equal(drill.statusCode, 200);
  const name = circles[0]![2]!.split(':')[0]!;
  assert.match(drill.body, new RegExp(`Số liệu của ${name}`));
  assert.match(drill.body, /commune-map__dot--selected/);
  const xlsx = await t.app.inject({
    url: `/dashboard/export/indicator_communes.xlsx?${href.split('?')[1]}`,
    headers: { cookie: leader.cookie },
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  // The commune's figures: both sample measures, each flagged as a sample.
  const detail = wb.worksheets[1]!;
  assert.equal(detail.rowCount, 3);
  assert.deepEqual(detail.getColumn(8).values.slice(2), ['true', 'true']);
});

test('long lists are shortened with their totals, the export has every row, and a write shows at once', async () => {
  type Alerts = { overdue: { title: string }[]; overdueTotal: number };
  const alertsOf = async () => {
    const res = await t.app.inject({ url: '/api/v1/dashboard', headers: leader.headers() });
    assert.equal(res.statusCode, 200);
    return (res.json() as { sections: { key: string; data: Alerts }[] }).sections.find(
      (s) => s.key === 'impl_alerts',
    )!.data;
  };
  const before = await alertsOf();
  // Kept figures are served until something changes…
  assert.deepEqual(await alertsOf(), before);

  const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  const programme = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'CT-BDK', title: 'Chương trình thử bảng điều khiển' },
  });
  const today = todayIn();
  const added = DASHBOARD_LIST_ROWS + 5;
  for (let i = 0; i < added; i++) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: planner.headers(),
      payload: {
        programmeId: programme.json().id,
        title: `Nhiệm vụ quá hạn ${i + 1}`,
        leadAgencyId: 1,
        startDate: addDays(today, -400),
        dueDate: addDays(today, -300 + i),
      },
    });
    assert.equal(r.statusCode, 201, r.body);
  }
  // …and every write is seen by the next request.
  const after = await alertsOf();
  assert.equal(after.overdueTotal, before.overdueTotal + added);
  assert.equal(after.overdue.length, DASHBOARD_LIST_ROWS);
  assert.equal(after.overdue[0]!.title, 'Nhiệm vụ quá hạn 1', 'the most overdue first');

  const page = await t.app.inject({ url: '/dashboard', headers: { cookie: leader.cookie } });
  assert.match(
    page.body,
    new RegExp(`Hiển thị ${DASHBOARD_LIST_ROWS} trong tổng số ${after.overdueTotal} dòng`),
  );
  const xlsx = await t.app.inject({
    url: '/dashboard/export/impl_alerts.xlsx',
    headers: { cookie: leader.cookie },
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.worksheets[0]!.rowCount, after.overdueTotal + 1, 'every overdue task and the header');
});

test('the measure picker offers the first measures, says how many it left out, and keeps the chosen one', async () => {
  // More indicators with figures by commune than a list shows (at national scale there are
  // thousands). Made like the seeded population indicator; codes sort after every seeded one.
  const codes = Array.from(
    { length: DASHBOARD_LIST_ROWS + 5 },
    (_, i) => `zz-cap-${String(i + 1).padStart(2, '0')}`,
  );
  await t.database.db.execute(sql`
    insert into indicators (code, name_vi, unit, category, direction, kind, plan_id, admin_unit_id, is_sample)
    select c.code, 'Chỉ số thử danh sách ' || c.code, i.unit, i.category, i.direction, i.kind, i.plan_id, i.admin_unit_id, true
    from indicators i, json_array_elements_text(${JSON.stringify(codes)}::json) as c(code)
    where i.code = 'population'`);
  const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  for (const code of codes) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/indicators/${code}/observations`,
      headers: planner.headers(),
      payload: { year: 2024, adminUnitId: 'commune-05443-2025', value: 1, status: 'approved' },
    });
    assert.ok(r.statusCode < 300, r.body);
  }
  const chosen = codes.at(-1)!;
  const page = await t.app.inject({
    url: `/dashboard?measure=${chosen}`,
    headers: { cookie: leader.cookie },
  });
  assert.equal(page.statusCode, 200);
  const capped = /Danh sách chọn nêu (\d+) trong (\d+) chỉ số có số liệu theo địa bàn/.exec(page.body);
  assert.ok(capped, 'the page says the list is cut short');
  assert.equal(Number(capped[1]), DASHBOARD_LIST_ROWS + 1, 'the first ones and the chosen one');
  assert.ok(Number(capped[2]) >= codes.length);
  const picker = /<select[^>]*name="measure"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? '';
  assert.equal(picker.match(/<option /g)?.length, DASHBOARD_LIST_ROWS + 1);
  assert.match(picker, new RegExp(`<option value="${chosen}" selected`));
  assert.doesNotMatch(
    picker,
    new RegExp(`value="${codes.at(-2)}"`),
    'a measure past the first ones is left out',
  );
});
