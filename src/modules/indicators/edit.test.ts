import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';

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

type Detail = {
  nameEn: string | null;
  status: string;
  latest: { year: number; value: number } | null;
  responsibleAgency: { id: number } | null;
  baseline: { year: number | null; value: number | null };
  targets: { year: number; periodStart: number | null; value: number | null; min: number | null }[];
  observations: { id: number; year: number; value: number; status: string; rowVersion: number }[];
};

const detail = async (code: string, session?: Session) =>
  (
    await t.app.inject({
      url: `/api/v1/indicators/${code}`,
      headers: session ? { cookie: session.cookie } : {},
    })
  ).json() as Detail;

async function audits(action: string): Promise<{ entity_id: string; after: unknown }[]> {
  const r = (await t.database.db.execute(
    `select entity_id, after from audit_log where action = '${action}' order by id`,
  )) as unknown as { rows: { entity_id: string; after: unknown }[] };
  return r.rows;
}

const post = (session: Session, url: string, payload: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, accept: 'text/html' },
    payload: { _csrf: session.csrfToken, ...payload },
  });

function editForm(html: string): Record<string, string> {
  // The values the edit page shows, as a browser would send them back.
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

test('a planner edits an indicator: saved with its audit; stale, invalid or unauthorised edits change nothing', async () => {
  const url = '/indicators/tea_product_value/edit';
  assert.equal((await t.app.inject({ url, headers: { cookie: leader.cookie } })).statusCode, 403);
  assert.equal((await t.app.inject({ url })).statusCode, 303);
  const page = await t.app.inject({ url, headers: { cookie: planner.cookie } });
  assert.equal(page.statusCode, 200);
  const values = editForm(page.body);
  assert.equal(values.unit, 'tỷ đồng');
  assert.equal(values.rowVersion, '1');

  const badPair = await post(planner, url, { ...values, baselineYear: '2020', baselineValue: '' });
  assert.equal(badPair.statusCode, 400);
  assert.match(badPair.body, /Năm gốc và giá trị năm gốc phải nhập cùng nhau/);

  const ok = await post(planner, url, {
    ...values,
    nameEn: 'Value of tea products (edited)',
    responsibleAgencyId: '1',
    baselineYear: '2020',
    baselineValue: '12.500,5',
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const d = await detail('tea_product_value');
  assert.equal(d.nameEn, 'Value of tea products (edited)');
  assert.deepEqual(d.responsibleAgency?.id, 1);
  assert.deepEqual(d.baseline, { ...d.baseline, year: 2020, value: 12500.5 });
  assert.equal((await audits('indicator.update')).length, 1);

  // The same form sent again carries the old version: refused with a message, nothing written.
  const stale = await post(planner, url, { ...values, nameEn: 'Lost update' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /error-summary/);
  assert.equal((await detail('tea_product_value')).nameEn, 'Value of tea products (edited)');
  const byLeader = await post(leader, url, { ...values, rowVersion: '2', nameEn: 'x' });
  assert.equal(byLeader.statusCode, 403);
  assert.equal((await audits('indicator.update')).length, 1);
});

test('a planner adds, changes and deletes targets; bad targets are refused with messages', async () => {
  const base = '/indicators/tea_product_value/targets';
  const before = await countRows(t.database, 'indicator_targets');
  const band = await post(planner, base, { year: '2025', comparator: 'between', minValue: '20000' });
  assert.equal(band.statusCode, 400);
  assert.match(band.body, /cần cả giá trị tối thiểu và tối đa/);
  const period = await post(planner, base, { year: '2025', periodStart: '2026', value: '1' });
  assert.equal(period.statusCode, 400);
  const dup = await post(planner, base, { year: '2030', comparator: 'eq', value: '1' });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /đã có mục tiêu cho năm/);
  assert.equal(await countRows(t.database, 'indicator_targets'), before);

  const added = await post(planner, base, { year: '2025', comparator: 'gte', value: '18.000,5' });
  assert.equal(added.statusCode, 303, added.body);
  let d = await detail('tea_product_value');
  const target = d.targets.find((x) => x.year === 2025);
  assert.equal(target?.value, 18000.5);
  const edit = await t.app.inject({
    url: '/indicators/tea_product_value/edit',
    headers: { cookie: planner.cookie },
  });
  const id = new RegExp(`${base}/(\\d+)/delete`).exec(edit.body)?.[1];
  assert.ok(id);
  const changedPage = await t.app.inject({ url: `${base}/${id}`, headers: { cookie: planner.cookie } });
  assert.equal(changedPage.statusCode, 200);
  const changed = await post(planner, `${base}/${id}`, { year: '2025', comparator: 'gte', value: '19000' });
  assert.equal(changed.statusCode, 303, changed.body);
  d = await detail('tea_product_value');
  assert.equal(d.targets.find((x) => x.year === 2025)?.value, 19000);
  assert.equal((await post(editor, `${base}/${id}/delete`, {})).statusCode, 403);
  const deleted = await post(planner, `${base}/${id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal(await countRows(t.database, 'indicator_targets'), before);
  assert.equal((await audits('indicator_target.create')).length, 1);
  assert.equal((await audits('indicator_target.update')).length, 1);
  assert.equal((await audits('indicator_target.delete')).length, 1);
});

test('drafts count only once a planner approves them; a rejected draft is removed with its reason audited', async () => {
  // Give the indicator to the editor's agency so the editor may enter values.
  const editUrl = '/indicators/export_value_growth/edit';
  const values = editForm((await t.app.inject({ url: editUrl, headers: { cookie: planner.cookie } })).body);
  assert.equal((await post(planner, editUrl, { ...values, responsibleAgencyId: '1' })).statusCode, 303);

  const enter = (year: number, value: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/export_value_growth/observations',
      headers: editor.headers(),
      payload: { year, value, status: 'approved' },
    });
  const first = await enter(2026, 12.5);
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().status, 'draft');
  const second = await enter(2027, 3);
  assert.equal(second.statusCode, 201);
  assert.equal((await detail('export_value_growth')).status, 'no_data');

  assert.equal(
    (await t.app.inject({ url: '/indicators/drafts', headers: { cookie: editor.cookie } })).statusCode,
    403,
  );
  const page = await t.app.inject({ url: '/indicators/drafts', headers: { cookie: planner.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /12,5/);
  const ids = [first.json().id as number, second.json().id as number];

  // A wrong version (the value changed since the page was shown) is refused.
  const stale = await post(planner, `/indicators/drafts/${ids[0]}/approve`, { rowVersion: '9' });
  assert.equal(stale.statusCode, 409);
  assert.equal(
    (await post(editor, `/indicators/drafts/${ids[0]}/approve`, { rowVersion: '1' })).statusCode,
    403,
  );
  const approved = await post(planner, `/indicators/drafts/${ids[0]}/approve`, { rowVersion: '1' });
  assert.equal(approved.statusCode, 303, approved.body);
  const again = await post(planner, `/indicators/drafts/${ids[0]}/approve`, { rowVersion: '2' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /không còn ở dạng nháp/);

  const rejected = await post(planner, `/indicators/drafts/${ids[1]}/reject`, {
    rowVersion: '1',
    reason: 'Sai đơn vị tính',
  });
  assert.equal(rejected.statusCode, 303, rejected.body);

  const pub = await detail('export_value_growth');
  assert.deepEqual(pub.latest, { year: 2026, value: 12.5 });
  assert.notEqual(pub.status, 'no_data');
  const staff = await detail('export_value_growth', planner);
  assert.deepEqual(
    staff.observations.map((o) => [o.year, o.status]),
    [[2026, 'approved']],
  );
  assert.equal((await audits('indicator_observation.approve')).length, 1);
  const rejections = await audits('indicator_observation.reject');
  assert.equal(rejections.length, 1);
  assert.deepEqual(rejections[0]!.after, { reason: 'Sai đơn vị tính' });
  // The editor who entered the draft is told why.
  const mail = (await t.database.db.execute(
    `select recipient, subject, body from outbox where kind = 'indicator_draft_rejected'`,
  )) as unknown as { rows: { recipient: string; subject: string; body: string }[] };
  assert.equal(mail.rows.length, 1);
  assert.match(mail.rows[0]!.recipient, /^agency_editor-/);
  assert.match(mail.rows[0]!.subject, /năm 2027 không được duyệt/);
  assert.match(mail.rows[0]!.body, /Lý do: Sai đơn vị tính/);
  const empty = await t.app.inject({ url: '/indicators/drafts', headers: { cookie: planner.cookie } });
  assert.match(empty.body, /Không có số liệu nào chờ duyệt/);
});

test('the same through the JSON API: edit, targets, drafts; all in the OpenAPI document', async () => {
  const current = (await t.app.inject({ url: '/api/v1/indicators/life_expectancy' })).json() as {
    nameVi: string;
    unit: string;
    category: string;
    direction: string;
    kind: string;
  };
  const body = {
    nameVi: current.nameVi,
    unit: current.unit,
    category: current.category,
    direction: current.direction,
    kind: current.kind,
    dataSource: 'Niên giám thống kê tỉnh',
    rowVersion: 1,
  };
  const url = '/api/v1/indicators/life_expectancy';
  assert.equal(
    (await t.app.inject({ method: 'PUT', url, headers: leader.headers(), payload: body })).statusCode,
    403,
  );
  const ok = await t.app.inject({ method: 'PUT', url, headers: planner.headers(), payload: body });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().dataSource, 'Niên giám thống kê tỉnh');
  assert.equal(
    (await t.app.inject({ method: 'PUT', url, headers: planner.headers(), payload: body })).statusCode,
    409,
  );

  const target = await t.app.inject({
    method: 'POST',
    url: `${url}/targets`,
    headers: planner.headers(),
    payload: { year: 2025, comparator: 'gte', value: 74.5 },
  });
  assert.equal(target.statusCode, 201, target.body);
  const targetId = target.json().id as number;
  const bad = await t.app.inject({
    method: 'PUT',
    url: `${url}/targets/${targetId}`,
    headers: planner.headers(),
    payload: { year: 2025, comparator: 'between', minValue: 76, maxValue: 75 },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(
    (await t.app.inject({ method: 'DELETE', url: `${url}/targets/${targetId}`, headers: planner.headers() }))
      .statusCode,
    204,
  );

  const draft = await t.app.inject({
    method: 'POST',
    url: `${url}/observations`,
    headers: planner.headers(),
    payload: { year: 2024, value: 74.1, status: 'draft' },
  });
  assert.equal(draft.statusCode, 201);
  const drafts = (await t.app.inject({ url: '/api/v1/indicator-drafts', headers: planner.headers() })).json()
    .items as { id: number; indicatorCode: string; rowVersion: number }[];
  const mine = drafts.find((d) => d.indicatorCode === 'life_expectancy')!;
  assert.equal(mine.id, draft.json().id);
  const approved = await t.app.inject({
    method: 'POST',
    url: `/api/v1/indicator-drafts/${mine.id}/approve`,
    headers: planner.headers(),
    payload: { rowVersion: mine.rowVersion },
  });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().status, 'approved');
  assert.deepEqual((await t.app.inject({ url })).json().latest, { year: 2024, value: 74.1 });

  const spec = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, object> };
  for (const path of [
    '/api/v1/indicators/{code}',
    '/api/v1/indicators/{code}/targets',
    '/api/v1/indicators/{code}/targets/{id}',
    '/api/v1/indicator-drafts',
    '/api/v1/indicator-drafts/{id}/approve',
    '/api/v1/indicator-drafts/{id}/reject',
  ])
    assert.ok(spec.paths[path], path);
});
