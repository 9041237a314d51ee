// Single sign-on against an OpenID provider started inside the test (oidc-provider
// with its development login form): authorization code + PKCE, claims → role rules.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';

const APP_URL = 'http://quyhoach.test';
const CALLBACK = `${APP_URL}/auth/oidc/callback`;

const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'nguyen.van.an': {
    email: 'nguyen.van.an@thainguyen.test',
    email_verified: true,
    name: 'Nguyễn Văn An',
    groups: ['nhan-vien', 'so-xay-dung'],
  },
  'khach.la': {
    email: 'khach.la@example.test',
    email_verified: true,
    name: 'Khách Lạ',
    groups: ['cong-dan'],
  },
};

/** A tiny cookie jar for the provider's own cookies. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Goes through the provider's login (and consent) forms; returns the URL it redirects back to the app with. */
async function signInAtProvider(start: string, loginName: string): Promise<URL> {
  const jar = new Jar();
  let url = start;
  let res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  for (let step = 0; step < 20; step += 1) {
    jar.take(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(CALLBACK)) return next;
      url = next.href;
      res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(
      action && prompt,
      `expected a provider form at ${url} (status ${res.status}): ${html.slice(0, 300)}`,
    );
    url = new URL(action, url).href;
    res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt, login: loginName, password: 'bat-ky' }).toString(),
    });
  }
  throw new Error('the provider never redirected back');
}

/** Confirms the provider's sign-out form; returns the URL it sends the browser back to. */
async function signOutAtProvider(start: string): Promise<URL> {
  const jar = new Jar();
  let url = start;
  let res = await fetch(url, { redirect: 'manual' });
  for (let step = 0; step < 10; step += 1) {
    jar.take(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(APP_URL)) return next;
      url = next.href;
      res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(
      action && xsrf,
      `expected the provider's sign-out form (status ${res.status}): ${html.slice(0, 300)}`,
    );
    url = new URL(action, url).href;
    res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
  }
  throw new Error('the provider never sent the browser back');
}

