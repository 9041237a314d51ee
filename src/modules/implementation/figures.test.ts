import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { listTaskFigures, listTasks } from './queries.ts';

let database: TestDatabase;
before(async () => {
  database = await freshDatabase({ seeded: true });
});
after(async () => database.drop());

test("the dashboard's task figures: every task of the list, in its order, with the columns it uses", async () => {
  // (titles are read for the listed tasks only: taskTitles)
  const all = { kind: 'all', write: false, review: false } as const;
  const every = await listTaskFigures(database.db, all, { today: '2026-06-30' });
  assert.ok(every.length > 0, 'the seeded plan has tasks');
  const agencies = [...new Set(every.map((t) => t.leadAgencyId))].slice(0, 2);
  for (const filter of [{}, ...agencies.map((agency) => ({ agency }))]) {
    const q = { today: '2026-06-30', ...filter };
    const { items, total } = await listTasks(database.db, all, { ...q, pageSize: 100_000 });
    const figures = await listTaskFigures(database.db, all, q);
    assert.equal(figures.length, total);
    // Whether a task was reported is all the dashboard reads of the report time.
    assert.deepEqual(
      figures.map((f) => ({ ...f, reportedAt: f.reportedAt !== null })),
      items.map((t) => ({
        id: t.id,
        parentId: t.parentId,
        leadAgencyId: t.leadAgencyId,
        status: t.status,
        progress: t.progress,
        weight: t.weight,
        startDate: t.startDate,
        dueDate: t.dueDate,
        milestones: t.milestones,
        reportedAt: t.reportedAt !== null,
        isSample: t.isSample,
      })),
    );
  }
});
