import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { loadConfig } from '../../kernel/config/index.ts';
import { agencies } from '../agencies/schema.ts';
import { runDeadlineJob } from '../notifications/daily-job.ts';
import { addDays } from './rules.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipartBody(
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type: string }[],
) {
  const boundary = `----qh${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('implementation API', () => {
  let t: TestApp;
  let planner: Session;
  let editorA: Session;
  let editorId: number;
  let agencyA: number;
  let agencyB: number;
  let programmeId: number;
  const taskIds: number[] = [];
  const today = new Date().toISOString().slice(0, 10);

  before(async () => {
    t = await startTestApp({ config: { dataDir: `${process.cwd()}/.test-cache/files-${process.pid}` } });
    const [a, b] = await t.database.db
      .insert(agencies)
      .values([
        { code: 'SXD', nameVi: 'Sở Xây dựng', kind: 'department', email: 'sxd@example.test' },
        { code: 'SNN', nameVi: 'Sở Nông nghiệp', kind: 'department' },
      ])
      .returning();
    agencyA = a!.id;
    agencyB = b!.id;
    const p = await createTestUser(t.database, 'planner');
    const e = await createTestUser(t.database, 'agency_editor', { agencyId: agencyA });
    await createTestUser(t.database, 'leader');
    editorId = e.id;
    planner = await login(t.app, p.email);
    editorA = await login(t.app, e.email);
  });
  after(async () => t.close());

  test('a planner creates a programme and tasks for two agencies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programmes',
      headers: planner.headers(),
      payload: { code: 'CT-01', title: 'Chương trình thử' },
    });
    assert.equal(res.statusCode, 201, res.body);
    programmeId = res.json().id;
    for (const [title, lead, isPublic, due] of [
      ['Lập quy hoạch chung đô thị A', agencyA, true, addDays(today, 30)],
      ['Nhiệm vụ riêng của B', agencyB, false, addDays(today, 30)],
      ['Nhiệm vụ quá hạn của A', agencyA, false, addDays(today, -20)],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: planner.headers(),
        payload: {
          programmeId,
          title,
          leadAgencyId: lead,
          isPublic,
          startDate: addDays(today, -60),
          dueDate: due,
          product: 'Quyết định phê duyệt',
          budget: { local: 1_500_000_000, oda: 200_000_000 },
          links: [{ type: 'indicator', key: 'grdp_growth' }],
        },
      });
      assert.equal(r.statusCode, 201, r.body);
      taskIds.push(r.json().id);
    }
    const one = await t.app.inject({ url: `/api/v1/tasks/${taskIds[0]}` });
    assert.equal(one.json().budget.local, 1_500_000_000);
    assert.equal(one.json().budget.central, null);
    assert.deepEqual(one.json().links, [{ type: 'indicator', key: 'grdp_growth' }]);
  });

  test("agency A's editor sees only its own and public tasks; B's private task is 403", async () => {
    const list = await t.app.inject({
      url: `/api/v1/tasks?programme=${programmeId}`,
      headers: editorA.headers(),
    });
    const titles = list.json().items.map((x: { title: string }) => x.title);
    assert.deepEqual(titles.sort(), ['Lập quy hoạch chung đô thị A', 'Nhiệm vụ quá hạn của A'].sort());
    const hidden = await t.app.inject({ url: `/api/v1/tasks/${taskIds[1]}`, headers: editorA.headers() });
    assert.equal(hidden.statusCode, 403);
    const anon = await t.app.inject({ url: `/api/v1/tasks/${taskIds[1]}` });
    assert.equal(anon.statusCode, 404);
    const anonList = await t.app.inject({ url: '/api/v1/tasks' });
    assert.equal(anonList.json().total, 1);
  });

  test('the summary counts by status only what the reader may see, with the list filters', async () => {
    const summary = async (headers?: Record<string, string>) =>
      (await t.app.inject({ url: `/api/v1/tasks/summary?programme=${programmeId}`, headers })).json()
        .byStatus as { status: string; count: number; averageProgress: number }[];
    assert.deepEqual(await summary(planner.headers()), [
      { status: 'not_started', count: 3, averageProgress: 0 },
    ]);
    assert.deepEqual(await summary(editorA.headers()), [
      { status: 'not_started', count: 2, averageProgress: 0 },
    ]);
    assert.deepEqual(await summary(), [{ status: 'not_started', count: 1, averageProgress: 0 }]);
    const bad = await t.app.inject({ url: '/api/v1/tasks/summary?status=unknown' });
    assert.equal(bad.statusCode, 400);
  });

  test("agency A's editor cannot write anything of agency B (403), nothing written", async () => {
    const before = await countRows(t.database, 'audit_log');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${taskIds[1]}`,
      headers: editorA.headers(),
      payload: { title: 'x', rowVersion: 1 },
    });
    assert.equal(patch.statusCode, 403);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: editorA.headers(),
      payload: { programmeId, title: 'for B', leadAgencyId: agencyB },
    });
    assert.equal(create.statusCode, 403);
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskIds[1]}/reports`,
      headers: editorA.headers(),
      payload: { period: '2026-Q1', progress: 10, narrative: 'x' },
    });
    assert.equal(report.statusCode, 403);
    const moveAway = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${taskIds[0]}`,
      headers: editorA.headers(),
      payload: { leadAgencyId: agencyB, rowVersion: 1 },
    });
    assert.equal(moveAway.statusCode, 403);
    assert.equal(await countRows(t.database, 'audit_log'), before);
  });

  test('concurrent edit: the second writer with the old rowVersion gets 409 and a clear message', async () => {
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${taskIds[0]}`,
      headers: editorA.headers(),
      payload: { product: 'Quyết định phê duyệt quy hoạch chung đô thị A', rowVersion: 1 },
    });
    assert.equal(first.statusCode, 200, first.body);
    const second = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${taskIds[0]}`,
      headers: planner.headers(),
      payload: { title: 'Tên khác', rowVersion: 1 },
    });
    assert.equal(second.statusCode, 409);
    assert.match(second.json().error.message, /người khác thay đổi/);
    const now = await t.app.inject({ url: `/api/v1/tasks/${taskIds[0]}` });
    assert.equal(now.json().title, 'Lập quy hoạch chung đô thị A');
  });

  test('report workflow: submit with a PDF → returned → resubmitted → approved; only approval changes the task', async () => {
    const taskId = taskIds[0]!;
    const bad = multipartBody({ period: '2026-03', progress: '40', narrative: 'Đã lập đề cương' }, [
      { name: 'evil.pdf', bytes: Buffer.from('MZ not a pdf'), type: 'application/pdf' },
    ]);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/reports`,
      headers: editorA.headers({ 'content-type': bad.contentType }),
      payload: bad.payload,
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(await countRows(t.database, 'progress_reports'), 0);

    const form = multipartBody(
      {
        period: '2026-03',
        progress: '40',
        narrative: 'Đã lập đề cương',
        requestedDueDate: addDays(today, 60),
        dueDateReason: 'Chờ ý kiến bộ',
      },
      [{ name: 'bien-ban.pdf', bytes: PDF, type: 'application/pdf' }],
    );
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/reports`,
      headers: editorA.headers({ 'content-type': form.contentType }),
      payload: form.payload,
    });
    assert.equal(created.statusCode, 201, created.body);
    const report = created.json();
    assert.equal(report.state, 'submitted');
    assert.equal(await countRows(t.database, 'report_files'), 1);

    let task = (await t.app.inject({ url: `/api/v1/tasks/${taskId}` })).json();
    assert.equal(task.progress, 0);
    assert.equal(task.reported, false);

    const editorApproves = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/approve`,
      headers: editorA.headers(),
      payload: { rowVersion: report.rowVersion },
    });
    assert.equal(editorApproves.statusCode, 403);

    const returned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/return`,
      headers: planner.headers(),
      payload: { rowVersion: report.rowVersion, comment: 'Bổ sung biên bản' },
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().state, 'returned');

    const approveReturned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/approve`,
      headers: planner.headers(),
      payload: { rowVersion: returned.json().rowVersion },
    });
    assert.equal(approveReturned.statusCode, 409);

    // Resubmission through the use case (the page's form does the same).
    const { reviseReport } = await import('./use-cases.ts');
    const { reportDepsOf } = await import('./api.ts');
    const { systemActor } = await import('../../kernel/http/context.ts');
    const resubmitted = await reviseReport(
      t.database.db,
      reportDepsOf({
        db: t.database.db,
        database: t.database,
        config: loadConfig({}, { dataDir: `${process.cwd()}/.test-cache/files-${process.pid}` }),
      }),
      systemActor('test'),
      {
        id: editorId,
        email: '',
        displayName: '',
        role: 'agency_editor',
        agencyId: agencyA,
        mustChangePassword: false,
      },
      report.id,
      {
        period: '2026-03',
        progress: 40,
        narrative: 'Đã lập đề cương, kèm biên bản',
        requestedDueDate: addDays(today, 60),
        dueDateReason: 'Chờ ý kiến bộ',
        submit: true,
        rowVersion: returned.json().rowVersion,
      },
    );
    assert.equal(resubmitted.state, 'submitted');

    // Two planners approve the same report at once: exactly one approval.
    const results = await Promise.all(
      [0, 1].map(() =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/reports/${report.id}/approve`,
          headers: planner.headers(),
          payload: { rowVersion: resubmitted.rowVersion },
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);

    task = (await t.app.inject({ url: `/api/v1/tasks/${taskId}` })).json();
    assert.equal(task.progress, 40);
    assert.equal(task.status, 'in_progress');
    assert.equal(task.reported, true);
    assert.equal(task.dueDate, addDays(today, 60));

    const programme = (
      await t.app.inject({ url: `/api/v1/programmes/${programmeId}`, headers: planner.headers() })
    ).json();
    assert.equal(programme.rollup.progress, 40);
    assert.equal(programme.rollup.unreported, 2);
    assert.equal(programme.rollup.counted, 1);

    const events = await t.database.db.execute(
      `select kind from task_events where task_id = ${taskId} order by id` as never,
    );
    const kinds = (events as unknown as { rows: { kind: string }[] }).rows.map((r) => r.kind);
    assert.deepEqual(kinds, [
      'created',
      'updated',
      'report_submitted',
      'report_returned',
      'report_submitted',
      'report_approved',
    ]);
  });

  test('bad input gets 400, never 500', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: planner.headers(),
      payload: {
        programmeId,
        title: 'x',
        leadAgencyId: 999999,
        startDate: '2026-05-01',
        dueDate: '2026-04-01',
      },
    });
    assert.equal(r.statusCode, 400);
    const s = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${taskIds[0]}`,
      headers: planner.headers(),
      payload: { status: 'not_started', rowVersion: 99 },
    });
    assert.equal(s.statusCode, 400);
  });

  test('the daily job run twice in one day sends one reminder; overdue tasks escalate', async () => {
    const config = { reminderDaysBefore: 70, escalationDaysOverdue: 14, publicUrl: undefined };
    const first = await runDeadlineJob(t.database.db, config, today);
    assert.equal(first.ran, true);
    const n = await countRows(t.database, 'outbox');
    assert.ok(n > 0);
    const second = await runDeadlineJob(t.database.db, config, today);
    assert.equal(second.ran, false);
    assert.equal(await countRows(t.database, 'outbox'), n);
    const rows = (
      (await t.database.db.execute(
        `select kind, recipient, subject from outbox order by id` as never,
      )) as unknown as {
        rows: { kind: string; recipient: string; subject: string }[];
      }
    ).rows;
    // Task of B (due in 30 days, within 70): no agency e-mail, no editor → nobody to remind.
    const reminders = rows.filter((r) => r.kind === 'reminder_before');
    assert.equal(reminders.filter((r) => r.recipient === 'sxd@example.test').length, 1);
    assert.ok(rows.some((r) => r.kind === 'overdue' && r.subject.includes('Nhiệm vụ quá hạn của A')));
    assert.ok(rows.some((r) => r.kind === 'escalation'));
    // The next day (catch-up or normal run) queues nothing already queued.
    const next = await runDeadlineJob(t.database.db, config, addDays(today, 1));
    assert.equal(next.ran, true);
    assert.equal(await countRows(t.database, 'outbox'), n);
  });
});

describe('public implementation page', () => {
  test('shows only public tasks, with the sample badge and how the roll-up was computed', async () => {
    const t = await startTestApp({ seeded: true });
    try {
      const res = await t.app.inject({ url: '/ke-hoach-thuc-hien' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Dữ liệu mẫu/);
      assert.match(res.body, /Rà soát quy hoạch chung các đô thị \(mẫu\)/);
      assert.match(res.body, /chưa báo cáo/);
      const en = await t.app.inject({ url: '/ke-hoach-thuc-hien?lang=en' });
      assert.match(en.body, /Sample data/);
    } finally {
      await t.close();
    }
  });
});
