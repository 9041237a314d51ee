import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  createTestUser,
  login,
  type Session,
  startOtherProcess,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';

// Two app instances over one database stand for two server processes: each has its own cache.
describe('response cache for anonymous public reads', () => {
  let t: TestApp;
  let other: FastifyInstance;
  let admin: Session;
  before(async () => {
    t = await startTestApp({ config: { responseCacheMb: 16 } });
    other = await startOtherProcess(t, { responseCacheMb: 16 });
    const user = await createTestUser(t.database, 'admin');
    admin = await login(t.app, user.email);
  });
  after(async () => {
    await other.close();
    await t.close();
  });

  const agencyList = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/api/v1/agencies' });

  test('the second anonymous read is answered from the cache with the same body', async () => {
    const first = await agencyList(t.app);
    const second = await agencyList(t.app);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['x-response-cache'], 'miss');
    assert.equal(second.headers['x-response-cache'], 'hit');
    assert.equal(second.body, first.body);
    assert.equal(second.headers.etag, first.headers.etag);
  });

  test('a write through one process is seen by the next read on the other', async () => {
    await agencyList(other);
    assert.equal((await agencyList(other)).headers['x-response-cache'], 'hit');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: admin.headers(),
      payload: { code: 'SO-THU-CACHE', nameVi: 'Sở Thử bộ nhớ đệm', kind: 'department' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const after = await agencyList(other);
    assert.equal(after.headers['x-response-cache'], 'miss');
    assert.match(after.body, /Sở Thử bộ nhớ đệm/);
  });

  test('signed-in readers are never answered from the cache', async () => {
    await agencyList(t.app);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/agencies', headers: admin.headers() });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-response-cache'], undefined);
  });

  test('each language is cached on its own', async () => {
    const vi = await t.app.inject({ method: 'GET', url: '/' });
    const en = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    const enAgain = await t.app.inject({ method: 'GET', url: '/', cookies: { lang: 'en' } });
    assert.match(vi.body, /<html lang="vi"/);
    assert.match(en.body, /<html lang="en"/);
    assert.match(enAgain.body, /<html lang="en"/);
  });

  test('a cached page carries each visitor’s own CSRF token, never another’s', async () => {
    const a = await t.app.inject({
      method: 'GET',
      url: '/login',
      cookies: { qh_csrf: 'token-of-visitor-a' },
    });
    const b = await t.app.inject({
      method: 'GET',
      url: '/login',
      cookies: { qh_csrf: 'token-of-visitor-b' },
    });
    assert.equal(b.headers['x-response-cache'], 'hit');
    assert.match(a.body, /token-of-visitor-a/);
    assert.match(b.body, /token-of-visitor-b/);
    assert.doesNotMatch(b.body, /token-of-visitor-a/);
    const fresh = await t.app.inject({ method: 'GET', url: '/login' });
    const cookie = fresh.cookies.find((c) => c.name === 'qh_csrf');
    assert.ok(cookie, 'a first-time visitor gets a token cookie');
    assert.ok(fresh.body.includes(cookie.value));
  });

  test('health and metrics are always live', async () => {
    for (const url of ['/healthz', '/healthz', '/metrics', '/metrics']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.headers['x-response-cache'], undefined, url);
    }
  });
});
