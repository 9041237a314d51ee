import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { createAgency } from '../agencies/use-cases.ts';

let t: TestApp;
let admin: Session;
let adminId: number;
let agencyId: number;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  const adminUser = await createTestUser(t.database, 'admin');
  adminId = adminUser.id;
  admin = await login(t.app, adminUser.email);
  // An agency of our own, so the tests do not depend on the seed's content.
  const agency = await createAgency(
    t.database.db,
    systemActor('test'),
    {
      id: adminUser.id,
      email: adminUser.email,
      displayName: 'Test',
      role: 'admin',
      agencyId: null,
      mustChangePassword: false,
    },
    { code: `T-ADM-${process.pid}`, nameVi: 'Cơ quan thử nghiệm', kind: 'other' },
  );
  agencyId = agency.id;
});
after(async () => {
  await t.close();
});

const page = (session: Session | null, url: string) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: session ? { cookie: session.cookie, accept: 'text/html' } : { accept: 'text/html' },
  });

const postForm = (session: Session, url: string, fields: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: session.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
  });

function oneTimePasswordIn(html: string): string {
  const m = /<code class="secret">([^<]+)<\/code>/.exec(html);
  assert.ok(m, 'the page shows the one-time password');
  return m[1]!;
}

describe('staff landing page', () => {
  test('lists the sections open to the role; agency staff are refused', async () => {
    const home = await page(admin, '/admin');
    assert.equal(home.statusCode, 200);
    for (const href of ['/admin/users', '/admin/agencies', '/admin/audit'])
      assert.match(home.body, new RegExp(`href="${href}"`));
    const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    const plannerHome = await page(planner, '/admin');
    assert.equal(plannerHome.statusCode, 200);
    assert.doesNotMatch(plannerHome.body, /<h2><a href="\/admin\/users"/);
    const editor = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId })).email,
    );
    assert.equal((await page(editor, '/admin')).statusCode, 403);
  });
});

describe('user administration pages', () => {
  test('an administrator lists users and filters them', async () => {
    const planner = await createTestUser(t.database, 'planner');
    const editor = await createTestUser(t.database, 'agency_editor', { agencyId });
    const all = await page(admin, '/admin/users');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, new RegExp(planner.email));
    assert.match(all.body, new RegExp(editor.email));
    const planners = await page(admin, '/admin/users?role=planner');
    assert.match(planners.body, new RegExp(planner.email));
    assert.doesNotMatch(planners.body, new RegExp(editor.email));
    const byAgency = await page(admin, `/admin/users?agencyId=${agencyId}`);
    assert.match(byAgency.body, new RegExp(editor.email));
    assert.doesNotMatch(byAgency.body, new RegExp(planner.email));
    const byText = await page(admin, `/admin/users?q=${encodeURIComponent(planner.email.slice(0, 20))}`);
    assert.match(byText.body, new RegExp(planner.email));
  });

  test('creating a user shows the one-time password once, and it signs in (then must be changed)', async () => {
    const form = await page(admin, '/admin/users/new');
    assert.equal(form.statusCode, 200);
    const email = `moi-${process.pid}@example.test`;
    const res = await postForm(admin, '/admin/users', {
      email,
      displayName: 'Nguyễn Văn Mới',
      role: 'agency_editor',
      agencyId: String(agencyId),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /Đã tạo tài khoản/);
    assert.match(res.body, /trao mật khẩu cho đúng người/);
    const otp = oneTimePasswordIn(res.body);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: otp },
    });
    assert.equal(signIn.statusCode, 200);
    assert.equal((signIn.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword, true);
    const list = await page(admin, '/admin/users');
    const id = /href="\/admin\/users\/(\d+)">Nguyễn Văn Mới</.exec(list.body)?.[1];
    assert.ok(id);
    const view = await page(admin, `/admin/users/${id}`);
    assert.equal(view.statusCode, 200);
    assert.equal(view.body.includes(otp), false, 'the password is not shown again');
  });

  test('form errors re-render with the summary, messages by field, the input kept and status 400', async () => {
    const res = await postForm(admin, '/admin/users', {
      email: 'khong-phai-email',
      displayName: '',
      role: 'planner',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#f-email"/);
    assert.match(res.body, /Nhập địa chỉ email đúng dạng/);
    assert.match(res.body, /Nhập họ và tên/);
    assert.match(res.body, /value="khong-phai-email"/);
    assert.match(res.body, /<option value="planner" selected>/);

    const noAgency = await postForm(admin, '/admin/users', {
      email: `can-co-quan-${process.pid}@example.test`,
      displayName: 'Cần cơ quan',
      role: 'agency_editor',
      agencyId: '',
    });
    assert.equal(noAgency.statusCode, 400);
    assert.match(noAgency.body, /Vai trò này cần chọn cơ quan/);
    assert.match(noAgency.body, /value="Cần cơ quan"/);

    const taken = await createTestUser(t.database, 'leader');
    const dup = await postForm(admin, '/admin/users?lang=en', {
      email: taken.email,
      displayName: 'Duplicate',
      role: 'leader',
    });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /This email address already has an account/);
  });

  test('editing needs the current version: stale gets 409 and keeps the input; fresh saves', async () => {
    const user = await createTestUser(t.database, 'planner');
    const fields = {
      displayName: 'Tên đã sửa',
      role: 'planner',
      agencyId: '',
      rowVersion: String(user.rowVersion),
    };
    const ok = await postForm(admin, `/admin/users/${user.id}`, fields);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/admin/users/${user.id}?saved=1`);
    const saved = await page(admin, ok.headers.location as string);
    assert.match(saved.body, /Đã lưu thay đổi/);
    const stale = await postForm(admin, `/admin/users/${user.id}`, {
      ...fields,
      displayName: 'Bản cũ của tôi',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /người khác thay đổi/);
    assert.match(stale.body, /value="Bản cũ của tôi"/);
  });

  test('deactivating blocks sign-in; activating restores it; resetting shows a new one-time password', async () => {
    const user = await createTestUser(t.database, 'leader');
    const off = await postForm(admin, `/admin/users/${user.id}/deactivate`);
    assert.equal(off.statusCode, 303);
    await assert.rejects(login(t.app, user.email));
    const on = await postForm(admin, `/admin/users/${user.id}/activate`);
    assert.equal(on.statusCode, 303);
    await login(t.app, user.email);
    const reset = await postForm(admin, `/admin/users/${user.id}/reset-password`);
    assert.equal(reset.statusCode, 200);
    assert.match(reset.body, /Đã cấp lại mật khẩu/);
    await login(t.app, user.email, oneTimePasswordIn(reset.body));
    const self = await postForm(admin, `/admin/users/${adminId}/deactivate`);
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /không thể tự khoá/);
  });

  test('non-administrators get 403 on every user page; anonymous visitors are sent to sign in', async () => {
    const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    assert.equal((await page(planner, '/admin/users')).statusCode, 403);
    assert.equal((await page(planner, '/admin/users/new')).statusCode, 403);
    const post = await postForm(planner, '/admin/users', {
      email: 'x@example.test',
      displayName: 'X',
      role: 'admin',
    });
    assert.equal(post.statusCode, 403);
    assert.equal((await page(planner, `/admin/users/${adminId}`)).statusCode, 403);
    const anonymous = await page(null, '/admin/users');
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/login\?next=/);
  });
});
