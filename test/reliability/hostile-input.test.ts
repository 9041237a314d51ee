// Hostile input against every route in the route table: random and malicious
// path parameters, query strings and bodies, sent as an administrator (the
// widest access). Whatever arrives, the answer is never a 5xx.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createTestUser, login, type Session, startTestApp, type TestApp } from '../helpers/app.ts';

const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  'null',
  '../../etc/passwd',
  '%00',
  "' or 1=1 --",
  '"; drop table users; --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'Khu công nghiệp Yên Bình',
  '1.234,5',
  '31/02/2024',
  '\u0000',
  '\uD800',
  'a'.repeat(5000),
];

const scalar = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const jsonValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(fc.string(), scalar, { maxKeys: 4 }),
);
const KNOWN_KEYS = [
  'email',
  'password',
  'name',
  'code',
  'nameVi',
  'kind',
  'parentId',
  'role',
  'agencyId',
  'rowVersion',
  'q',
  'scopes',
  'displayName',
  'currentPassword',
  'newPassword',
  'from',
  'to',
  'entity',
  'cursor',
  'limit',
  'view',
  'active',
  'lang',
];
const bodyArb = fc.oneof(jsonValue, fc.dictionary(fc.constantFrom(...KNOWN_KEYS), jsonValue, { maxKeys: 8 }));
const queryArb = fc.dictionary(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom(...NASTY), { maxKeys: 4 });
const paramArb = fc.oneof(fc.constantFrom(...NASTY), fc.string({ minLength: 1 }), fc.nat().map(String));

let t: TestApp;
let adminEmail: string;
before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 100_000 } });
  adminEmail = (await createTestUser(t.database, 'admin')).email;
});
after(async () => {
  await t.close();
});

const SKIP = new Set(['POST /logout', 'POST /api/v1/auth/logout']);

function fillPath(url: string, values: string[]): string {
  let i = 0;
  return url
    .replace(/:[A-Za-z_]+/g, () => encodeURIComponent(values[i++ % values.length] ?? 'x'))
    .replace(/\*$/, 'x');
}

test('no route answers 5xx to hostile input', async () => {
  const routes = t.app.routeTable.filter(
    (r) => !r.fromPlugin && r.method !== 'HEAD' && !SKIP.has(`${r.method} ${r.url}`),
  );
  assert.ok(routes.length > 20, `route table has ${routes.length} routes`);
  let requests = 0;
  for (const route of routes) {
    let session: Session = await login(t.app, adminEmail);
    await fc.assert(
      fc.asyncProperty(
        fc.array(paramArb, { minLength: 1, maxLength: 3 }),
        queryArb,
        bodyArb,
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
        async (params, query, body, contentType) => {
          const url = fillPath(route.url, params);
          const writes = route.method !== 'GET';
          const payload = !writes
            ? undefined
            : contentType === 'application/json'
              ? JSON.stringify(body)
              : contentType === 'text/plain'
                ? typeof body === 'string'
                  ? body
                  : JSON.stringify(body)
                : new URLSearchParams(
                    Object.entries(typeof body === 'object' && body !== null ? body : { v: body }).map(
                      ([k, v]) => [k, String(v)],
                    ),
                  ).toString();
          const res = await t.app.inject({
            method: route.method as 'GET',
            url,
            query: query as Record<string, string>,
            headers: session.headers({
              ...(writes ? { 'content-type': contentType } : {}),
              accept: 'text/html',
            }),
            payload,
          });
          requests++;
          if (res.statusCode === 401) session = await login(t.app, adminEmail);
          assert.ok(
            res.statusCode < 500,
            `${route.method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`,
          );
        },
      ),
      { numRuns: 12, seed: 20261126, verbose: 1 },
    );
  }
  console.log(`# hostile input: ${routes.length} routes, ${requests} requests, no 5xx`);
});
