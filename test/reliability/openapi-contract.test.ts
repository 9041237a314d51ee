// The OpenAPI document is a contract: every GET operation it lists is called on
// the seeded app (path parameters filled from the collection above them), and
// the real answer is checked against the document — a 2xx must be documented and
// match its schema; any 4xx must be the documented error shape.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createTestUser, login, type Session, startTestApp, type TestApp } from '../helpers/app.ts';

type Schema = Record<string, unknown>;
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const ERROR_SHAPE = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
};

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp({ seeded: true });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
});
after(async () => t.close());

async function getJson(url: string): Promise<unknown> {
  const res = await t.app.inject({ url, headers: admin.headers() });
  return res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')
    ? res.json()
    : null;
}

/** A real value for `{param}` in `path`: the first item of the collection above it. */
async function fill(path: string): Promise<string> {
  let out = path;
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    const [placeholder, name] = match as unknown as [string, string];
    const collection = out.slice(0, out.indexOf(placeholder) - 1);
    const body = (await getJson(collection)) as
      | { items?: Record<string, unknown>[] }
      | Record<string, unknown>[]
      | null;
    const items = Array.isArray(body)
      ? body
      : (body?.items ?? (body as { features?: unknown[] } | null)?.features ?? []);
    const first = (items as Record<string, unknown>[])[0] ?? {};
    const props = (first.properties ?? {}) as Record<string, unknown>;
    const value = first[name] ?? first.id ?? first.code ?? props[name] ?? props.id ?? '1';
    out = out.replace(placeholder, encodeURIComponent(String(value)));
  }
  return out;
}

test('every GET operation in the OpenAPI document answers as the document says', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  const problems: string[] = [];
  let checked = 0;
  for (const [path, methods] of Object.entries(doc.paths)) {
    const op = methods.get;
    if (!op) continue;
    const url = await fill(path);
    const res = await t.app.inject({ url, headers: admin.headers({ accept: 'application/json' }) });
    checked++;
    const type = String(res.headers['content-type'] ?? '');
    if (!type.includes('json')) continue; // files (CSV, XLSX, DOCX, PDF) are checked by their own tests
    const body = res.json();
    if (res.statusCode >= 200 && res.statusCode < 300) {
      const schema = op.responses?.[String(res.statusCode)]?.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`GET ${path} → ${res.statusCode}: not documented`);
        continue;
      }
      // references (#/components/schemas/…) resolve against the document's components
      let validate: ReturnType<typeof ajv.compile>;
      try {
        validate = ajv.compile({ ...schema, components: doc.components });
      } catch (error) {
        problems.push(`GET ${path}: schema does not compile: ${String(error)}`);
        continue;
      }
      if (!validate(body))
        problems.push(`GET ${url} → ${res.statusCode}: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
    } else if (res.statusCode >= 400 && res.statusCode < 500) {
      if (!ajv.validate(ERROR_SHAPE, body))
        problems.push(`GET ${url} → ${res.statusCode}: not the error shape`);
    } else problems.push(`GET ${url} → ${res.statusCode}`);
  }
  console.log(`# OpenAPI contract: ${checked} GET operations called`);
  assert.ok(checked > 30, `only ${checked} operations`);
  assert.deepEqual(problems, []);
});
