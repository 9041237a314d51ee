// Every JSON request body in the OpenAPI document carries an example, and the
// example is one the route accepts: checked with the route's own validator and
// sent through the route as an administrator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { validatorCompiler } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { createTestUser, login, startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { RouteEntry } from './access.ts';

type SchemaObject = { $ref?: string; example?: unknown; examples?: unknown; enum?: unknown[] };
type MediaType = { schema?: SchemaObject; example?: unknown };
type Parameter = { name: string; in: string; schema?: SchemaObject };
type Operation = { requestBody?: { content?: Record<string, MediaType> }; parameters?: Parameter[] };
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
};

type JsonBodyOperation = { method: string; path: string; operation: Operation; media: MediaType };

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];
/** The code the error handler gives a request refused by its schema (error-handler.ts). */
const VALIDATION_CODE = 'validation_failed';

let t: TestApp;
let doc: OpenApiDocument;

before(async () => {
  t = await startTestApp({
    seeded: true,
    // A fresh administrator signs in for each operation; the webhook example is registered without a DNS lookup.
    config: { loginRateLimitPerMinute: 100_000, webhookAllowPrivate: true },
  });
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  doc = res.json() as OpenApiDocument;
});
after(async () => {
  await t.close();
});

function jsonBodyOperations(document: OpenApiDocument): JsonBodyOperation[] {
  const found: JsonBodyOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, operation] of Object.entries(item)) {
      const media = operation.requestBody?.content?.['application/json'];
      if (WRITE_METHODS.includes(method) && media) found.push({ method, path, operation, media });
    }
  }
  return found;
}

function resolve(schema: SchemaObject | undefined): SchemaObject | undefined {
  const ref = schema?.$ref;
  if (!ref?.startsWith('#/components/schemas/')) return schema;
  return doc.components?.schemas?.[ref.slice('#/components/schemas/'.length)];
}

/** The documented example: on the body schema, or (as @fastify/swagger may move it) on the media type. */
function exampleOf(media: MediaType): unknown {
  const schema = resolve(media.schema);
  if (schema?.example !== undefined) return schema.example;
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  return media.example;
}

/** `/api/v1/tasks/{id}` → a concrete URL: an enum's first value, otherwise 1 (the route may answer 404). */
function concreteUrl(op: JsonBodyOperation): string {
  const params = new Map(
    (op.operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p]),
  );
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const values = resolve(params.get(name)?.schema)?.enum;
    return encodeURIComponent(String(values?.[0] ?? 1));
  });
}

function routeOf(op: JsonBodyOperation): RouteEntry | undefined {
  const url = op.path.replace(/\{([^}]+)\}/g, ':$1');
  return t.app.routeTable.find((r) => r.method === op.method.toUpperCase() && r.url === url);
}

/** Problems the route's own body validator (the app's zod validator compiler) finds in the example. */
function schemaProblems(route: RouteEntry, example: unknown): string[] {
  const body = route.schema?.body;
  if (!(body instanceof z.ZodType)) return ['the route has no zod body schema'];
  const validate = validatorCompiler({
    schema: body,
    method: route.method,
    url: route.url,
    httpPart: 'body',
  });
  const result = validate(example);
  // The zod compiler answers synchronously with { value } or { error }.
  if (typeof result !== 'object' || !('error' in result) || !result.error) return [];
  const issues: unknown[] = Array.isArray(result.error) ? result.error : [result.error];
  return issues.map((i) => {
    const { instancePath, message } = i as { instancePath?: string; message?: string };
    return `${instancePath || '/'}: ${message ?? String(i)}`;
  });
}

test('every JSON request body in the OpenAPI document has an example the route accepts', async (tt) => {
  const operations = jsonBodyOperations(doc);
  // Guards against a document that lost its bodies (and would pass with nothing checked).
  assert.ok(operations.length > 30, `only ${operations.length} operations with a JSON body`);
  for (const op of operations) {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    await tt.test(name, async () => {
      const example = exampleOf(op.media);
      assert.notEqual(example, undefined, `${name}: the request body has no example`);

      const route = routeOf(op);
      assert.ok(route, `${name}: no route serves this operation`);

      // A fresh administrator each time, so an earlier example (a role or password change) cannot lock it out.
      const session = await login(t.app, (await createTestUser(t.database, 'admin')).email);
      const res = await t.app.inject({
        method: op.method.toUpperCase() as 'POST',
        url: concreteUrl(op),
        headers: session.headers({ 'accept-language': 'en' }),
        payload: example as Record<string, unknown>,
      });
      assert.ok(res.statusCode < 500, `${name} → ${res.statusCode}: ${res.body.slice(0, 500)}`);
      const code = res.statusCode === 400 ? (res.json() as { error?: { code?: string } }).error?.code : null;
      // Use cases answer field errors with the same code (a wrong current password, a multipart-only
      // route sent without its file), so the route's own validator tells a schema refusal from those.
      const problems = schemaProblems(route, example);
      const answer = code === VALIDATION_CODE ? ` The route answered: ${res.body.slice(0, 500)}` : '';
      assert.deepEqual(problems, [], `${name}: the example fails the route's schema.${answer}`);
    });
  }
});
