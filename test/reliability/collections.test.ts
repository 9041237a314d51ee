// Every collection of the API pages, sorts and filters the same way
// (src/kernel/http/collection.ts): walking the pages with `nextCursor` gives the
// whole list once, in the order of one big page; a sort covers the whole list,
// not one page; wrong parameters get a 400 that says what is wrong, in the
// reader's language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestUser, login, type Session, startTestApp, type TestApp } from '../helpers/app.ts';

type Item = Record<string, unknown>;
type Page = { items: Item[]; nextCursor: string | null };

/** The collections walked here: URL (with required filters) and the sorts to walk. */
/** `few`: the seeded data holds only a handful of records, so only the mechanics are checked. */
const COLLECTIONS: { url: string; sorts: string[]; few?: boolean }[] = [
  { url: '/api/v1/tasks', sorts: ['due', '-due', 'title', '-progress', '-updated'] },
  { url: '/api/v1/news', sorts: ['-published', 'title'] },
  { url: '/api/v1/documents', sorts: ['-issued', 'code', '-title'] },
  { url: '/api/v1/projects', sorts: ['name', '-investment', 'progress', '-updated'] },
  { url: '/api/v1/indicators', sorts: ['order', '-code', 'name'] },
  { url: '/api/v1/indicators?category=economic', sorts: ['name'] },
  { url: '/api/v1/indicators/{indicator}/observations', sorts: ['period', '-period', 'created'] },
  { url: '/api/v1/agencies', sorts: ['name', '-code', 'updated'] },
  { url: '/api/v1/agencies?kind=commune', sorts: ['-name'] },
  { url: '/api/v1/users', sorts: ['email', '-name', 'created'], few: true },
  { url: '/api/v1/tokens', sorts: ['-created', 'lastUsed'], few: true },
  { url: '/api/v1/programmes', sorts: ['code', '-title', 'due'], few: true },
  { url: '/api/v1/plans', sorts: ['-decision', 'code'], few: true },
  { url: '/api/v1/plans/{plan}/items', sorts: ['position', 'name', '-area'] },
  { url: '/api/v1/plans/{plan}/items?kind=industrial_park', sorts: ['-name'] },
  { url: '/api/v1/plans/{plan}/versions', sorts: ['number', '-decided'], few: true },
  { url: '/api/v1/landuse/categories', sorts: ['order', 'code', '-name'] },
  { url: '/api/v1/conformity/layers', sorts: ['id', 'name', '-type'] },
  { url: '/api/v1/conformity/rules', sorts: ['layerType', '-outcome'] },
  { url: '/api/v1/indicator-drafts', sorts: ['created', '-year'], few: true },
  { url: '/api/v1/webhooks', sorts: ['created', '-url'], few: true },
  { url: '/api/v1/sso/mappings', sorts: ['position', '-claim', 'created'], few: true },
];

let t: TestApp;
let admin: Session;
let planId = '';
let indicatorCode = '';
before(async () => {
  t = await startTestApp({ seeded: true });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
  const plans = ((await get('/api/v1/plans?sort=-decision')).json() as Page).items;
  // The indicator with the most observations.
  let mostObs = -1;
  for (const i of ((await get('/api/v1/indicators?limit=500')).json() as Page).items) {
    const n = ((await get(`/api/v1/indicators/${i.code}/observations?limit=500`)).json() as Page).items
      .length;
    if (n > mostObs) [mostObs, indicatorCode] = [n, String(i.code)];
  }
  // The plan with the most items (the approved plan; adjustments may hold none).
  let most = -1;
  for (const p of plans) {
    const n = ((await get(`/api/v1/plans/${p.id}/items?limit=500`)).json() as Page).items.length;
    if (n > most) [most, planId] = [n, String(p.id)];
  }
  // Tasks whose titles start with Vietnamese letters, created in an order unlike the alphabet.
  const programme = ((await get('/api/v1/programmes')).json() as Page).items[0]!.id;
  const agency = ((await get('/api/v1/agencies')).json() as Page).items[0]!.id;
  const titles = [
    'Ứng dụng số',
    'Đường vành đai',
    'bến xe khách',
    'Ánh sáng đô thị',
    'Cầu Gia Bảy',
    'an ninh nguồn nước',
  ];
  for (const [i, title] of titles.entries()) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: admin.headers(),
      payload: { programmeId: programme, title, leadAgencyId: agency, dueDate: `2027-0${(i % 3) + 1}-01` },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(async () => t.close());

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    url: url.replace('{plan}', planId).replace('{indicator}', indicatorCode),
    headers: { ...admin.headers(), ...headers },
  });
}

