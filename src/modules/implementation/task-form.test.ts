// The staff pages' task forms: add with coordinating agencies, communes and links;
// edit with the version read, and a clear 409 when someone changed the task meanwhile.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';

let t: TestApp;
let planner: Session;
let editorB: Session;
const ids = new Map<string, number>();
let programmeId: number;
let taskId: number;
let indicatorCode: string;
let projectCode: string;
let communeId: string;

function form(session: Session, fields: [string, string][]) {
  const body = new URLSearchParams([['_csrf', session.csrfToken], ...fields]);
  return {
    headers: {
      cookie: session.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: body.toString(),
  };
}

const taskApi = async (id: number) =>
  (await t.app.inject({ url: `/api/v1/tasks/${id}`, headers: planner.headers() })).json();

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  const rows = await t.database.db
    .select({ id: agencies.id, code: agencies.code })
    .from(agencies)
    .where(inArray(agencies.code, ['SXD-19', 'SNNMT-19', 'SCT-19']));
  for (const r of rows) ids.set(r.code, r.id);
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  editorB = await login(
    t.app,
    (await createTestUser(t.database, 'agency_editor', { agencyId: ids.get('SCT-19')! })).email,
  );
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'CT-FORM', title: 'Chương trình thử biểu mẫu' },
  });
  programmeId = p.json().id;
  const q = (sql: string) =>
    t.database.db.execute(sql) as unknown as Promise<{ rows: Record<string, string>[] }>;
  indicatorCode = (await q('select code from indicators order by code limit 1')).rows[0]!.code!;
  projectCode = (await q('select code from projects order by code limit 1')).rows[0]!.code!;
  communeId = (await q("select id from admin_units where level = 'commune' and valid_to is null limit 1"))
    .rows[0]!.id!;
});
after(async () => {
  await t.close();
});

test('the add-task form takes coordinating agencies, communes and links', async () => {
  const page = await t.app.inject({
    url: `/workspace/programmes/${programmeId}`,
    headers: { cookie: planner.cookie },
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<select[^>]*name="coordinatingAgencyIds"[^>]*multiple/);
  assert.match(page.body, new RegExp(`<option value="${projectCode}"`));
  const res = await t.app.inject({
    method: 'POST',
    url: `/workspace/programmes/${programmeId}/tasks`,
    ...form(planner, [
      ['title', 'Lập đề án thử'],
      ['leadAgencyId', String(ids.get('SXD-19'))],
      ['coordinatingAgencyIds', String(ids.get('SNNMT-19'))],
      ['coordinatingAgencyIds', String(ids.get('SCT-19'))],
      ['communeIds', communeId],
      ['startDate', '2026-01-01'],
      ['dueDate', '2026-12-31'],
      ['weight', '2'],
      ['budget.local', '1000000'],
      ['link.indicator', indicatorCode],
      ['link.project', projectCode],
    ]),
  });
  assert.equal(res.statusCode, 303, res.body);
  const list = await t.app.inject({
    url: `/api/v1/tasks?programme=${programmeId}`,
    headers: planner.headers(),
  });
  const created = list.json().items[0];
  taskId = created.id;
  const task = await taskApi(taskId);
  assert.deepEqual([...task.coordinatingAgencyIds].sort(), [ids.get('SNNMT-19'), ids.get('SCT-19')].sort());
  assert.deepEqual(task.communeIds, [communeId]);
  assert.deepEqual(task.links.map((l: { type: string; key: string }) => `${l.type}:${l.key}`).sort(), [
    `indicator:${indicatorCode}`,
    `project:${projectCode}`,
  ]);
  assert.equal(task.budget.local, 1_000_000);
});

test('the edit form shows what is stored and saves a change, audited', async () => {
  const page = await t.app.inject({ url: `/workspace/tasks/${taskId}`, headers: { cookie: planner.cookie } });
  assert.match(page.body, new RegExp(`href="/workspace/tasks/${taskId}/edit"`));
  const edit = await t.app.inject({
    url: `/workspace/tasks/${taskId}/edit`,
    headers: { cookie: planner.cookie },
  });
  assert.equal(edit.statusCode, 200);
  const version = /name="rowVersion" value="(\d+)"/.exec(edit.body)?.[1];
  assert.ok(version);
  assert.match(edit.body, new RegExp(`<option value="${projectCode}" selected`));
  const audits = await countRows(t.database, 'audit_log');
  const res = await t.app.inject({
    method: 'POST',
    url: `/workspace/tasks/${taskId}/edit`,
    ...form(planner, [
      ['rowVersion', version!],
      ['title', 'Lập đề án thử (sửa)'],
      ['leadAgencyId', String(ids.get('SXD-19'))],
      ['coordinatingAgencyIds', String(ids.get('SCT-19'))],
      ['startDate', '2026-01-01'],
      ['dueDate', '2027-03-31'],
      ['weight', '2'],
      ['status', 'in_progress'],
      ['link.indicator', indicatorCode],
      ['isPublic', 'on'],
    ]),
  });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, `/workspace/tasks/${taskId}?saved=1`);
  const task = await taskApi(taskId);
  assert.equal(task.title, 'Lập đề án thử (sửa)');
  assert.equal(task.dueDate, '2027-03-31');
  assert.equal(task.status, 'in_progress');
  assert.equal(task.isPublic, true);
  assert.deepEqual(task.coordinatingAgencyIds, [ids.get('SCT-19')]);
  assert.deepEqual(task.communeIds, []);
  assert.deepEqual(task.links, [{ type: 'indicator', key: indicatorCode }]);
  assert.equal(task.budget.local, null, 'a blank amount clears it');
  assert.equal(await countRows(t.database, 'audit_log'), audits + 1);
});

