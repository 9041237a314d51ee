// Public views of the implementation plan by agency, commune, breakthrough and sector:
// which tasks each number counts, how it says so, and that private tasks never show.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';
import { tasks } from './schema.ts';

let t: TestApp;
let planner: Session;
let agencyA: number;
let agencyB: number;
let commune: string;
const id = new Map<string, number>();

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  const [a, b] = await t.database.db
    .insert(agencies)
    .values([
      { code: 'PV-A', nameVi: 'Cơ quan công khai A', kind: 'department' },
      { code: 'PV-B', nameVi: 'Cơ quan công khai B', kind: 'department' },
    ])
    .returning();
  agencyA = a!.id;
  agencyB = b!.id;
  const r = (await t.database.db.execute(
    "select id from admin_units where level = 'commune' and valid_to is null order by id limit 1",
  )) as unknown as { rows: { id: string }[] };
  commune = r.rows[0]!.id;
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'CT-PV', title: 'Chương trình công khai thử', isPublic: true },
  });
  assert.equal(p.statusCode, 201, p.body);
  const specs = [
    {
      title: 'PV nhiệm vụ 1 của A tại xã',
      leadAgencyId: agencyA,
      communeIds: [commune],
      weight: 2,
      links: [
        { type: 'sector', key: 'industry' },
        { type: 'breakthrough', key: 'dot_pha_1' },
      ],
      progress: 50,
    },
    {
      title: 'PV nhiệm vụ 2 toàn tỉnh của A, B phối hợp',
      leadAgencyId: agencyA,
      coordinatingAgencyIds: [agencyB],
      wholeProvince: true,
      weight: 1,
      progress: 20,
    },
    { title: 'PV nhiệm vụ 3 của B tại xã', leadAgencyId: agencyB, communeIds: [commune], weight: 1 },
    { title: 'PV nhiệm vụ riêng của A', leadAgencyId: agencyA, communeIds: [commune], isPublic: false },
  ];
  for (const { progress, ...spec } of specs) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: planner.headers(),
      payload: { programmeId: p.json().id, isPublic: true, ...spec },
    });
    assert.equal(res.statusCode, 201, res.body);
    id.set(spec.title, res.json().id);
    // Progress as an approved report would leave it (the report workflow has its own tests).
    if (progress !== undefined)
      await t.database.db
        .update(tasks)
        .set({ progress, status: 'in_progress', reportedAt: new Date() })
        .where(eq(tasks.id, res.json().id));
  }
});
after(async () => {
  await t.close();
});

const get = async (url: string) => {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return res.body;
};

test('the public plan links to the four views; the agency view lists agencies with their roll-up', async () => {
  const home = await get('/ke-hoach-thuc-hien');
  for (const v of ['co-quan', 'xa', 'dot-pha', 'linh-vuc'])
    assert.match(home, new RegExp(`href="/ke-hoach-thuc-hien/${v}"`));
  const list = await get('/ke-hoach-thuc-hien/co-quan');
  assert.match(list, new RegExp(`href="/ke-hoach-thuc-hien/co-quan/${agencyA}">Cơ quan công khai A`));
  assert.match(list, /trên các nhiệm vụ công khai mà cơ quan chủ trì/);
});

test("an agency's number counts the tasks it leads, by weight, and says so; coordinated tasks are beside", async () => {
  const a = await get(`/ke-hoach-thuc-hien/co-quan/${agencyA}`);
  // (2 × 50 + 1 × 20) / 3 = 40
  assert.match(a, /aria-valuenow="40"/);
  assert.match(a, /Bình quân có trọng số trên 2\/2 nhiệm vụ/);
  assert.doesNotMatch(a, /PV nhiệm vụ riêng của A/);
  const b = await get(`/ke-hoach-thuc-hien/co-quan/${agencyB}`);
  assert.match(b, /Nhiệm vụ cơ quan phối hợp \(không tính\)/);
  assert.match(b, /PV nhiệm vụ 2 toàn tỉnh của A, B phối hợp/);
  // B leads one unreported task: no number, and the page says why.
  assert.match(b, /Chưa có nhiệm vụ nào được báo cáo/);
});

test("a commune's number counts the tasks placed there; whole-province tasks are listed, not counted", async () => {
  const list = await get('/ke-hoach-thuc-hien/xa');
  assert.match(list, new RegExp(`href="/ke-hoach-thuc-hien/xa/${commune}"`));
  const c = await get(`/ke-hoach-thuc-hien/xa/${commune}`);
  assert.match(c, /aria-valuenow="50"/);
  assert.match(c, /Bình quân có trọng số trên 1\/2 nhiệm vụ \(trọng số 66,7%\); 1 chưa báo cáo/);
  assert.match(c, /Nhiệm vụ toàn tỉnh \(không tính\)/);
  assert.doesNotMatch(c, /PV nhiệm vụ riêng của A/);
});

test('breakthroughs and sectors list every plan item, with the tasks linked to each', async () => {
  const sectors = await get('/ke-hoach-thuc-hien/linh-vuc');
  assert.match(sectors, /href="\/ke-hoach-thuc-hien\/linh-vuc\/industry">Công nghiệp/);
  const industry = await get('/ke-hoach-thuc-hien/linh-vuc/industry');
  assert.match(industry, /PV nhiệm vụ 1 của A tại xã/);
  assert.match(industry, /aria-valuenow="50"/);
  const breakthroughs = await get('/ke-hoach-thuc-hien/dot-pha');
  assert.equal((breakthroughs.match(/href="\/ke-hoach-thuc-hien\/dot-pha\/dot_pha_\d"/g) ?? []).length, 6);
  assert.match(await get('/ke-hoach-thuc-hien/dot-pha/dot_pha_1'), /PV nhiệm vụ 1 của A tại xã/);
  assert.equal((await t.app.inject({ url: '/ke-hoach-thuc-hien/linh-vuc/khong-co' })).statusCode, 404);
  assert.equal(
    (await t.app.inject({ url: `/ke-hoach-thuc-hien/co-quan/${agencyA + 1000}` })).statusCode,
    404,
  );
});

test('the task list filtered by agency holds the tasks it leads and those it coordinates, with the other filters', async () => {
  const list = async (query: string) => {
    const res = await t.app.inject({ url: `/api/v1/tasks?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { total: number; items: { title: string }[] };
    return { total: body.total, titles: body.items.map((i) => i.title).sort() };
  };
  assert.deepEqual(await list(`agency=${agencyB}`), {
    total: 2,
    titles: ['PV nhiệm vụ 2 toàn tỉnh của A, B phối hợp', 'PV nhiệm vụ 3 của B tại xã'],
  });
  assert.deepEqual(await list(`agency=${agencyB}&status=in_progress`), {
    total: 1,
    titles: ['PV nhiệm vụ 2 toàn tỉnh của A, B phối hợp'],
  });
  // The private task A leads stays out for an anonymous reader.
  assert.deepEqual((await list(`agency=${agencyA}`)).titles, [
    'PV nhiệm vụ 1 của A tại xã',
    'PV nhiệm vụ 2 toàn tỉnh của A, B phối hợp',
  ]);
});
