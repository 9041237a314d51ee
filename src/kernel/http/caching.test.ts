import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestUser, login, startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { projects } from '../../modules/projects/schema.ts';
import { matchesIfNoneMatch, PUBLIC_MAX_AGE_SECONDS } from './caching.ts';

describe('ETag, Cache-Control and CORS on reads', () => {
  let t: TestApp;
  before(async () => {
    // The data changes below go around the app (no audit row), which the response cache
    // would rightly not notice; it has its own tests (response-cache.test.ts).
    t = await startTestApp({ config: { responseCacheMb: 0 } });
    await t.database.db
      .insert(projects)
      .values({ code: 'DA-THU-1', nameVi: 'Đường liên kết vùng (mẫu)', isSample: true });
  });
  after(() => t.close());

  test('a public API read has an ETag, public caching and CORS for any origin', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/projects',
      headers: { origin: 'https://du-lieu.example.org' },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]{20,}"$/);
    assert.equal(res.headers['cache-control'], `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    assert.match(String(res.headers['access-control-expose-headers']), /ETag/);
    assert.match(String(res.headers.vary), /Accept-Language/);
  });

  test('If-None-Match with the current ETag gets 304 and no body; a change gives a new ETag', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/projects' });
    const etag = String(first.headers.etag);
    for (const header of [etag, `W/${etag}`, `"x", ${etag}`, '*']) {
      const again = await t.app.inject({
        method: 'GET',
        url: '/api/v1/projects',
        headers: { 'if-none-match': header },
      });
      assert.equal(again.statusCode, 304, header);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
    }
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/projects',
      headers: { 'if-none-match': '"khac"' },
    });
    assert.equal(other.statusCode, 200);
    assert.ok(other.json());

    await t.database.db
      .insert(projects)
      .values({ code: 'DA-THU-2', nameVi: 'Cầu qua sông Cầu (mẫu)', isSample: true });
    const changed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/projects',
      headers: { 'if-none-match': etag },
    });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal((changed.json() as { items: unknown[] }).items.length, 2);
  });

  test('the language of the answer changes its ETag', async () => {
    const a = await t.app.inject({
      method: 'GET',
      url: '/api/v1/datasets',
      headers: { 'accept-language': 'vi' },
    });
    const b = await t.app.inject({
      method: 'GET',
      url: '/api/v1/datasets',
      headers: { 'accept-language': 'en' },
    });
    assert.notEqual(a.headers.etag, b.headers.etag);
  });

  test('a signed-in reader gets private caching: the answer may hold what only they may see', async () => {
    const planner = await createTestUser(t.database, 'planner');
    const session = await login(t.app, planner.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/projects', headers: session.headers() });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-cache');
    assert.match(String(res.headers.vary), /Cookie/);
  });

  test('no CORS on non-public reads, on writes, or on pages; pages stay no-store', async () => {
    const admin = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    assert.equal(admin.statusCode, 401);
    assert.equal(admin.headers['access-control-allow-origin'], undefined);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'khong-co@example.test', password: 'sai-mat-khau-1' },
    });
    assert.equal(write.headers['access-control-allow-origin'], undefined);
    const page = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers.etag, undefined);
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });

  test('a preflight for the API allows reads only', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/projects',
      headers: {
        origin: 'https://du-lieu.example.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['access-control-allow-methods'], 'GET, HEAD');
    assert.match(String(res.headers['access-control-allow-headers']), /If-None-Match/);
  });

  test('If-None-Match parsing', () => {
    assert.equal(matchesIfNoneMatch(undefined, '"a"'), false);
    assert.equal(matchesIfNoneMatch('"a"', '"a"'), true);
    assert.equal(matchesIfNoneMatch('W/"a"', '"a"'), true);
    assert.equal(matchesIfNoneMatch('"b", "a"', '"a"'), true);
    assert.equal(matchesIfNoneMatch('"b"', '"a"'), false);
    assert.equal(matchesIfNoneMatch(' * ', '"a"'), true);
  });
});