function withParams(url: string, params: Record<string, string>): string {
  const qs = new URLSearchParams(params).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${qs}`;
}

async function walk(url: string, sort: string, limit: number): Promise<unknown[]> {
  const keys: unknown[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 2000; guard++) {
    const res = await get(withParams(url, { sort, limit: String(limit), ...(cursor ? { cursor } : {}) }));
    assert.equal(res.statusCode, 200, `${url} sort=${sort}: ${res.body}`);
    const page = res.json() as Page;
    assert.ok(page.items.length <= limit);
    keys.push(...page.items.map(keyOf));
    cursor = page.nextCursor;
    if (cursor === null) return keys;
  }
  throw new Error('too many pages');
}

function keyOf(i: Item): unknown {
  return i.id ?? i.slug ?? i.code ?? i.layerType;
}

/** What people compare when reading a sorted list: lower case, without Vietnamese diacritics. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

describe('collections', () => {
  for (const c of COLLECTIONS) {
    for (const sort of c.sorts) {
      test(`${c.url} sort=${sort}: the pages of nextCursor make the whole list once, in order`, async () => {
        const res = await get(withParams(c.url, { sort, limit: '500' }));
        assert.equal(res.statusCode, 200, res.body);
        const whole = res.json() as Page;
        if (!c.few)
          assert.ok(whole.items.length > 2, `${c.url} has too few records to page (${whole.items.length})`);
        const expected = whole.items.map(keyOf);
        const paged = await walk(c.url, sort, 2);
        assert.deepEqual(paged, whole.nextCursor === null ? expected : paged.slice(0, expected.length));
        assert.equal(new Set(paged).size, paged.length, 'a record came twice');
      });
    }
  }

  test('sort=title covers the whole task list, not one page', async () => {
    const first = (await get('/api/v1/tasks?sort=title&limit=5')).json() as Page & { total: number };
    const all = (await get('/api/v1/tasks?sort=title&limit=500')).json() as Page;
    assert.deepEqual(
      first.items.map((i) => i.id),
      all.items.slice(0, 5).map((i) => i.id),
    );
    const initials = all.items.map((i) => folded(String(i.title)).charAt(0));
    const letters = initials.filter((ch) => /[a-z]/.test(ch));
    assert.ok(letters.length >= 6);
    assert.deepEqual(letters, [...letters].sort(), 'titles are not in alphabetical order');
    // "an ninh…" and "Ánh sáng…" come before "bến xe…", which comes before "Cầu…" and "Đường…".
    const order = (start: string) => all.items.findIndex((i) => String(i.title).startsWith(start));
    assert.ok(order('an ninh') < order('bến xe') && order('Ánh sáng') < order('bến xe'));
    assert.ok(
      order('bến xe') < order('Cầu') && order('Cầu') < order('Đường') && order('Đường') < order('Ứng'),
    );
    // The older fields stay, with the cursor next to them.
    assert.equal(typeof first.total, 'number');
    assert.equal(typeof first.nextCursor, 'string');
  });

  test('descending is the exact reverse of ascending when the key is unique', async () => {
    const up = (await get('/api/v1/documents?sort=code&limit=500')).json() as Page;
    const down = (await get('/api/v1/documents?sort=-code&limit=500')).json() as Page;
    assert.deepEqual(
      down.items.map((i) => i.code),
      up.items.map((i) => i.code).reverse(),
    );
  });

  test('filters narrow the list and page the same way', async () => {
    const all = (await get('/api/v1/tasks?limit=500')).json() as Page;
    const status = String(all.items[0]?.status);
    const filtered = (await get(`/api/v1/tasks?status=${status}&limit=500`)).json() as Page;
    assert.ok(filtered.items.length > 0);
    assert.ok(filtered.items.every((i) => i.status === status));
    const paged = await walk(`/api/v1/tasks?status=${status}`, 'title', 3);
    assert.deepEqual(paged.length, filtered.items.length);
  });

  test('a filter computed after the SQL (the status of an indicator) pages the same way', async () => {
    const all = (await get('/api/v1/indicators?limit=500')).json() as Page;
    const counts = new Map<string, number>();
    for (const i of all.items) counts.set(String(i.status), (counts.get(String(i.status)) ?? 0) + 1);
    const [status] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const filtered = all.items.filter((i) => i.status === status).map((i) => i.code);
    assert.deepEqual(await walk(`/api/v1/indicators?status=${status}`, 'order', 2), filtered);
  });

  test('a sort the list does not offer is refused, naming the accepted ones (vi, en)', async () => {
    const vi = await get('/api/v1/tasks?sort=budget');
    assert.equal(vi.statusCode, 400);
    const body = vi.json() as {
      error: { code: string; message: string; fields: { field: string; message: string }[] };
    };
    assert.equal(body.error.code, 'validation_failed');
    assert.equal(body.error.message, 'Dữ liệu gửi lên không hợp lệ.');
    assert.equal(body.error.fields[0]?.field, 'sort');
    assert.match(body.error.fields[0]!.message, /-progress/);
    const en = await get('/api/v1/news?sort=author', { 'accept-language': 'en' });
    assert.equal(en.statusCode, 400);
    const enBody = en.json() as { error: { fields: { message: string }[] } };
    assert.match(enBody.error.fields[0]!.message, /Invalid option: expected one of .*"-published"/);
  });

  test('a cursor that is not ours, or belongs to another sort, is refused', async () => {
    const bad = await get('/api/v1/tasks?cursor=not-a-cursor');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Con trỏ trang \(cursor\) không hợp lệ/);
    const page = (await get('/api/v1/tasks?sort=title&limit=2')).json() as Page;
    const other = await get(`/api/v1/tasks?sort=due&cursor=${page.nextCursor}`, { 'accept-language': 'en' });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /Invalid page cursor/);
    const tampered = Buffer.from(JSON.stringify(['title', { x: 1 }, 1])).toString('base64url');
    assert.equal((await get(`/api/v1/tasks?sort=title&cursor=${tampered}`)).statusCode, 400);
  });

  test('an unknown filter and a limit over the maximum are refused', async () => {
    const unknown = await get('/api/v1/documents?kind=decision');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /kind/);
    const big = await get('/api/v1/news?limit=100000');
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /limit/);
    // The language switch is not a filter.
    assert.equal((await get('/api/v1/news?lang=en')).statusCode, 200);
  });

  test('the OpenAPI document describes limit, cursor, sort and the filters with examples', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        { get?: { parameters?: { name: string; schema?: { example?: unknown; enum?: unknown[] } }[] } }
      >;
    };
    for (const c of COLLECTIONS) {
      const path = c.url.split('?')[0]!.replace('{plan}', '{id}').replace('{indicator}', '{code}');
      const params = doc.paths[path]?.get?.parameters ?? [];
      const byName = new Map(params.map((p) => [p.name, p]));
      for (const name of ['limit', 'cursor', 'sort'])
        assert.ok(byName.get(name)?.schema?.example !== undefined, `${c.url}: ${name} has no example`);
      assert.ok((byName.get('sort')?.schema?.enum ?? []).length >= 2, `${c.url}: sort lists no values`);
    }
  });
});
