// What implementation and the priority projects contribute to the leadership
// dashboard and to the assessment report, seen through the API and the files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import {
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { agencies } from '../agencies/schema.ts';
import { todayIn } from '../notifications/daily-job.ts';
import { projects } from '../projects/schema.ts';
import { addDays } from './rules.ts';

let t: TestApp;
let planner: Session;
let leader: Session;
let agencyA: number;
let agencyB: number;
const today = todayIn();

type Section = { key: string; title: string; data: unknown; tables: { key: string; rows: unknown[][] }[] };

async function dashboard(query = ''): Promise<Section[]> {
  const res = await t.app.inject({ url: `/api/v1/dashboard${query}`, headers: leader.headers() });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { sections: Section[] }).sections;
}

const table = (sections: Section[], section: string, key: string) =>
  sections.find((s) => s.key === section)!.tables.find((x) => x.key === key)!.rows;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  const [a, b] = await t.database.db
    .insert(agencies)
    .values([
      { code: 'T-SXD', nameVi: 'Sở Thử A', kind: 'department' },
      { code: 'T-SNN', nameVi: 'Sở Thử B', kind: 'department' },
    ])
    .returning();
  agencyA = a!.id;
  agencyB = b!.id;
  planner = await login(t.app, (await createTestUser(t.database, 'planner')).email);
  leader = await login(t.app, (await createTestUser(t.database, 'leader')).email);
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'CT-DASH', title: 'Chương trình thử bảng điều khiển' },
  });
  assert.equal(p.statusCode, 201, p.body);
  for (const [title, lead, due] of [
    ['Nhiệm vụ quá hạn của A', agencyA, addDays(today, -15)],
    ['Nhiệm vụ đúng hạn của A', agencyA, addDays(today, 200)],
    ['Nhiệm vụ của B', agencyB, addDays(today, 100)],
  ] as const) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: planner.headers(),
      payload: {
        programmeId: p.json().id,
        title,
        leadAgencyId: lead,
        startDate: addDays(today, -100),
        dueDate: due,
        product: 'Báo cáo thử',
      },
    });
    assert.equal(r.statusCode, 201, r.body);
  }
  // Two projects get progress and disbursement figures: one behind its plan, one on it.
  const rows = await t.database.db.select().from(projects).orderBy(projects.id).limit(2);
  await t.database.db
    .update(projects)
    .set({
      stage: 'under_construction',
      plannedProgress: 60,
      actualProgress: 20,
      plannedDisbursementVnd: 1_000_000_000_000,
      actualDisbursementVnd: 250_000_000_000,
      responsibleAgencyId: agencyA,
    })
    .where(eq(projects.id, rows[0]!.id));
  await t.database.db
    .update(projects)
    .set({
      stage: 'under_construction',
      plannedProgress: 50,
      actualProgress: 48,
      plannedDisbursementVnd: 1_000_000_000_000,
      actualDisbursementVnd: 750_000_000_000,
    })
    .where(eq(projects.id, rows[1]!.id));
});
after(async () => {
  await t.close();
});

test('the dashboard shows tasks by status, overdue tasks by agency, capital and alerts', async () => {
  const sections = await dashboard();
  const keys = sections.map((s) => s.key);
  for (const k of ['impl_tasks_status', 'impl_overdue_agencies', 'projects_portfolio', 'impl_alerts'])
    assert.ok(keys.includes(k), k);

  // 3 own tasks (not started) + 3 sample tasks (2 in progress, 1 not started).
  const byStatus = table(sections, 'impl_tasks_status', 'by_status');
  assert.deepEqual(
    byStatus.find((r) => r[0] === 'not_started'),
    ['not_started', 'Chưa bắt đầu', 4],
  );
  assert.equal(
    byStatus.reduce((a, r) => a + Number(r[2]), 0),
    6,
  );

  const byAgency = table(sections, 'impl_overdue_agencies', 'by_agency');
  const rowA = byAgency.find((r) => r[0] === agencyA)!;
  assert.equal(rowA[1], 'Sở Thử A');
  assert.equal(rowA[2], 1, 'one overdue task for A');
  assert.equal(rowA[6], 2, 'two tasks for A');
  assert.equal(byAgency.find((r) => r[0] === agencyB)![2], 0);

  const overdue = table(sections, 'impl_alerts', 'overdue_tasks');
  const mine = overdue.find((r) => r[1] === 'Nhiệm vụ quá hạn của A')!;
  assert.equal(mine[4], 15);
  assert.ok(!overdue.some((r) => r[1] === 'Nhiệm vụ đúng hạn của A'));
  const stalled = table(sections, 'impl_alerts', 'stalled_projects');
  assert.equal(stalled.length, 1, 'only the project 40 points behind is stalled');
  assert.equal(stalled[0]![2], 60);

  const portfolio = sections.find((s) => s.key === 'projects_portfolio')!.data as {
    total: number;
    both: { rate: number; count: number };
  };
  assert.equal(portfolio.both.count, 2);
  assert.equal(portfolio.both.rate, 50);
  const stages = table(sections, 'projects_portfolio', 'by_stage');
  assert.equal(stages.find((r) => r[0] === 'under_construction')![2], 2);
  assert.equal(stages.find((r) => r[0] === 'unknown')![2], portfolio.total - 2);
});

