import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify from 'fastify';
import { startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngine } from '../../../test/helpers/db.ts';
import { MissingAccessError, requireAccessDeclaration } from './access.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('GET /healthz names the engine', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { status: 'ok', db: testEngine });
});

test('GET /metrics is Prometheus text with per-route durations', async () => {
  await t.app.inject({ method: 'GET', url: '/healthz' });
  const r = await t.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(r.statusCode, 200);
  assert.match(
    r.body,
    /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
  );
});

test('the OpenAPI document lists the API and the docs page is served', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(r.statusCode, 200);
  const doc = r.json() as { paths: Record<string, unknown> };
  assert.ok(doc.paths['/api/v1/auth/login']);
  assert.ok(doc.paths['/healthz']);
  assert.equal(doc.paths['/login'], undefined, 'pages are not in the API document');
  const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(ui.statusCode, 200);
});

test('security headers are set', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['x-frame-options'], 'SAMEORIGIN');
});

test('unknown API paths get a JSON 404 in the asked language; pages get an HTML page in Vietnamese', async () => {
  const api = await t.app.inject({
    method: 'GET',
    url: '/api/v1/nothing',
    headers: { 'accept-language': 'en' },
  });
  assert.equal(api.statusCode, 404);
  assert.deepEqual(api.json(), {
    error: { code: 'not_found', message: 'The page or record was not found.' },
  });
  const page = await t.app.inject({ method: 'GET', url: '/khong-co', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /<html lang="vi"/);
  assert.match(page.body, /Không tìm thấy/);
});

test('oversized and malformed bodies get 4xx, not 500', async () => {
  const big = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: `{"email":"${'a'.repeat(3 * 1024 * 1024)}"}`,
  });
  assert.equal(big.statusCode, 413);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: '{"email":',
  });
  assert.equal(bad.statusCode, 400);
});

test('a route without an access declaration cannot be registered', async () => {
  const app = Fastify();
  requireAccessDeclaration(app);
  assert.throws(() => app.get('/unguarded', async () => 'x'), MissingAccessError);
  await app.close();
});

test('the home page shows the language switch and works in English', async () => {
  const vi = await t.app.inject({ method: 'GET', url: '/' });
  assert.equal(vi.statusCode, 200);
  assert.match(vi.body, /<html lang="vi"/);
  assert.match(vi.body, /Bỏ qua, đến nội dung chính/);
  const en = await t.app.inject({ method: 'GET', url: '/?lang=en' });
  assert.match(en.body, /<html lang="en"/);
  assert.match(en.body, /Skip to main content/);
  assert.ok(en.cookies.find((c) => c.name === 'lang' && c.value === 'en'));
});
