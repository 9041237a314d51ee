import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  countRows,
  createTestUser,
  login,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { createUser } from './users.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ config: { loginRateLimitPerMinute: 1000, loginLockoutThreshold: 3 } });
});
after(async () => {
  await t.close();
});

describe('sign-in and sign-out', () => {
  test('login starts a session with a safe cookie and returns the CSRF token', async () => {
    const user = await createTestUser(t.database, 'planner');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json() as { user: { email: string; role: string }; csrfToken: string };
    assert.equal(body.user.email, user.email);
    assert.ok(body.csrfToken.length >= 32);
    assert.equal(JSON.stringify(body).includes('passwordHash'), false);
    const cookie = res.cookies.find((c) => c.name === 'qh_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `qh_session=${cookie.value}` },
    });
    assert.equal(me.statusCode, 200);
  });

  test('sign-in issues a new session id, whatever cookie the browser brought (no fixation)', async () => {
    const user = await createTestUser(t.database, 'planner');
    const first = await login(t.app, user.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: 'qh_session=planted-by-attacker' },
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const issued = res.cookies.find((c) => c.name === 'qh_session')?.value;
    assert.ok(issued);
    assert.notEqual(issued, 'planted-by-attacker');
    assert.notEqual(`qh_session=${issued}`, first.cookie);
    const planted = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: 'qh_session=planted-by-attacker' },
    });
    assert.equal(planted.statusCode, 401);
  });

  test('logout ends the session', async () => {
    const user = await createTestUser(t.database, 'leader');
    const s = await login(t.app, user.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers() });
    assert.equal(out.statusCode, 204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    assert.equal(me.statusCode, 401);
  });

  test('a wrong password and an unknown email get the same generic 401, in the asked language', async () => {
    const user = await createTestUser(t.database, 'planner');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'not-the-password' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.match((wrong.json() as { error: { message: string } }).error.message, /mật khẩu không đúng/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { email: 'nobody@example.test', password: 'x' },
    });
    assert.match(
      (en.json() as { error: { message: string } }).error.message,
      /email or password is not right/,
    );
  });

  test('repeated failures lock the account for a while, even with the right password', async () => {
    const user = await createTestUser(t.database, 'planner');
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'wrong' },
      });
      assert.equal(r.statusCode, 401);
    }
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    assert.equal(right.statusCode, 401);
  });

  test('invalid bodies get a 400 with field messages, never a 500', async () => {
    for (const payload of [{}, { email: 'a' }, { email: 'a@b.c', password: '' }, 'not json']) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: payload as object });
      assert.ok([400, 415].includes(r.statusCode), `status ${r.statusCode} for ${JSON.stringify(payload)}`);
    }
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.c&password=x',
    });
    assert.equal(form.statusCode, 415, 'the JSON sign-in endpoint refuses HTML-form posts');
  });
});

test('sign-in is rate limited after repeated tries', async () => {
  const limited = await startTestApp({ config: { loginRateLimitPerMinute: 5 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'x@example.test', password: 'wrong' },
      });
      statuses.push(r.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal(statuses[6], 429);
  } finally {
    await limited.close();
  }
});

describe('CSRF', () => {
  test('a session write without the CSRF token gets 403; with it, it succeeds', async () => {
    const user = await createTestUser(t.database, 'planner');
    const s = await login(t.app, user.email);
    const payload = { name: 'integration' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: s.cookie },
      payload,
    });
    assert.equal(without.statusCode, 403);
    assert.equal((without.json() as { error: { code: string } }).error.code, 'csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    assert.equal(wrong.statusCode, 403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers(), payload });
    assert.equal(ok.statusCode, 201);
  });

  test('an anonymous form post without the double-submit token gets 403', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'email=a%40b.c&password=x',
    });
    assert.equal(r.statusCode, 403);
    assert.match(r.body, /CSRF/);
  });
});