test('a form read before someone else changed the task gets 409 with a clear message; nothing is written', async () => {
  const edit = await t.app.inject({
    url: `/workspace/tasks/${taskId}/edit`,
    headers: { cookie: planner.cookie },
  });
  const version = /name="rowVersion" value="(\d+)"/.exec(edit.body)![1]!;
  const other = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/tasks/${taskId}`,
    headers: planner.headers(),
    payload: { rowVersion: Number(version), product: 'Quyết định phê duyệt đề án' },
  });
  assert.equal(other.statusCode, 200, other.body);
  const res = await t.app.inject({
    method: 'POST',
    url: `/workspace/tasks/${taskId}/edit`,
    ...form(planner, [
      ['rowVersion', version],
      ['title', 'Tên ghi đè'],
      ['leadAgencyId', String(ids.get('SXD-19'))],
      ['status', 'in_progress'],
    ]),
  });
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /Nhiệm vụ vừa được người khác thay đổi sau khi bạn mở\. Không có gì được lưu/);
  assert.match(res.body, /value="Tên ghi đè"/, 'what the user typed is kept on the form');
  const task = await taskApi(taskId);
  assert.equal(task.title, 'Lập đề án thử (sửa)');
  assert.equal(task.product, 'Quyết định phê duyệt đề án');
});

test('bad input is a 400 with field messages; another agency cannot open the form', async () => {
  const edit = await t.app.inject({
    url: `/workspace/tasks/${taskId}/edit`,
    headers: { cookie: planner.cookie },
  });
  const version = /name="rowVersion" value="(\d+)"/.exec(edit.body)![1]!;
  const res = await t.app.inject({
    method: 'POST',
    url: `/workspace/tasks/${taskId}/edit`,
    ...form(planner, [
      ['rowVersion', version],
      ['title', ''],
      ['leadAgencyId', String(ids.get('SXD-19'))],
      ['startDate', '2026-06-01'],
      ['dueDate', '2026-01-01'],
      ['status', 'in_progress'],
    ]),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Nhập tên\./);
  const denied = await t.app.inject({
    url: `/workspace/tasks/${taskId}/edit`,
    headers: { cookie: editorB.cookie },
  });
  assert.equal(denied.statusCode, 403);
  const post = await t.app.inject({
    method: 'POST',
    url: `/workspace/tasks/${taskId}/edit`,
    ...form(editorB, [
      ['rowVersion', version],
      ['title', 'x'],
      ['leadAgencyId', String(ids.get('SCT-19'))],
      ['status', 'in_progress'],
    ]),
  });
  assert.equal(post.statusCode, 403);
  assert.equal((await taskApi(taskId)).title, 'Lập đề án thử (sửa)');
});

test('milestones typed one a line bend the expected progress; a bad line is named', async () => {
  const edit = await t.app.inject({
    url: `/workspace/tasks/${taskId}/edit`,
    headers: { cookie: planner.cookie },
  });
  const version = /name="rowVersion" value="(\d+)"/.exec(edit.body)![1]!;
  const base: [string, string][] = [
    ['rowVersion', version],
    ['title', 'Lập đề án thử (sửa)'],
    ['leadAgencyId', String(ids.get('SXD-19'))],
    ['startDate', '2026-01-01'],
    ['dueDate', '2027-03-31'],
    ['status', 'in_progress'],
  ];
  const bad = await t.app.inject({
    method: 'POST',
    url: `/workspace/tasks/${taskId}/edit`,
    ...form(planner, [...base, ['milestones', '2026-06-30 40\n2028-01-01 90']]),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Mốc dòng 2: Ngày của mốc phải nằm giữa ngày bắt đầu và hạn hoàn thành/);
  const ok = await t.app.inject({
    method: 'POST',
    url: `/workspace/tasks/${taskId}/edit`,
    ...form(planner, [...base, ['milestones', '2026-06-30 40\n2026-12-31: 80%']]),
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const task = await taskApi(taskId);
  assert.deepEqual(task.milestones, [
    { date: '2026-06-30', progress: 40 },
    { date: '2026-12-31', progress: 80 },
  ]);
  const page = await t.app.inject({ url: `/workspace/tasks/${taskId}`, headers: { cookie: planner.cookie } });
  assert.match(page.body, /30\/06\/2026: 40%; 31\/12\/2026: 80%/);
});
