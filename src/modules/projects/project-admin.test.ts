// Staff editing of a priority project (stage, progress, disbursement) with audit
// and 409 on a stale version, and the investor inquiries seen by the responsible agency.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';
import { follows } from '../implementation/schema.ts';
import { outbox } from '../notifications/schema.ts';
import { projects } from './schema.ts';

let t: TestApp;
let planner: Session;
let editorA: Session;
let editorB: Session;
let viewerA: Session;
let projectId: number;
let agencyA: number;

function form(session: Session, fields: Record<string, string>) {
  return {
    headers: {
      cookie: session.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
  };
}
const stored = async () =>
  (await t.database.db.select().from(projects).where(eq(projects.id, projectId)))[0]!;

before(async () => {
  t = await startTestApp({ config: { loginRateLimitPerMinute: 10_000 } });
  const [a, b] = await t.database.db
    .insert(agencies)
    .values([
      { code: 'PJ-A', nameVi: 'Ban quản lý dự án A', kind: 'department' },
      { code: 'PJ-B', nameVi: 'Sở khác B', kind: 'department' },
    ])
    .returning();
  agencyA = a!.id;
  const [p] = await t.database.db
    .insert(projects)
    .values({
      code: 'prj_admin',
      nameVi: 'Dự án cập nhật thử',
      responsibleAgencyId: agencyA,
      openForInvestment: true,
    })
    .returning();
  projectId = p!.id;
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  editorA = await login(
    t.app,
    (await createTestUser(t.database, 'agency_editor', { agencyId: agencyA })).email,
  );
  editorB = await login(
    t.app,
    (await createTestUser(t.database, 'agency_editor', { agencyId: b!.id })).email,
  );
  viewerA = await login(
    t.app,
    (await createTestUser(t.database, 'agency_viewer', { agencyId: agencyA })).email,
  );
});
after(async () => {
  await t.close();
});

test('PATCH /api/v1/projects/{id} changes stage, progress and disbursement, audited; a stale version is 409', async () => {
  const read = await t.app.inject({ url: `/api/v1/projects/${projectId}` });
  const version = read.json().rowVersion as number;
  const audits = await countRows(t.database, 'audit_log');
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}`,
    headers: planner.headers(),
    payload: {
      rowVersion: version,
      stage: 'land_clearance',
      plannedProgress: 30,
      actualProgress: 10,
      plannedDisbursementVnd: 500_000_000_000,
      actualDisbursementVnd: 120_000_000_000,
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().stage, 'land_clearance');
  assert.equal(res.json().rowVersion, version + 1);
  assert.equal(await countRows(t.database, 'audit_log'), audits + 1);
  const stale = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}`,
    headers: planner.headers(),
    payload: { rowVersion: version, stage: 'in_operation' },
  });
  assert.equal(stale.statusCode, 409);
  assert.equal((await stored()).stage, 'land_clearance');
  const bad = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}`,
    headers: planner.headers({ 'accept-language': 'vi' }),
    payload: { rowVersion: version + 1, actualProgress: 150 },
  });
  assert.equal(bad.statusCode, 400);
});

test("the responsible agency's editor edits through the form; another agency's is refused", async () => {
  const list = await t.app.inject({ url: '/workspace/projects', headers: { cookie: editorA.cookie } });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`href="/workspace/projects/${projectId}/edit"`));
  const listB = await t.app.inject({ url: '/workspace/projects', headers: { cookie: editorB.cookie } });
  assert.doesNotMatch(listB.body, new RegExp(`/workspace/projects/${projectId}/edit`));
  assert.equal(
    (
      await t.app.inject({
        url: `/workspace/projects/${projectId}/edit`,
        headers: { cookie: editorB.cookie },
      })
    ).statusCode,
    403,
  );
  const edit = await t.app.inject({
    url: `/workspace/projects/${projectId}/edit`,
    headers: { cookie: editorA.cookie },
  });
  assert.equal(edit.statusCode, 200);
  assert.doesNotMatch(
    edit.body,
    /name="responsibleAgencyId"/,
    'only planners move a project to another agency',
  );
  const version = /name="rowVersion" value="(\d+)"/.exec(edit.body)![1]!;
  const fields = {
    rowVersion: version,
    stage: 'under_construction',
    plannedProgress: '40',
    actualProgress: '35',
    plannedDisbursementVnd: '500000000000',
    actualDisbursementVnd: '',
    statusNote: 'Đã bàn giao mặt bằng.',
    openForInvestment: 'on',
  };
  const bad = await t.app.inject({
    method: 'POST',
    url: `/workspace/projects/${projectId}/edit`,
    ...form(editorA, { ...fields, actualProgress: '135' }),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Tiến độ là số từ 0 đến 100/);
  const ok = await t.app.inject({
    method: 'POST',
    url: `/workspace/projects/${projectId}/edit`,
    ...form(editorA, fields),
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const p = await stored();
  assert.equal(p.stage, 'under_construction');
  assert.equal(p.actualProgress, 35);
  assert.equal(p.actualDisbursementVnd, null, 'a blank amount clears it');
  assert.equal(p.responsibleAgencyId, agencyA);
  // The same form posted again is stale now: 409, the message, the input kept, nothing written.
  const again = await t.app.inject({
    method: 'POST',
    url: `/workspace/projects/${projectId}/edit`,
    ...form(editorA, { ...fields, statusNote: 'Ghi đè' }),
  });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Dự án vừa được người khác cập nhật sau khi bạn mở\. Không có gì được lưu/);
  assert.match(again.body, /Ghi đè/);
  assert.equal((await stored()).statusNote, 'Đã bàn giao mặt bằng.');
});

test("a stage change reaches the project's confirmed followers", async () => {
  await t.database.db.insert(follows).values({
    targetType: 'project',
    targetId: projectId,
    email: 'theo.doi@example.test',
    token: 'tok-project-follow-000000001',
    consentText: 'đồng ý',
    consentAt: new Date(),
    confirmedAt: new Date(),
  });
  const p = await stored();
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}`,
    headers: planner.headers(),
    payload: { rowVersion: p.rowVersion, stage: 'in_operation' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const mail = await t.database.db.select().from(outbox).where(eq(outbox.kind, 'status_change'));
  assert.equal(mail.length, 1);
  assert.equal(mail[0]!.recipient, 'theo.doi@example.test');
  assert.match(mail[0]!.body, /Đang thi công → Đã đưa vào sử dụng/);
});

test('investor inquiries are listed for the responsible agency, not for others', async () => {
  const sent = await t.app.inject({
    method: 'POST',
    url: `/api/v1/projects/${projectId}/inquiries`,
    payload: {
      name: 'Nguyễn Văn Đầu Tư',
      email: 'dautu@example.test',
      message: 'Xin thông tin về quỹ đất của dự án.',
      consent: true,
    },
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const mine = await t.app.inject({ url: '/workspace/inquiries', headers: { cookie: viewerA.cookie } });
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /Nguyễn Văn Đầu Tư/);
  assert.match(mine.body, /Xin thông tin về quỹ đất của dự án\./);
  const other = await t.app.inject({ url: '/workspace/inquiries', headers: { cookie: editorB.cookie } });
  assert.equal(other.statusCode, 200);
  assert.doesNotMatch(other.body, /Nguyễn Văn Đầu Tư/);
  assert.match(other.body, /Chưa có câu hỏi nào/);
  const all = await t.app.inject({ url: '/workspace/inquiries', headers: { cookie: planner.cookie } });
  assert.match(all.body, /Nguyễn Văn Đầu Tư/);
});