describe('API tokens', () => {
  test('a bearer token acts as its user within its scope, and stops working when revoked', async () => {
    const user = await createTestUser(t.database, 'admin');
    const s = await login(t.app, user.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: s.headers(),
      payload: { name: 'read only', scopes: ['read'] },
    });
    const { secret, token } = created.json() as { secret: string; token: { id: number } };
    const bearer = { authorization: `Bearer ${secret}` };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    assert.equal(read.statusCode, 200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer,
      payload: { email: 'new@example.test', displayName: 'New', role: 'leader' },
    });
    assert.equal(
      write.statusCode,
      403,
      'read-only token cannot write (and needs no CSRF token to be refused)',
    );
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.id}`,
      headers: s.headers(),
    });
    assert.equal(revoke.statusCode, 200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    assert.equal(after.statusCode, 401);
  });

  test('a write token needs no CSRF token', async () => {
    const user = await createTestUser(t.database, 'admin');
    const s = await login(t.app, user.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: s.headers(),
      payload: { name: 'writer', scopes: ['read', 'write'] },
    });
    const { secret } = created.json() as { secret: string };
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${secret}` },
      payload: { email: `w-${Date.now()}@example.test`, displayName: 'Writer made', role: 'leader' },
    });
    assert.equal(write.statusCode, 201);
  });
});

describe('roles and the one-time password', () => {
  test('a non-admin gets 403 on admin routes and anonymous gets 401', async () => {
    const user = await createTestUser(t.database, 'planner');
    const s = await login(t.app, user.email);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: s.headers() })).statusCode,
      403,
    );
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode, 401);
  });

  test('a user with a one-time password must change it before doing anything else', async () => {
    const { user, oneTimePassword } = await createUser(t.database.db, systemActor('test'), {
      email: `otp-${Date.now()}@example.test`,
      displayName: 'OTP user',
      role: 'leader',
    });
    assert.ok(oneTimePassword);
    const s = await login(t.app, user.email, oneTimePassword);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: s.headers() });
    assert.equal(blocked.statusCode, 403);
    assert.equal((blocked.json() as { error: { code: string } }).error.code, 'password_change_required');
    const page = await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: s.cookie } });
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/account/password');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: s.headers(),
      payload: { currentPassword: oneTimePassword, newPassword: 'mot-mat-khau-moi-dai' },
    });
    assert.equal(change.statusCode, 204);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: s.headers() })).statusCode,
      200,
    );
  });
});

test('a write that fails leaves neither the record nor its audit row', async () => {
  const usersBefore = await countRows(t.database, 'users');
  const auditBefore = await countRows(t.database, 'audit_log');
  // The audit insert fails after the user insert succeeded: both must roll back.
  const brokenActor = { ...systemActor('test'), label: null as unknown as string };
  await assert.rejects(
    createUser(t.database.db, brokenActor, {
      email: 'half@example.test',
      displayName: 'Half',
      role: 'leader',
    }),
  );
  assert.equal(await countRows(t.database, 'users'), usersBefore);
  assert.equal(await countRows(t.database, 'audit_log'), auditBefore);
});

test('validation errors name the field in the user language', async () => {
  const admin = await createTestUser(t.database, 'admin');
  const s = await login(t.app, admin.email);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: s.headers(),
    payload: { email: 'not-an-email', displayName: '', role: 'agency_editor' },
  });
  assert.equal(r.statusCode, 400);
  const body = r.json() as { error: { code: string; fields: { field: string; message: string }[] } };
  assert.equal(body.error.code, 'validation_failed');
  const email = body.error.fields.find((f) => f.field === 'email');
  assert.match(email?.message ?? '', /email đúng dạng/);
  const agency = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: s.headers({ 'accept-language': 'en' }),
    payload: { email: 'editor@example.test', displayName: 'Editor', role: 'agency_editor' },
  });
  assert.equal(agency.statusCode, 400);
  assert.match(agency.body, /This role needs an agency/);
});