describe('single sign-on by OpenID Connect', () => {
  let t: TestApp;
  let idp: http.Server;
  let issuer: string;
  let admin: Session;
  let agencyId: number;

  before(async () => {
    let handler: http.RequestListener = (_req, res) => res.end();
    idp = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'quyhoach',
          client_secret: 'bi-mat-may-khach-thu-nghiem',
          redirect_uris: [CALLBACK],
          post_logout_redirect_uris: [`${APP_URL}/login?loggedOut=1`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      findAccount: async (_ctx, id) => ({
        accountId: id,
        claims: async () => ({ sub: id, ...(ACCOUNTS[id] ?? {}) }),
      }),
      pkce: { required: () => true },
      cookies: { keys: ['khoa-cookie-thu-nghiem'] },
    });
    handler = provider.callback();
    t = await startTestApp({
      config: {
        publicUrl: APP_URL,
        oidc: {
          issuer,
          clientId: 'quyhoach',
          clientSecret: 'bi-mat-may-khach-thu-nghiem',
          scopes: 'openid email profile groups',
          providerName: 'Cổng định danh tỉnh (thử)',
        },
      },
    });
    admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
    const [a] = await t.database.db
      .insert(agencies)
      .values({ code: 'SXD', nameVi: 'Sở Xây dựng', kind: 'department' })
      .returning();
    agencyId = a!.id;
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => idp.close(() => resolve()));
  });

  async function ssoLogin(loginName: string, next = '/workspace') {
    const start = await t.app.inject({
      method: 'GET',
      url: `/auth/oidc/start?next=${encodeURIComponent(next)}`,
    });
    assert.equal(start.statusCode, 303);
    const authUrl = new URL(String(start.headers.location));
    assert.equal(authUrl.origin, issuer);
    assert.equal(authUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authUrl.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    const stateCookie = start.cookies.find((c) => c.name === 'qh_sso_state')!;
    const back = await signInAtProvider(authUrl.href, loginName);
    assert.ok(back.searchParams.get('code'));
    const callback = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `qh_sso_state=${stateCookie.value}` },
    });
    return { callback, stateCookie: stateCookie.value, back };
  }

  test('the login page offers single sign-on next to the local password form', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login?next=/workspace' });
    assert.match(page.body, /Đăng nhập bằng Cổng định danh tỉnh \(thử\)/);
    assert.match(page.body, /href="\/auth\/oidc\/start\?next=%2Fworkspace"/);
    assert.match(page.body, /name="password"/);
  });

  test('a person a rule matches signs in with the role and agency the rule gives', async () => {
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sso/mappings',
      headers: admin.headers(),
      payload: { claim: 'groups', value: 'so-xay-dung', role: 'agency_editor', agencyId },
    });
    assert.equal(rule.statusCode, 201, rule.body);
    const users = await countRows(t.database, 'users');
    const { callback } = await ssoLogin('nguyen.van.an');
    assert.equal(callback.statusCode, 303, callback.body);
    assert.equal(callback.headers.location, '/workspace');
    const session = callback.cookies.find((c) => c.name === 'qh_session');
    assert.ok(session);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `qh_session=${session.value}` },
    });
    const u = (me.json() as { user: { email: string; displayName: string; role: string; agencyId: number } })
      .user;
    assert.deepEqual(
      [u.email, u.displayName, u.role, u.agencyId],
      ['nguyen.van.an@thainguyen.test', 'Nguyễn Văn An', 'agency_editor', agencyId],
    );
    assert.equal(await countRows(t.database, 'users'), users + 1);

    // The admins change the rules: the next sign-in follows them, with no second account.
    const id = (rule.json() as { id: number }).id;
    assert.equal(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/sso/mappings/${id}`, headers: admin.headers() }))
        .statusCode,
      204,
    );
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/sso/mappings',
      headers: admin.headers(),
      payload: { claim: 'groups', value: 'nhan-vien', role: 'leader' },
    });
    const again = await ssoLogin('nguyen.van.an');
    assert.equal(again.callback.statusCode, 303);
    const me2 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `qh_session=${again.callback.cookies.find((c) => c.name === 'qh_session')!.value}` },
    });
    assert.equal((me2.json() as { user: { role: string } }).user.role, 'leader');
    assert.equal(await countRows(t.database, 'users'), users + 1);
    const audit = (await t.database.db.execute(
      `select action from audit_log where action in ('login_sso','sso_role') order by id` as never,
    )) as unknown as { rows: { action: string }[] };
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['login_sso', 'sso_role', 'login_sso'],
    );

    // A callback is good once: replaying it is refused.
    const replay = await t.app.inject({
      method: 'GET',
      url: `${again.back.pathname}${again.back.search}`,
      headers: { cookie: `qh_sso_state=${again.stateCookie}` },
    });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Đăng nhập một lần không thành công/);
  });

  test('signing out of a single sign-on session signs out at the provider too, then comes back', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/sso/mappings',
      headers: admin.headers(),
      payload: { claim: 'groups', value: 'nhan-vien', role: 'leader' },
    });
    const { callback } = await ssoLogin('nguyen.van.an');
    assert.equal(callback.statusCode, 303, callback.body);
    const cookie = `qh_session=${callback.cookies.find((c) => c.name === 'qh_session')!.value}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    const csrf = (me.json() as { csrfToken: string }).csrfToken;
    const out = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    assert.equal(out.statusCode, 303);
    const end = new URL(String(out.headers.location));
    assert.equal(end.origin, issuer, 'the browser goes to the provider to sign out there');
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${APP_URL}/login?loggedOut=1`);
    const hint = end.searchParams.get('id_token_hint') ?? '';
    assert.equal(hint.split('.').length, 3, 'the ID token is the hint');
    const claims = JSON.parse(Buffer.from(hint.split('.')[1]!, 'base64url').toString()) as { sub: string };
    assert.equal(claims.sub, 'nguyen.van.an');
    // The session here is over at once.
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
      401,
    );
    // At the provider: its sign-out confirmation, then back to our sign-in page.
    const back = await signOutAtProvider(end.href);
    assert.equal(back.href, `${APP_URL}/login?loggedOut=1`);
    const page = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    assert.match(page.body, /Bạn đã đăng xuất/);
    // The sign-out form's redirect to the provider is allowed by the pages' CSP (form-action).
    assert.ok(String(page.headers['content-security-policy']).includes(`form-action 'self' ${issuer}`));
  });

  test('a local account signs out here only, as before', async () => {
    const local = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    const out = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: local.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({ _csrf: local.csrfToken }).toString(),
    });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/login?loggedOut=1');
  });

  test('a person no rule matches and without an account is refused, nothing created', async () => {
    const users = await countRows(t.database, 'users');
    const { callback } = await ssoLogin('khach.la');
    assert.equal(callback.statusCode, 403);
    assert.match(callback.body, /chưa được cấp quyền/);
    assert.equal(
      callback.cookies.find((c) => c.name === 'qh_session'),
      undefined,
    );
    assert.equal(await countRows(t.database, 'users'), users);
  });

  test('a callback without the browser’s state cookie is refused', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/auth/oidc/start' });
    const back = await signInAtProvider(String(start.headers.location), 'nguyen.van.an');
    const res = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    assert.equal(res.statusCode, 400);
    const cancelled = await t.app.inject({
      method: 'GET',
      url: '/auth/oidc/callback?error=access_denied&state=x',
    });
    assert.equal(cancelled.statusCode, 400);
    assert.match(cancelled.body, /huỷ đăng nhập/);
  });

  test('admins set rules on /admin/sso; an agency role needs an agency', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/sso', headers: admin.headers() });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(CALLBACK));
    const bad = await t.app.inject({
      method: 'POST',
      url: '/admin/sso/mappings',
      headers: admin.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        claim: 'groups',
        value: 'x',
        role: 'agency_viewer',
        agencyId: '',
      }).toString(),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Vai trò này cần chọn cơ quan/);
    const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/sso/mappings', headers: planner.headers() }))
        .statusCode,
      403,
    );
  });
});
