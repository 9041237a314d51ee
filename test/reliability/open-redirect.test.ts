// Open redirects: sign-in sends the browser on to the address its `next` names
// only when that address is on this site (the comment form's `back` is tested in
// src/modules/engagement/engagement.test.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestUser, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';

const HOSTILE = [
  '//evil.example/x',
  'https://evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  'javascript:alert(1)',
  '/%2F%2Fevil.example',
  ' //evil.example',
  'http:evil.example',
];

let t: TestApp;
let email: string;
before(async () => {
  t = await startTestApp({ seeded: false, config: { loginRateLimitPerMinute: 100_000 } });
  email = (await createTestUser(t.database, 'planner')).email;
});
after(async () => t.close());

function offSite(location: string): boolean {
  return !/^\/(?![/\\])/.test(location);
}

test('sign-in never sends the browser to another site', async () => {
  for (const next of HOSTILE) {
    const page = await t.app.inject({ url: `/login?next=${encodeURIComponent(next)}` });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, email, password: TEST_PASSWORD, next }).toString(),
    });
    assert.equal(res.statusCode, 303, `${next}: ${res.body.slice(0, 200)}`);
    const location = String(res.headers.location);
    assert.ok(!offSite(location), `next=${next} sent the browser to ${location}`);
  }
});
