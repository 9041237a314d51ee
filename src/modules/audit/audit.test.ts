import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { auditLog } from './schema.ts';

type Row = {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  actorLabel: string;
  after: unknown;
};
type Page = { items: Row[]; nextCursor: number | null };

let t: TestApp;
let admin: Session;
let actorId: number;
const entity = `test_thing_${process.pid}`;

before(async () => {
  t = await startTestApp({ config: { loginRateLimitPerMinute: 10_000 } });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
  actorId = (await createTestUser(t.database, 'planner', { email: `nguoi-sua-${process.pid}@example.test` }))
    .id;
  // Rows at known instants. 2024-03-04T18:30Z is 05/03/2024 01:30 in Vietnam, so it belongs to 5 March there.
  await t.database.db.insert(auditLog).values([
    {
      at: new Date('2024-03-03T10:00:00Z'),
      actorUserId: null,
      actorLabel: 'system',
      via: 'system',
      action: 'create',
      entity,
      entityId: '1',
      hash: 'fixture',
      after: { name: 'một' },
    },
    {
      at: new Date('2024-03-04T18:30:00Z'),
      actorUserId: actorId,
      actorLabel: `nguoi-sua-${process.pid}@example.test`,
      via: 'web',
      action: 'update',
      entity,
      entityId: '1',
      hash: 'fixture',
      before: { name: 'một' },
      after: { name: 'hai' },
    },
    {
      at: new Date('2024-03-05T12:00:00Z'),
      actorUserId: actorId,
      actorLabel: `nguoi-sua-${process.pid}@example.test`,
      via: 'api',
      action: 'update',
      entity,
      entityId: '2',
      hash: 'fixture',
      after: { name: 'ba' },
    },
    {
      at: new Date('2024-03-06T01:00:00Z'),
      actorUserId: null,
      actorLabel: 'cli:import',
      via: 'cli',
      action: 'deactivate',
      entity,
      entityId: '2',
      hash: 'fixture',
    },
  ]);
});
after(async () => {
  await t.close();
});

const api = async (query: string, session: Session = admin, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/audit?entity=${entity}&${query}`,
    headers: session.headers(headers),
  });

const ids = (res: { json(): unknown }) => (res.json() as Page).items.map((r) => `${r.action}:${r.entityId}`);

describe('audit log API', () => {
  test('newest first, filtered by record, actor (id or label) and Vietnam-time dates', async () => {
    const all = await api('');
    assert.equal(all.statusCode, 200);
    assert.deepEqual(ids(all), ['deactivate:2', 'update:2', 'update:1', 'create:1']);
    assert.deepEqual(ids(await api('entityId=1')), ['update:1', 'create:1']);
    assert.deepEqual(ids(await api(`userId=${actorId}`)), ['update:2', 'update:1']);
    assert.deepEqual(ids(await api('actor=CLI:')), ['deactivate:2']);
    assert.deepEqual(ids(await api('from=2024-03-05&to=2024-03-05')), ['update:2', 'update:1']);
    assert.deepEqual(ids(await api('from=2024-03-05T00:00:00Z')), ['deactivate:2', 'update:2']);
    assert.deepEqual(ids(await api('to=2024-03-04')), ['create:1']);
    const first = (await api('')).json() as Page;
    assert.deepEqual(first.items[1]!.after, { name: 'ba' });
  });

  test('pages by id cursor', async () => {
    const first = (await api('limit=3')).json() as Page;
    assert.equal(first.items.length, 3);
    assert.ok(first.nextCursor);
    const second = (await api(`limit=3&cursor=${first.nextCursor}`)).json() as Page;
    assert.deepEqual(
      second.items.map((r) => r.action),
      ['create'],
    );
    assert.equal(second.nextCursor, null);
  });

  test('bad dates get 400 in the asked language', async () => {
    const bad = await api('from=05/03/2024');
    assert.equal(bad.statusCode, 400);
    assert.match(JSON.stringify(bad.json()), /YYYY-MM-DD/);
    const order = await api('from=2024-03-06&to=2024-03-05', admin, { 'accept-language': 'en' });
    assert.equal(order.statusCode, 400);
    assert.match(JSON.stringify(order.json()), /cannot be before the start date/);
  });

  test('only administrators may read it, and no route changes or deletes it', async () => {
    const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    assert.equal((await api('', planner)).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode, 401);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/api/v1/audit', '/api/v1/audit/1', '/admin/audit', '/admin/audit/1']) {
        const res = await t.app.inject({ method, url, headers: admin.headers(), payload: {} });
        assert.equal(res.statusCode, 404, `${method} ${url}`);
      }
    }
  });
});

describe('audit log page', () => {
  const page = (session: Session, query: string) =>
    t.app.inject({
      method: 'GET',
      url: `/admin/audit?${query}`,
      headers: { cookie: session.cookie, accept: 'text/html' },
    });

  test('shows the filtered rows with Vietnam time, actor, action and before/after JSON', async () => {
    const res = await page(admin, `entity=${entity}&from=05/03/2024&to=5/3/2024`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /05\/03\/2024 01:30/);
    assert.match(res.body, /05\/03\/2024 19:00/);
    assert.doesNotMatch(res.body, /03\/03\/2024 17:00/);
    assert.match(res.body, new RegExp(`nguoi-sua-${process.pid}@example.test`));
    assert.match(res.body, /<details>/);
    assert.match(res.body, /&quot;name&quot;: &quot;hai&quot;|"name": "hai"/);
    assert.match(res.body, /Trang web/);
    const byActor = await page(admin, `entity=${entity}&actor=${actorId}`);
    assert.doesNotMatch(byActor.body, /cli:import/);
    const older = await page(admin, `entity=${entity}`);
    assert.match(older.body, /Nhật ký thay đổi/);
  });

  test('a wrong date re-renders the form with the error, the input kept and status 400', async () => {
    const res = await page(admin, `entity=${entity}&from=2024-03-05`);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#f-from"/);
    assert.match(res.body, /Nhập ngày theo dạng ngày\/tháng\/năm/);
    assert.match(res.body, /value="2024-03-05"/);
  });

  test('non-administrators get 403', async () => {
    const planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
    assert.equal((await page(planner, '')).statusCode, 403);
  });
});
