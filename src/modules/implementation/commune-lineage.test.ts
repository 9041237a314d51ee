// Tasks by place across the 2025 reorganisation: asking for a pre-2025 commune
// finds the tasks placed in the 2025 commune it became part of, and the other way round.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { queryRows } from '../../kernel/db/query.ts';
import { agencies } from '../agencies/schema.ts';

let t: TestApp;
let planner: Session;
let link: { oldId: string; newId: string };
let unrelated: string;
let taskId: number;

before(async () => {
  t = await startTestApp({ seeded: true });
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  const [row] = await queryRows<{ oldId: string; newId: string }>(
    t.database.db,
    sql`select l.predecessor_id as "oldId", l.successor_id as "newId" from admin_unit_lineage l
        join admin_units o on o.id = l.predecessor_id where o.level = 'commune' and l.share = 'full' limit 1`,
  );
  link = row!;
  const [other] = await queryRows<{ id: string }>(
    t.database.db,
    sql`select id from admin_units where level = 'commune' and valid_to is null and id <> ${link.newId}
        and id not in (select successor_id from admin_unit_lineage where predecessor_id = ${link.oldId}) limit 1`,
  );
  unrelated = other!.id;
  const [a] = await t.database.db
    .insert(agencies)
    .values({ code: 'LIN-A', nameVi: 'Sở thử nghiệm', kind: 'department' })
    .returning();
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'LIN-CT', title: 'Chương trình theo địa bàn' },
  });
  const task = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tasks',
    headers: planner.headers(),
    payload: {
      programmeId: p.json().id,
      title: 'Nhiệm vụ tại xã mới',
      leadAgencyId: a!.id,
      isPublic: true,
      communeIds: [link.newId],
    },
  });
  assert.equal(task.statusCode, 201, task.body);
  taskId = task.json().id;
});
after(async () => t.close());

async function titlesFor(commune: string): Promise<number[]> {
  const res = await t.app.inject({ url: `/api/v1/tasks?commune=${encodeURIComponent(commune)}` });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { id: number }[]).map((i) => i.id);
}

test('a task placed in a 2025 commune is found by that commune and by the old commune it absorbed', async () => {
  assert.ok((await titlesFor(link.newId)).includes(taskId));
  assert.ok((await titlesFor(link.oldId)).includes(taskId), `old ${link.oldId} → new ${link.newId}`);
  assert.ok(!(await titlesFor(unrelated)).includes(taskId));
});
