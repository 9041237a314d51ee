// A citizen follows a public task: explicit consent, confirmation link, a notice
// in the outbox when the status changes, and unfollow deleting the address.
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
import { outbox } from '../notifications/schema.ts';
import { projects } from '../projects/schema.ts';
import { follows } from './schema.ts';

let t: TestApp;
let planner: Session;
let taskId: number;
let privateTaskId: number;
const EMAIL = 'Cong.Dan@Example.test';

async function anonForm(url: string, fields: Record<string, string>) {
  // An anonymous visitor gets a CSRF token (and its cookie) with the page holding the form.
  const page = await t.app.inject({ url: `/ke-hoach-thuc-hien/nhiem-vu/${taskId}` });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}

const mail = (kind: string) =>
  t.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.kind, kind))
    .then((rows) => rows.filter((r) => r.recipient === EMAIL.toLowerCase()));

async function setStatus(status: string) {
  const current = await t.app.inject({ url: `/api/v1/tasks/${taskId}`, headers: planner.headers() });
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/tasks/${taskId}`,
    headers: planner.headers(),
    payload: { rowVersion: current.json().rowVersion, status },
  });
  assert.equal(res.statusCode, 200, res.body);
}

before(async () => {
  t = await startTestApp({ config: { loginRateLimitPerMinute: 10_000 } });
  const [a] = await t.database.db
    .insert(agencies)
    .values({ code: 'FL-A', nameVi: 'Sở theo dõi', kind: 'department' })
    .returning();
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'CT-FL', title: 'Chương trình theo dõi', isPublic: true },
  });
  for (const isPublic of [true, false]) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: planner.headers(),
      payload: { programmeId: p.json().id, title: `Nhiệm vụ ${isPublic}`, leadAgencyId: a!.id, isPublic },
    });
    if (isPublic) taskId = r.json().id;
    else privateTaskId = r.json().id;
  }
});
after(async () => {
  await t.close();
});

test('the public task page offers the follow form with the consent unticked', async () => {
  const page = await t.app.inject({ url: `/ke-hoach-thuc-hien/nhiem-vu/${taskId}` });
  assert.equal(page.statusCode, 200);
  const box = /<input[^>]*name="followConsent"[^>]*>/.exec(page.body)![0];
  assert.doesNotMatch(box, /checked/);
  assert.match(page.body, /Luật Bảo vệ dữ liệu cá nhân số 91\/2025\/QH15/);
  assert.equal(
    (await t.app.inject({ url: `/ke-hoach-thuc-hien/nhiem-vu/${privateTaskId}` })).statusCode,
    404,
  );
});

test('without consent or with a bad address nothing is stored', async () => {
  const noConsent = await anonForm('/theo-doi', {
    targetType: 'task',
    targetId: String(taskId),
    followEmail: EMAIL,
  });
  assert.equal(noConsent.statusCode, 400);
  assert.match(noConsent.body, /Cần đánh dấu đồng ý/);
  const bad = await anonForm('/theo-doi', {
    targetType: 'task',
    targetId: String(taskId),
    followEmail: 'khong-phai-thu',
    followConsent: 'on',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Nhập địa chỉ thư điện tử hợp lệ/);
  const hidden = await anonForm('/theo-doi', {
    targetType: 'task',
    targetId: String(privateTaskId),
    followEmail: EMAIL,
    followConsent: 'on',
  });
  assert.equal(hidden.statusCode, 404);
  assert.equal(await countRows(t.database, 'follows'), 0);
});

test('follow, confirm, change status: the outbox holds a message to the follower; unfollow deletes the address', async () => {
  const res = await anonForm('/theo-doi', {
    targetType: 'task',
    targetId: String(taskId),
    followEmail: EMAIL,
    followConsent: 'on',
  });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, `/ke-hoach-thuc-hien/nhiem-vu/${taskId}?theodoi=1#follow`);
  const [row] = await t.database.db.select().from(follows);
  assert.equal(row!.email, EMAIL.toLowerCase());
  assert.match(row!.consentText, /91\/2025\/QH15/);
  assert.equal(row!.confirmedAt, null);
  const [confirmMail] = await mail('follow_confirm');
  assert.ok(confirmMail!.body.includes(`/theo-doi/xac-nhan/${row!.token}`));

  // Not confirmed yet: a status change sends nothing.
  await setStatus('in_progress');
  assert.equal((await mail('status_change')).length, 0);

  // The link opens a page; only its button confirms.
  const page = await t.app.inject({ url: `/theo-doi/xac-nhan/${row!.token}` });
  assert.equal(page.statusCode, 200);
  assert.equal((await t.database.db.select().from(follows))[0]!.confirmedAt, null);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const confirm = await t.app.inject({
    method: 'POST',
    url: `/theo-doi/xac-nhan/${row!.token}`,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(token)}`,
  });
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Đã xác nhận/);

  await setStatus('delayed');
  const notices = await mail('status_change');
  assert.equal(notices.length, 1);
  assert.match(notices[0]!.subject, /Nhiệm vụ "Nhiệm vụ true": Chậm/);
  assert.match(notices[0]!.body, /Đang thực hiện → Chậm/);
  assert.ok(notices[0]!.body.includes(`/theo-doi/huy/${row!.token}`));

  const unfollow = await anonForm(`/theo-doi/huy/${row!.token}`, {});
  assert.equal(unfollow.statusCode, 200);
  assert.match(unfollow.body, /Đã hủy theo dõi/);
  assert.equal(await countRows(t.database, 'follows'), 0);
  await setStatus('in_progress');
  assert.equal((await mail('status_change')).length, 1, 'no message after unfollowing');
  assert.equal((await t.app.inject({ url: `/theo-doi/huy/${row!.token}` })).statusCode, 404);
});

test('a priority project can be followed from its page', async () => {
  const [project] = await t.database.db
    .insert(projects)
    .values({ code: 'prj_thu', nameVi: 'Dự án thử' })
    .returning();
  const id = project!.id;
  const page = await t.app.inject({ url: `/du-an/${id}` });
  assert.match(page.body, /name="followEmail"/);
  const res = await anonForm('/theo-doi', {
    targetType: 'project',
    targetId: String(id),
    followEmail: 'nha.dau.tu@example.test',
    followConsent: 'on',
  });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, `/du-an/${id}?theodoi=1#follow`);
});
