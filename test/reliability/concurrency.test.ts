// Concurrency: what happens when two people (or two processes) do the same
// thing at the same instant. Exactly one wins; the other is told so (409);
// nothing is done twice.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { agencies } from '../../src/modules/agencies/schema.ts';
import { auditLog } from '../../src/modules/audit/schema.ts';
import { addDays } from '../../src/modules/implementation/rules.ts';
import { todayIn } from '../../src/modules/notifications/daily-job.ts';
import { outbox } from '../../src/modules/notifications/schema.ts';
import { createTestUser, login, type Session, startTestApp, type TestApp } from '../helpers/app.ts';
import { testEngine } from '../helpers/db.ts';

const run = promisify(execFile);
let t: TestApp;
let planner1: Session;
let planner2: Session;
let editor1: Session;
let editor2: Session;
let agencyId: number;
let programmeId: number;
const today = todayIn();

before(async () => {
  t = await startTestApp({ config: { dataDir: `${process.cwd()}/.test-cache/concurrency-${process.pid}` } });
  const [a] = await t.database.db
    .insert(agencies)
    .values({ code: 'CC-A', nameVi: 'Sở thử nghiệm đồng thời', kind: 'department', email: 'so@example.test' })
    .returning();
  agencyId = a!.id;
  planner1 = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  planner2 = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  editor1 = await login(t.app, (await createTestUser(t.database, 'agency_editor', { agencyId })).email);
  editor2 = await login(t.app, (await createTestUser(t.database, 'agency_editor', { agencyId })).email);
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner1.headers(),
    payload: { code: 'CC-01', title: 'Chương trình đồng thời' },
  });
  programmeId = p.json().id;
});
after(async () => t.close());

async function newTask(
  title: string,
  dueDate = addDays(today, 30),
): Promise<{ id: number; rowVersion: number }> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tasks',
    headers: planner1.headers(),
    payload: { programmeId, title, leadAgencyId: agencyId, startDate: addDays(today, -30), dueDate },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

describe('two editors save the same task at the same instant', () => {
  test('exactly one succeeds, the other gets 409 with a clear message, and the winner’s text stays', async () => {
    const task = await newTask('Nhiệm vụ sửa đồng thời');
    const [a, b] = await Promise.all(
      [editor1, editor2].map((s, i) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/tasks/${task.id}`,
          headers: s.headers(),
          payload: { product: `Sản phẩm của người ${i + 1}`, rowVersion: task.rowVersion },
        }),
      ),
    );
    const codes = [a!.statusCode, b!.statusCode].sort();
    assert.deepEqual(codes, [200, 409], `${a!.body} / ${b!.body}`);
    const loser = a!.statusCode === 409 ? a! : b!;
    const winnerIndex = a!.statusCode === 200 ? 1 : 2;
    assert.match(loser.json().error.message, /\S/);
    const now = (await t.app.inject({ url: `/api/v1/tasks/${task.id}`, headers: planner1.headers() })).json();
    assert.equal(now.product, `Sản phẩm của người ${winnerIndex}`);
    assert.equal(now.rowVersion, task.rowVersion + 1);
  });
});

describe('two planners approve the same report at the same instant', () => {
  test('one approval: one 200, one 409, one audit entry, progress applied once', async () => {
    const task = await newTask('Nhiệm vụ duyệt đồng thời');
    const form = new URLSearchParams({ period: '2026-03', progress: '40', narrative: 'Đã lập đề cương' });
    const boundary = '----cc';
    const body = Buffer.from(
      `${[...form.entries()]
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('')}--${boundary}--\r\n`,
    );
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${task.id}/reports`,
      headers: editor1.headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }),
      payload: body,
    });
    assert.equal(created.statusCode, 201, created.body);
    const report = created.json();
    const answers = await Promise.all(
      [planner1, planner2].map((s) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/reports/${report.id}/approve`,
          headers: s.headers(),
          payload: { rowVersion: report.rowVersion },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((r) => r.statusCode).sort(),
      [200, 409],
      answers.map((r) => r.body).join(' / '),
    );
    const approvals = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'progress_report'), eq(auditLog.entityId, String(report.id))));
    assert.equal(approvals.filter((r) => r.action === 'approve').length, 1, JSON.stringify(approvals));
    const now = (await t.app.inject({ url: `/api/v1/tasks/${task.id}`, headers: planner1.headers() })).json();
    assert.equal(now.progress, 40);
  });
});

describe('the daily job started in two processes on one PostgreSQL server', () => {
  test('runs once: one process does the work, the other finds it done; one reminder per task', {
    skip: testEngine !== 'postgres' && 'needs a PostgreSQL server (set TEST_DATABASE_URL)',
  }, async () => {
    await newTask('Nhiệm vụ sắp đến hạn', addDays(today, 3));
    await newTask('Nhiệm vụ đã quá hạn', addDays(today, -2));
    const script = path.join(import.meta.dirname, 'daily-job-process.ts');
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const results = await Promise.all(
      [1, 2].map(() => run(tsx, [script, t.database.url!, today], { timeout: 120_000 })),
    );
    const parsed = results.map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!));
    assert.deepEqual(parsed.map((r) => r.ran).sort(), [false, true], JSON.stringify(parsed));
    const queued = parsed.find((r) => r.ran).queued;
    assert.ok(queued >= 2, `queued ${queued}`);
    const messages = await t.database.db.select().from(outbox);
    assert.equal(messages.length, queued);
    assert.equal(new Set(messages.map((m) => m.dedupeKey)).size, messages.length);
  });
});