test('drilling down to one agency narrows the tasks and the projects', async () => {
  const sections = await dashboard(`?agencyId=${agencyA}`);
  const byStatus = table(sections, 'impl_tasks_status', 'by_status');
  assert.equal(
    byStatus.reduce((a, r) => a + Number(r[2]), 0),
    2,
  );
  const capital = table(sections, 'projects_portfolio', 'capital');
  assert.equal(capital.length, 1);
  assert.equal(table(sections, 'impl_alerts', 'stalled_projects').length, 1);
});

test('the dashboard page shows how the overall progress was computed and exports the alerts', async () => {
  const page = await t.app.inject({ url: '/dashboard', headers: { cookie: leader.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Nhiệm vụ quá hạn theo cơ quan chủ trì/);
  assert.match(page.body, /Bình quân có trọng số trên \d+\/6 nhiệm vụ/);
  assert.match(page.body, /50% = 1\.000 tỷ đồng đã giải ngân \/ 2\.000 tỷ đồng kế hoạch/);
  const xlsx = await t.app.inject({
    url: '/dashboard/export/impl_alerts.xlsx',
    headers: { cookie: leader.cookie },
  });
  assert.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.worksheets.length, 2);
  const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
  assert.ok(values.includes('Nhiệm vụ quá hạn của A'));
});

test('the assessment report carries the implementation progress and the priority projects', async () => {
  const year = today.slice(0, 4);
  const res = await t.app.inject({
    url: `/api/v1/reports/assessment?period=${year}&format=docx`,
    headers: leader.headers(),
  });
  assert.equal(res.statusCode, 200);
  const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
  const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
  const iii = text.indexOf('III. TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH THỰC HIỆN QUY HOẠCH');
  const iv = text.indexOf('IV. TÌNH HÌNH THỰC HIỆN CÁC DỰ ÁN ƯU TIÊN');
  const v = text.indexOf('V. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN');
  assert.ok(iii > 0 && iv > iii && v > iv);
  const implPart = text.slice(iii, iv);
  assert.match(implPart, /Nhiệm vụ quá hạn của A/);
  assert.match(implPart, /Quá hạn/);
  assert.match(implPart, /Bình quân có trọng số|Chưa có nhiệm vụ nào được báo cáo/);
  assert.match(implPart, /dữ liệu mẫu/);
  const projPart = text.slice(iv, v);
  assert.match(projPart, /Đường Vành đai V/);
  assert.match(projPart, /Đang thi công: 2/);
  assert.match(projPart, /Chưa xác minh/);
  assert.doesNotMatch(text.slice(iii, v), /Chưa có dữ liệu: phần này do phân hệ khác cung cấp/);

  // A period with no task says so instead of printing an empty table.
  const old = await t.app.inject({
    url: '/api/v1/reports/assessment?period=2021&format=docx',
    headers: leader.headers(),
  });
  const oldText = strFromU8(unzipSync(new Uint8Array(old.rawPayload))['word/document.xml']!).replace(
    /<[^>]+>/g,
    '',
  );
  assert.match(oldText, /Chưa có nhiệm vụ nào của kế hoạch thực hiện trong kỳ 2021/);
});
