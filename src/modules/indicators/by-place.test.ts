import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';

let t: TestApp;
let planner: Session;
let leader: Session;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  leader = await login(t.app, (await createTestUser(t.database, 'leader')).email);
});
after(async () => {
  await t.close();
});

type Row = {
  unitId: string;
  value: number | null;
  refused: string | null;
  direct: boolean;
  from: { unitId: string; ratio: number; recorded: number; weight: number | null }[];
};
type ByPlace = { units: string; year: number | null; years: number[]; additive: boolean; rows: Row[] };

const byPlace = async (code: string, query: string) => {
  const res = await t.app.inject(`/api/v1/indicators/${code}/by-place?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ByPlace;
};
const rowOf = (r: ByPlace, unitId: string) => r.rows.find((x) => x.unitId === unitId);

async function record(code: string, adminUnitId: string, year: number, value: number) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/indicators/${code}/observations`,
    headers: planner.headers(),
    payload: { year, adminUnitId, value, status: 'approved' },
  });
  assert.ok(res.statusCode < 300, res.body);
}

const post = (session: Session, url: string, payload: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, accept: 'text/html' },
    payload: { _csrf: session.csrfToken, ...payload },
  });

function editForm(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([a-zA-Z]+)"[^>]*value="([^"]*)"/g)) values[m[1]!] = m[2]!;
  for (const m of html.matchAll(/<select[^>]*name="([a-zA-Z]+)"[\s\S]*?<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[0]);
    values[m[1]!] = selected?.[1] ?? '';
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([a-zA-Z]+)"[^>]*>([^<]*)<\/textarea>/g))
    values[m[1]!] = m[2]!;
  delete values._csrf;
  return values;
}

// Phường Gia Sàng (05461, before 2025) was split between Phan Đình Phùng (05443) and the new Gia Sàng (05467).
const OLD_GIA_SANG = 'commune-05461-pre2025';
const PHAN_DINH_PHUNG = 'commune-05443-2025';
const NEW_GIA_SANG = 'commune-05467-2025';

test('the seeded indicators are additive or not by their unit', async () => {
  const additive = async (code: string) =>
    ((await t.app.inject(`/api/v1/indicators/${code}`)).json() as { additive: boolean }).additive;
  assert.equal(await additive('population'), true); // người
  assert.equal(await additive('industrial_park_area_planned'), true); // ha
  assert.equal(await additive('industrial_park_count'), true); // khu
  assert.equal(await additive('schools_national_standard_rate'), false); // %
  assert.equal(await additive('grdp_per_capita_usd'), false); // USD/người
  assert.equal(await additive('grdp_growth'), false); // %/năm
});

test('a population recorded under an old ward rolls up into the new wards; the old view shows it as recorded', async () => {
  await record('population', OLD_GIA_SANG, 2024, 1000);
  const news = await byPlace('population', 'units=new&year=2024');
  assert.equal(news.year, 2024);
  assert.ok(news.years.includes(2025) && news.years.includes(2024));
  assert.deepEqual(
    [rowOf(news, PHAN_DINH_PHUNG)?.value, rowOf(news, NEW_GIA_SANG)?.value],
    [500, 500],
    'split equally (no ratio recorded)',
  );
  assert.deepEqual(rowOf(news, NEW_GIA_SANG)?.from, [
    { unitId: OLD_GIA_SANG, name: 'Phường Gia Sàng', ratio: 0.5, recorded: 1000, weight: null },
  ]);
  const olds = await byPlace('population', 'units=old&year=2024');
  assert.deepEqual(
    olds.rows.map((r) => [r.unitId, r.value, r.direct]),
    [[OLD_GIA_SANG, 1000, true]],
  );
  // 2025 (sample values recorded under the new communes): in the old view, by old district where possible.
  const olds2025 = await byPlace('population', 'units=old');
  assert.equal(olds2025.year, 2025);
  assert.ok(olds2025.rows.length > 0);
  for (const r of olds2025.rows) {
    assert.match(r.unitId, /^district-/);
    if (r.value !== null)
      assert.equal(
        r.value,
        r.from.reduce((s, f) => s + f.recorded, 0),
        'a district is the sum of the new communes lying in it',
      );
    else assert.ok(r.refused === 'crosses' || r.refused === 'incomplete');
  }
});

test('a rate is not summed: without a weight it cannot be rolled up; with one it is a weighted mean', async () => {
  // Another old commune that went (wholly or in part) into Phan Đình Phùng.
  const lineage = (await t.app.inject(`/api/v1/areas/${PHAN_DINH_PHUNG}/lineage`)).json() as {
    predecessors: { id: string; level: string }[];
  };
  const other = lineage.predecessors.find((p) => p.level === 'commune' && p.id !== OLD_GIA_SANG)!;
  assert.ok(other, 'Phan Đình Phùng was formed from more than old Gia Sàng');
  await record('schools_national_standard_rate', OLD_GIA_SANG, 2024, 80);
  await record('schools_national_standard_rate', other.id, 2024, 60);

  const refused = await byPlace('schools_national_standard_rate', 'units=new&year=2024');
  assert.equal(refused.additive, false);
  assert.deepEqual(
    [rowOf(refused, PHAN_DINH_PHUNG)?.value, rowOf(refused, PHAN_DINH_PHUNG)?.refused],
    [null, 'no_weight'],
  );
  assert.equal(rowOf(refused, NEW_GIA_SANG)?.value, 80, 'one contribution keeps its rate');
  const page = await t.app.inject('/indicators/schools_national_standard_rate?units=new&year=2024');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Không gộp được: chỉ tiêu không cộng được và thiếu trọng số/);

  // The planner names the population as the weight on the edit form (audited).
  const url = '/indicators/schools_national_standard_rate/edit';
  const form = editForm((await t.app.inject({ url, headers: { cookie: planner.cookie } })).body);
  assert.equal(form.additive, 'false');
  assert.equal(form.weightIndicator, '');
  const self = await post(planner, url, { ...form, weightIndicator: 'schools_national_standard_rate' });
  assert.equal(self.statusCode, 400);
  const notAdditive = await post(planner, url, { ...form, weightIndicator: 'grdp_growth' });
  assert.equal(notAdditive.statusCode, 400);
  assert.match(notAdditive.body, /phải là chỉ tiêu cộng được/);
  assert.equal((await post(leader, url, { ...form, weightIndicator: 'population' })).statusCode, 403);
  const saved = await post(planner, url, { ...form, weightIndicator: 'population' });
  assert.equal(saved.statusCode, 303, saved.body);
  const audit = (await t.database.db.execute(
    `select "after" from audit_log where action = 'indicator.update' order by id desc limit 1`,
  )) as unknown as { rows: { after: { additive: boolean; weightIndicatorId: number } }[] };
  assert.equal(audit.rows[0]!.after.additive, false);
  assert.ok(audit.rows[0]!.after.weightIndicatorId > 0);

  // Weighted by the population of 2024: old Gia Sàng 1000 (recorded above); the other commune has none yet.
  const stillRefused = await byPlace('schools_national_standard_rate', 'units=new&year=2024');
  assert.equal(rowOf(stillRefused, PHAN_DINH_PHUNG)?.refused, 'no_weight');
  await record('population', other.id, 2024, 3000);
  const mean = await byPlace('schools_national_standard_rate', 'units=new&year=2024');
  const pdp = rowOf(mean, PHAN_DINH_PHUNG)!;
  const share = pdp.from.find((f) => f.unitId === other.id)!.ratio;
  // (80 · 1000 · 0.5 + 60 · 3000 · r) / (1000 · 0.5 + 3000 · r), r the part of the other commune Phan Đình Phùng took.
  const expected = (80 * 1000 * 0.5 + 60 * 3000 * share) / (1000 * 0.5 + 3000 * share);
  assert.ok(Math.abs(pdp.value! - expected) < 1e-9, `${pdp.value} ≠ ${expected}`);

  // The population now weighs another indicator: it cannot become non-additive.
  const popUrl = '/indicators/population/edit';
  const popForm = editForm((await t.app.inject({ url: popUrl, headers: { cookie: planner.cookie } })).body);
  const blocked = await post(planner, popUrl, { ...popForm, additive: 'false' });
  assert.equal(blocked.statusCode, 400);
  assert.match(blocked.body, /đang là trọng số của chỉ tiêu khác/);
});

