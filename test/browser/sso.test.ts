// Single sign-on in a browser: the login page's button → the OpenID provider
// started in the test (its development sign-in form) → back, signed in, with
// the role an admin's rule gives.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import Provider from 'oidc-provider';
import { systemActor } from '../../src/kernel/http/context.ts';
import { addMapping } from '../../src/modules/sso/use-cases.ts';
import { type BrowserEnv, seriousViolations, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;
let issuer = '';
let idp: http.Server;

before(async () => {
  if (skipReason) return;
  let handler: http.RequestListener = (_req, res) => res.end();
  idp = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  env = await startBrowserEnv({
    seeded: true,
    config: {
      oidc: {
        issuer,
        clientId: 'quyhoach',
        clientSecret: 'bi-mat-thu-nghiem',
        scopes: 'openid email profile groups',
        providerName: 'Cổng định danh tỉnh (thử)',
      },
    },
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'quyhoach',
        client_secret: 'bi-mat-thu-nghiem',
        redirect_uris: [`${env.baseUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${env.baseUrl}/login?loggedOut=1`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: `${id}@thainguyen.test`,
        email_verified: true,
        name: 'Trần Thị Quy Hoạch',
        groups: ['phong-quy-hoach'],
      }),
    }),
    pkce: { required: () => true },
    cookies: { keys: ['khoa-cookie-thu-nghiem'] },
  });
  handler = provider.callback();
  await addMapping(env.database.db, systemActor('test'), {
    claim: 'groups',
    value: 'phong-quy-hoach',
    role: 'planner',
    position: 0,
  });
});

after(async () => {
  await env?.close();
  await new Promise<void>((resolve) => (idp ? idp.close(() => resolve()) : resolve()));
});

test('a planner signs in through the OpenID provider and lands where they were going', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage();
  await page.goto('/admin');
  assert.match(page.url(), /\/login\?next=%2Fadmin/);
  await page.getByRole('link', { name: 'Đăng nhập bằng Cổng định danh tỉnh (thử)' }).click();
  // The provider's development sign-in form, then its consent form.
  await page.locator('input[name="login"]').fill('tran.thi.qh');
  await page.locator('input[name="password"]').fill('bat-ky');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
  await page.waitForURL(`${env.baseUrl}/admin`);
  assert.equal(await page.locator('a[href="/account"]').first().textContent(), 'Trần Thị Quy Hoạch');

  // Signing out signs out at the provider too (its confirmation), then back to the sign-in page.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.href.startsWith(issuer));
  await page.getByRole('button', { name: /Yes, sign me out/i }).click();
  await page.waitForURL(`${env.baseUrl}/login?loggedOut=1`);
  assert.ok(await page.getByText('Bạn đã đăng xuất.').isVisible());
  await page.goto('/admin');
  assert.match(page.url(), /\/login\?next=%2Fadmin/, 'the session here is over');

  // The login page with its single sign-on button stays accessible.
  const fresh = await env.browser.newContext({ baseURL: env.baseUrl, bypassCSP: true });
  const p = await fresh.newPage();
  await p.goto('/login');
  assert.deepEqual(await seriousViolations(p), []);
  await fresh.close();
});