test('the indicator page and the dashboard offer new or old units, as plain GET forms', async () => {
  const page = await t.app.inject('/indicators/population');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<form method="get" action="\/indicators\/population#theo-dia-ban"/);
  assert.match(page.body, /<option value="old"[^>]*>Đơn vị cũ/);
  assert.match(page.body, /theo đơn vị mới/);
  const old = await t.app.inject('/indicators/population?units=old&year=2024&lang=en');
  assert.match(old.body, /by old unit/);
  assert.match(old.body, /Recorded directly/);

  const dash = await t.app.inject({
    url: '/dashboard?measure=population&units=old',
    headers: { cookie: leader.cookie },
  });
  assert.equal(dash.statusCode, 200);
  assert.match(dash.body, /<option value="old" selected/);
  assert.match(dash.body, /theo đơn vị cũ/);
  const api = await t.app.inject({
    url: '/api/v1/dashboard?measure=population&units=old',
    headers: { cookie: leader.cookie },
  });
  const section = (
    api.json() as { sections: { key: string; tables: { key: string; rows: unknown[][] }[] }[] }
  ).sections.find((s) => s.key === 'indicator_communes')!;
  const rows = section.tables.find((x) => x.key === 'communes')!.rows;
  assert.ok(rows.length > 0 && rows.every((r) => r[5] === 'old'));
});
